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

/**
 * Reads again, in place, each figure of an OCR'd document's indicators that `COMMA_THOUSANDS`
 * matches and that its siblings show a thousand times larger; such a figure is flagged
 * `lowConfidence` (a person checks it).
 */
export function repairThousands(indicators: Indicator[]): void {
  for (const ind of indicators) {
    const figures: Figure[] = [
      ...ind.baselines,
      ...ind.targets.filter((t) => !t.relative && (t.max ?? null) === null),
      ...ind.results,
    ];
    for (const f of figures) {
      if (typeof f.value !== "number" || f.value <= 0 || !COMMA_THOUSANDS.test(f.raw)) continue;
      // a count is whole: `>= 5,831` things are 5831 of them
      if (f.unit === "count") {
        f.value = Math.round(f.value * 1000);
        f.lowConfidence = true;
        continue;
      }
      const others = figures
        .filter((o) => o !== f && typeof o.value === "number" && o.value > 0)
        .map((o) => o.value as number);
      if (others.length < MIN_OTHERS) continue;
      const scaled = Math.round(f.value * 1000);
      const near = others.filter((o) => scaled <= o * NEAR && scaled * NEAR >= o).length;
      if (near >= MIN_OTHERS && near >= NEAR_SHARE * others.length) {
        f.value = scaled;
        f.lowConfidence = true;
      }
    }
  }
}
