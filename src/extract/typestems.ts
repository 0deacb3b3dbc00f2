/**
 * The stems of large type taken for vertical rulings. A title set in 18 pt and more has upright
 * strokes (`l`, `d`, `b`, the sides of `0`) as long as the shortest vertical ruling looked for, and
 * painting them out leaves tesseract half letters (`Piano ce | a )9erl'ormance`). Such stems stand
 * on one line of type: their tops on the ascender line or their feet on the baseline, side by side a
 * few of their lengths apart (a descender's beside an ascender's, sharing the x-height), touching
 * no horizontal ruling. A ruling of a table meets the table's
 * rules at its ends, or runs down many rows; a stamp's arc gives pieces at staggered heights.
 */

/** a run of ink along a pixel column (`at`) from row `from` to row `to`, or along a row (horizontal) */
export interface InkRun {
  at: number;
  from: number;
  to: number;
}

/** no stem of print is longer than this, in points (a 30 pt title's ascender is about 22) */
const MAX_STEM = 26;
/** stems of one line of type stand this many of their lengths apart at most */
const REACH = 4;
/** their tops (or feet) agree within this, in points */
const ALIGN = 1;
/** or they share this much of their length (the x-height, between an ascender and a descender) */
const SHARED = 0.6;
/** and their lengths agree within this ratio */
const SAME_LENGTH = 1.25;
/** a vertical run whose end is this close to a horizontal ruling meets it, in points */
const MEETS = 2;
/** runs this close across are one stem (a thick stroke found as two runs), in points */
const ONE_STEM = 2;
/** stems of one line of type: three at least */
const MIN_STEMS = 3;

/**
 * Which vertical runs are stems of type (their indexes in `down`): short runs meeting no horizontal
 * run of `across`, linked to their neighbours of the same length whose tops or feet are on the same
 * line, in groups of MIN_STEMS distinct stems or more. `scale` is pixels per point.
 */
export function typeStems(down: readonly InkRun[], across: readonly InkRun[], scale: number): Set<number> {
  const meets = (v: InkRun) =>
    across.some(
      (h) =>
        h.from - MEETS * scale <= v.at &&
        v.at <= h.to + MEETS * scale &&
        (Math.abs(h.at - v.from) <= MEETS * scale || Math.abs(h.at - v.to) <= MEETS * scale),
    );
  const short: number[] = [];
  down.forEach((v, i) => {
    if (v.to - v.from < MAX_STEM * scale && !meets(v)) short.push(i);
  });
  // groups of linked runs (union-find over the short runs)
  const parent = new Map<number, number>(short.map((i) => [i, i]));
  const root = (i: number): number => {
    let r = i;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  for (const i of short)
    for (const j of short) {
      if (j <= i) continue;
      const a = down[i]!,
        b = down[j]!;
      const la = a.to - a.from,
        lb = b.to - b.from;
      if (Math.max(la, lb) > SAME_LENGTH * Math.min(la, lb)) continue;
      if (Math.abs(a.at - b.at) > REACH * Math.max(la, lb)) continue;
      // (an ascender's stem and a descender's, `l` and `p`, share the x-height between them)
      const common = Math.min(a.to, b.to) - Math.max(a.from, b.from);
      const aligned = Math.abs(a.from - b.from) <= ALIGN * scale || Math.abs(a.to - b.to) <= ALIGN * scale;
      if (!aligned && common < SHARED * Math.min(la, lb)) continue;
      parent.set(root(j), root(i));
    }
  const groups = new Map<number, number[]>();
  for (const i of short) {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const stems = new Set<number>();
  for (const g of groups.values()) {
    const xs = g.map((i) => down[i]!.at).sort((a, b) => a - b);
    let distinct = 1;
    for (let k = 1; k < xs.length; k++) if (xs[k]! - xs[k - 1]! > ONE_STEM * scale) distinct++;
    if (distinct >= MIN_STEMS) for (const i of g) stems.add(i);
  }
  return stems;
}
