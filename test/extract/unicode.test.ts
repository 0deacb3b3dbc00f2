import { describe, expect, it } from "vitest";
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
