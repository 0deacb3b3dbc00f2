import { describe, expect, it } from "vitest";
import { strike } from "../../src/layout/strike.js";
import type { Word } from "../../src/model/index.js";
import { h } from "./rules.js";

/** a word 6 pt tall from y 100, 4 pt a character from x */
const word = (text: string, x: number): Word => ({
  text,
  box: [x, 100, x + text.length * 4, 106],
  fontSize: 8,
  bold: false,
  italic: false,
  struck: false,
});

describe("struck words", () => {
  it("marks a word a stroke crosses at its middle, not one a rule runs under", () => {
    const r = strike([word(">=28", 40), word("N.", 60)], [h(103, 38, 68)]);
    expect(r.words.map((w) => w.struck)).toEqual([true, true]);
    const under = strike([word(">=28", 40)], [h(106.5, 38, 58)]);
    expect(under.words[0]!.struck).toBe(false);
  });

  it("splits a comparator glued to struck figures, or to a struck currency sign (`<=€` of `<=~~€ 245,16~~`)", () => {
    const glued = strike([word(">=663", 40)], [h(103, 48.5, 61)]).words;
    expect(glued.map((w) => [w.text, w.struck])).toEqual([
      [">=", false],
      ["663", true],
    ]);
    const sign = strike([word("<=€", 40), word("245,16", 56)], [h(103, 48.5, 80)]).words;
    expect(sign.map((w) => [w.text, w.struck])).toEqual([
      ["<=", false],
      ["€", true],
      ["245,16", true],
    ]);
  });

  it("reads a struck OCR'd figure's colon as its point and its semicolon as its comma", () => {
    const ocr = (text: string, x: number): Word => ({ ...word(text, x), confidence: 80 });
    const r = strike([ocr("9:878", 40), ocr("74;50", 70)], [h(103, 38, 95)]).words;
    expect(r.map((w) => [w.text, w.struck])).toEqual([
      ["9.878", true],
      ["74,50", true],
    ]);
    // a text layer's words stay as printed
    expect(strike([word("9:878", 40)], [h(103, 38, 62)]).words[0]!.text).toBe("9:878");
  });
});
