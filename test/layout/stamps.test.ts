import { describe, expect, it } from "vitest";
import { stampWords } from "../../src/layout/stamps.js";
import { BULLET } from "../../src/layout/bullets.js";
import type { Word } from "../../src/model/index.js";

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

describe("a stamp's or a signature's reading", () => {
  it("is the heap of unsure words at odd heights, with the short words read half surely in it", () => {
    const h = heap();
    const marks = stampWords([...table(95), ...h]);
    expect([...marks].map((w) => w.text).sort()).toEqual(h.map((w) => w.text).sort());
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
