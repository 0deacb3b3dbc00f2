/** Every value form that appears in the seeds, with the expected reading written by hand. */
import { describe, expect, it } from "vitest";
import {
  parseItalianDate,
  parseItalianNumber,
  parseTarget,
  parseTargetSegments,
  parseValue,
} from "../../src/normalize/index.js";

describe("parseItalianNumber", () => {
  it.each([
    ["1.000", 1000],
    ["2.435,09", 2435.09],
    ["1.234.567,89", 1234567.89],
    ["-16,61", -16.61],
    ["-0,5", -0.5],
    ["0,03", 0.03],
    ["12", 12],
    ["0.5", 0.5],
    ["40,000", 40],
    ["1 000", 1000],
    ["+2", 2],
  ])("%s → %s", (t, n) => expect(parseItalianNumber(t)).toBe(n));

  it.each(["", "abc", "1,2,3", "12a", "1..0", "N/D", "€", "%", "1.2.3,4,5"])("%s is not a number", (t) =>
    expect(parseItalianNumber(t)).toBeNull(),
  );
});

describe("parseItalianDate", () => {
  it("reads the forms in the seeds", () => {
    expect(parseItalianDate("31/12/2023")).toBe("2023-12-31");
    expect(parseItalianDate("31/10/17")).toBe("2017-10-31");
    expect(parseItalianDate("30/4", { year: 2023 })).toBe("2023-04-30");
    expect(parseItalianDate("30/4")).toBeNull();
    expect(parseItalianDate("30 giugno 2021")).toBe("2021-06-30");
    expect(parseItalianDate("31/02/2023")).toBeNull();
  });
});

describe("parseValue", () => {
  const v = (raw: string, ctx = {}) => {
    const p = parseValue(raw, ctx);
    return [p.kind, p.value, p.unit];
  };
  it("reads numbers with units", () => {
    expect(v("1.000")).toEqual(["number", 1000, null]);
    expect(v("2.435,09 %")).toEqual(["number", 2435.09, "%"]);
    expect(v("-16,61 gg")).toEqual(["number", -16.61, "days"]);
    expect(v("3,38 €")).toEqual(["number", 3.38, "EUR"]);
    expect(v("€2547 045")).toEqual(["number", 2547045, "EUR"]);
    expect(v("305207 2")).toEqual(["number", 3052072, null]);
    expect(v("40519,\n31 €")).toEqual(["number", 40519.31, "EUR"]);
    expect(v("16736\n71,01")).toEqual(["number", 1673671.01, null]);
    expect(v("22,08 N.")).toEqual(["number", 22.08, "count"]);
    expect(v("9845\nn")).toEqual(["number", 9845, "count"]);
    expect(v("5gg")).toEqual(["number", 5, "days"]);
    expect(v("0 %")).toEqual(["number", 0, "%"]);
  });
  it("keeps missing markers as null and words as text", () => {
    for (const m of ["N/D", "ND", "nd", "//", "n.d."]) expect(v(m)).toEqual(["missing", null, null]);
    expect(v("OFF")).toEqual(["text", "OFF", "text"]);
    expect(v("buono")).toEqual(["text", "buono", "text"]);
    expect(v("Anno di rilevazione")[0]).toBe("marker");
    expect(v("vedi pid integra")).toEqual(["text", "vedi pid integra", "text"]);
  });
  it("reads a score out of 100, or with decimals out of 5 or 10, as the score", () => {
    expect(parseValue("72/100")).toMatchObject({ kind: "number", value: 72, unit: "score" });
    expect(parseValue("3,5/5")).toMatchObject({ kind: "number", value: 3.5, unit: "score" });
    // a day and a month, a count over a count
    expect(parseValue("8/10", { year: 2024 })).toMatchObject({ kind: "date", value: "2024-10-08" });
    expect(parseValue("289/289").kind).toBe("text");
  });
  it("keeps the raw text", () => expect(parseValue("  86,46\n%").raw).toBe("86,46 %"));
});

