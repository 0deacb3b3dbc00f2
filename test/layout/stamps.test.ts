import { describe, expect, it } from "vitest";
import { ringRulings, stampWords } from "../../src/layout/stamps.js";
import { BULLET } from "../../src/layout/bullets.js";
import type { Ruling, Word } from "../../src/model/index.js";
import { h, v } from "./rules.js";

/** an OCR'd word `h` tall from `top`, 5 pt a character; no confidence for a born-digital one */
const word = (text: string, x: number, top: number, confidence?: number, h = 6): Word => ({
  text,
  box: [x, top, x + text.length * 5, top + h],
  fontSize: 8,
  bold: false,
  italic: false,
  struck: false,
  ...(confidence === undefined ? {} : { confidence }),
});

/** two columns of print, rows 14 pt apart: a name at x 40, a value at x 200 */
const table = (confidence?: number): Word[] =>
  [0, 1, 2, 3, 4, 5].flatMap((r) => [
    word("Costo", 40, 100 + r * 14, confidence),
    word("medio", 72, 100 + r * 14, confidence),
    word("€", 200, 100 + r * 14, confidence),
    word("350", 208, 100 + r * 14, confidence),
  ]);

/** what OCR reads of a round stamp over the gutter: short words at odd heights and sizes */
const heap = (): Word[] => [
  word("RA", 130, 104, 0, 9),
  word("teli", 150, 109, 12, 13),
  word("GET", 168, 101, 40, 17),
  word("Vi", 132, 122, 15, 9),
  word("sn", 160, 126, 26, 7),
  word("ne", 146, 133, 36, 4),
  word("Mu", 136, 141, 32, 6),
  word("e”", 158, 146, 40, 3),
  word("Pa", 148, 118, 57, 13),
];

/**
 * a ring read half surely: five unsure words (too few for a heap alone), linked and kept in step
 * with each other by the ring's short letters read at 50-60 (`Ne`, `an`)
 */
const halfSureRing = (): Word[] => [
  word("7", 132, 100, 46, 13),
  word("Ne", 146, 100, 53, 13),
  word("OTO", 134, 114, 3, 11),
  word("99’,", 152, 114, 42, 8),
  word("0045!", 142, 124, 43, 11),
  word("an", 150, 137, 52, 8),
  word("A", 140, 138, 40, 6),
];

describe("a stamp's or a signature's reading", () => {
  it("is a ring's heap though its short letters, read half surely, link its words in step", () => {
    const ring = halfSureRing();
    const marks = stampWords([...table(95), ...ring]);
    for (const t of ["7", "OTO", "0045!", "A"]) expect([...marks].map((w) => w.text)).toContain(t);
    // (print's short words, half sure beside print, are no ring's: `di` in a name)
    const print = [0, 1, 2, 3, 4, 5].flatMap((r) => [
      word("Numero", 40, 100 + r * 14, 95),
      word("di", 75, 100 + r * 14, 60),
      word("pratiche", 88, 100 + r * 14, 40),
    ]);
    expect(stampWords(print).size).toBe(0);
  });

  it("is the heap of unsure words at odd heights, with the short words read half surely in it", () => {
    const h = heap();
    const marks = stampWords([...table(95), ...h]);
    expect([...marks].map((w) => w.text).sort()).toEqual(h.map((w) => w.text).sort());
  });

  it("takes the words at its edge in step with none, but not a column's value read surely", () => {
    const edge = word("Zq", 186, 150, 80, 9);
    expect(stampWords([...table(95), ...heap(), edge]).has(edge)).toBe(true);
    const value = word("77", 186, 150, 96);
    const below = word("78", 186, 185, 96);
    const marks = stampWords([...table(95), ...heap(), value, below]);
    expect(marks.has(value) || marks.has(below)).toBe(false);
  });

  it("keeps the print under and around it", () => {
    const words = [...table(95), ...heap()];
    const marks = stampWords(words);
    expect(words.filter((w) => w.text === "Costo" || w.text === "350").some((w) => marks.has(w))).toBe(false);
  });

  it("is not a faded line of print: its unsure words stand in step, side by side", () => {
    const faded = ["Note:", "Fonte:", "gestionale", "interno", "di", "protocollo", "anno"].map((t, i) =>
      word(t, 40 + i * 40, 200, 30),
    );
    const below = ["Indicatore", "comune", "di", "sistema", "camerale", "2024"].map((t, i) =>
      word(t, 40 + i * 45, 209, 35),
    );
    expect(stampWords([...table(95), ...faded, ...below]).size).toBe(0);
  });

  it("is no small heap, no bullet, and nothing of a born-digital page", () => {
    expect(stampWords([...table(95), ...heap().slice(0, 4)]).size).toBe(0);
    const bullets = [0, 1, 2, 3, 4, 5, 6].map((r) => ({ ...word(BULLET, 30, 100 + r * 5, 20, 4 + (r % 3)) }));
    expect(stampWords([...table(95), ...bullets]).size).toBe(0);
    expect(stampWords([...table(), ...heap().map((w) => ({ ...w, confidence: undefined }))]).size).toBe(0);
  });
});

