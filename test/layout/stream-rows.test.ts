/** Unruled tables of reports: lines run into a gutter, comments wrapped across the table, rows set apart by notes. */
import { describe, expect, it } from "vitest";
import {
  alignedTable,
  DEFAULT_STREAM,
  streamTables,
  lastColumnReached,
  topsOfEntriesBeside,
  withoutRunOnStarts,
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

describe("unruled tables: a weight column set close to the names, notes written across both", () => {
  // objectives at 40 (titles wrapped), weights at 200, names at 228 (a gap wider than the split between
  // segments), descriptions at 400, targets at 520; each note stands on the band of an objective's
  // wrapped title and runs from the weights over the names
  const lines = [
    seg("Obiettivo", 40, 100, true),
    seg("Peso", 200, 100, true),
    seg("Indicatore", 228, 100, true),
    seg("Descrizione", 400, 100, true),
    seg("Target", 520, 100, true),
    seg("Obiettivo A1: rendere", 40, 115),
    seg("50%", 200, 115),
    seg("Quota di pratiche evase", 228, 115),
    seg("Misura la quota", 400, 115),
    seg(">= 80 %", 520, 115),
    seg("digitali le fasi degli", 40, 124.4),
    seg("accordi con gli enti", 40, 133.8),
    seg("Note: rivisto in sede di verifica", 200, 133.8),
    seg("25%", 200, 142),
    seg("Tempo medio di risposta", 228, 142),
    seg("Misura il tempo", 400, 142),
    seg("<= 30 gg", 520, 142),
    seg("25%", 200, 157),
    seg("Numero di controlli", 228, 157),
    seg("Conta i controlli", 400, 157),
    seg(">= 12", 520, 157),
    seg("Obiettivo A2", 40, 172),
    seg("100%", 200, 172),
    seg("Giorni di attesa", 228, 172),
    seg("Misura l'attesa", 400, 172),
    seg("<= 20 gg", 520, 172),
  ];
  it("keeps the weights in a column of their own, and each note a row of its own", () => {
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.nCols).toBe(5);
    expect(cellOf(t, "50%")).toMatchObject({ col: 1, text: "50%" });
    expect(cellOf(t, "Quota di pratiche")).toMatchObject({ col: 2 });
    expect(cellOf(t, "Tempo medio")).toMatchObject({ col: 2, text: "Tempo medio di risposta" });
    const note = cellOf(t, "Note:")!;
    expect(note.col).toBe(1);
    expect(note.text).toBe("Note: rivisto in sede di verifica");
    expect(note.row).toBe(cellOf(t, "50%")!.row + 1);
    expect(cellOf(t, "Obiettivo A1")!.text).toContain("accordi con gli enti");
  });
});

