import { describe, expect, it } from "vitest";
import { createCanvas } from "../../src/extract/canvas.js";
import { alongStroke, clearStrokes, strikeStrokes } from "../../src/extract/strokes.js";
import type { Ruling } from "../../src/model/index.js";

/** 4 pixels a point */
const S = 4;
const W = 400,
  H = 100;

/** an ink mask with boxes [x0, y0, x1, y1) (pixels) inked */
const mask = (...boxes: [number, number, number, number][]) => {
  const ink = new Uint8Array(W * H);
  for (const [x0, y0, x1, y1] of boxes)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * W + x] = 1;
  return ink;
};

/** a line of `n` letters from x 20: upright strokes 3 pixels wide, 24 tall from y 30, 8 apart */
const letters = (n: number) =>
  Array.from({ length: n }, (_, i) => [20 + i * 8, 30, 23 + i * 8, 54] as [number, number, number, number]);

describe("strokes through print on a page image", () => {
  it("finds a thin stroke through a line of letters, at its middle, in points", () => {
    const found = strikeStrokes(mask(...letters(10), [18, 41, 100, 43]), W, H, S);
    expect(found).toHaveLength(1);
    expect(found[0]!.orientation).toBe("h");
    expect(found[0]!.through).toBe(true);
    expect(found[0]!.x0).toBeCloseTo(18 / S, 5);
    expect(found[0]!.x1).toBeCloseTo(100 / S, 5);
    expect(found[0]!.y0).toBeCloseTo(42 / S, 5);
  });

  it("leaves an underline, a ruling in white, and letters joined at a bar", () => {
    // an underline under the letters: nothing below it
    expect(strikeStrokes(mask(...letters(10), [18, 54, 100, 56]), W, H, S)).toHaveLength(0);
    // a table's ruling with white above and below
    expect(strikeStrokes(mask([10, 60, 390, 62]), W, H, S)).toHaveLength(0);
    // crossbars run together near the letters' tops (`tt`): the stems run on far below, little above
    expect(strikeStrokes(mask([20, 30, 23, 54], [38, 30, 41, 54], [14, 36, 47, 38]), W, H, S)).toHaveLength(
      0,
    );
    // two wide letters joined by a bar across the small white between them (`ff`): a bar of print
    expect(strikeStrokes(mask([20, 30, 34, 54], [37, 30, 51, 54], [20, 41, 51, 43]), W, H, S)).toHaveLength(
      0,
    );
  });

  it("knows a ruling found along a stroke for the same line", () => {
    const s: Ruling = { orientation: "h", x0: 10, x1: 40, y0: 100, y1: 100, width: 0.5 };
    expect(alongStroke({ ...s, y0: 100.8, y1: 100.8, width: 1 }, [s])).toBe(true);
    expect(alongStroke({ ...s, y0: 104, y1: 104 }, [s])).toBe(false);
    expect(alongStroke({ ...s, orientation: "v" }, [s])).toBe(false);
  });

  it("clears a stroke where no letter crosses it, and keeps the letters whole", () => {
    const canvas = createCanvas(W, H);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "black";
    for (const [x0, y0, x1, y1] of letters(10)) ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    ctx.fillRect(18, 41, 82, 2);
    clearStrokes(
      canvas,
      [{ orientation: "h", x0: 18 / S, x1: 100 / S, y0: 42 / S, y1: 42 / S, width: 2 / S }],
      S,
    );
    const px = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[0];
    expect(px(25, 42)).toBe(255); // between two letters
    expect(px(21, 42)).toBe(0); // a letter's stroke where the line crossed it
    expect(px(21, 35)).toBe(0);
  });
});
