/** Codes at the start of a text (segment/text.ts): objectives' and indicators'. */
import { describe, expect, it } from "vitest";
import { leadingIndicatorCode, leadingObjectiveCode } from "../../src/segment/text.js";

describe("leadingObjectiveCode", () => {
  it("reads the code shapes of the plans", () => {
    for (const [t, code] of <[string, string][]>[
      ["1.2.S.1 Semplificare", "1.2.S.1"],
      ["01.O1.O1.T1 Titolo", "01.O1.O1.T1"],
      ["A02.01 Titolo", "A02.01"],
      ["OB.1.1 - Titolo", "OB.1.1"],
      ["3. Titolo", "3"],
      ["2 – Titolo", "2"],
    ])
      expect(leadingObjectiveCode(t)?.code, t).toBe(code);
  });
  it("reads letters and a number before a dash and a title ('OS1 – …')", () => {
    expect(leadingObjectiveCode("OS1 – Sostenere la competitività")).toEqual({
      code: "OS1",
      rest: "Sostenere la competitività",
    });
    expect(leadingObjectiveCode("OO2.1: Ridurre i tempi")?.code).toBe("OO2.1");
    expect(leadingObjectiveCode("OBS3 - Titolo")?.code).toBe("OBS3");
    // an indicator's initial is no objective's
    expect(leadingObjectiveCode("I1.1.1 - Pratiche evase")).toBeNull();
    expect(leadingObjectiveCode("KPI1 - Pratiche evase")).toBeNull();
    // without the dash, a word and a number are text
    expect(leadingObjectiveCode("IVA 2 per cento")).toBeNull();
  });
});

describe("leadingIndicatorCode", () => {
  it("needs the dash after the code", () => {
    expect(leadingIndicatorCode("F101 - Rispetto dei tempi")).toEqual({
      code: "F101",
      rest: "Rispetto dei tempi",
    });
    expect(leadingIndicatorCode("3 Incontri svolti")).toBeNull();
  });
});
