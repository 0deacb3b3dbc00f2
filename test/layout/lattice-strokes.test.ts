import { describe, expect, it } from "vitest";
import { latticeTables } from "../../src/layout/lattice.js";
import type { Box, Word } from "../../src/model/index.js";
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

describe("a column's line lost on one row of a scan", () => {
  // three rows, columns at 40 | 200 | 300 | 400; the line at 200 missing on the middle row
  const rulings = [
    ...[100, 130, 160, 190].map((y) => h(y, 40, 400)),
    ...[40, 300, 400].map((x) => v(x, 100, 190)),
    v(200, 100, 130),
    v(200, 160, 190),
  ];
  const rows = (banner: Word[]) => [
    word("Obiettivo", 45, 108),
    word("Peso", 205, 108),
    word("Target", 305, 108),
    ...banner,
    word("Indicatore", 45, 168),
    word("30%", 205, 168),
    word(">=10", 305, 168),
  ];
  const cellAt = (ws: Word[], c: number) => {
    const t = latticeTables(rulings, ws, 1).tables[0]!;
    return t.cells.find((x) => x.row === 1 && x.col === c);
  };

  it("parts a banner from its weight where a wide white stands at the line's place", () => {
    const banner = [
      word("Area", 45, 138),
      word("1", 70, 138),
      word("RICERCA", 80, 138),
      word("50%", 220, 138),
    ];
    expect(cellAt(rows(banner), 0)!.colSpan).toBe(1);
    expect(cellAt(rows(banner), 1)!.text).toBe("50%");
    // a colon read where the line was is its remains
    const remains = [...banner, { ...word(":", 199.6, 139), box: [199.6, 139, 200.3, 143] as Box }];
    expect(cellAt(rows(remains), 0)!.colSpan).toBe(1);
  });

  it("keeps one cell where a text runs over the line's place, or on a text layer", () => {
    const over = [word("Area", 45, 138), word("strategica", 170, 138), word("RICERCA", 225, 138)];
    expect(cellAt(rows(over), 0)!.colSpan).toBe(2);
    // words of a title right of the white (its middle lost to the shade), not a figure
    const lost = [word("AREA", 45, 138), word("1", 70, 138), word("risorse", 215, 138)];
    expect(cellAt(rows(lost), 0)!.colSpan).toBe(2);
    // a banner across the columns with its weight at the far end: the white holds three lines' places
    const wide = [
      ...[100, 130, 160, 190].map((y) => h(y, 40, 500)),
      v(40, 100, 190),
      v(500, 100, 190),
      ...[200, 300, 400].flatMap((x) => [v(x, 100, 130), v(x, 160, 190)]),
    ];
    const far = [
      ...rows([word("Area", 45, 138), word("50%", 420, 138)]),
      word("X", 405, 108),
      word("Y", 405, 168),
    ];
    const t = latticeTables(wide, far, 1).tables[0]!;
    expect(t.cells.find((x) => x.row === 1 && x.col === 0)!.colSpan).toBe(4);
    const layer = [word("Area", 45, 138), word("50%", 220, 138)].map(({ confidence: _, ...w }) => w);
    const plain = rows(layer).map(({ confidence: _, ...w }) => w);
    expect(cellAt(plain, 0)!.colSpan).toBe(2);
  });
});
