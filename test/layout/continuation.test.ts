import { describe, expect, it } from "vitest";
import { columnGutters, continues, sameColumns } from "../../src/layout/continuation.js";
import type { Cell, Table } from "../../src/model/index.js";

/**
 * An unruled table from rows of [text, x0, x1] per column (null: an empty cell): the cells' boxes are
 * drawn to the column boundaries, as the stream reader draws them, and their lines are the text.
 */
function stream(rows: ([string, number, number] | null)[][], bounds: number[], headerRows = 0): Table {
  const cells: Cell[] = [];
  rows.forEach((row, r) =>
    row.forEach((t, c) => {
      const y = 100 + r * 20;
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: 1,
        box: [bounds[c]!, y, bounds[c + 1]!, y + 20],
        text: t?.[0] ?? "",
        lines: t ? [{ text: t[0], box: [t[1], y + 4, t[2], y + 14], words: [] }] : [],
      });
    }),
  );
  return {
    page: 1,
    box: [bounds[0]!, 100, bounds.at(-1)!, 100 + rows.length * 20],
    method: "stream",
    nRows: rows.length,
    nCols: bounds.length - 1,
    headerRows,
    cells,
    continues: null,
  };
}

// a plan's table: name, formula, baseline, two targets; figures right-aligned
const HEAD: [string, number, number][] = [
  ["Indicatore", 50, 95],
  ["Algoritmo", 300, 345],
  ["Stato 2024", 470, 500],
  ["2025", 540, 560],
  ["2026", 610, 630],
];
const prevPart = stream(
  [
    HEAD,
    [
      ["Numero di pratiche evase nei termini", 50, 230],
      ["Conteggio delle pratiche", 300, 410],
      ["98", 490, 500],
      [">= 99", 535, 560],
      [">= 102", 600, 630],
    ],
  ],
  [50, 290, 460, 520, 590, 640],
  1,
);

describe("continuation across a page break", () => {
  it("finds the white between an unruled table's columns from the text, not the drawn cells", () => {
    const g = columnGutters(prevPart);
    expect(g[0]).toEqual([230, 300]);
    expect(g[1]).toEqual([410, 470]);
  });

  it("joins a headerless part whose figures are wider, so its columns' cells are drawn elsewhere", () => {
    // the same columns, but wider figures moved the drawn boundaries by 12 points
    const next = stream(
      [
        [
          ["Numero di permessi di costruire rilasciati", 50, 250],
          ["Conteggio dei permessi", 300, 400],
          ["1.806", 478, 500],
          [">= 1.808", 528, 560],
          [">= 1.809", 598, 630],
        ],
      ],
      [50, 295, 472, 515, 585, 643],
    );
    expect(sameColumns(prevPart, next)).toBe(true);
    expect(continues(prevPart, next, false)).toBe(true);
  });

  it("keeps apart a table whose text crosses the other's gutters", () => {
    const other = stream(
      [
        [
          ["Area", 50, 70],
          ["Descrizione dell'obiettivo strategico di mandato", 120, 420],
          ["Peso", 470, 500],
          ["Note", 540, 560],
          ["Owner", 610, 630],
        ],
      ],
      [50, 110, 430, 520, 590, 640],
    );
    expect(sameColumns(prevPart, other)).toBe(false);
    expect(continues(prevPart, other, false)).toBe(false);
  });

  it("keeps apart a table of another width or number of columns", () => {
    const narrow = stream(
      [
        [
          ["a", 50, 60],
          ["b", 300, 310],
        ],
      ],
      [50, 290, 330],
    );
    expect(sameColumns(prevPart, narrow)).toBe(false);
    // the same columns, moved right by 200 points: not the same table
    const moved = HEAD.map(([t, a, b]): [string, number, number] => [t, a + 200, b + 200]);
    expect(sameColumns(prevPart, stream([moved], [250, 490, 660, 720, 790, 840]))).toBe(false);
  });

  it("needs half the gutters seen in both tables", () => {
    const sparse = stream(
      [[["x", 50, 60], null, null, null, ["y", 610, 630]]],
      [50, 290, 460, 520, 590, 640],
    );
    expect(sameColumns(prevPart, sparse)).toBe(false);
  });

  it("joins a part that repeats the header only when nothing but notes was printed under the first", () => {
    const again = stream(
      [
        HEAD,
        [
          ["Altro", 50, 80],
          ["x", 300, 310],
          ["1", 495, 500],
          ["2", 555, 560],
          ["3", 625, 630],
        ],
      ],
      [50, 290, 460, 520, 590, 640],
      1,
    );
    expect(continues(prevPart, again, false)).toBe(true);
    expect(continues(prevPart, again, true)).toBe(false);
  });
});