describe("unruled tables: rows set close under merged objective cells", () => {
  // two objective columns merged over their indicators; the rows are set apart by less than a blank
  // line (3.6 pt), the lines of a wrapped cell by 0.4 pt; values are at the top of their rows
  const lines = [
    seg("Strategico", 40, 100, true),
    seg("Operativo", 150, 100, true),
    seg("Indicatore", 260, 100, true),
    seg("Base", 460, 100, true),
    seg("Target", 540, 100, true),
    seg("OBIETTIVO 01", 40, 115),
    seg("Offrire servizi", 40, 124.4),
    seg("OPERATIVO 01.1", 150, 115),
    seg("Ridurre i tempi", 150, 124.4),
    seg("di manutenzione", 150, 133.8),
    seg("(SETTORE LAVORI)", 150, 143.2),
    seg("F101 - Servizio online", 260, 115),
    seg("per le autorizzazioni", 260, 124.4),
    seg("OFF", 460, 115),
    seg("ON", 540, 115),
    seg("F102 - Quota di gare", 260, 137),
    seg("88%", 460, 137),
    seg("100%", 540, 137),
    seg("F103 - Costo medio", 260, 149.6),
    seg("205 €", 460, 149.6),
    seg("<= 197 €", 540, 149.6),
    seg("OPERATIVO 01.2", 150, 175),
    seg("Ridurre i pareri", 150, 184.4),
    seg("F104 - Quota di strade", 260, 175),
    seg("32%", 460, 175),
    seg(">= 38%", 540, 175),
    seg("F105 - Pareri rilasciati", 260, 187.6),
    seg("592", 460, 187.6),
    seg(">= 600", 540, 187.6),
  ];
  it("reads each indicator in a row of its own, its values beside it", () => {
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    for (const [name, value] of [
      ["F101", "OFF"],
      ["F102", "88%"],
      ["F103", "205 €"],
      ["F104", "32%"],
      ["F105", "592"],
    ] as const) {
      const c = cellOf(t, name)!;
      expect(c.text.match(/F10\d/g)).toEqual([name]);
      expect(cellOf(t, value)!.row).toBe(c.row);
    }
    expect(cellOf(t, "F101")!.text).toContain("autorizzazioni");
  });
  it("starts no row at a name's wrapped line beside values centred on it", () => {
    // a three-line name with its values on its middle line (rows aligned at the middle)
    const p = (text: string, x: number, y: number, c: number): Seg => ({
      line: seg(text, x, y),
      c0: c,
      c1: c,
    });
    const centred = [
      p("Quota di pratiche", 40, 115, 0),
      p("evase entro i", 40, 124.4, 0),
      p("termini di legge", 40, 133.8, 0),
      p("88%", 260, 124.4, 1),
      p(">= 90%", 340, 124.4, 2),
      p("%", 420, 124.4, 3),
      p("Tempo medio di", 40, 147, 0),
      p("risposta alle", 40, 156.4, 0),
      p("richieste", 40, 165.8, 0),
      p("30", 260, 156.4, 1),
      p("<= 25", 340, 156.4, 2),
      p("gg", 420, 156.4, 3),
    ];
    expect(topsOfEntriesBeside(centred, 4)[0]).toEqual([]);
    // the same rows aligned at the top: the names' first lines are where rows start
    const top = centred.map((s) =>
      s.c0 === 0 ? s : { ...s, line: seg(s.line.text, s.line.box[0], s.line.box[1] - 9.4) },
    );
    expect(topsOfEntriesBeside(top, 4)[0]).toEqual([115, 147]);
    // on an OCR'd page the boxes are the reading's: no row is started on gaps that small
    const read = top.map((s) => ({
      ...s,
      line: { ...s.line, words: s.line.words.map((w) => ({ ...w, confidence: 90 })) },
    }));
    expect(topsOfEntriesBeside(read, 4)[0]).toEqual([]);
  });
});

describe("unruled tables: the last rule is the table's foot", () => {
  it("leaves a heading under the last rule, below every row of several cells, out of the table", () => {
    const lines = [
      seg("Indicatore", 40, 100, true),
      seg("Formula", 240, 100, true),
      seg("Target", 420, 100, true),
      seg("I1.2.1 - Costo medio di notifica", 40, 118),
      seg("Costi del processo / N.", 240, 118),
      seg("<= 135 €", 420, 118),
      seg("verbali notificati", 240, 127),
      // the next section's heading, a little larger, alone on its band under the last rule
      seg("2 Rendere i servizi accessibili", 40, 152, true),
    ];
    const r = alignedTable(lines, 1, DEFAULT_STREAM, [96, 113, 140])!;
    expect(r.table.cells.some((c) => c.text.includes("Rendere"))).toBe(false);
    expect(cellOf(r.table, "I1.2.1")!.text).toBe("I1.2.1 - Costo medio di notifica");
    // without the rules, nothing says where the table ends
    const open = alignedTable(lines, 1, DEFAULT_STREAM)!;
    expect(open.table.cells.some((c) => c.text.includes("Rendere"))).toBe(true);
  });
});

