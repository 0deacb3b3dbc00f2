import { describe, expect, it } from "vitest";
import { dropSpecks, isSpeck } from "../../src/extract/specks.js";
import type { Box } from "../../src/model/index.js";

const word = (text: string, box: Box, confidence = 90) => ({ run: { text, box, confidence } });

describe("specks read as words", () => {
  it("takes flat boxes and narrow posts for specks", () => {
    // the grain of a dithered banner: a word half a point tall, whatever tesseract made of it
    expect(isSpeck({ text: "cessin", box: [697, 432.2, 697.7, 432.7] })).toBe(true);
    expect(isSpeck({ text: "see", box: [639, 158.4, 668.4, 159.1] })).toBe(true);
    expect(isSpeck({ text: "|", box: [601, 391, 601.4, 391.4] })).toBe(true);
    // a ruling's edge read as a letter: 1 point wide, 10 tall
    expect(isSpeck({ text: "e", box: [709, 427, 710, 437] })).toBe(true);
    expect(isSpeck({ text: "auisia", box: [749.8, 432, 751.2, 435.4] })).toBe(true);
  });

  it("keeps print, small print and flat signs", () => {
    expect(isSpeck({ text: "Indicatore", box: [40, 100, 82, 106] })).toBe(false);
    expect(isSpeck({ text: "N.", box: [693, 240, 699, 246] })).toBe(false);
    // narrow letters are posts in print too
    expect(isSpeck({ text: "1", box: [100, 100, 101.5, 106] })).toBe(false);
    expect(isSpeck({ text: "il", box: [100, 100, 102.5, 106] })).toBe(false);
    // a footnote's 4 pt digits
    expect(isSpeck({ text: "12", box: [100, 100, 104, 102.8] })).toBe(false);
    // a dash, a dot, a quote are flat or small by nature
    for (const t of ["-", "—", ".", "'", "_", "°"])
      expect(isSpeck({ text: t, box: [100, 103, 104, 103.5] })).toBe(false);
  });

  it("drops unsure words far less tall than the page's usual", () => {
    const words = [
      word("Numero", [40, 100, 70, 106.5]),
      word("pratiche", [73, 100, 108, 106.5]),
      word("evase", [111, 100, 135, 106.5]),
      // grain read unsure, 2.8 points tall among words of 6.5
      word("tatti", [643, 377.8, 670.3, 380.6], 17),
      // small print read surely stays
      word("(1)", [140, 100, 148, 103], 88),
    ];
    expect(dropSpecks(words).map((w) => w.run.text)).toEqual(["Numero", "pratiche", "evase", "(1)"]);
  });
});
