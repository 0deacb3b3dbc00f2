import { describe, expect, it } from "vitest";
import { typeStems, type InkRun } from "../../src/extract/typestems.js";

// pixels at 300 dpi: 25/6 pixels per point
const k = 300 / 72;
const run = (x: number, y0: number, y1: number): InkRun => ({ at: x * k, from: y0 * k, to: y1 * k });

describe("stems of large type taken for rulings", () => {
  it("finds the upright strokes of a title's line", () => {
    // `della performance` at 18 pt: d, l, l on the baseline (a thick stroke found as two runs),
    // a p's stem sharing their x-height but hanging below, an f
    const down = [
      run(214, 49.4, 61.9),
      run(221.2, 49.4, 61.9),
      run(222.5, 49.4, 61.9),
      run(236, 49.2, 61.7),
      run(241.1, 49.2, 61.9),
      run(261, 52.8, 65.3),
      run(289.1, 49.4, 61.9),
    ];
    expect([...typeStems(down, [], k)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("keeps a table's rulings", () => {
    // a header row's separators, 14 pt long, meeting the rules above and below it
    const down = [run(100, 70, 84), run(130, 70, 84), run(160, 70, 84), run(190, 70, 84)];
    const across = [run(70, 100, 400), run(84, 100, 400)];
    expect(typeStems(down, across, k).size).toBe(0);
    // the same without the rules, but columns wider than four times their height apart
    const wide = [run(100, 70, 84), run(160, 70, 84), run(220, 70, 84)];
    expect(typeStems(wide, [], k).size).toBe(0);
    // a table's columns down many rows are no type
    const tall = [run(100, 70, 300), run(110, 70, 300), run(120, 70, 300)];
    expect(typeStems(tall, [], k).size).toBe(0);
  });

  it("keeps two strokes alone, and pieces at staggered heights", () => {
    // one word's two stems (`il`) are too few to call a line of type
    expect(typeStems([run(100, 50, 63), run(104, 50, 63)], [], k).size).toBe(0);
    // a stamp's arc: pieces of one length, each lower than the last by more than half of it
    expect(typeStems([run(100, 50, 63), run(104, 58, 71), run(108, 66, 79)], [], k).size).toBe(0);
  });
});
