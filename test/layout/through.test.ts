import { describe, expect, it } from "vitest";
import { layoutPage } from "../../src/layout/index.js";
import type { RawPage, Ruling, TextRun } from "../../src/model/index.js";
import { h, v } from "./rules.js";

/** an OCR'd word, 7 pt tall from `top`, 5 pt a character */
const run = (text: string, x: number, top: number): TextRun => ({
  text,
  box: [x, top, x + text.length * 5, top + 7],
  fontName: "OCR",
  fontSize: 9,
  bold: false,
  italic: false,
  confidence: 92,
});

/** a grid of three rows, two columns; a name over two lines in the middle row's first cell */
const page = (extra: Ruling[]): RawPage => ({
  page: 1,
  width: 595,
  height: 842,
  rotation: 0,
  runs: [
    run("Indicatore", 45, 106),
    run("Target", 205, 106),
    run("Numero", 45, 126),
    run("di", 85, 126),
    run("pratiche", 45, 141),
    run(">=", 205, 126),
    run("10", 220, 126),
    run("Tempo", 45, 166),
    run("<=", 205, 166),
    run("30", 220, 166),
  ],
  rulings: [
    ...[100, 120, 160, 190].map((y) => h(y, 40, 300)),
    ...[40, 200, 300].map((x) => v(x, 100, 190)),
    ...extra,
  ],
  rects: [],
  ocr: true,
});

describe("a stroke found through print on a scan", () => {
  it("bounds no cell where it struck no word (the gap between a name's lines)", () => {
    const stroke: Ruling = { ...h(137, 42, 198), width: 0.5, through: true };
    const plain = layoutPage(page([]));
    const struck = layoutPage(page([stroke]));
    const cells = (p: typeof plain) => p.tables[0]!.cells.map((c) => c.text);
    expect(plain.tables).toHaveLength(1);
    expect(cells(struck)).toEqual(cells(plain));
    expect(cells(struck).some((t) => /Numero di\s+pratiche/.test(t))).toBe(true);
  });
});