describe("parseTarget", () => {
  const t = (raw: string, ctx = {}) => {
    const p = parseTarget(raw, ctx);
    return p && [p.op, p.value, p.unit, p.relative?.changePct ?? null];
  };
  it("reads comparators in every spelling", () => {
    expect(t(">= 75,00 %")).toEqual([">=", 75, "%", null]);
    expect(t("≥ 73%")).toEqual([">=", 73, "%", null]);
    expect(t("> = 80 (n. maggiore del n. medio dell'ultimo triennio)")).toEqual([">=", 80, null, null]);
    expect(t("=> 5")).toEqual([">=", 5, null, null]);
    expect(t("=< 5")).toEqual(["<=", 5, null, null]);
    expect(t("<=4gg")).toEqual(["<=", 4, "days", null]);
    expect(t("<= 54,00 €")).toEqual(["<=", 54, "EUR", null]);
    expect(t(">= 1.000 N.")).toEqual([">=", 1000, "count", null]);
    expect(t("<2")).toEqual(["<", 2, null, null]);
    expect(t("ITP < -10")).toEqual(["<", -10, null, null]);
    expect(t("≤ 0")).toEqual(["<=", 0, null, null]);
  });
  it("reads a relative target's figure whose closing bracket a scan lost at the end", () => {
    expect(t("+1 % (1.459 N")).toEqual([">=", 1459, null, 1]);
    expect(t("+3% (1.488 RE")).toEqual([">=", 1488, null, 3]);
    expect(t("+2% (2.495")).toEqual([">=", 2495, null, 2]);
    // no figure in it: the change alone
    expect(t("+3% (2.519 2")).toEqual([">=", null, null, 3]);
    expect(t("+2% (ridefinito")).toEqual([">=", null, null, 2]);
  });
  it("reads a bare value as =", () => {
    expect(t("100,00 %")).toEqual(["=", 100, "%", null]);
    expect(t("-10,10%")).toEqual(["=", -10.1, "%", null]);
    expect(t("ON")).toEqual(["=", "ON", "text", null]);
    expect(t("zero")).toEqual(["=", 0, "count", null]);
    expect(t("mantenimento")).toEqual(["=", "mantenimento", "text", null]);
    expect(t("Annuale")).toEqual(["=", "annuale", "text", null]);
  });
  it("reads words that compare", () => {
    expect(t("Almeno 50")).toEqual([">=", 50, null, null]);
    expect(t("Almeno 90%")).toEqual([">=", 90, "%", null]);
    expect(t("Almeno 45 (75%)")).toEqual([">=", 45, null, null]);
    expect(t("> Medio")).toEqual([">", "medio", "text", null]);
    expect(t("≤ dato medio nazionale")).toEqual(["<=", "dato medio nazionale", "text", null]);
    expect(t(">=90% del personale individuato")).toEqual([">=", 90, "%", null]);
    expect(t(">= 1 direttiva")).toEqual([">=", 1, null, null]);
    expect(t(">= 9800 n")).toEqual([">=", 9800, "count", null]);
  });
  it("reads deadlines", () => {
    expect(t("entro il 31/12/2023")).toEqual(["<=", "2023-12-31", "date", null]);
    // the article read amiss on a scan
    expect(t("entro it 30/09/2021")).toEqual(["<=", "2021-09-30", "date", null]);
    expect(t("entro if 30/09/2022")).toEqual(["<=", "2022-09-30", "date", null]);
    expect(t("31/10/17")).toEqual(["<=", "2017-10-31", "date", null]);
    expect(t("<= 30/06/2017")).toEqual(["<=", "2017-06-30", "date", null]);
    expect(t("entro il 30/4", { year: 2023 })).toEqual(["<=", "2023-04-30", "date", null]);
  });
  it("reads the longer words that compare", () => {
    expect(t("non inferiore al 90%")).toEqual([">=", 90, "%", null]);
    expect(t("pari o superiore al 75%")).toEqual([">=", 75, "%", null]);
    expect(t("non superiore a 30 giorni")).toEqual(["<=", 30, "days", null]);
    expect(t("superiore al 90%")).toEqual([">", 90, "%", null]);
    expect(t("inferiore a 30 giorni")).toEqual(["<", 30, "days", null]);
    expect(t("pari al 100%")).toEqual(["=", 100, "%", null]);
    expect(t("oltre 200")).toEqual([">", 200, null, null]);
    expect(t("Sì")).toEqual(["=", "si", "text", null]);
    expect(t("≥ 95 per cento")).toEqual([">=", 95, "%", null]);
    expect(t("EUR 50.000")).toEqual(["=", 50000, "EUR", null]);
    // a day and month with no year after "at least" is a score
    expect(t("≥ 4/5")).toEqual([">=", 4, null, null]);
  });
  it("reads ranges as 'between', the high figure as max", () => {
    const r = (raw: string) => {
      const p = parseTarget(raw);
      return p && [p.op, p.value, p.max, p.unit];
    };
    expect(r("tra 80% e 90%")).toEqual(["between", 80, 90, "%"]);
    expect(r("compreso tra 3 e 5")).toEqual(["between", 3, 5, null]);
    expect(r("da 10 a 15 gg")).toEqual(["between", 10, 15, "days"]);
    expect(r("80-90%")).toEqual(["between", 80, 90, "%"]);
    expect(r("1.000 – 1.500 €")).toEqual(["between", 1000, 1500, "EUR"]);
    // two years, a date, a high figure lower than the low one: no range
    expect(r("31-12-2024")?.[0]).toBe("<=");
    expect(r("2023-2025")?.[0]).not.toBe("between");
    expect(r("90-80%")?.[0]).not.toBe("between");
  });
  it("reads the end of a period as a deadline", () => {
    expect(t("entro dicembre 2024")).toEqual(["<=", "2024-12-31", "date", null]);
    expect(t("entro il 2024")).toEqual(["<=", "2024-12-31", "date", null]);
    expect(t("entro la fine dell'anno 2025")).toEqual(["<=", "2025-12-31", "date", null]);
    expect(t("entro il primo semestre 2025")).toEqual(["<=", "2025-06-30", "date", null]);
    expect(t("entro il III trimestre 2024")).toEqual(["<=", "2024-09-30", "date", null]);
    // a year alone is a number, not a deadline
    expect(t("2024")).toEqual(["=", 2024, null, null]);
  });
  it("reads relative targets", () => {
    expect(t("+2% (385)")).toEqual([">=", 385, null, 2]);
    expect(t("+1%")).toEqual([">=", null, null, 1]);
    expect(t("-2%")).toEqual(["<=", null, null, -2]);
    expect(t("-1% (0,33)")).toEqual(["<=", 0.33, null, -1]);
    expect(t("-1% (17418 €)")).toEqual(["<=", 17418, "EUR", -1]);
    expect(t("<= 36,5 € (-5%)")).toEqual(["<=", 36.5, "EUR", -5]);
    expect(t(">= 90% (937 relativo a 1041 pratiche)")).toEqual([">=", 90, "%", null]);
    expect(t("> 1", { formula: "n° accessi anno x/n° accessi anno x-1" })).toEqual([">", 1, "ratio", null]);
  });
  it("is null for text that is not a target", () => {
    for (const x of [
      "N/D",
      "//",
      "Anno di rilevazione",
      "Anno rilevazione",
      "cassato in sede di monitoraggio (refuso)",
      "",
      "vedi pid integra 20%",
    ])
      expect(parseTarget(x)).toBeNull();
  });
});

