import { describe, expect, it } from "vitest";
import {
  findText,
  insideWords,
  parseBboxLayout,
  splitAcrossPages,
  wordsOnOnePage,
  type PdfText,
  type PdfWord,
} from "../../fixtures/generate/variety/locate.js";

/** Words laid out as lines of cells: each [x, y, text] is one word 10 pt high. */
const page = (ws: [number, number, string][]): PdfWord[] =>
  ws.map(([x, y, text]) => ({ text, box: [x, y, x + text.length * 5, y + 10] }));

describe("parseBboxLayout", () => {
  it("reads pdftotext's word boxes page by page, entities decoded", () => {
    const doc = parseBboxLayout(`<doc><page width="595" height="842"><flow><block><line>
<word xMin="10.5" yMin="20" xMax="40" yMax="30">&gt;=</word><word xMin="42" yMin="20" xMax="60" yMax="30">l&apos;ente</word>
</line></block></flow></page><page width="595" height="842"><flow><block><line><word xMin="1" yMin="2" xMax="3" yMax="4">A&amp;B</word></line></block></flow></page></doc>`);
    expect(doc.pages.length).toBe(2);
    expect(doc.pages[0]!.map((w) => w.text)).toEqual([">=", "l'ente"]);
    expect(doc.pages[0]![0]!.box).toEqual([10.5, 20, 40, 30]);
    expect(doc.pages[1]![0]!.text).toBe("A&B");
  });
});

describe("findText", () => {
  it("finds an unbroken run and boxes its words", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 10, "Tempo"],
          [40, 10, "medio"],
          [70, 10, "di"],
          [90, 10, "rilascio"],
        ]),
      ],
    };
    expect(findText(doc, "medio di rilascio")).toMatchObject({
      page: 1,
      first: 1,
      last: 3,
      box: [40, 10, 130, 20],
    });
    expect(findText(doc, "medio  di\nrilascio")?.first).toBe(1);
    expect(findText(doc, "rilascio medio")).toBeNull();
  });

  it("follows a cell's lines when pdftotext reads a neighbouring cell in between", () => {
    // name cell at x=10 (two lines), formula cell at x=200 read between them
    const words = page([
      [10, 10, "Numero"],
      [45, 10, "di"],
      [200, 10, "Somma"],
      [235, 10, "delle"],
      [10, 22, "pratiche"],
      [55, 22, "evase"],
    ]);
    const doc: PdfText = { pages: [words] };
    const f = findText(doc, "Numero di pratiche evase")!;
    expect(f.page).toBe(1);
    expect(f.box).toEqual([10, 10, 80, 32]);
  });

  it("joins a word broken after a hyphen at a line end", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 10, "(scala"],
          [45, 10, "1-"],
          [300, 10, "altro"],
          [10, 22, "5)"],
        ]),
      ],
    };
    expect(findText(doc, "(scala 1-5)")).not.toBeNull();
  });

  it("accepts the brackets a text is printed in, across its lines", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 10, "(SERVIZIO"],
          [60, 10, "AFFARI"],
          [300, 10, "altro"],
          [10, 22, "LEGISLATIVI)"],
        ]),
      ],
    };
    expect(findText(doc, "SERVIZIO AFFARI LEGISLATIVI")?.box).toEqual([10, 10, 90, 32]);
    expect(findText(doc, "AFFARI LEGISLATIVI")).not.toBeNull();
    expect(findText(doc, "ERVIZIO AFFARI")).toBeNull();
  });

  it("searches from a page and word on", () => {
    const p = page([
      [10, 10, "Indicatore"],
      [10, 30, "Indicatore"],
    ]);
    const doc: PdfText = { pages: [p, p] };
    expect(findText(doc, "Indicatore", { page: 1, word: 1 })).toMatchObject({ page: 1, first: 1 });
    expect(findText(doc, "Indicatore", { page: 2, word: 0 })).toMatchObject({ page: 2, first: 0 });
  });
});

describe("splitAcrossPages and wordsOnOnePage", () => {
  it("accepts a title whose first words end one page and the rest begin the next", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 700, "RIDURRE"],
          [60, 700, "I"],
          [70, 700, "TEMPI"],
        ]),
        page([
          [10, 40, "DEL"],
          [40, 40, "TITOLO"],
        ]),
      ],
    };
    expect(splitAcrossPages(doc, "RIDURRE I TEMPI DEL TITOLO")).toBe(true);
    expect(splitAcrossPages(doc, "RIDURRE I COSTI DEL TITOLO")).toBe(false);
  });

  it("finds a short value glued to a year before it only when asked to look inside words", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 10, "2025>="],
          [50, 10, "70%"],
        ]),
      ],
    };
    expect(findText(doc, ">= 70%")).toBeNull();
    expect(insideWords(doc, ">= 70%")).toBe(true);
    expect(insideWords(doc, ">= 71%")).toBe(false);
  });

  it("finds a short value's words on one page in any order", () => {
    const doc: PdfText = {
      pages: [
        page([
          [10, 10, "84,0"],
          [50, 10, ">="],
          [10, 22, "%"],
        ]),
      ],
    };
    expect(wordsOnOnePage(doc, ">= 84,0 %")).toBe(true);
    expect(wordsOnOnePage(doc, ">= 84,0 % %")).toBe(false);
  });
});
