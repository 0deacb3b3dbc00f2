/**
 * Precision and recall of one extracted document against its gold file, per kind of record.
 * Indicators are matched one-to-one by normalized name (the objective breaking ties); every other
 * record is compared inside matched indicators, so a value under the wrong indicator is an error.
 */
import type { ExportDocument, Indicator, Target } from "../model/index.js";
import { matchOneToOne, normText, tokenSimilarity, valueKey } from "./match.js";

export const CATEGORIES = [
  "objectives",
  "indicators",
  "formulas",
  "targets",
  "superseded",
  "baselines",
  "results",
  "signatures",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export type Scores = Record<Category, Counts>;

export function emptyScores(): Scores {
  return Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Scores;
}

export function addScores(into: Scores, s: Scores): void {
  for (const c of CATEGORIES) {
    into[c].tp += s[c].tp;
    into[c].fp += s[c].fp;
    into[c].fn += s[c].fn;
  }
}

export function prf(c: Counts): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : null;
  // nothing found of what the gold holds (or only wrong records) is F1 0, not "no figure"
  const f1 =
    c.tp + c.fp + c.fn === 0 ? null : c.tp === 0 ? 0 : (2 * precision! * recall!) / (precision! + recall!);
  return { precision, recall, f1 };
}

/** Multiset comparison of keys. */
function countKeys(pred: string[], gold: string[], into: Counts): void {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(g, (pool.get(g) ?? 0) + 1);
  for (const p of pred) {
    const n = pool.get(p) ?? 0;
    if (n > 0) {
      into.tp++;
      pool.set(p, n - 1);
    } else into.fp++;
  }
  for (const n of pool.values()) into.fn += n;
}

const targetKey = (t: Target) => `${t.year ?? "-"}|${t.op}|${valueKey(t.value)}`;

export const indicatorName = (i: Indicator) => normText(i.name);

export function matchIndicators(pred: readonly Indicator[], gold: readonly Indicator[]): [number, number][] {
  return matchOneToOne<Indicator, Indicator>(
    pred,
    gold,
    [
      (i) => `${normText(i.name)}|${normText(i.objectiveCode)}`,
      (i) => (i.code ? `${normText(i.code)}|${normText(i.name)}` : null),
      (i) => normText(i.name),
    ],
    (a, b) => tokenSimilarity(a.name, b.name),
    0.8,
  );
}

export function compareDocuments(pred: ExportDocument, gold: ExportDocument): Scores {
  const s = emptyScores();
  // objectives: by code when gold has one, else by title
  const objKey = (o: { code: string | null; title: string }) =>
    o.code ? `c:${normText(o.code)}` : `t:${normText(o.title)}`;
  countKeys(pred.objectives.map(objKey), gold.objectives.map(objKey), s.objectives);

  countKeys(
    pred.signatures.map((x) => `${x.format}|${normText(x.signer)}`),
    gold.signatures.map((x) => `${x.format}|${normText(x.signer)}`),
    s.signatures,
  );

  const pairs = matchIndicators(pred.indicators, gold.indicators);
  const matchedPred = new Set(pairs.map((p) => p[0]));
  const matchedGold = new Set(pairs.map((p) => p[1]));
  s.indicators.tp = pairs.length;
  s.indicators.fp = pred.indicators.length - pairs.length;
  s.indicators.fn = gold.indicators.length - pairs.length;

  const perIndicator = (p: Indicator | null, g: Indicator | null) => {
    const formula = (i: Indicator | null) => (i?.formula ? [normText(i.formula)] : []);
    countKeys(formula(p), formula(g), s.formulas);
    const cur = (i: Indicator | null) => (i?.targets ?? []).filter((t) => !t.superseded).map(targetKey);
    const sup = (i: Indicator | null) => (i?.targets ?? []).filter((t) => t.superseded).map(targetKey);
    countKeys(cur(p), cur(g), s.targets);
    countKeys(sup(p), sup(g), s.superseded);
    const vals = (xs: { year: number | null; value: number | string | null }[] | undefined) =>
      (xs ?? []).map((v) => `${v.year ?? "-"}|${valueKey(v.value)}`);
    countKeys(vals(p?.baselines), vals(g?.baselines), s.baselines);
    countKeys(vals(p?.results), vals(g?.results), s.results);
  };
  for (const [i, j] of pairs) perIndicator(pred.indicators[i]!, gold.indicators[j]!);
  pred.indicators.forEach((p, i) => matchedPred.has(i) || perIndicator(p, null));
  gold.indicators.forEach((g, j) => matchedGold.has(j) || perIndicator(null, g));
  return s;
}