describe("a part run on to the next page, a single row", () => {
  it("is read on the previous part's columns and continues it", async () => {
    const { Assembler } = await import("../../src/layout/index.js");
    const { linesToBlocks } = await import("../../src/layout/blocks.js");
    const { wordsToLines } = await import("../../src/layout/words.js");
    const word = (text: string, x: number, y: number) => ({
      text,
      box: [x, y, x + text.length * 4.5, y + 9] as [number, number, number, number],
      fontSize: 9,
      bold: false,
      italic: false,
      struck: false,
    });
    const phrase = (text: string, x: number, y: number) => {
      let cx = x;
      return text.split(" ").map((t) => {
        const w = word(t, cx, y);
        cx = w.box[2] + 2.5;
        return w;
      });
    };
    const words = [
      ...phrase("Tempo medio di rilascio", 50, 60),
      ...phrase("Somma dei giorni", 300, 60),
      ...phrase("30", 490, 60),
      ...phrase("<= 28", 535, 60),
      ...phrase("<= 27", 600, 60),
    ];
    const page = (n: number, tables: Table[], blocks: ReturnType<typeof linesToBlocks>) => ({
      page: n,
      width: 842,
      height: 595,
      ocr: false,
      lines: blocks.flatMap((b) => b.lines),
      blocks,
      tables,
      furniture: [],
    });
    const asm = new Assembler(new Set());
    asm.page(page(1, [{ ...prevPart, box: [50, 400, 640, 560] }], []));
    const p2 = asm.page(page(2, [], linesToBlocks(wordsToLines(words, { splitGap: 2.5 }))));
    expect(p2.tables).toHaveLength(1);
    expect(p2.tables[0]!.continues).toBe(0);
    expect(p2.tables[0]!.cells.map((c) => c.text)).toEqual([
      "Tempo medio di rilascio",
      "Somma dei giorni",
      "30",
      "<= 28",
      "<= 27",
    ]);
  });
  it("ends where a heading in larger type starts (the next objective and its own table below)", async () => {
    const { Assembler } = await import("../../src/layout/index.js");
    const { linesToBlocks } = await import("../../src/layout/blocks.js");
    const { wordsToLines } = await import("../../src/layout/words.js");
    const phrase = (text: string, x: number, y: number, size = 9) => {
      let cx = x;
      return text.split(" ").map((t) => {
        const w = {
          text: t,
          box: [cx, y, cx + t.length * size * 0.5, y + size] as [number, number, number, number],
          fontSize: size,
          bold: size > 9,
          italic: false,
          struck: false,
        };
        cx = w.box[2] + 2.5;
        return w;
      });
    };
    const words = [
      ...phrase("Tempo medio di rilascio", 50, 60),
      ...phrase("Somma dei giorni", 300, 60),
      ...phrase("30", 490, 60),
      ...phrase("<= 28", 535, 60),
      ...phrase("<= 27", 600, 60),
      // the next objective's heading and its lines, over the page's own table (not given here)
      ...phrase("2.1 Monitorare le attività di refertazione dello screening", 50, 100, 10.5),
      ...phrase("Responsabile: Dipartimento di Prevenzione", 50, 116),
    ];
    const page = (n: number, tables: Table[], blocks: ReturnType<typeof linesToBlocks>) => ({
      page: n,
      width: 842,
      height: 595,
      ocr: false,
      lines: blocks.flatMap((b) => b.lines),
      blocks,
      tables,
      furniture: [],
    });
    const asm = new Assembler(new Set());
    asm.page(page(1, [{ ...prevPart, box: [50, 400, 640, 560] }], []));
    const p2 = asm.page(page(2, [], linesToBlocks(wordsToLines(words, { splitGap: 2.5 }))));
    expect(p2.tables).toHaveLength(1);
    expect(p2.tables[0]!.continues).toBe(0);
    expect(p2.tables[0]!.cells.map((c) => c.text)).toContain("<= 27");
    expect(p2.blocks.map((b) => b.text).join(" ")).toContain("2.1 Monitorare");
  });
});

describe("running lines over a table's header at the top of a page", () => {
  it("keeps a title running over several of the header's columns out of the header", async () => {
    const { tableHeaderLines } = await import("../../src/layout/furniture.js");
    const line = (text: string, x0: number, x1: number, y: number) => ({
      text,
      box: [x0, y, x1, y + 9] as [number, number, number, number],
      words: [],
    });
    const title = line("Comune di Cremona – Piano integrato 2025-2027", 200, 600, 20);
    const head = [
      line("Indicatore", 50, 95, 36),
      line("Algoritmo", 300, 345, 36),
      line("2025", 540, 560, 36),
      line("2026", 610, 630, 36),
    ];
    // a label's second line, under one column, is the header's
    const second = line("di calcolo", 300, 340, 46);
    const out = tableHeaderLines([title, ...head, second]);
    expect(out.has(title)).toBe(false);
    expect(out.has(second)).toBe(true);
  });
});

