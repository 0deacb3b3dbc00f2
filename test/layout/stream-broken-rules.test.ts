/** Rules a scan broke into pieces still bound an unruled table's rows (src/layout/stream.ts). */
import { describe, expect, it } from "vitest";
import { openRules } from "../../src/layout/index.js";
import { DEFAULT_LATTICE } from "../../src/layout/lattice.js";
import { DEFAULT_STREAM, streamTables } from "../../src/layout/stream.js";
import type { Table, Word } from "../../src/model/index.js";
import { h } from "./rules.js";
import { seg } from "./segs.js";

/** a header and four rows of four columns, a rule above, under the header and under each row */
function page() {
  const cols = [40, 200, 330, 430];
  const rows: string[][] = [
    ["Indicatore", "Peso", "Target 2024", "Target 2025"],
    ["Quota di fatture pagate", "40%", ">= 71%", ">= 74%"],
    ["Costo medio di notifica", "50%", "<= 465 €", "<= 455 €"],
    ["Numero posti nido", "60%", ">= 2830", ">= 2831"],
    ["Pratiche SUAP concluse", "30%", ">= 7374", ">= 8111"],
  ];
  const words: Word[] = [];
  rows.forEach((r, k) => r.forEach((t, c) => words.push(...seg(t, cols[c]!, 100 + k * 30, k === 0).words)));
  const ys = [95, 113, 143, 173, 203, 233];
  return { words, ys };
}

describe("rules broken by a scan", () => {
  it("count by the length their pieces cover", () => {
    const { words, ys } = page();
    const whole: [number, number, number][] = ys.map((y) => [y, 35, 520]);
    // the first four rules in pieces (noise, a dithered shade), a gap here and there, the pieces
    // found a little apart in height; the last two whole
    const broken: [number, number, number][] = [];
    for (const y of ys.slice(0, 4))
      broken.push([y, 35, 108], [y + 0.4, 150, 330], [y, 320, 430], [y - 0.3, 440, 520]);
    for (const y of ys.slice(4)) broken.push([y, 35, 520]);
    const a = streamTables(words, 1, DEFAULT_STREAM, [], whole);
    const b = streamTables(words, 1, DEFAULT_STREAM, [], broken);
    expect(a.tables).toHaveLength(1);
    expect(b.tables).toHaveLength(1);
    const cells = (t: (typeof a.tables)[number]) => t.cells.map((c) => [c.row, c.col, c.text]);
    expect(cells(b.tables[0]!)).toEqual(cells(a.tables[0]!));
    expect(b.tables[0]!.nRows).toBe(5);
    expect(b.tables[0]!.cells.find((c) => c.row === 0 && c.col === 0)!.text).toBe("Indicatore");
  });

  it("a short rule is no rule across the table", () => {
    const { words, ys } = page();
    // pieces covering under four fifths of the table's width
    const short: [number, number, number][] = ys.map((y) => [y, 35, 300]);
    const whole: [number, number, number][] = ys.map((y) => [y, 35, 520]);
    const none = streamTables(words, 1, DEFAULT_STREAM, [], []);
    const s = streamTables(words, 1, DEFAULT_STREAM, [], short);
    const w = streamTables(words, 1, DEFAULT_STREAM, [], whole);
    expect(s.tables.map((t) => t.cells.map((c) => c.text))).toEqual(
      none.tables.map((t) => t.cells.map((c) => c.text)),
    );
    expect(w.tables).toHaveLength(1);
  });

  it("are joined from pieces each too short to count alone, outside the ruled tables", () => {
    // a rule in pieces of about 33 pt, a point apart, a little apart in height, as a scan's grain broke it
    const pieces = Array.from({ length: 14 }, (_, k) =>
      h(300 + (k % 2) * 0.1, 35 + k * 34, 35 + k * 34 + 33),
    );
    const rules = openRules(pieces, [], DEFAULT_LATTICE);
    expect(rules).toHaveLength(1);
    expect(rules[0]![1]).toBe(35);
    expect(rules[0]![2]).toBe(35 + 13 * 34 + 33);
    // a short piece alone is none; a rule inside a ruled table is the table's
    expect(openRules([h(300, 35, 68)], [], DEFAULT_LATTICE)).toEqual([]);
    const table = { box: [30, 200, 520, 400] } as Table;
    expect(openRules(pieces, [table], DEFAULT_LATTICE)).toEqual([]);
  });
});
