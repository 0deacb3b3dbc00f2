import { describe, expect, it } from "vitest";
import { headsStackBelow, ruleStacks, rulesTables, spanGroupLabels } from "../../src/layout/rules.js";
import { wordsToLines } from "../../src/layout/words.js";
import type { Ruling, Table, Word } from "../../src/model/index.js";

/** Words of a phrase from x0 at y: 4.5 pt a character, 9 pt type. */
function phrase(text: string, x0: number, y: number, bold = false): Word[] {
  let x = x0;
  return text.split(" ").map((t) => {
    const w: Word = {
      text: t,
      box: [x, y, x + t.length * 4.5, y + 9],
      fontSize: 9,
      bold,
      italic: false,
      struck: false,
    };
    x = w.box[2] + 2.5;
    return w;
  });
}

/** A rule drawn cell by cell (as HTML draws each cell's border) at y over the columns' edges. */
function ruleAt(y: number, edges: number[]): Ruling[] {
  const out: Ruling[] = [];
  for (let i = 0; i + 1 < edges.length; i++)
    out.push({ x0: edges[i]!, y0: y, x1: edges[i + 1]!, y1: y, orientation: "h", width: 0.5 });
  return out;
}

describe("tables ruled with horizontal lines only", () => {
  const edges = [40, 100, 300, 380, 460, 540];
  const header = [
    ...phrase("Codice", 42, 64, true),
    ...phrase("Indicatori", 102, 64, true),
    ...phrase("Baseline", 302, 64, true),
    ...phrase("Target 2025", 382, 64, true),
    ...phrase("Peso %", 462, 64, true),
  ];
  // the header between its two rules; an objective's banner (bold, two lines, across the joins);
  // then the objective's indicators, a rule under each
  const banner = [
    ...phrase("OBIETTIVO STRATEGICO 01.O1", 42, 84, true),
    ...phrase("MIGLIORARE LA REGOLARITÀ DELLE CARRIERE DEGLI STUDENTI", 42, 93, true),
  ];
  const rows = [
    ...phrase("I101", 42, 108),
    ...phrase("Tempo medio di immatricolazione", 102, 108),
    ...phrase("ND", 302, 108),
    ...phrase("<= 42 gg", 382, 108),
    ...phrase("70%", 462, 108),
    ...phrase("I102", 42, 122),
    ...phrase("Pubblicazioni depositate", 102, 122),
    ...phrase("1408", 302, 122),
    ...phrase("+2%", 382, 122),
    ...phrase("30%", 462, 122),
  ];
  const rulings = [
    ...ruleAt(60, edges),
    ...ruleAt(76, edges),
    ...ruleAt(104, edges),
    ...ruleAt(118, edges),
    ...ruleAt(132, edges),
  ];

  it("makes a header printed once between two rules a table of its own over the table of its columns below", () => {
    const { tables } = rulesTables(rulings, [...header, ...banner, ...rows], 1, []);
    expect(tables).toHaveLength(2);
    const head = tables[0]!;
    expect(head.nRows).toBe(1);
    expect(head.cells.map((c) => c.text)).toEqual([
      "Codice",
      "Indicatori",
      "Baseline",
      "Target 2025",
      "Peso %",
    ]);
  });

  it("leaves two rules round a row of plain text alone", () => {
    const plain = header.map((w) => ({ ...w, bold: false }));
    const { tables } = rulesTables(rulings, [...plain, ...banner, ...rows], 1, []);
    expect(tables).toHaveLength(1);
  });

  it("leaves a header of two rows alone, whose middle rule runs under its group labels only", () => {
    // "Storico" over 2024, "Target" over 2025 | 2026: the rule under the groups has one join
    const top = { y: 60, x0: 40, x1: 540, breaks: [100, 300, 380] };
    const under = { y: 72, x0: 300, x1: 540, breaks: [380] };
    const below = [84, 104].map((y) => ({ y, x0: 40, x1: 540, breaks: [100, 300, 380, 460] }));
    const body = wordsToLines(header, { splitGap: 0.35 });
    expect(headsStackBelow([top, under], [[top, under], below], body)).toBe(false);
    // (the same header between two rules drawn at the same joins heads the table below)
    const whole = { ...top, y: 72 };
    expect(headsStackBelow([top, whole], [[top, whole], below], body)).toBe(true);
  });

  it("keeps one stack over a rule that stops at the edge of an objective merged in the first column", () => {
    // rows of indicators beside an objective merged over them: the rules between those rows start at
    // the second column, and have no join at its left edge as the rules across the whole table do
    const full = [40, 150, 300, 380, 460, 540];
    const drawn = [
      ...ruleAt(60, full),
      // (under a banner row: the first column's cell, then one cell across the others)
      ...ruleAt(80, [40, 150, 540]),
      ...ruleAt(100, [150, 300, 380, 460, 540]),
      ...ruleAt(120, full),
    ];
    expect(ruleStacks(drawn, [])).toHaveLength(1);
  });

  it("spans a group label over the columns of the piece of rule drawn under it", () => {
    // "Storico" over 2022 | 2023 and "Obiettivi" (centred, over 2025) over 2024 | 2025 | 2026
    const bounds = [40, 200, 260, 320, 380, 440, 500];
    const cell = (text: string, col: number, x: number, y: number) => ({
      row: y < 70 ? 0 : 1,
      col,
      rowSpan: 1,
      colSpan: 1,
      box: [bounds[col]!, y, bounds[col + 1]!, y + 9] as [number, number, number, number],
      text,
      lines: wordsToLines(phrase(text, x, y, true)),
    });
    const t: Table = {
      page: 1,
      box: [40, 60, 500, 90],
      method: "stream",
      nRows: 2,
      nCols: 6,
      headerRows: 2,
      continues: null,
      cells: [
        cell("Indicatore", 0, 42, 62),
        cell("Storico", 1, 240, 62),
        cell("Obiettivi", 4, 390, 62),
        ...["2022", "2023", "2024", "2025", "2026"].map((y, i) => cell(y, i + 1, bounds[i + 1]! + 5, 76)),
      ],
    };
    const stack = [
      { y: 60, x0: 40, x1: 500, breaks: [200, 320] },
      { y: 73, x0: 200, x1: 500, breaks: [320] },
      { y: 88, x0: 40, x1: 500, breaks: [200, 260, 320, 380, 440] },
    ];
    spanGroupLabels(t, stack, bounds);
    const label = (text: string) => t.cells.find((c) => c.text === text)!;
    expect([label("Obiettivi").col, label("Obiettivi").colSpan]).toEqual([3, 3]);
    expect([label("Storico").col, label("Storico").colSpan]).toEqual([1, 2]);
    expect(label("Indicatore").colSpan).toBe(1);
  });
});

