/** Small cell readings of the table reader: an objective column's numbered cell, a unit column's word. */
import { describe, expect, it } from "vitest";
import { numberedCell } from "../../src/segment/tablereader.js";
import { unitWord } from "../../src/segment/builder.js";
import { detectKind } from "../../src/segment/document.js";

describe("numberedCell", () => {
  it("reads a number before a capitalized title as the objective's code", () => {
    expect(numberedCell("01 Servizi istituzionali")).toEqual({
      code: "01",
      title: "Servizi istituzionali",
      level: null,
    });
    expect(numberedCell("10.05 Viabilità sicura")).toEqual({
      code: "10.05",
      title: "Viabilità sicura",
      level: null,
    });
  });
  it("reads letters and a number before a dash as the code", () => {
    expect(numberedCell("VP1 – Aumentare l'occupabilità")).toEqual({
      code: "VP1",
      title: "Aumentare l'occupabilità",
      level: null,
    });
    expect(numberedCell("KPI scelti dall'ente")).toBeNull();
  });
  it("leaves a count or a lower-case sentence alone", () => {
    expect(numberedCell("3 incontri svolti")).toBeNull();
    expect(numberedCell("Servizi istituzionali")).toBeNull();
    expect(numberedCell("2024")).toBeNull();
  });
});

describe("unitWord", () => {
  it("reads the unit a unit column prints", () => {
    expect(unitWord("€")).toBe("EUR");
    expect(unitWord("Euro")).toBe("EUR");
    expect(unitWord("%")).toBe("%");
    expect(unitWord("giorni")).toBe("days");
    expect(unitWord("n.")).toBe("count");
    expect(unitWord("km")).toBeUndefined();
    expect(unitWord("europeo")).toBeUndefined();
  });
});

describe("detectKind", () => {
  it("knows a PEG and its performance objectives for a plan", () => {
    expect(detectKind("Piano esecutivo di gestione 2024", "", undefined, false)).toBe("plan");
    expect(detectKind("PEG 2024-2026 – Obiettivi di performance", "", undefined, false)).toBe("plan");
  });
});
