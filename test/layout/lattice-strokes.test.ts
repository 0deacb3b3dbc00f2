import { describe, expect, it } from "vitest";
import { latticeTables } from "../../src/layout/lattice.js";
import type { Word } from "../../src/model/index.js";
import { h, v } from "./rules.js";

const word = (text: string, x: number, top: number): Word => ({
  text,
  box: [x, top, x + text.length * 5, top + 7],
  fontSize: 9,
  bold: false,
  italic: false,
  struck: false,
  confidence: 95,
});

describe("a lattice's columns", () => {
  it("are not cut at a short stroke over the grid that cuts no row (a signature's over its bottom rule)", () => {
    const rulings = [
      ...[100, 130, 160, 190].map((y) => h(y, 40, 400)),
      ...[40, 200, 400].map((x) => v(x, 100, 190)),
      v(300, 182, 200),
      v(320, 176, 192),
    ];
    const words = [0, 1, 2].flatMap((r) => [
      word("Indicatore", 45, 108 + r * 30),
      word("100%", 250, 108 + r * 30),
    ]);
    const { tables } = latticeTables(rulings, words, 1);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.nCols).toBe(2);
    expect(tables[0]!.cells.every((c) => c.colSpan === 1)).toBe(true);
  });

  it("keep a column cut in one row only (a header's sub-columns)", () => {
    const rulings = [
      ...[100, 130, 160, 190].map((y) => h(y, 40, 400)),
      ...[40, 200, 400].map((x) => v(x, 100, 190)),
      v(300, 130, 160),
    ];
    const words = [0, 1, 2].flatMap((r) => [
      word("Indicatore", 45, 108 + r * 30),
      word("100%", 250, 108 + r * 30),
    ]);
    const { tables } = latticeTables(rulings, words, 1);
    expect(tables[0]!.nCols).toBe(3);
  });
});
