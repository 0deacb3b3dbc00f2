/** Labels printed beside titles are fields of their own. */
import { describe, expect, it } from "vitest";
import { readLabel, splitLabels } from "../../src/segment/labels.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";

const lx = wordsOf(loadProfileSet().generic);

describe("labels", () => {
  it("reads owners, weights, evaluations and scopes", () => {
    expect(readLabel('Servizio "DIGITALIZZAZIONE, INFRASTRUTTURE"', lx)).toEqual({
      field: "owner",
      value: 'Servizio "DIGITALIZZAZIONE, INFRASTRUTTURE"',
    });
    expect(readLabel("Responsabile: Dott.ssa Maria Bianchi", lx)).toEqual({
      field: "owner",
      value: "Dott.ssa Maria Bianchi",
    });
    expect(readLabel("Struttura responsabile: Area Didattica", lx)).toEqual({
      field: "owner",
      value: "Area Didattica",
    });
    expect(readLabel("(peso 30%)", lx)).toEqual({ field: "weight", value: 30 });
    expect(readLabel("Peso: 12,5 %", lx)).toEqual({ field: "weight", value: 12.5 });
    expect(readLabel("Valutazione OIV: 80", lx)).toEqual({ field: "evaluation", value: 80 });
    expect(readLabel("PERFORMANCE D'ENTE", lx)).toEqual({ field: "scope", value: null });
  });
  it("leaves titles alone", () => {
    expect(readLabel("FAVORIRE LA TRANSIZIONE DIGITALE", lx)).toBeNull();
    expect(readLabel("Servizio di assistenza alle imprese per l'export", lx)).toBeNull();
    expect(readLabel("Performance organizzativa e individuale: il ciclo di gestione", lx)).toBeNull();
  });
  it("takes a weight printed at the end of a title line", () => {
    expect(splitLabels(["Ridurre i tempi di pagamento (peso 20%)", "Valutazione OIV: 100"], lx)).toEqual({
      rest: ["Ridurre i tempi di pagamento"],
      labels: [
        { field: "weight", value: 20 },
        { field: "evaluation", value: 100 },
      ],
    });
  });
});