describe("unruled tables: a heading in a larger type between two headers", () => {
  it("starts a new table, however narrow", () => {
    const big = (text: string, x: number, y: number): Line => {
      const l = seg(text, x, y, true);
      for (const w of l.words) w.fontSize = 13;
      return l;
    };
    const part = (y: number, n: number) => [
      seg("Indicatore", 40, y, true),
      seg("Responsabile", 240, y, true),
      seg("Target", 420, y, true),
      ...Array.from({ length: n }, (_, i) => [
        seg(`Quota di pratiche ${i + 1}`, 40, y + 15 + i * 12),
        seg("Ufficio tributi", 240, y + 15 + i * 12),
        seg(`>= ${50 + i} %`, 420, y + 15 + i * 12),
      ]).flat(),
    ];
    const lines = [...part(100, 3), big("3. Qualità", 40, 160), ...part(180, 3)];
    const { tables } = streamTables(
      lines.flatMap((l) => l.words),
      1,
    );
    expect(tables).toHaveLength(2);
    expect(tables[1]!.box[1]).toBeGreaterThan(170);
  });
});

describe("withoutRunOnStarts", () => {
  const ocr = (text: string, x: number, y: number) => seg(text, x, y, false, { confidence: 90 });
  // rows at 100 and 130; at 110.5 the anchor column (2026) begins a block of its own: the struck
  // value above it was lost as noise, and two other columns carry on their cells' next lines
  const cols = () => [
    [
      [ocr("Customer satisfaction centro", 40, 100), ocr("vaccinale", 40, 110.5)],
      [ocr("Quota di prestazioni", 40, 130)],
    ],
    [
      [ocr("Media dei giudizi", 200, 100), ocr("nell'indagine", 200, 110.5)],
      [ocr("N. prestazioni", 200, 130)],
    ],
    [[ocr(">=4,5", 300, 110.5)], [ocr("Anno", 300, 130)]],
  ];
  it("drops a start where two columns or more run on and none begins anything", () => {
    expect(withoutRunOnStarts([100, 110.5, 130], 2, cols())).toEqual([100, 130]);
  });
  it("keeps it where another column begins a cell there, or one column only runs on", () => {
    const c = cols();
    c.push([[ocr("UOC", 460, 110.5)]]);
    expect(withoutRunOnStarts([100, 110.5, 130], 2, c)).toEqual([100, 110.5, 130]);
    const one = cols().slice(1);
    expect(withoutRunOnStarts([100, 110.5, 130], 1, one)).toEqual([100, 110.5, 130]);
  });
  it("keeps it on print, whose rows are read whole", () => {
    const print = cols().map((c) => c.map((b) => b.map((l) => seg(l.text, l.box[0], l.box[1]))));
    expect(withoutRunOnStarts([100, 110.5, 130], 2, print)).toEqual([100, 110.5, 130]);
  });
});

describe("an OCR'd cell's next line", () => {
  it("joins its cell though a dash read apart sits at the middle of the line above", () => {
    const ocr = (text: string, x: number, y: number) => seg(text, x, y, false, { confidence: 90 });
    const dash: Line = {
      text: "-",
      box: [70, 123.5, 73, 124.5],
      words: [
        {
          text: "-",
          box: [70, 123.5, 73, 124.5],
          fontSize: 9,
          bold: false,
          italic: false,
          struck: false,
          confidence: 90,
        },
      ],
    };
    const lines: Line[] = [
      seg("Indicatore", 40, 80, true),
      seg("Formula", 250, 80, true),
      seg("2024", 400, 80, true),
      seg("2025", 460, 80, true),
      ocr("1101 Costo medio", 40, 100),
      ocr("N. controlli", 250, 100),
      ocr("465", 400, 100),
      ocr("455", 460, 100),
      ocr("1102", 40, 120),
      dash,
      ocr("Incremento dei pagamenti", 78, 120),
      ocr("N. pagamenti", 250, 120),
      ocr("+2%", 400, 120),
      ocr("+3%", 460, 120),
      ocr("effettuati", 40, 129.5),
      ocr("1103 Percentuale", 40, 150),
      ocr("N. corsi", 250, 150),
      ocr("35%", 400, 150),
      ocr("36%", 460, 150),
    ];
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const cell = t.cells.find((c) => c.text.includes("effettuati"))!;
    expect(cell.text).toContain("Incremento");
    expect(t.cells.find((c) => c.text === "+2%")!.row).toBe(cell.row);
  });
});