describe("horizontal rules found in a page image", () => {
  // a scan's rules come in pieces: broken by specks where nothing joins, a piece a pixel lower where
  // the slant steps; no two rules are broken at the same places by design, but by chance they can be
  const scanned: Ruling[] = [
    ...ruleAt(60, [40, 209, 540]),
    ...ruleAt(60.3, [540, 560]),
    ...ruleAt(80, [40, 210, 330, 560]),
    ...ruleAt(100, [40, 330, 560]),
    ...ruleAt(120, [40, 120, 560]),
  ];
  const words = [60, 80, 100].flatMap((y) => [
    ...phrase("Numero di fatture pagate", 44, y + 6),
    ...phrase("Somma delle fatture", 240, y + 6),
    ...phrase(">= 99 N.", 400, y + 6),
  ]);

  it("takes where the pieces of a drawn rule meet for its columns", () => {
    expect(ruleStacks(scanned, [])[0]!.some((r) => r.breaks.length > 0)).toBe(true);
    // (two rules meet at 209.5: a table of two columns, split through the middle of a column)
    expect(rulesTables(scanned, words, 1, [])).toMatchObject({ tables: [{ nCols: 2 }] });
  });

  it("takes no column from where a scanned rule's pieces meet, and leaves the table to alignment", () => {
    for (const st of ruleStacks(scanned, [], 160, false)) for (const r of st) expect(r.breaks).toEqual([]);
    expect(rulesTables(scanned, words, 1, [], undefined, true).tables).toEqual([]);
  });
});
