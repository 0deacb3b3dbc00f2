import { describe, expect, it } from "vitest";
import {
  repairUnitReadings,
  repairDecimals,
  repairSigns,
  repairThousands,
} from "../../src/segment/ocrvalues.js";
import type { Indicator } from "../../src/model/index.js";

const value = (year: number, v: number | string | null, raw: string, unit: "count" | null = "count") => ({
  year,
  value: v,
  unit,
  raw,
});
const target = (year: number, v: number, raw: string, unit: "count" | null = "count") => ({
  ...value(year, v, raw, unit),
  op: ">=" as const,
  superseded: false,
});
const indicator = (
  baselines: ReturnType<typeof value>[],
  targets: ReturnType<typeof target>[],
): Indicator => ({
  code: null,
  name: "Numero di segnalazioni stradali risolte",
  objectiveCode: null,
  formula: null,
  baselines,
  targets,
  results: [],
  source: { page: 1, bbox: [0, 0, 1, 1] },
});

describe("a thousands dot read as a comma", () => {
  it("is read again from the indicator's other figures", () => {
    const ind = indicator(
      [value(2019, 7622, "7.622", null), value(2020, 7954, "7.954", null), value(2021, "n.d.", "n.d.", null)],
      [
        target(2022, 8.286, "8,286", null),
        target(2023, 8287, "8.287", null),
        target(2024, 8288, "8.288", null),
      ],
    );
    repairThousands([ind]);
    expect(ind.targets.map((t) => t.value)).toEqual([8286, 8287, 8288]);
    // a person checks it
    expect(ind.targets[0]!.lowConfidence).toBe(true);
    expect(ind.targets[1]!.lowConfidence).toBeUndefined();
  });

  it("is read again in a count, which is whole", () => {
    const ind = indicator([], [target(2021, 5.831, ">= 5,831"), target(2022, 5.832, ">= 5,832")]);
    repairThousands([ind]);
    expect(ind.targets.map((t) => t.value)).toEqual([5831, 5832]);
  });

  it("leaves three decimals among figures of their size, and figures too few to tell", () => {
    const decimals = indicator(
      [value(2020, 1.25, "1,250", null), value(2021, 1.3, "1,300", null)],
      [target(2022, 1.325, "1,325", null), target(2023, 1.35, "1,350", null)],
    );
    repairThousands([decimals]);
    expect(decimals.targets.map((t) => t.value)).toEqual([1.325, 1.35]);
    const few = indicator(
      [value(2021, 7954, "7.954", null)],
      [target(2022, 8.286, "8,286", null), target(2023, 8287, "8.287", null)],
    );
    repairThousands([few]);
    expect(few.targets[0]!.value).toBe(8.286);
  });

  it("is read again where the targets beside it were read the same way, two figures plainly", () => {
    const ind = indicator(
      [value(2020, 2602, "2.602", null), value(2021, "n.d.", "n.d.", null), value(2022, 2828, "2.828", null)],
      [
        target(2023, 2.83, "≥ 2,830", null),
        target(2024, 2.831, "≥ 2,831", null),
        target(2025, 2.832, "≥ 2,832", null),
      ],
    );
    repairThousands([ind]);
    expect(ind.targets.map((t) => t.value)).toEqual([2830, 2831, 2832]);
    // three decimals all along, one plain figure: left as read
    const decimals = indicator(
      [value(2021, 1200, "1.200", null)],
      [
        target(2022, 1.25, "1,250", null),
        target(2023, 1.3, "1,300", null),
        target(2024, 1.35, "1,350", null),
      ],
    );
    repairThousands([decimals]);
    expect(decimals.targets.map((t) => t.value)).toEqual([1.25, 1.3, 1.35]);
  });
});

describe("a target's sign lost on a scan", () => {
  const t = (
    year: number,
    v: number,
    raw: string,
    op: ">=" | "<=" | "=" | ">",
    unit: "EUR" | "%" | null = "EUR",
  ) => ({
    year,
    value: v,
    unit,
    raw,
    op,
    superseded: false,
  });

  it("is its siblings' sign, where they all bear one", () => {
    const ind = indicator([], []);
    ind.targets = [t(2024, 465, "€ 465", "="), t(2025, 455, "≤ € 455", "<="), t(2026, 446, "≤€446", "<=")];
    repairSigns([ind]);
    expect(ind.targets.map((x) => x.op)).toEqual(["<=", "<=", "<="]);
    expect(ind.targets[0]!.lowConfidence).toBe(true);
    expect(ind.targets[1]!.lowConfidence).toBeUndefined();
    // its two bars read as `=`
    const bars = indicator([], []);
    bars.targets = [
      t(2024, 79, "= 79%", "=", "%"),
      t(2025, 81, "≥ 81%", ">=", "%"),
      t(2026, 83, "≥ 83%", ">=", "%"),
    ];
    repairSigns([bars]);
    expect(bars.targets[0]!.op).toBe(">=");
  });

  it("stays unsigned among siblings of other signs or units, too few, or none signed", () => {
    const mixed = indicator([], []);
    mixed.targets = [t(2024, 465, "€ 465", "="), t(2025, 455, "≤ € 455", "<="), t(2026, 446, "> € 446", ">")];
    const one = indicator([], []);
    one.targets = [t(2024, 465, "€ 465", "="), t(2025, 455, "≤ € 455", "<=")];
    const units = indicator([], []);
    units.targets = [
      t(2024, 465, "465", "=", null),
      t(2025, 455, "≤ € 455", "<="),
      t(2026, 446, "≤ € 446", "<="),
    ];
    const bare = indicator([], []);
    bare.targets = [t(2024, 14, "14", "=", null), t(2025, 15, "15", "=", null), t(2026, 16, "16", "=", null)];
    repairSigns([mixed, one, units, bare]);
    expect([mixed, one, units, bare].map((i) => i.targets[0]!.op)).toEqual(["=", "=", "=", "="]);
  });
});

