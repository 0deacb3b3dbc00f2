import { describe, expect, it } from "vitest";
import { Rng } from "../../fixtures/generate/variety/rng.js";
import type { MeasureKind, TargetCell } from "../../fixtures/generate/variety/spec.js";
import {
  fmtNumber,
  qty,
  sampleBaselines,
  sampleNumberStyle,
  sampleResult,
  sampleTargets,
  sampleTrajectory,
} from "../../fixtures/generate/variety/values.js";

const MEASURES: MeasureKind[] = ["pct", "eur", "count", "days", "date", "text", "score", "ratio", "relative"];
const YEARS = [2025, 2026, 2027];
const text = (runs: { text: string }[]) => runs.map((r) => r.text).join("");

function cells(seed: number, m: MeasureKind): TargetCell[] {
  const rng = new Rng(seed);
  const s = sampleNumberStyle(rng);
  const t = sampleTrajectory(rng, m, YEARS);
  return sampleTargets(rng, t, YEARS, s, {
    supersedeRate: 0.5,
    markerFirstYear: seed % 5 === 0,
    gapRate: 0.1,
    words: seed % 7 === 0,
  });
}

describe("fmtNumber", () => {
  it("writes Italian numbers", () => {
    expect(fmtNumber(1000, 0)).toBe("1.000");
    expect(fmtNumber(1234567.5, 2)).toBe("1.234.567,50");
    expect(fmtNumber(75, 2)).toBe("75,00");
    expect(fmtNumber(-8.2, 2)).toBe("-8,20");
    expect(fmtNumber(4000, 0, false)).toBe("4000");
  });
});

describe("qty", () => {
  it("prints a unit only in the with-unit form, and both forms mean the same unit when it is printed", () => {
    const s = {
      ...sampleNumberStyle(new Rng(1)),
      pctSpace: true,
      pctDecimals: 2 as const,
      countSuffix: "" as const,
    };
    expect(qty("pct", 75, s)).toEqual({
      withUnit: "75,00 %",
      bare: "75,00",
      unitWith: "%",
      unitBare: "%",
      value: 75,
    });
    // the gold records the number as printed, rounded to the decimals shown
    expect(qty("eur", 464.5, { ...s, eurDecimals: 0 }).value).toBe(465);
    // a count printed without "N." is a bare number; under a "N." column it is a count
    expect(qty("count", 1500, s)).toMatchObject({ withUnit: "1.500", unitWith: null, unitBare: "count" });
  });
});

describe("sampleTargets", () => {
  it("leaves exactly one target in force per year that has one, whatever the superseded form", () => {
    for (let seed = 1; seed <= 120; seed++)
      for (const m of MEASURES)
        for (const c of cells(seed, m)) {
          for (const side of [c.withUnit, c.bare]) {
            const current = side.gold.filter((g) => !g.superseded);
            expect(current.length).toBe(c.marker ? 0 : 1);
            for (const g of side.gold) expect(g.year).toBe(c.year);
          }
          if (c.superseded !== "none") expect(c.withUnit.gold.filter((g) => g.superseded).length).toBe(1);
        }
  });

  it("gives each target the raw text printed for it, and strikes exactly the superseded one", () => {
    const forms = new Set<string>();
    for (let seed = 1; seed <= 120; seed++)
      for (const m of MEASURES)
        for (const c of cells(seed, m))
          for (const side of [c.withUnit, c.bare]) {
            const printed = text(side.runs);
            for (const g of side.gold) expect(printed).toContain(g.raw);
            forms.add(c.superseded);
            if (c.superseded === "struck-with-op" || c.superseded === "struck-value-only") {
              const struck = side.runs.filter((r) => r.strike).map((r) => r.text);
              expect(struck).toEqual([side.gold.find((g) => g.superseded)!.raw]);
            }
            if (c.superseded === "ridefinito") {
              expect(side.runs.some((r) => r.strike)).toBe(false);
              expect(printed).toContain(`(ridefinito in ${side.gold.find((g) => !g.superseded)!.raw}`);
            }
            if (c.superseded === "struck-value-only") {
              // the comparator is printed once, outside the struck part, and both targets carry it
              const [old, cur] = side.gold;
              expect(old!.op).toBe(cur!.op);
              expect(side.runs[0]!.strike).toBeFalsy();
            }
          }
    expect([...forms].sort()).toEqual(["none", "ridefinito", "struck-value-only", "struck-with-op"]);
  });

  it("prints no unit sign in the bare form of percentages and amounts", () => {
    for (let seed = 1; seed <= 100; seed++)
      for (const m of ["pct", "eur"] as const)
        for (const c of cells(seed, m)) {
          expect(text(c.bare.runs)).not.toMatch(/[%€]/);
          expect(c.bare.gold.every((g) => g.unit === (m === "pct" ? "%" : "EUR"))).toBe(true);
        }
  });

  it("reads dates as '<=' ISO dates and relative targets as changes against a base", () => {
    const s = sampleNumberStyle(new Rng(3));
    const d = sampleTargets(
      new Rng(4),
      { measure: "date", op: "<=", values: ["2025-06-30"], baseline: "" },
      [2025],
      s,
      {
        supersedeRate: 0,
        markerFirstYear: false,
        gapRate: 0,
        words: false,
      },
    )[0]!;
    expect(d.withUnit.gold[0]).toMatchObject({ op: "<=", value: "2025-06-30", unit: "date" });
    expect(text(d.withUnit.runs)).toMatch(/30\/06\/2025$/);
    const r = sampleTargets(
      new Rng(5),
      { measure: "relative", op: ">=", values: [392], baseline: 380, pcts: [3], relForm: "rispetto" },
      [2025],
      s,
      { supersedeRate: 0, markerFirstYear: false, gapRate: 0, words: false },
    )[0]!;
    expect(r.withUnit.gold[0]).toMatchObject({
      op: ">=",
      value: null,
      relative: { changePct: 3, base: "2024" },
      raw: "+3% rispetto al 2024",
    });
  });
});

describe("baselines and results", () => {
  it("keeps missing baselines with a null value and their marker as raw", () => {
    const rng = new Rng(9);
    const s = sampleNumberStyle(rng);
    const b = sampleBaselines(rng, sampleTrajectory(rng, "pct", YEARS), [2022, 2023, 2024], s, 1);
    for (const x of b)
      expect(x.withUnit.gold[0]).toMatchObject({
        value: null,
        unit: null,
        raw: expect.stringMatching(/^(N\/D|ND|n\.d\.)$/),
      });
  });

  it("states the achievement percentage in the comment it prints, capped at 100", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Rng(seed);
      const s = sampleNumberStyle(rng);
      const m = MEASURES[seed % MEASURES.length]!;
      const r = sampleResult(rng, sampleTrajectory(rng, m, YEARS), 2026, 1, s, null);
      expect(r.achievementPct).toBeLessThanOrEqual(100);
      expect(r.comment).toContain(
        `${fmtNumber(r.achievementPct, Number.isInteger(r.achievementPct) ? 0 : 1)}%`,
      );
      expect(r.comment).toContain(text(r.value.withUnit.runs));
      expect(r.comment).not.toContain("..");
    }
  });
});
