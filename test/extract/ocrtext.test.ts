/** The per-word repairs of tesseract's readings (src/extract/ocrtext.ts). */
import { describe, expect, it } from "vitest";
import { ocrWordText } from "../../src/extract/ocrtext.js";

describe("ocrWordText", () => {
  it("reads braces as parentheses", () => {
    expect(ocrWordText("{D1}")).toBe("(D1)");
  });

  it("reads a '$' among a number's digits as 5", () => {
    expect(ocrWordText("$00")).toBe("500");
    expect(ocrWordText("$6")).toBe("56");
    expect(ocrWordText("1$0,00")).toBe("150,00");
    expect(ocrWordText("2.$00")).toBe("2.500");
    expect(ocrWordText(">=$00")).toBe(">=500");
    expect(ocrWordText("$0%")).toBe("50%");
  });

  it("leaves a '$' that would not make a number", () => {
    expect(ocrWordText("1.2.$.1")).toBe("1.2.$.1");
    expect(ocrWordText("1,2.$8.1")).toBe("1,2.$8.1");
    expect(ocrWordText("1.2.S$")).toBe("1.2.S$");
    expect(ocrWordText("$")).toBe("$");
    expect(ocrWordText("$.")).toBe("$.");
    expect(ocrWordText("A$1")).toBe("A$1");
  });

  it("drops quotes glued before a number with decimals", () => {
    expect(ocrWordText('"76,00')).toBe("76,00");
    expect(ocrWordText("‘35,5%")).toBe("35,5%");
    expect(ocrWordText('>="76,00')).toBe(">=76,00");
    expect(ocrWordText('"$6,00')).toBe("56,00");
  });

  it("keeps quotes before other numbers and words", () => {
    // an abbreviated year
    expect(ocrWordText("'21")).toBe("'21");
    expect(ocrWordText("“n”")).toBe("“n”");
    expect(ocrWordText("'1.2,3")).toBe("'1.2,3");
  });
});
