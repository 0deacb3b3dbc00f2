/** Rules drawn or found twice, a few points apart, make no row of their own (src/layout/lattice.ts). */
import { describe, expect, it } from "vitest";
import { latticeTables, withoutDoubles } from "../../src/layout/lattice.js";
import { h, v } from "./rules.js";
import { seg } from "./segs.js";

/** a header row (y 100-120) and two rows of four columns, x 40..440 */
function grid(extra: ReturnType<typeof h>[] = []) {
  const words = [
    ...seg("Indicatore", 45, 105, true).words,
    ...seg("2024", 245, 105, true).words,
    ...seg("2025", 345, 105, true).words,
    ...seg("Pratiche evase", 45, 125).words,
    ...seg(">= 10", 245, 125).words,
    ...seg(">= 12", 345, 125).words,
    ...seg("Imprese servite", 45, 145).words,
    ...seg(">= 30", 245, 145).words,
    ...seg(">= 35", 345, 145).words,
  ];
  const rulings = [
    ...[100, 120, 140, 160].map((y) => h(y, 40, 440)),
    ...[40, 240, 340, 440].map((x) => v(x, 100, 160)),
    ...extra,
  ];
  return { words, rulings };
}

describe("rules drawn twice", () => {
  it("are one row line where nothing stands between them", () => {
    const plain = grid();
    // the header's shading found as a rule 2.2 pt over its bottom rule, under the years only
    const doubled = grid([h(117.8, 240, 440)]);
    const a = latticeTables(plain.rulings, plain.words, 1).tables[0]!;
    const b = latticeTables(doubled.rulings, doubled.words, 1).tables[0]!;
    expect(b.nRows).toBe(a.nRows);
    expect(b.cells.map((c) => [c.row, c.col, c.rowSpan, c.text])).toEqual(
      a.cells.map((c) => [c.row, c.col, c.rowSpan, c.text]),
    );
  });

  it("keep the longer of the two, and rules with text between them", () => {
    const hs = [
      { o: "h" as const, at: 100, from: 40, to: 440 },
      { o: "h" as const, at: 102, from: 240, to: 440 },
      { o: "h" as const, at: 120, from: 40, to: 440 },
    ];
    expect(withoutDoubles([100, 102, 120], hs, [], 1.5)).toEqual([100, 120]);
    // a word's middle between them: two rows, however thin
    const word = seg("x", 300, 100.2).words[0]!;
    word.box = [300, 100.2, 302, 101.8];
    expect(withoutDoubles([100, 102, 120], hs, [word], 1.5)).toEqual([100, 102, 120]);
    // rules 4 pt apart are two
    expect(
      withoutDoubles([100, 104, 120], [...hs, { o: "h" as const, at: 104, from: 240, to: 440 }], [], 1.5),
    ).toEqual([100, 104, 120]);
  });
});
