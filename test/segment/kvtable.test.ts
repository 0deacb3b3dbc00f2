/** Telling key-value tables ("schede") from ordinary ones, with label readings stopped once settled. */
import { describe, expect, it } from "vitest";
import { isKeyValueTable, labelLike } from "../../src/segment/kvtable.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";
import { rowCells, type LRow, type LTable, type Slot } from "../../src/segment/tables.js";

const lx = wordsOf(loadProfileSet().generic);

let keys = 0;
const slot = (text: string): Slot => ({
  text,
  lines: [],
  box: [0, 0, 10, 10],
  page: 1,
  key: `k${keys++}`,
  first: true,
  colSpan: 1,
  rowSpan: 1,
});

/** a table from rows of cell texts; null leaves column 0 empty (the row's first cell is further right) */
function table(rows: (string | null)[][]): LTable {
  const nCols = Math.max(...rows.map((r) => r.length));
  const lrows: LRow[] = rows.map((r, i) => ({
    page: 1,
    top: i * 10,
    header: false,
    slots: Array.from({ length: nCols }, (_, c) =>
      r[c] === null || r[c] === undefined ? null : slot(r[c]!),
    ),
  }));
  return { index: 0, page: 1, nCols, rows: lrows, method: "lattice" };
}

/** the rule as first written: every row's label read, then the counts compared */
function reference(t: LTable): boolean {
  if (t.nCols < 2) return false;
  let rows = 0,
    labelled = 0,
    years = 0;
  for (const r of t.rows) {
    const cells = rowCells(r).filter((s) => !!s.text);
    if (!cells.length) continue;
    rows++;
    const first = cells[0]!;
    if (/^(?:19|20)\d\d$/.test(first.text)) years++;
    if (cells.length >= 2 && r.slots.indexOf(first) === 0 && labelLike(first.text, lx)) labelled++;
  }
  const head = t.rows[0] ? rowCells(t.rows[0]).filter((s) => !!s.text) : [];
  if (head.length >= 3 && head.every((s) => labelLike(s.text, lx))) return false;
  return rows >= 3 && labelled >= Math.max(3, rows * 0.6) && years === 0;
}

describe("key-value tables", () => {
  it("reads a scheda of fields as one, and a table of indicators as none", () => {
    const scheda = table([
      ["Obiettivo strategico", "Semplificare i procedimenti"],
      ["Indicatore", "Tempo medio di rilascio"],
      ["Formula", "giorni / pratiche"],
      ["Target 2024", "≤ 30 gg"],
      ["Peso", "20%"],
    ]);
    expect(isKeyValueTable(scheda, lx)).toBe(true);
    const ordinary = table([
      ["Indicatore", "Formula", "Target 2024"],
      ["Tempo medio di rilascio delle autorizzazioni", "giorni / pratiche", "≤ 30"],
      ["Pratiche evase entro i termini", "evase / ricevute", "≥ 90%"],
      ["Customer satisfaction degli utenti", "media dei voti", "≥ 4"],
    ]);
    expect(isKeyValueTable(ordinary, lx)).toBe(false);
  });

  it("gives the verdict of reading every label, on tables drawn at random", () => {
    const labels = ["Indicatore", "Formula:", "Target 2025", "Peso", "Responsabile", "Obiettivo operativo"];
    const others = [
      "2024",
      "Tempo medio di rilascio",
      "Numero di pratiche evase entro trenta giorni dalla domanda",
      "A1.3_04",
      "",
      "≥ 90%",
    ];
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) % n;
    let keyValue = 0;
    for (let k = 0; k < 3000; k++) {
      const nRows = 1 + rand(9);
      const nCols = 1 + rand(4);
      // a share of labels down the first column that varies from table to table, around the 60 % line
      const share = rand(11);
      const first = () => (rand(10) < share ? labels[rand(labels.length)]! : others[rand(others.length)]!);
      const rows = Array.from({ length: nRows }, () =>
        Array.from({ length: nCols }, (_, c) =>
          c === 0 ? (rand(8) === 0 ? null : first()) : rand(3) === 0 ? labels[rand(6)]! : others[rand(6)]!,
        ),
      );
      const t = table(rows);
      const want = reference(t);
      expect(isKeyValueTable(t, lx), JSON.stringify(rows)).toBe(want);
      if (want) keyValue++;
    }
    // both verdicts were met often enough for the comparison to mean something
    expect(keyValue).toBeGreaterThan(50);
    expect(keyValue).toBeLessThan(2950);
  });
});
