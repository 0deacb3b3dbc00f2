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
    // a speck before a scan's code, read as a quote, is no part of it
    expect(leadingObjectiveCode("‘A02.02 - Ridurre i tempi")).toEqual({
      code: "A02.02",
      rest: "Ridurre i tempi",
    });
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

  it("takes a number of three levels or more before a dash and a capital for a code", () => {
    // (OCR reads `I1.1.2` so)
    expect(leadingIndicatorCode("11.1.2 - Numero di autorizzazioni")).toEqual({
      code: "11.1.2",
      rest: "Numero di autorizzazioni",
    });
    expect(leadingIndicatorCode("2.3.1a - Quota di pratiche")).toEqual({
      code: "2.3.1a",
      rest: "Quota di pratiche",
    });
    expect(leadingIndicatorCode("1101 - Costo medio di liquidazione")).toEqual({
      code: "1101",
      rest: "Costo medio di liquidazione",
    });
    // a year, two levels, or a range or a figure after the dash, are a name's own
    expect(leadingIndicatorCode("2024 - Numero di pratiche")).toBeNull();
    expect(leadingIndicatorCode("1101 - 2000 pratiche")).toBeNull();
    expect(leadingIndicatorCode("1.1 - Numero di pratiche")).toBeNull();
    expect(leadingIndicatorCode("1.2.3 - 4.5.6")).toBeNull();
  });

  it("takes a code of two dotted letters and figures before a capital without its dash", () => {
    // (a scan lost the dash: `R.A.1.1a Quota di …`)
    expect(leadingIndicatorCode("R.A.1.1a Quota di dispositivi")).toEqual({
      code: "R.A.1.1a",
      rest: "Quota di dispositivi",
    });
    // one dotted letter group is a heading's or an article's (`OB.1.1 Digitalizzare`, `Art.3 Comma`)
    expect(leadingIndicatorCode("OB.1.1 Digitalizzare le fasi")).toBeNull();
    expect(leadingIndicatorCode("Art.3 Comma 2")).toBeNull();
  });

  it("takes a code a scan spaced after its letters' dot", () => {
    expect(leadingIndicatorCode("RA. 1.1c - Percentuale di verifiche")).toEqual({
      code: "RA.1.1c",
      rest: "Percentuale di verifiche",
    });
    // (an abbreviation and one figure is no code; a code printed with its space keeps it)
    expect(leadingIndicatorCode("Nr. 3 - Pratiche evase")).toBeNull();
    expect(leadingIndicatorCode("DFP 1.3 - Grado di copertura")?.code).toBe("DFP 1.3");
  });
});
