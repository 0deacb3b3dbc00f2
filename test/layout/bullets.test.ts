import { describe, expect, it } from "vitest";
import { BULLET, readBullets } from "../../src/layout/bullets.js";
import { wordsToLines } from "../../src/layout/words.js";
import type { Word } from "../../src/model/index.js";

/** an OCR'd word: `h` tall from `top`, 5 pt a character unless `w` is given */
const word = (text: string, x: number, top: number, confidence: number, h = 8, w?: number): Word => ({
  text,
  box: [x, top, x + (w ?? text.length * 5), top + h],
  fontSize: 10,
  bold: false,
  italic: false,
  struck: false,
  confidence,
});

/** a list item: a mark 5 pt square at x 63, its text from x 72 */
const item = (mark: string, text: string, y: number, confidence: number, markH = 5): Word[] => [
  word(mark, 63, y + 2.4, confidence, markH, 5),
  ...text.split(" ").map((t, i) => word(t, 72 + i * 40, y, 95)),
];

describe("bullets read by OCR", () => {
  it("writes small square marks at one x before list items as bullets", () => {
    const words = [
      ...item("mH", "Target 2023: ≥ 85%", 100, 30),
      ...item("Hm", "Target 2024: ≥ 88%", 113, 54),
      ...item("=", "Formula: N. pratiche", 126, 63),
    ];
    const lines = wordsToLines(readBullets(words)).map((l) => l.text);
    expect(lines.every((t) => t.startsWith(`${BULLET} `))).toBe(true);
    expect(lines[0]).toBe(`${BULLET} Target 2023: ≥ 85%`);
  });

  it("leaves a mark alone at its x, short words read surely, capitals, and the text layer", () => {
    // one mark only
    expect(readBullets(item("mH", "Target 2023: ≥ 85%", 100, 30))[0]!.text).toBe("mH");
    // "e" and "a" starting lines, small and square, but read surely
    const sure = [...item("e", "la trasparenza", 100, 96), ...item("a", "tutti gli uffici", 113, 93)];
    expect(readBullets(sure).map((w) => w.text)).toEqual(sure.map((w) => w.text));
    // capitals as tall as the line's letters
    const caps = [...item("E", "Target 2023", 100, 55, 8), ...item("I", "Target 2024", 113, 50, 8)];
    expect(readBullets(caps).map((w) => w.text)).toEqual(caps.map((w) => w.text));
    // words of a text layer (no confidence)
    const layer = [...item("mH", "Target 2023", 100, 30), ...item("Hm", "Target 2024", 113, 30)].map((w) => {
      const { confidence: _, ...rest } = w;
      return rest;
    });
    expect(readBullets(layer).map((w) => w.text)).toEqual(layer.map((w) => w.text));
  });

  it("takes marks read surely for bullets where they stand low, as a bullet does, not quotes at the capitals", () => {
    // `"` read surely (tesseract has no `•`), its middle at the middle of the words' height
    const dot = (y: number, text: string, c: number) => [
      word('"', 63, y + 2.5, c, 3, 3),
      ...item("", text, y, 95).slice(1),
    ];
    const low = [...dot(100, "Target 2023: ≥ 85%", 90), ...dot(113, "Target 2024: ≥ 88%", 88)];
    expect(wordsToLines(readBullets(low)).every((l) => l.text.startsWith(`${BULLET} `))).toBe(true);
    // opening quotes at the tops of the words after them stay quotes
    const quote = (y: number) => [word('"', 63, y, 90, 3, 3), word("Citazione", 72, y, 95)];
    const quotes = [...quote(100), ...quote(113)];
    expect(readBullets(quotes).map((w) => w.text)).toEqual(quotes.map((w) => w.text));
  });
});
