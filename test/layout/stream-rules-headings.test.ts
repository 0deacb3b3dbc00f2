/**
 * A table found by alignment between rules drawn whole (a scan's dotted grey rules followed whole):
 * the headings just above its first rule and under its last are not its rows (src/layout/stream.ts).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_STREAM, streamTables } from "../../src/layout/stream.js";
import type { Word } from "../../src/model/index.js";
import { seg } from "./segs.js";

/** a header and two rows of four columns, a rule above, under the header and under each row */
function table(boldHeader = true): { words: Word[]; rules: [number, number, number][] } {
  const cols = [40, 200, 330, 430];
  const rows: string[][] = [
    ["Misura", "Valore 2024", "Target 2025", "Target 2026"],
    ["Quota di fatture pagate", "40%", ">= 71%", ">= 74%"],
    ["Costo medio di notifica", "50%", "<= 465 €", "<= 455 €"],
  ];
  const words: Word[] = [];
  rows.forEach((r, k) =>
    r.forEach((t, c) => words.push(...seg(t, cols[c]!, 100 + k * 30, boldHeader && k === 0).words)),
  );
  return { words, rules: [95, 113, 143, 173].map((y) => [y, 35, 520] as [number, number, number]) };
}

const texts = (r: ReturnType<typeof streamTables>) => r.tables.flatMap((t) => t.cells.map((c) => c.text));

describe("a table between whole rules", () => {
  it("does not take in the headings under its last rule, above the next table's top rule", () => {
    const { words, rules } = table();
    // two heading lines, then (set further apart than the rows) the next table's top rule
    words.push(...seg("OBIETTIVO STRATEGICO 03.O2", 40, 185, true).words);
    words.push(...seg("Rafforzare i servizi educativi", 40, 197, true).words);
    const r = streamTables(words, 1, DEFAULT_STREAM, [], [...rules, [225, 35, 520]]);
    expect(r.tables).toHaveLength(1);
    expect(texts(r).some((t) => /OBIETTIVO|Rafforzare/.test(t))).toBe(false);
    expect(r.tables[0]!.nRows).toBe(3);
  });

  it("stops its header at a heading alone at its left edge above the first rule", () => {
    // (a header in regular type: see below for a bold one)
    const { words, rules } = table(false);
    // a heading with a stamp's letters beside it (a band of two), then a heading alone just above
    // the first rule
    words.push(...seg("OBIETTIVO OPERATIVO 03.O1.O1", 40, 74, true).words);
    words.push(...seg("PROT", 440, 74).words);
    words.push(...seg("Digitalizzare le fasi", 40, 84, true).words);
    const r = streamTables(words, 1, DEFAULT_STREAM, [], rules);
    expect(r.tables).toHaveLength(1);
    expect(texts(r).some((t) => /OBIETTIVO|Digitalizzare|PROT/.test(t))).toBe(false);
  });

  it("takes nothing above its first rule when its header of bold labels is under it", () => {
    const { words, rules } = table();
    // a heading with a stamp's letters beside it just above the first rule (a band of two)
    words.push(...seg("(AREA TECNICA E LAVORI PUBBLICI)", 40, 84).words);
    words.push(...seg("N. 0004517", 440, 84).words);
    const r = streamTables(words, 1, DEFAULT_STREAM, [], rules);
    expect(r.tables).toHaveLength(1);
    expect(texts(r).some((t) => /AREA|0004517/.test(t))).toBe(false);
    expect(r.tables[0]!.cells.find((c) => c.row === 0 && c.col === 0)!.text).toBe("Misura");
  });
});
