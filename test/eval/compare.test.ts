import { describe, expect, it } from "vitest";
import { compareDocuments, prf } from "../../src/eval/compare.js";
import { sampleDocument } from "../helpers.js";

describe("compareDocuments", () => {
  it("scores a perfect prediction 1.0 everywhere", () => {
    const g = sampleDocument();
    const s = compareDocuments(g, g);
    for (const c of Object.values(s)) {
      expect(c.fp).toBe(0);
      expect(c.fn).toBe(0);
    }
    expect(s.targets.tp).toBe(2);
    expect(s.superseded.tp).toBe(1);
  });

  it("counts a wrong target value as one false positive and one false negative", () => {
    const g = sampleDocument();
    const p = structuredClone(g);
    p.indicators[0]!.targets[0]!.value = 76;
    const s = compareDocuments(p, g);
    expect(s.targets).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(prf(s.targets).f1).toBeCloseTo(0.5);
  });

  it("matches indicators by name despite case and punctuation, not by position", () => {
    const g = sampleDocument();
    const p = structuredClone(g);
    p.indicators[0]!.name = "RISPETTO dei tempi di evasione.";
    p.indicators.unshift({ ...structuredClone(g.indicators[0]!), name: "Altro indicatore", targets: [] });
    const s = compareDocuments(p, g);
    expect(s.indicators).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.targets.tp).toBe(2);
  });

  it("counts everything of a missed indicator as false negatives", () => {
    const g = sampleDocument();
    const s = compareDocuments({ ...g, indicators: [] }, g);
    expect(s.indicators.fn).toBe(1);
    expect(s.targets.fn).toBe(2);
    expect(s.formulas.fn).toBe(1);
  });

  it("gives F1 0, not no figure, when nothing of the gold was found or nothing found is in the gold", () => {
    expect(prf({ tp: 0, fp: 0, fn: 4 })).toEqual({ precision: null, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 3, fn: 0 })).toEqual({ precision: 0, recall: null, f1: 0 });
    expect(prf({ tp: 0, fp: 0, fn: 0 }).f1).toBeNull();
  });
});