/** a stamp beside a list, read half surely: short words at odd heights and sizes, none in step */
const looseStamp = (): Word[] => [
  word("O", 696, 156, 54, 7),
  word("be", 684, 158, 42, 10),
  word("oc", 662, 162, 55, 9),
  word("ot", 648, 165, 64, 10),
  word("PR", 634, 169, 88, 9),
  word("poss)", 651, 175, 0, 12),
  word("2g21", 677, 182, 22, 10),
  word("pe", 639, 183, 64, 17),
  word("MAR", 654, 189, 86, 9),
];

describe("a stamp set apart from the text", () => {
  it("is dropped though read half surely: its words stand in disorder", () => {
    const s = looseStamp();
    const marks = stampWords([...table(95), ...s]);
    expect([...marks].map((w) => w.text).sort()).toEqual(s.map((w) => w.text).sort());
  });

  it("is not a column of values each alone on its line, aligned and of one height", () => {
    const values = ["12", "345", "7", "1.204", "88", "15", "3"].map((t, i) => word(t, 400, 100 + i * 10, 60));
    expect(stampWords([...table(95), ...values]).size).toBe(0);
    // (right-aligned too)
    const right = ["12", "345", "7", "1.204", "88", "15", "3"].map((t, i) =>
      word(t, 430 - t.length * 5, 100 + i * 10, 60, 6 + (i % 2) * 3),
    );
    expect(stampWords([...table(95), ...right]).size).toBe(0);
  });

  it("keeps a value read surely at the page's height, lined up with its column, that it fell over", () => {
    const s = looseStamp();
    // a column of values at x 640 above and below the stamp, one of them among its words
    const column = [word("12", 640, 100, 95), word("15", 640, 178, 96), word("18", 640, 260, 95)];
    const marks = stampWords([...table(95), ...s, ...column]);
    expect(column.some((w) => marks.has(w))).toBe(false);
    // (alone, beside no column, a sure word of the heap goes with it)
    const lone = word("15", 640, 178, 96);
    expect(stampWords([...table(95), ...s, lone]).has(lone)).toBe(true);
  });

  it("is not a column's cell read badly: narrower than a ring", () => {
    const at = (text: string, conf: number, box: Word["box"]): Word => ({ ...word(text, 0, 0, conf), box });
    const cell = [
      at("2026", 78, [300, 73, 315, 78]),
      at("5)", 52, [318, 84, 325, 89]),
      at(">=", 59, [306, 85, 314, 87.4]),
      at("(niuefiniin", 0, [303, 92, 334, 97.5]),
      at("56)", 60, [324, 99, 332, 104.3]),
      at("ri", 5, [300, 101, 304, 103.6]),
    ];
    expect(stampWords([...table(95), ...cell]).size).toBe(0);
  });

  it("is not a heap read surely", () => {
    const sure = looseStamp().map((w) => ({ ...w, confidence: 93 }));
    expect(stampWords([...table(95), ...sure]).size).toBe(0);
  });
});

