/** Name cells (segment/names.ts): a formula and a source written into the name's cell under labels, or inline. */
import { describe, expect, it } from "vitest";
import { splitInlineFormula, splitLabelledFields } from "../../src/segment/names.js";

describe("splitLabelledFields", () => {
  it("takes the formula and the source out of a name cell", () => {
    expect(
      splitLabelledFields(
        "Tempo medio di rilascio della CIE Formula: giorni tra richiesta e consegna / CIE Fonte: ANPR",
      ),
    ).toEqual({
      name: "Tempo medio di rilascio della CIE",
      formula: "giorni tra richiesta e consegna / CIE",
      notes: ["Fonte: ANPR"],
    });
    expect(splitLabelledFields("Ore di presidio Algoritmo di calcolo: ore di servizio esterno").formula).toBe(
      "ore di servizio esterno",
    );
  });
  it("leaves a name alone when a label opens it or sits in brackets", () => {
    expect(splitLabelledFields("Formula: a / b").name).toBe("Formula: a / b");
    const t = "Indice di soddisfazione (fonte: indagine annuale)";
    expect(splitLabelledFields(t)).toEqual({ name: t, formula: null, notes: [] });
  });
});

describe("splitInlineFormula", () => {
  it("reads a formula after a colon or in a final parenthetical that reads as a measure", () => {
    expect(
      splitInlineFormula("Crescita qualitativa social: N° followers anno x/N° followers anno x-1"),
    ).toEqual({
      name: "Crescita qualitativa social",
      formula: "N° followers anno x/N° followers anno x-1",
    });
    expect(splitInlineFormula("Livelli di attività del servizio (N. self-assessment svolti)").formula).toBe(
      "N. self-assessment svolti",
    );
  });
});
