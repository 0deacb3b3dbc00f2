/**
 * What, besides the name, says that two indicators of two editions are one: the same objective, the
 * same formula, the same kind of target (unit, direction); and what says they are two: another
 * objective, another formula, another unit, targets pointing the other way, two different codes.
 * Similar names alone are not enough: a plan that drops "Numero di imprese partecipanti ai corsi
 * sull'export" and adds "Numero di imprese partecipanti ai percorsi sul digitale" under another
 * objective has removed one indicator and added another.
 */
import type { LinkCandidate } from "../model/index.js";
import { tokens } from "./tokens.js";

/** An indicator made ready for comparison: its words, its formula's words, its kind of target. */
export interface Prepared {
  id: number;
  code: string | null;
  objective: string | null;
  /** the normalized name (stemmed words without stop words) */
  nameKey: string;
  name: readonly string[];
  formula: readonly string[];
  units: ReadonlySet<string>;
  /** bit 1: targets to be reached or exceeded (>=, >); bit 2: not to be exceeded (<=, <) */
  dirs: number;
}

export function prepare(c: LinkCandidate): Prepared {
  const name = tokens(c.name);
  const ops = (c.ops ?? "").split(",");
  return {
    id: c.id,
    code: c.code,
    objective: c.objective,
    nameKey: name.join(" "),
    name,
    formula: tokens(c.formula),
    units: new Set(c.units.split(",").filter(Boolean)),
    dirs:
      (ops.some((o) => o === ">=" || o === ">") ? 1 : 0) | (ops.some((o) => o === "<=" || o === "<") ? 2 : 0),
  };
}

/**
 * Formulas compared by the stemmed words they share (Jaccard): a renamed indicator keeps its formula,
 * perhaps reworded; a look-alike with one word changed ("corsi sull'export" / "corsi sul digitale")
 * is another indicator.
 */
export const FORMULA_SAME = 0.95;
export const FORMULA_REWORDED = 0.75;

/** Weights of each piece of evidence in the score: the formula counts most, the unit least. */
const W = { objective: 1, formula: 1.5, reworded: 1, unit: 0.5, against: -1 };

/** What speaks for and against two indicators being one. */
export interface Evidence {
  /** weighted sum, for ranking candidates (positive: for) */
  weight: number;
  /** whether a link by similar names may be made: some evidence for, none against */
  ok: boolean;
  /** the same formula under the same objective, nothing against: a reworded name may be less similar */
  strong: boolean;
}

/**
 * The evidence for and against two indicators being one, given whether their objectives are the same
 * one (null: not known). For: the same objective, the same (or reworded) formula, the same unit — the
 * unit alone only when neither objective nor formula can be compared. Against: another objective
 * (unless the formula is the same: an indicator moved), another formula, no unit in common, targets
 * pointing the other way ("at least" / "at most"), two different codes.
 */
export function evidence(x: Prepared, y: Prepared, sameObjective: boolean | null): Evidence {
  let weight = 0,
    against = 0,
    strong = false;
  let formula: "same" | "reworded" | "other" | null = null;
  if (x.formula.length && y.formula.length) {
    const j = jaccard(x.formula, y.formula);
    formula = j >= FORMULA_SAME ? "same" : j >= FORMULA_REWORDED ? "reworded" : "other";
  }
  if (formula === "same" || formula === "reworded") {
    weight += formula === "same" ? W.formula : W.reworded;
    strong = true;
  } else if (formula === "other") {
    weight += W.against;
    against++;
  }
  if (sameObjective === true) {
    weight += W.objective;
    strong = true;
  } else if (sameObjective === false && formula !== "same") {
    weight += W.against;
    against++;
  }
  let unit = false;
  if (x.units.size && y.units.size) {
    for (const u of x.units) if (y.units.has(u)) unit = true;
    weight += unit ? W.unit : W.against;
    if (!unit) against++;
  }
  // "=" goes with either direction; only "at least" against "at most" is a contradiction
  if ((x.dirs === 1 && y.dirs === 2) || (x.dirs === 2 && y.dirs === 1)) {
    weight += W.against;
    against++;
  }
  if (x.code && y.code && x.code !== y.code) {
    weight += W.against;
    against++;
  }
  const known = formula !== null || sameObjective !== null;
  const ok = against === 0 && (strong || (!known && unit));
  return { weight, ok, strong: ok && formula === "same" && sameObjective === true && x.formula.length >= 3 };
}

/** Jaccard similarity of two lists of words, as sets. */
function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a),
    sb = new Set(b);
  let common = 0;
  for (const t of sa) if (sb.has(t)) common++;
  return common / (sa.size + sb.size - common);
}
