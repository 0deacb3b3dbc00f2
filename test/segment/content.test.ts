/** What a cell holds, from its text alone. */
import { describe, expect, it } from "vitest";
import { readCell } from "../../src/segment/content.js";

const kind = (t: string) => readCell(t).kind;

describe("readCell", () => {
  it("reads targets as printed, with their comparators", () => {
    for (const t of [
      ">= 75,00 %",
      "≤ 54,00 €",
      ">= 1.000 N.",
      "entro il 31/12/2023",
      "+2% (385)",
      "2022: >= 5 2023: >= 6",
    ]) {
      expect(kind(t), t).toBe("value");
      expect(readCell(t).comparator, t).toBe(true);
    }
  });
  it("reads bare values, percentages, markers and years", () => {
    expect(kind("140")).toBe("value");
    expect(readCell("140").comparator).toBe(false);
    expect(readCell("20,00%").percent).toBe(true);
    expect(kind("N/D")).toBe("missing");
    expect(kind("Anno rilevazione")).toBe("marker");
    expect(kind("2024")).toBe("year");
    expect(kind("ON")).toBe("value");
  });
  it("tells codes, coded titles, formulas and prose from names", () => {
    expect(kind("1.2.S")).toBe("code");
    expect(kind("F101")).toBe("code");
    expect(kind("1.1 Riqualificazione degli spazi pubblici")).toBe("coded");
    expect(kind("N. imprese assistite / N. imprese attive al 31/12")).toBe("formula");
    expect(kind("Conteggio dei reclami riscontrati")).toBe("formula");
    expect(kind("Numero di imprese beneficiarie")).toBe("text");
    expect(kind("2 eventi annuali di presentazione")).toBe("text");
    expect(
      kind(
        "Al 31 dicembre il numero di imprese assistite è stato pari a 75. La percentuale di raggiungimento è del 57%, inferiore alle attese.",
      ),
    ).toBe("prose");
  });
  it("sees offices", () => {
    expect(readCell("Ufficio Gestione Documentale").office).toBe(true);
    expect(readCell("Settore Lavori Pubblici").office).toBe(true);
    expect(readCell("Numero di pratiche").office).toBe(false);
  });
});
