import { describe, expect, it } from "vitest";
import { alignedTable, boldBand, DEFAULT_STREAM, sameShape, streamTables } from "../../src/layout/stream.js";
import type { Line, Word } from "../../src/model/index.js";
import { seg } from "./segs.js";

const OCR = { confidence: 92 };

/** names ending at `end`, formulas from 180 (a narrow gutter), values at 400: OCR'd lines */
function rows(from: number, end = 168): Line[] {
  const out: Line[] = [];
  const names = [
    "1101 - Incremento dei pareri",
    "1102 - N. interventi scuola",
    "1103 - Chilometri di strade",
  ];
  names.forEach((n, r) => {
    const y = from + r * 20;
    const name = seg(n, 40, y, false, OCR);
    // (every name ends at `end`, as the longest of a column set close to the next does)
    const k = (end - 40) / (name.box[2] - 40);
    for (const w of name.words)
      w.box = [40 + (w.box[0] - 40) * k, w.box[1], 40 + (w.box[2] - 40) * k, w.box[3]];
    name.box = [40, y, end, y + 9];
    out.push(name, seg("Somma dei pareri", 180, y, false, OCR), seg(`>= ${r + 3}0`, 400, y, false, OCR));
  });
  return out;
}

describe("unruled tables on OCR'd pages: narrow gutters", () => {
  it("keeps a gutter that a note crosses when the reading split its sentence at a wide space", () => {
    const head = [
      seg("Misura", 40, 60, true, OCR),
      seg("Algoritmo", 180, 60, true, OCR),
      seg("Target", 400, 60, true, OCR),
    ];
    // the note runs across the gutter, then goes on 5 pt further right (a space read wide)
    const note = seg("Note: Dato provvisorio il valore sara disponibile", 40, 140, false, OCR);
    expect(note.box[2]).toBeGreaterThan(181);
    const rest = seg("a marzo", note.box[2] + 5, 140, false, OCR);
    const lines = [...head, ...rows(80), note, rest, ...rows(160)];
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    // every name in a cell of its own, left of its formula's
    const names = t.cells.filter((c) => /^110\d/.test(c.text));
    expect(names).toHaveLength(6);
    for (const c of names) expect(c.text).not.toContain("Somma");
    const formulas = t.cells.filter((c) => c.text === "Somma dei pareri");
    expect(formulas).toHaveLength(6);
    expect(Math.min(...formulas.map((c) => c.col))).toBeGreaterThan(Math.max(...names.map((c) => c.col)));
  });

  it("does not let a bar read alone carry a cell's text into the gutter", () => {
    const words: Word[] = [];
    const note = seg("Note: Dato provvisorio il valore sara disponibile", 40, 140, false, OCR);
    const lines = [
      seg("Misura", 40, 60, true, OCR),
      seg("Algoritmo", 180, 60, true, OCR),
      seg("Target", 400, 60, true, OCR),
      ...rows(80, 174),
      note,
      seg("a marzo", note.box[2] + 5, 140, false, OCR),
      ...rows(160, 174),
    ];
    for (const l of lines) words.push(...l.words);
    // a ruling's piece read as `|`, 2.5 pt right of the names, 2 pt left of the next column's text
    words.push({ ...seg("|", 176.5, 100, false, OCR).words[0]!, box: [176.5, 100, 178, 109] });
    const { tables } = streamTables(words, 1, DEFAULT_STREAM);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.nCols).toBe(3);
    expect(tables[0]!.cells.some((c) => c.text.includes("|"))).toBe(false);
  });
});

