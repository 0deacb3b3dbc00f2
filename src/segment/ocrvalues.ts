/**
 * A thousands dot read as a comma. On a scan the dot of `8.286` is often read as a comma, and
 * `8,286` is then eight and a bit: a value a thousand times smaller than the years beside it
 * (`7.622`, `7.954`, `8.287`). Italian print groups thousands with dots and gives decimals after a
 * comma, so the figure alone cannot tell; its indicator's other values can. A value is read again
 * only when its text is a comma and three digits, and it counts things (a count is whole) or most
 * of the indicator's other figures, three at least, are near a thousand times it.
 */
import type { Indicator } from "../model/index.js";

/** one to three digits, a comma, three digits: a thousands dot read as a comma, or three decimals */
const COMMA_THOUSANDS = /(?<![\d.,])\d{1,3},\d{3}(?![\d.,])/;
/** the other figures of the indicator: this many at least */
const MIN_OTHERS = 3;
/** a thousand times the value lies within this factor of this share of them, and of three at least */
const NEAR = 2,
  NEAR_SHARE = 0.6;

interface Figure {
  value: number | string | null;
  unit: string | null;
  raw: string;
  lowConfidence?: boolean | undefined;
}

/** An indicator's figures: baselines, targets of one figure (no change, no range), results. */
function figuresOf(ind: Indicator): Figure[] {
  return [
    ...ind.baselines,
    ...ind.targets.filter((t) => !t.relative && (t.max ?? null) === null),
    ...ind.results,
  ];
}

/**
 * Reads again, in place, each figure of an OCR'd document's indicators that `COMMA_THOUSANDS`
 * matches and that its siblings show a thousand times larger; such a figure is flagged
 * `lowConfidence` (a person checks it).
 */
export function repairThousands(indicators: Indicator[]): void {
  for (const ind of indicators) {
    const figures = figuresOf(ind);
    // (the figures as read: one read again does not count again for the next)
    const read = new Map(figures.map((f) => [f, f.value]));
    for (const f of figures) {
      if (typeof f.value !== "number" || f.value <= 0 || !COMMA_THOUSANDS.test(f.raw)) continue;
      // a count is whole: `>= 5,831` things are 5831 of them
      if (f.unit === "count") {
        f.value = Math.round(f.value * 1000);
        f.lowConfidence = true;
        continue;
      }
      // (a sibling read the same way counts a thousand times larger too, `≥ 2,831` beside `≥ 2,830`,
      // but two of the figures near it at least must be read plainly, `2.828`)
      const others = figures
        .filter((o) => o !== f && typeof read.get(o) === "number" && (read.get(o) as number) > 0)
        .map((o) => ({
          v: (read.get(o) as number) * (COMMA_THOUSANDS.test(o.raw) ? 1000 : 1),
          plain: !COMMA_THOUSANDS.test(o.raw),
        }));
      if (others.length < MIN_OTHERS) continue;
      const scaled = Math.round(f.value * 1000);
      const nearBy = others.filter((o) => scaled <= o.v * NEAR && scaled * NEAR >= o.v);
      const near = nearBy.length;
      if (
        near >= MIN_OTHERS &&
        near >= NEAR_SHARE * others.length &&
        nearBy.filter((o) => o.plain).length >= 2
      ) {
        f.value = scaled;
        f.lowConfidence = true;
      }
    }
  }
}

/** a comparison sign at the start of a target's text, a lone `=` aside (OCR's reading of a `≥`'s bars) */
const SIGN = /^\s*(?:[<>≤≥]|=\s*[<>]|[Aa]lmeno|[Ee]ntro|[Nn]on\s)/;

/**
 * Gives a target read on a scan without its sign the sign of its indicator's other targets. OCR drops
 * a `≤` or `≥` before a figure, or reads its two bars as `=`: `€ 465` among `≤ € 455` and `≤ € 446`.
 * A target whose text bears no sign (or a lone `=`) takes the sign its siblings all bear, two of them
 * at least, of one unit and read as figures; it is flagged `lowConfidence` (a person checks it).
 */