describe("parseTargetSegments", () => {
  const seg = (text: string, struck = false) => ({ text, struck });
  const brief = (ts: ReturnType<typeof parseTargetSegments>) =>
    ts.map((x) => [x.year, x.op, x.value, x.superseded]);

  it("reads a deadline after a figure as that figure's, not as a second target", () => {
    expect(brief(parseTargetSegments([seg("100% entro il 31/12/2024")], { year: 2024 }))).toEqual([
      [2024, "=", 100, false],
    ]);
    // a struck figure and a deadline that replaced it stay two targets
    expect(
      brief(parseTargetSegments([seg("80%", true), seg("entro il 30/06/2024")], { year: 2024 })).map(
        (t) => t[3],
      ),
    ).toEqual([true, false]);
  });
  it("takes a plain year before a struck value for its year, whatever its comparator was read as", () => {
    // `2026 ~~≥ 9.878 N.~~ ≥ 8.980 N.`, the struck comparator read `x` by OCR
    const segs = [seg("2025 ≥ 8.232 N. 2026"), seg("x 9.878 N.", true), seg("≥ 8.980 N.")];
    expect(brief(parseTargetSegments(segs))).toEqual([
      [2025, ">=", 8232, false],
      [2026, ">=", 9878, true],
      [2026, ">=", 8980, false],
    ]);
    // a struck year is no prefix of its own
    expect(
      brief(parseTargetSegments([seg("≥ 10 entro il"), seg("2024 x", true)], { year: 2025 }))[0]![0],
    ).toBe(2025);
  });
  it("reads a figure like a year after a comparator as a value, not a year prefix", () => {
    // a struck target and the one that replaced it, then the next years
    expect(
      brief(parseTargetSegments([seg("2024>="), seg("1726", true), seg(">= 1918 2025>= 2110 2026>= 2302")])),
    ).toEqual([
      [2024, ">=", 1726, true],
      [2024, ">=", 1918, false],
      [2025, ">=", 2110, false],
      [2026, ">=", 2302, false],
    ]);
  });

  it("splits a cell by year prefixes", () => {
    expect(
      brief(
        parseTargetSegments([
          seg("2022>= 0,18 (orientativamente 120 imprese) 2023>= 0,21 (140) 2024>=0,23 (150)"),
        ]),
      ),
    ).toEqual([
      [2022, ">=", 0.18, false],
      [2023, ">=", 0.21, false],
      [2024, ">=", 0.23, false],
    ]);
    expect(brief(parseTargetSegments([seg("2022 >= 80 2023 >= 100 2024 >= 120")]))).toEqual([
      [2022, ">=", 80, false],
      [2023, ">=", 100, false],
      [2024, ">=", 120, false],
    ]);
    // (a scan's semicolon for the colon after the year)
    expect(brief(parseTargetSegments([seg("Anno 2022; Almeno 73,0 Anno 2023: >= 79,8")]))).toEqual([
      [2022, ">=", 73, false],
      [2023, ">=", 79.8, false],
    ]);
    expect(brief(parseTargetSegments([seg("2022: ≤ 0 2023: ≤ -8,75 2024: ≤ dato medio nazionale")]))).toEqual(
      [
        [2022, "<=", 0, false],
        [2023, "<=", -8.75, false],
        [2024, "<=", "dato medio nazionale", false],
      ],
    );
  });

  it("splits at a year followed by a value word, and never at the year a change is measured from", () => {
    expect(brief(parseTargetSegments([seg("2023 ON 2024 ON 2025 OFF")]))).toEqual([
      [2023, "=", "ON", false],
      [2024, "=", "ON", false],
      [2025, "=", "OFF", false],
    ]);
    const rel = parseTargetSegments([seg("2023 +1% rispetto al 2022 2024 +3% rispetto al 2022")]);
    expect(rel.map((t) => [t.year, t.relative?.changePct, t.relative?.base, t.superseded])).toEqual([
      [2023, 1, "2022", false],
      [2024, 3, "2022", false],
    ]);
  });

  it("marks struck values superseded and keeps the comparator", () => {
    expect(
      brief(
        parseTargetSegments([
          seg("2022: >= -8,36% 2023: >= -6,00% 2024: >="),
          seg("-8,20%", true),
          seg("-3,00%"),
        ]),
      ),
    ).toEqual([
      [2022, ">=", -8.36, false],
      [2023, ">=", -6, false],
      [2024, ">=", -8.2, true],
      [2024, ">=", -3, false],
    ]);
  });

  it("treats a value replaced in the same year, or redefined, as superseded", () => {
    const ts = parseTargetSegments([
      seg(
        "2022>=14% 2023>=15% 20% (ridefinito in 27% in sede di monitoraggio 2023) 2024>=16% 23% (ridefinito in 32% in sede di Piao 2024)",
      ),
    ]);
    expect(brief(ts)).toEqual([
      [2022, ">=", 14, false],
      [2023, ">=", 15, true],
      [2023, ">=", 20, true],
      [2023, ">=", 27, false],
      [2024, ">=", 16, true],
      [2024, ">=", 23, true],
      [2024, ">=", 32, false],
    ]);
  });

  it("reads 'ridefinito' broken over two lines of a narrow cell without a hyphen", () => {
    const ts = parseTargetSegments([seg(">=75,0 % (ridefini to in 72,0 %)")], { year: 2026 });
    expect(brief(ts)).toEqual([
      [2026, ">=", 75, true],
      [2026, ">=", 72, false],
    ]);
  });

  it("uses the context year for undated targets and ignores dates inside values", () => {
    expect(brief(parseTargetSegments([seg("entro il 31/12/2023")], { year: 2023 }))).toEqual([
      [2023, "<=", "2023-12-31", false],
    ]);
    expect(brief(parseTargetSegments([seg(">= 15")], { year: null }))).toEqual([[null, ">=", 15, false]]);
  });

  it("returns nothing for missing and marker cells", () => {
    expect(parseTargetSegments([seg("N/D")])).toEqual([]);
    expect(parseTargetSegments([seg("Anno di rilevazione")])).toEqual([]);
  });
});