describe("unruled tables on OCR'd pages: banners with their years", () => {
  /**
   * a banner over the columns: its title, four years and a label; the year `odd` read a point
   * higher (in the next band), and plain when `plain`
   */
  const banner = (title: string, y: number, odd: string, plain = false): Line[] => [
    seg(title, 40, y, true, OCR),
    ...["2024", "2025", "2026", "2027"].map((t, i) =>
      t === odd ? seg(t, 300 + i * 40, y - 1.3, !plain, OCR) : seg(t, 300 + i * 40, y, true, OCR),
    ),
    seg("Struttura", 470, y, true, OCR),
  ];
  const row = (y: number, objective: string, name: string): Line[] => [
    seg(objective, 40, y, false, OCR),
    seg(name, 130, y, false, OCR),
    ...[0, 1, 2, 3].map((i) => seg(">1", 300 + i * 40, y, false, OCR)),
    seg("UOC", 470, y, false, OCR),
  ];

  it("reads them as one table's, a year of each read a point higher and one plain, the banners over the gutter", () => {
    const lines = [
      ...banner("Area 1 - Prevenzione e sanita", 80.5, "2024"),
      ...row(100, "1.1 Contenere", "Variazione annua"),
      ...row(120, "1.2 Ridurre", "Quota di ispezioni"),
      ...banner("Area 2 - Sostenibilita economica", 160.5, "2025", true),
      ...row(180, "2.1 Potenziare", "Indice di gradimento"),
      ...row(200, "2.2 Migliorare", "Tempo medio di attesa"),
    ];
    const { tables } = streamTables(
      lines.flatMap((l) => l.words),
      1,
    );
    expect(tables).toHaveLength(1);
    const names = tables[0]!.cells.filter((c) => /Variazione|Quota|Indice|Tempo/.test(c.text));
    expect(names).toHaveLength(4);
    for (const c of names) expect(c.text).not.toMatch(/^\d\.\d/);
  });
});

describe("a row of values read bold after a name read plain", () => {
  it("is no header band", () => {
    const head = [
      seg("Indicatore", 40, 60, true, OCR),
      ...["2026", "2027", "2028"].map((t, i) => seg(t, 300 + i * 60, 60, true, OCR)),
    ];
    const data = (y: number, name: string, bold: boolean) => [
      seg(name, 40, y, false, OCR),
      // (dates wider than the years over them, set further left)
      ...["30/06/2026", "30/06/2027", "30/06/2028"].map((t, i) => seg(t, 285 + i * 60, y, bold, OCR)),
    ];
    const lines = [
      ...head,
      ...data(80, "Approvazione del regolamento", false),
      ...data(100, "cimiteriali", true),
    ];
    lines.push(...data(140, "Adozione del piano", false), ...data(160, "Numero di pratiche", false));
    const { tables } = streamTables(
      lines.flatMap((l) => l.words),
      1,
    );
    expect(tables).toHaveLength(1);
    expect(tables[0]!.cells.some((c) => c.text.startsWith("Approvazione"))).toBe(true);
    expect(tables[0]!.cells.some((c) => c.text.startsWith("Indicatore"))).toBe(true);
  });
});

describe("a band of bold segments", () => {
  const band = (first: boolean, ...rest: [string, boolean][]) => [
    seg("Area 1 - Welfare", 40, 80, first, OCR),
    ...rest.map(([t, bold], i) => seg(t, 300 + i * 60, 80, bold, OCR)),
  ];
  it("takes one later segment of one word read plain on an OCR'd page", () => {
    expect(boldBand(band(true, ["2024", true], ["2025", false], ["2026", true]))).toBe(true);
    // not two of them, nor a label of two words, nor the band's first segment, nor a text layer's
    expect(boldBand(band(true, ["2024", false], ["2025", false], ["2026", true]))).toBe(false);
    expect(boldBand(band(true, ["2024", true], ["Risultato atteso", false], ["2026", true]))).toBe(false);
    expect(boldBand(band(false, ["2024", true], ["2025", true], ["2026", true]))).toBe(false);
    const layer = [
      seg("Area 1", 40, 80, true),
      seg("2024", 300, 80, true),
      seg("2025", 360, 80),
      seg("2026", 420, 80, true),
    ];
    expect(boldBand(layer)).toBe(false);
  });
});

describe("two header bands' shapes", () => {
  it("are the same with all but one of the fewer's segments at the same places", () => {
    // a header missing `2024` and `Struttura` (a point off its band), and one with them
    expect(sameShape("227,258,289,321", "196,258,289,321,343")).toBe(true);
    expect(sameShape("100,150,200", "100,150,200")).toBe(true);
    expect(sameShape("100,150,200,260", "100,180,230,260")).toBe(false);
    expect(sameShape("100,150", "200,250")).toBe(false);
  });
});