export function repairSigns(indicators: Indicator[]): void {
  for (const ind of indicators) {
    const figures = ind.targets.filter(
      (t) => typeof t.value === "number" && !t.relative && (t.max ?? null) === null,
    );
    const signed = figures.filter((t) => SIGN.test(t.raw));
    if (signed.length < 2 || signed.length === figures.length) continue;
    const op = signed[0]!.op;
    if (op === "=" || op === "between" || signed.some((t) => t.op !== op || t.unit !== signed[0]!.unit))
      continue;
    for (const t of figures)
      if (!SIGN.test(t.raw) && t.op === "=" && t.unit === signed[0]!.unit) {
        t.op = op;
        t.lowConfidence = true;
      }
  }
}

/** the figure of a value's text, its sign and unit aside: digits with their dots and commas */
const FIGURE = /\d[\d.,]*/;

/**
 * Gives a figure read on a scan without its decimal comma the value its siblings bear. OCR loses a
 * small comma between digits (`>= 45` among `>= 4,5` for every other year): a figure read without a
 * comma whose digits are those of two siblings or more read with one, of its unit, takes their value;
 * it is flagged `lowConfidence`.
 */
export function repairDecimals(indicators: Indicator[]): void {
  for (const ind of indicators) {
    const figures = figuresOf(ind).filter((f) => typeof f.value === "number");
    const digits = (f: Figure) => FIGURE.exec(f.raw)?.[0] ?? "";
    for (const f of figures) {
      const d = digits(f);
      if (!d || /[.,]/.test(d)) continue;
      const same = figures.filter(
        (o) => o !== f && o.unit === f.unit && /,\d/.test(digits(o)) && digits(o).replace(/[.,]/g, "") === d,
      );
      if (same.length < 2 || same.some((o) => o.value !== same[0]!.value)) continue;
      f.value = same[0]!.value;
      f.lowConfidence = true;
    }
  }
}

/**
 * What OCR makes of a unit in small print, set apart from its figure: `gg` (days) read as figures and
 * letters of its shape, `n.` (a count) as one figure and its dot (`>= 29 8.`).
 */
const UNIT_READS: { unit: "days" | "count"; read: RegExp }[] = [
  { unit: "days", read: /^(?:88|28|98|g8|8g|ge|9g|gq|qg|e8|8e|99|0g|g0|9|0)$/ },
  { unit: "count", read: /^\d\.$/ },
];

/**
 * Takes back a second target that is a unit read as figures. OCR reads the `gg` of `< 16 gg` as `28`
 * or `88`, the `n.` of `>= 29 n.` as `8.`, and the cell gives two targets, the figure and then the
 * unit as the current one. A year's target whose text is such a reading alone, after a target of
 * that year without a unit, is dropped and the one before it takes the unit, flagged `lowConfidence`
 * (and is current again when the reading was the year's last); where two of the indicator's figures at least are in that unit (targets of other
 * years, baselines) or read so.
 */
export function repairUnitReadings(indicators: Indicator[]): void {
  for (const ind of indicators)
    for (const { unit, read } of UNIT_READS) {
      const years = new Map<number, typeof ind.targets>();
      for (const t of ind.targets) if (t.year !== null) years.set(t.year, [...(years.get(t.year) ?? []), t]);
      // (a reading amid a year's targets, `<=50 9 (ridefinito in 56 gg)`, is struck or not as its figure is)
      const pairs = [...years.values()].flatMap((ts) =>
        ts.flatMap((reading, k) => {
          const before = ts[k - 1],
            end = k === ts.length - 1;
          return before &&
            read.test(reading.raw.trim()) &&
            before.unit === null &&
            (end ? !reading.superseded : reading.superseded === before.superseded)
            ? [{ reading, before, end }]
            : [];
        }),
      );
      const inUnit =
        pairs.length +
        [...years.values()].filter((ts) => ts.some((t) => t.unit === unit && !t.superseded)).length +
        ind.baselines.filter((b) => b.unit === unit).length;
      if (!pairs.length || inUnit < 2) continue;
      for (const { before, end } of pairs) {
        if (end) before.superseded = false;
        before.unit = unit;
        before.lowConfidence = true;
      }
      const drop = new Set(pairs.map((p) => p.reading));
      ind.targets = ind.targets.filter((t) => !drop.has(t));
    }
}
