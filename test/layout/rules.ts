/** Rulings for the layout tests, built by hand: a vertical one at x from y0 to y1, a horizontal one at y. */
import type { Ruling } from "../../src/model/index.js";

export const v = (x: number, y0: number, y1: number): Ruling => ({
  orientation: "v",
  x0: x,
  x1: x,
  y0,
  y1,
  width: 1,
});

export const h = (y: number, x0: number, x1: number): Ruling => ({
  orientation: "h",
  x0,
  x1,
  y0: y,
  y1: y,
  width: 1,
});