describe("a signature's reading", () => {
  it("is the words far taller than the page's, read not quite surely, alone", () => {
    // (sprawling: each letter far wider than a type size)
    const sig = [
      { ...word("AV", 582, 315, 58), box: [582, 315, 644, 337] as Word["box"] },
      { ...word("as", 566, 340, 45), box: [566, 340, 650, 366] as Word["box"] },
    ];
    const marks = stampWords([...table(95), ...sig]);
    expect([...marks].map((w) => w.text).sort()).toEqual(["AV", "as"]);
  });

  it("is a signature's loops read as a row of tall letters in step with each other", () => {
    // the page's print is 6 pt tall; the loops read as letters twice that, side by side, among specks
    const tall = (text: string, x: number, top: number, c: number, w: number) =>
      ({ ...word(text, x, top, c), box: [x, top, x + w, top + 11.3] }) as Word;
    const flat = (text: string, x: number, top: number, c: number, w: number, hh: number) =>
      ({ ...word(text, x, top, c), box: [x, top, x + w, top + hh] }) as Word;
    const sig = [
      tall("IN", 262, 123, 11, 11),
      tall("IN", 281, 123, 49, 19),
      tall("Vi", 310, 123, 43, 41),
      tall("i", 285, 136, 28, 41),
      flat("'", 262, 136, 29, 1.2, 1.7),
      flat("=", 268, 149, 41, 11, 0.7),
      flat("i", 331, 110.8, 12, 10, 3.8),
      flat('"nari', 338, 110.8, 32, 28, 3.8),
    ];
    const marks = stampWords([...table(95), ...sig]);
    for (const t of ["IN", "Vi"])
      expect(sig.filter((w) => w.text === t).every((w) => marks.has(w))).toBe(true);
    // a line of print twice the page's height, read as unsure, in step, of one height: no signature
    const big = ["Piano", "della", "performance", "2024", "2026", "allegato"].map((t, i) =>
      tall(t, 40 + i * 70, 30, 30, t.length * 9),
    );
    const under = ["Sezione", "obiettivi", "strategici", "e", "operativi", "camerali"].map((t, i) =>
      tall(t, 40 + i * 70, 45, 35, t.length * 9),
    );
    expect(stampWords([...table(95), ...big, ...under]).size).toBe(0);
  });

  it("is a knot of tall strokes, some in step by chance, of heights all over, beside no print", () => {
    // `N/ FA N 7` over a row of values: `FA` and `N` in step with each other, `N/` sprawling
    const at = (text: string, conf: number, box: Word["box"]): Word => ({ ...word(text, 0, 0, conf), box });
    const knot = [
      at("N/", 0, [597, 315, 632, 334]),
      at("FA", 16, [560, 321.4, 571, 336]),
      at("N", 81, [579, 323.8, 599, 340.8]),
      at("7", 45, [622, 328.6, 651, 340.8]),
    ];
    // (with the specks read in its box: `20 . =` inside a ring)
    const specks = [at("20", 58, [600, 326, 609, 331]), at("=", 57, [612, 328, 617, 330])];
    // (but a figure of print at its edge, read tall where the first loop touched it, is print)
    const value = at("81", 60, [557.8, 333.8, 567.1, 343.9]);
    const marks = stampWords([...table(95), ...knot, ...specks, value]);
    expect([...knot, ...specks].every((w) => marks.has(w))).toBe(true);
    expect(marks.has(value)).toBe(false);
    // (a title's words, in step, of one height, are no knot though tall and wide)
    const title = ["PIANO", "DELLA", "PERFORMANCE"].map((t, i) =>
      at(t, 70, [300 + i * 90, 30, 300 + i * 90 + t.length * 14, 50]),
    );
    expect(stampWords([...table(95), ...title]).size).toBe(0);
    // (nor strokes beside a line of print at the page's height)
    const print = [at("Tempo", 95, [520, 330, 545, 336]), at("medio", 95, [548, 330, 557, 336])];
    const near = stampWords([...table(95), ...knot, ...print]);
    expect(print.some((w) => near.has(w))).toBe(false);
  });

  it("keeps a figure with decimals read unsure among its words: a value it fell over", () => {
    const value = { ...word("40,00%", 150, 128, 27), box: [150, 128, 185, 137] as Word["box"] };
    const marks = stampWords([...table(95), ...heap(), value]);
    expect(marks.has(value)).toBe(false);
    expect(marks.size).toBeGreaterThanOrEqual(8);
  });

  it("keeps a table's heading word it fell over", () => {
    const label = { ...word("‘Risultato", 150, 128, 64), box: [150, 128, 190, 140] as Word["box"] };
    const marks = stampWords([...table(95), ...heap(), label]);
    expect(marks.has(label)).toBe(false);
    expect(marks.size).toBeGreaterThanOrEqual(8);
  });

  it("takes a word in its box in step only with the heap's own words", () => {
    // `prot`, read half surely, at the edge of the ring beside its `Vi`, in step with it
    const h = heap();
    const prot = { ...word("prot", 113, 122, 63), box: [113, 122, 133, 129] as Word["box"] };
    // (print the stamp fell over, read surely beside it: the heap is no loose one)
    const print = [word("rispetto", 150, 152, 96), word("al", 192, 152, 96), word("2023", 204, 152, 96)];
    const marks = stampWords([...table(95), ...h, prot, ...print]);
    expect(marks.has(prot)).toBe(true);
    expect(print.some((w) => marks.has(w))).toBe(false);
  });

  it("is no header's labels stacked in their cells, read half surely", () => {
    // `Valori storici` over `valore valore` over `2024 2025`: each label alone on its line, one read
    // taller than it is, but words of print at the page's height
    const at = (text: string, conf: number, box: Word["box"]): Word => ({ ...word(text, 0, 0, conf), box });
    const header = [
      at("Valori", 78, [530, 124.3, 550, 130.1]),
      at("storici", 78, [552.5, 124.3, 574.6, 130.3]),
      at("valore", 81, [539.5, 131.8, 562.3, 143.5]),
      at("valore", 54, [580.6, 136.3, 603.1, 142.6]),
      at("2024", 32, [543.4, 145.4, 560.6, 151.4]),
      at("2025", 49, [584.4, 145.4, 601.7, 151.7]),
      at("Valore", 93, [498.7, 136.6, 521.3, 142.6]),
      at("2023", 92, [502.8, 145.7, 519.6, 151.4]),
    ];
    expect(stampWords([...table(95), ...header]).size).toBe(0);
  });

  it("leaves a line of print that runs on out of a heap's box, read unsure under the ring's edge", () => {
    // `atteso 2026` under the heap's top, on one line with `atteso 2027`, read surely past its edge
    const at = (text: string, conf: number, box: Word["box"]): Word => ({ ...word(text, 0, 0, conf), box });
    const h = heap();
    const line = [at("atteso", 45, [130, 96, 152, 102]), at("2026", 44, [155, 96, 172, 102])];
    const past = [at("atteso", 92, [182, 96, 204, 102]), at("2027", 93, [207, 96, 224, 102])];
    const marks = stampWords([...table(95), ...h, ...line, ...past]);
    expect([...line, ...past].some((w) => marks.has(w))).toBe(false);
    expect(h.filter((w) => marks.has(w)).length).toBeGreaterThanOrEqual(7);
    // (alone, with nothing past the box on its line, the unsure pair goes with the heap)
    const alone = stampWords([...table(95), ...h, ...line]);
    expect(line.every((w) => alone.has(w))).toBe(true);
  });

  it("is no large title: read surely, or in step with its neighbours", () => {
    const title = [{ ...word("PIANO", 300, 30, 96), box: [300, 30, 360, 50] as Word["box"] }];
    expect(stampWords([...table(95), ...title]).size).toBe(0);
    const unsure = [
      { ...word("Piano", 300, 30, 70), box: [300, 30, 345, 50] as Word["box"] },
      { ...word("triennale", 350, 30, 75), box: [350, 30, 430, 50] as Word["box"] },
    ];
    expect(stampWords([...table(95), ...unsure]).size).toBe(0);
  });
});

