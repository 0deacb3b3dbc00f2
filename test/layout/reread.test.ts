/**
 * Cells of an OCR'd page read again one by one (layout/reread.ts), with a reader standing in for
 * tesseract: which cells are read, which readings are taken, and that no word comes out twice.
 */
import { describe, expect, it } from "vitest";
import type { Box, BoxToRead, RawPage, TextRun } from "../../src/model/index.js";
import { rereadCells } from "../../src/layout/reread.js";
import { h, v } from "./rules.js";

const word = (text: string, box: Box, confidence: number): TextRun => ({
  text,
  box,
  fontName: "ocr",
  fontSize: 10,
  bold: false,
  italic: false,
  confidence,
});

/** a ruled table of two rows and two columns, 100 × 30 points a cell, from (50, 50) */
function page(runs: TextRun[]): RawPage {
  return {
    page: 1,
    width: 400,
    height: 300,
    rotation: 0,
    runs,
    rulings: [
      h(50, 50, 250),
      h(80, 50, 250),
      h(110, 50, 250),
      v(50, 50, 110),
      v(150, 50, 110),
      v(250, 50, 110),
    ],
    rects: [],
    ocr: true,
  };
}

const LONG = "Grado di coinvolgimento delle imprese";

describe("rereadCells", () => {
  it("reads short or unsure cells again, inside their rulings, and takes a surer reading", async () => {
    const runs = [
      word("Indicatore", [55, 55, 100, 65], 95),
      word("si", [160, 55, 170, 65], 40),
      word(LONG, [55, 85, 145, 95], 96),
      word("2023", [160, 85, 180, 95], 92),
    ];
    const asked: BoxToRead[] = [];
    const out = await rereadCells(page(runs), async (boxes) => {
      asked.push(...boxes);
      return boxes.map((b) =>
        b.box[0] === 150 && b.box[1] === 50 ? [word("> 1", [158, 55, 172, 65], 91)] : null,
      );
    });
    // the long, sure cell is not read again; the three others are, 1.5 points inside their rulings
    expect(asked.map((b) => b.box)).toEqual([
      [50, 50, 150, 80],
      [150, 50, 250, 80],
      [150, 80, 250, 110],
    ]);
    expect(asked.every((b) => b.inset === 1.5)).toBe(true);
    expect(out.map((r) => r.text).sort()).toEqual(["2023", "> 1", "Indicatore", LONG].sort());
  });

  it("keeps the page's reading when the cell's is less sure or empty", async () => {
    const runs = [word("35,00", [160, 55, 185, 65], 70), word(LONG, [55, 85, 145, 95], 96)];
    const out = await rereadCells(page(runs), async (boxes) =>
      boxes.map((b) => (b.box[0] === 150 && b.box[1] === 50 ? [word("3S,OO", [160, 55, 185, 65], 50)] : [])),
    );
    expect(out.map((r) => r.text)).toEqual(["35,00", LONG]);
  });

  it("never brings a word twice: not from beyond its cell, not twice from one reading", async () => {
    const runs = [
      word("35,00", [160, 55, 185, 65], 50),
      word("%", [188, 55, 195, 65], 50),
      word(LONG, [55, 85, 145, 95], 96),
    ];
    const out = await rereadCells(page(runs), async (boxes) =>
      boxes.map((b) =>
        b.box[0] === 150 && b.box[1] === 50
          ? [
              word("35,00", [160, 55, 185, 65], 90),
              word("%", [188, 55, 195, 65], 90),
              // the same words again, as a merged cell's crop that covers them twice would give
              word("35,00", [160.5, 55, 185.5, 65], 88),
              word("%", [188.5, 55, 195.5, 65], 88),
              // and a word of the cell below, in a crop that reached past the ruling
              word("2023", [160, 82, 180, 92], 90),
            ]
          : null,
      ),
    );
    expect(out.map((r) => r.text)).toEqual([LONG, "35,00", "%"]);
  });

  it("brings no word over a word of the page's reading that stays", async () => {
    // a word of the sure lower cell reaches up to the ruling; the upper cell's crop read its accent
    // again, as a word of its own whose centre lies in the upper cell
    const runs = [
      word("Indicatore", [55, 55, 100, 65], 95),
      word(LONG, [55, 92, 145, 102], 96),
      word("ATTIVITÀ", [100, 79, 140, 89], 95),
    ];
    const out = await rereadCells(page(runs), async (boxes) =>
      boxes.map((b) =>
        b.box[0] === 50 && b.box[1] === 50
          ? [word("Indicatore", [55, 55, 100, 65], 96), word("À", [136, 72, 140, 86], 64)]
          : null,
      ),
    );
    expect(out.map((r) => r.text).sort()).toEqual(["ATTIVITÀ", "Indicatore", LONG].sort());
    // over a smudge the page read less surely, the fresh word stays
    const smudged = [...runs.slice(0, 2), word("NL", [100, 72, 140, 92], 5)];
    const again = await rereadCells(page(smudged), async (boxes) =>
      boxes.map((b) =>
        b.box[0] === 50 && b.box[1] === 50
          ? [word("Indicatore", [55, 55, 100, 65], 96), word("A", [136, 72, 140, 86], 64)]
          : null,
      ),
    );
    expect(again.map((r) => r.text).sort()).toEqual(["A", "Indicatore", "NL", LONG].sort());
  });
});