describe("a single page's number", () => {
  it("is a running line in its usual forms ('Pagina 1 di 1', 'Pag. 1', '1/1', '1 di 1')", async () => {
    const { bandLines, furnitureKeys } = await import("../../src/layout/furniture.js");
    const line = (text: string, y: number) => ({
      text,
      box: [500, y, 520, y + 9] as [number, number, number, number],
      words: [],
    });
    for (const n of ["Pagina 1 di 1", "Pag. 1", "1/1", "1 / 1", "1 di 1"])
      expect(furnitureKeys([bandLines({ height: 842, lines: [line(n, 820)] })]).size, n).toBe(1);
    // a value at the page's foot is not
    expect(furnitureKeys([bandLines({ height: 842, lines: [line("≥ 55%", 820)] })]).size).toBe(0);
  });
});

describe("list items at a page's edge", () => {
  it("are never running lines, however alike their items", async () => {
    const { bandLines, furnitureKeys } = await import("../../src/layout/furniture.js");
    const line = (text: string, y: number) => ({
      text,
      box: [60, y, 300, y + 9] as [number, number, number, number],
      words: [],
    });
    const p1 = bandLines({
      height: 842,
      lines: [line("• Target 2022 - ≥ 75%", 790), line("Pagina 1 di 2", 820)],
    });
    const p2 = bandLines({
      height: 842,
      lines: [line("• Target 2023 - ≥ 78%", 30), line("Pagina 2 di 2", 820)],
    });
    const keys = furnitureKeys([p1, p2]);
    expect([...keys]).toEqual(["pagina # di #"]);
    const dashes = bandLines({
      height: 842,
      lines: [line("– Target 2021: +2% (453 n.)", 790), line("– Pagina 2 –", 820)],
    });
    expect(dashes.map((l) => l.text)).toEqual(["– Pagina 2 –"]);
  });
});

describe("a header alone at a page's foot", () => {
  const word = (text: string, x: number, y: number, bold: boolean) => ({
    text,
    box: [x, y, x + text.length * 5, y + 9] as [number, number, number, number],
    fontSize: 9,
    bold,
    italic: false,
    struck: false,
  });
  const blockOf = (ws: ReturnType<typeof word>[]) => ({
    box: [ws[0]!.box[0], ws[0]!.box[1], ws.at(-1)!.box[2], ws[0]!.box[3]] as [number, number, number, number],
    lines: [
      {
        text: ws.map((w) => w.text).join(" "),
        box: [ws[0]!.box[0], ws[0]!.box[1], ws.at(-1)!.box[2], ws[0]!.box[3]] as [
          number,
          number,
          number,
          number,
        ],
        words: ws,
      },
    ],
    text: ws.map((w) => w.text).join(" "),
  });
  const pageWith = (foot: ReturnType<typeof word>[]) => ({
    page: 2,
    width: 842,
    height: 595,
    ocr: false,
    lines: [],
    blocks: [blockOf([word("Le azioni previste saranno monitorate", 40, 480, false)]), blockOf(foot)],
    tables: [],
    furniture: [],
  });
  it("is a table of one header row, for the rows that run on to the next page", async () => {
    const { footHeader } = await import("../../src/layout/index.js");
    const { DEFAULT_STREAM } = await import("../../src/layout/stream.js");
    const r = footHeader(
      pageWith([
        word("Indicatore", 40, 528, true),
        word("Valore 2020", 400, 528, true),
        word("Target", 520, 528, true),
      ]),
      DEFAULT_STREAM,
    )!;
    expect(r.table).toMatchObject({ nRows: 1, nCols: 3, headerRows: 1 });
    expect(r.table.cells.map((c) => c.text)).toEqual(["Indicatore", "Valore 2020", "Target"]);
  });
  it("needs bold labels set apart, with nothing under them", async () => {
    const { footHeader } = await import("../../src/layout/index.js");
    const { DEFAULT_STREAM } = await import("../../src/layout/stream.js");
    const plain = pageWith([
      word("Indicatore", 40, 528, false),
      word("Valore", 400, 528, false),
      word("Target", 520, 528, false),
    ]);
    expect(footHeader(plain, DEFAULT_STREAM)).toBeNull();
    const above = pageWith([
      word("Indicatore", 40, 528, true),
      word("Valore", 400, 528, true),
      word("Target", 520, 528, true),
    ]);
    above.blocks.push(blockOf([word("Note: dato provvisorio", 40, 545, false)]));
    expect(footHeader(above, DEFAULT_STREAM)).toBeNull();
  });
});
