import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pdfjs } from "../../src/extract/pdfjs.js";
import { repairShiftedLatin } from "../../src/extract/unicode.js";

describe("byte-shifted Latin letters (Ghostscript's ligatures)", () => {
  it("reads a ligature written as shifted letters back inside a word", () => {
    expect(repairShiftedLatin("ride\u6600\u6900nito")).toBe("ridefinito");
    expect(repairShiftedLatin("\u6600\u6900nanziati")).toBe("finanziati");
    expect(repairShiftedLatin("a\u6600\u6c00usso")).toBe("aflusso");
    expect(repairShiftedLatin("veri\u6600\u6900cato con il controllo")).toBe("verificato con il controllo");
  });

  it("leaves other text alone", () => {
    expect(repairShiftedLatin("Obiettivo >= 75,00 %")).toBe("Obiettivo >= 75,00 %");
    // the same code points away from Latin letters, and real CJK text
    expect(repairShiftedLatin("\u6600\u6900 1")).toBe("\u6600\u6900 1");
    expect(repairShiftedLatin("中文 testo")).toBe("中文 testo");
    expect(repairShiftedLatin("中\u6600文")).toBe("中\u6600文");
  });
});

describe("pdf.js's normalizeUnicode", () => {
  // the glyph reader skips it for text all below U+00A0 (most runs: figures, plain words)
  it("leaves text all below U+00A0 as it is", () => {
    const low = fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(low, (s) => pdfjs.normalizeUnicode(s) === s),
      { numRuns: 2000 },
    );
    expect(pdfjs.normalizeUnicode("\ufb01")).toBe("fi");
    expect(pdfjs.normalizeUnicode("a\u00a0b")).toBe("a b");
  });
});
