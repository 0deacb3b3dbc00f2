/** Unruled tables of reports: lines run into a gutter, comments wrapped across the table, rows set apart by notes. */
import { describe, expect, it } from "vitest";
import {
  alignedTable,
  DEFAULT_STREAM,
  lastColumnReached,
  wrappedWideLines,
  type Seg,
} from "../../src/layout/stream.js";
import type { Line } from "../../src/model/index.js";
import { seg } from "./segs.js";


const cellOf = (t: { cells: { text: string; row: number; col: number; colSpan: number }[] }, s: string) =>
  t.cells.find((c) => c.text.includes(s));

describe("lastColumnReached", () => {
  it("keeps a line that runs past the gutter's middle, short of the next column's text, in its column", () => {
    // bounds at the middle of the gutters; the third column's text starts at 414
    expect(lastColumnReached([50, 220, 392, 540], [52, 239, 414], 1, 406, 2.7)).toBe(1);
    // a line that reaches the next column's text (or stops less than a space before it) is across both
    expect(lastColumnReached([50, 220, 392, 540], [52, 239, 414], 1, 420, 2.7)).toBe(2);
    expect(lastColumnReached([50, 220, 392, 540], [52, 239, 414], 1, 412, 2.7)).toBe(2);
  });
});

describe("wrappedWideLines", () => {
  const p = (line: Line, c0: number, c1: number): Seg => ({ line, c0, c1 });
  it("takes the short last line of a comment across the table as the comment's", () => {
    const comment = p(
      seg("Al 31 dicembre il valore rilevato è pari a 90 % e tiene conto delle pratiche al 1°", 40, 100),
      0,
      2,
    );
    const tail = p(seg("gennaio.", 40, 110), 0, 0);
    const w = wrappedWideLines([comment, tail], comment.line.box[2] + 4);
    expect(w.has(tail.line)).toBe(true);
    expect([tail.c0, tail.c1]).toEqual([0, 2]);
  });
  it("leaves a label set under a short title, and lines set apart, alone", () => {
    const title = p(seg("RENDERE I SERVIZI ACCESSIBILI DA REMOTO", 40, 100), 0, 1);
    const label = p(seg("PERFORMANCE DI ENTE", 40, 110), 0, 0);
    expect(wrappedWideLines([title, label], 500).size).toBe(0);
    const comment = p(seg("Al 31 dicembre il valore rilevato è pari a 90 %", 40, 100), 0, 2);
    const apart = p(seg("gennaio.", 40, 120), 0, 0);
    expect(wrappedWideLines([comment, apart], comment.line.box[2] + 4).size).toBe(0);
  });
});

describe("unruled report tables", () => {
  // three columns: names at 40, formulas at 240, targets at 420; comments written across the table
  const header = [
    seg("Indicatore", 40, 100, true),
    seg("Formula", 240, 100, true),
    seg("Target", 420, 100, true),
  ];
  const row = (y: number, name: string, formula: string, target: string) => [
    seg(name, 40, y),
    seg(formula, 240, y),
    seg(target, 420, y),
  ];
  it("reads a formula run into the gutter, and a comment's wrapped last line, into their own cells", () => {
    const lines = [
      ...header,
      ...row(115, "Quota di ordini elettronici", "N. ordini elettronici", ">= 76 %"),
      seg(
        "Al 31 dicembre il valore rilevato è pari a 90 %. Percentuale di raggiungimento 100 %. Il valore tiene",
        40,
        130,
      ),
      seg("gennaio.", 40, 140),
      // the formula's line runs past the middle of the gutter (at 400) and stops short of the targets
      ...row(160, "Tempo medio di refertazione", "Giorni di refertazione / N. totale", "< 16 gg"),
      seg("referti", 240, 170),
    ];
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.nCols).toBe(3);
    expect(cellOf(t, "gennaio.")).toMatchObject({ col: 0, colSpan: 3 });
    expect(cellOf(t, "gennaio.")!.text).toContain("Al 31 dicembre");
    const formula = cellOf(t, "Giorni di refertazione")!;
    expect(formula).toMatchObject({ col: 1, colSpan: 1 });
    expect(formula.text).toContain("referti");
    expect(cellOf(t, "< 16 gg")).toMatchObject({ col: 2, row: formula.row });
  });
  it("keeps a row whose cells start on the columns under comments that set it apart", () => {
    const lines = [
      ...header,
      ...row(115, "Quota di ordini elettronici", "N. ordini elettronici", ">= 76 %"),
      ...row(130, "Quota di fatture pagate", "N. fatture pagate", ">= 80 %"),
      ...row(145, "Quota di pratiche chiuse", "N. pratiche chiuse", ">= 70 %"),
      seg(
        "Al 31 dicembre il valore rilevato è pari a 90 %. Percentuale di raggiungimento 100 %. Il valore tiene",
        40,
        165,
      ),
      seg(
        "Note: dato provvisorio, il valore definitivo sarà disponibile a marzo dell'anno successivo",
        40,
        180,
      ),
      seg(
        "Al 31 dicembre il dato consuntivo è 13 gg. Percentuale di raggiungimento: 100 %. Valore definitivo",
        40,
        195,
      ),
      ...row(215, "Tempo medio di refertazione", "Giorni di refertazione / N.", "< 16 gg"),
      seg("referti consegnati", 240, 225),
      seg("(ridefinito in 13 gg)", 420, 225),
    ];
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const formula = cellOf(t, "Giorni di refertazione")!;
    expect(formula.text).toContain("referti consegnati");
    expect(cellOf(t, "< 16 gg")!.text).toContain("ridefinito");
  });
});