describe("a decimal comma lost", () => {
  it("is read again where two siblings or more bear the same digits with one", () => {
    const ind = indicator(
      [],
      [
        target(2025, 4.5, ">= 4,5", null),
        target(2026, 4.5, ">= 4,5", null),
        target(2027, 45, ">= 45", null),
        target(2028, 4.5, ">= 4,5", null),
      ],
    );
    repairDecimals([ind]);
    expect(ind.targets.map((t) => t.value)).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(ind.targets[2]!.lowConfidence).toBe(true);
    expect(ind.targets[0]!.lowConfidence).toBeUndefined();
  });

  it("leaves a figure with other digits, or beside one sibling only, or of another unit", () => {
    const other = indicator(
      [],
      [target(2025, 4.5, ">= 4,5", null), target(2026, 4.5, ">= 4,5", null), target(2027, 46, ">= 46", null)],
    );
    const one = indicator([], [target(2025, 4.5, ">= 4,5", null), target(2027, 45, ">= 45", null)]);
    const unit = indicator(
      [],
      [target(2025, 4.5, ">= 4,5", null), target(2026, 4.5, ">= 4,5", null), target(2027, 45, ">= 45")],
    );
    repairDecimals([other, one, unit]);
    expect(other.targets[2]!.value).toBe(46);
    expect(one.targets[1]!.value).toBe(45);
    expect(unit.targets[2]!.value).toBe(45);
  });
});

const base = indicator([], []);

describe("a unit read as figures", () => {
  const t = (year: number, v: number, raw: string, unit: "days" | "count" | null, superseded = false) => ({
    year,
    value: v,
    unit,
    raw,
    op: "<" as const,
    superseded,
  });
  const indicator = (_: unknown[], targets: ReturnType<typeof t>[]): Indicator => ({
    ...base,
    targets,
  });
  it("is taken back where the indicator's other figures are in days, or read so", () => {
    // `< 16 28`, `< 19 88`: each year's figure, then its `gg` read as a second target
    const ind = indicator(
      [],
      [
        t(2025, 16, "< 16", null, true),
        t(2025, 28, "28", null),
        t(2026, 19, "< 19", null, true),
        t(2026, 88, "88", null),
      ],
    );
    repairUnitReadings([ind]);
    expect(ind.targets.map((x) => [x.year, x.value, x.unit, x.superseded])).toEqual([
      [2025, 16, "days", false],
      [2026, 19, "days", false],
    ]);
    expect(ind.targets[0]!.lowConfidence).toBe(true);
  });

  it("takes back a count's `n.` read as a figure and its dot", () => {
    // `>= 28 n.`, `>= 29 8.`: the second year's `n.` read as `8.`
    const ind = indicator(
      [],
      [t(2028, 28, ">= 28 n.", "count"), t(2029, 29, ">= 29", null, true), t(2029, 8, "8.", null)],
    );
    repairUnitReadings([ind]);
    expect(ind.targets.map((x) => [x.year, x.value, x.unit, x.superseded])).toEqual([
      [2028, 28, "count", false],
      [2029, 29, "count", false],
    ]);
  });

  it("takes back a reading amid a year's targets, struck as its figure is", () => {
    // `<=50 9` struck, then `(ridefinito in 56 gg)`
    const ind = indicator(
      [],
      [
        t(2028, 56, "<= 56 gg", "days"),
        t(2029, 50, "<=50", null, true),
        t(2029, 9, "9", null, true),
        t(2029, 56, "56 gg", "days"),
      ],
    );
    repairUnitReadings([ind]);
    expect(ind.targets.map((x) => [x.year, x.value, x.unit, x.superseded])).toEqual([
      [2028, 56, "days", false],
      [2029, 50, "days", true],
      [2029, 56, "days", false],
    ]);
  });

  it("leaves a pair alone in its indicator, and a revision with its sign", () => {
    const alone = indicator(
      [],
      [t(2025, 16, "< 16", null, true), t(2025, 28, "28", null), t(2026, 19, "< 19", null)],
    );
    const signed = indicator(
      [],
      [
        t(2024, 20, "< 20 gg", "days"),
        t(2025, 16, "< 16", null, true),
        t(2025, 28, "< 28", null),
        t(2026, 19, "< 19 gg", "days"),
      ],
    );
    repairUnitReadings([alone, signed]);
    expect(alone.targets).toHaveLength(3);
    expect(signed.targets).toHaveLength(4);
  });
});