/** a grid: rows 20 pt apart at y 100..200, columns at x 40, 200, 300, 400, 500; pieces of its rules found apart */
const grid = (): Ruling[] => [
  ...[100, 120, 140, 160, 180, 200].map((y) => h(y, 40, 500)),
  ...[40, 200, 300, 400, 500].map((x) => v(x, 100, 200)),
  v(300.4, 123, 137),
  v(400.3, 145, 158),
];

describe("a stamp's ring over a ruled table", () => {
  it("is its sides: short runs side by side stopping inside cells, a pair at one height", () => {
    const ring = [
      v(326, 143, 166),
      v(327.5, 139, 170),
      v(328.4, 138, 151),
      v(378, 136, 170),
      v(379.6, 140, 168),
    ];
    const found = ringRulings([...grid(), ...ring]);
    expect([...found].sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0)).toEqual(
      [...ring].sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0),
    );
  });

  it("is not a column rule's pieces, runs from rule to rule, or a side without its pair", () => {
    expect(ringRulings(grid()).size).toBe(0);
    // short separators from rule to rule (a header's sub-columns)
    expect(ringRulings([...grid(), v(250, 100, 120), v(251, 100, 120), v(350, 100, 120)]).size).toBe(0);
    // one side only, or two sides at different heights
    expect(ringRulings([...grid(), v(326, 143, 166), v(327.5, 139, 170)]).size).toBe(0);
    expect(ringRulings([...grid(), v(326, 103, 126), v(327.5, 101, 128), v(378, 163, 186)]).size).toBe(0);
    // over rules across only (no table's column rules on either side): left to the words' rules
    const ring = [v(326, 143, 166), v(327.5, 139, 170), v(378, 136, 170), v(379.6, 140, 168)];
    expect(ringRulings([...grid().filter((r) => r.orientation === "h"), ...ring]).size).toBe(0);
  });
});
