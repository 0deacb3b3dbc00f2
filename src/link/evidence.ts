/**
 * What, besides the name, says that two indicators of two editions are one: the same objective, the
 * same formula, the same kind of target (unit, direction); and what says they are two: another
 * objective, another formula, another unit, targets pointing the other way, two different codes.
 * Similar names alone are not enough: a plan that drops "Numero di imprese partecipanti ai corsi
 * sull'export" and adds "Numero di imprese partecipanti ai percorsi sul digitale" under another
 * objective has removed one indicator and added another.
 */
import type { LinkCandidate } from "../model/index.js";
import { tokens, tokenSimilarity } from "./tokens.js";

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

/** formulas this similar are the same formula reworded; under FORMULA_OTHER they are another one */
export const FORMULA_SAME = 0.7;
export const FORMULA_OTHER = 0.4;

/** Weights: the formula defines an indicator more than where it sits, the unit least. */
const W = {
  objective: 1,
  otherObjective: -1,
  formula: 1.5,
  otherFormula: -1.5,
  unit: 0.5,
  otherUnit: -1,
  otherDirection: -1,
  otherCode: -1,
};

/** The least evidence a link by similar names needs: one of objective, formula or unit, none against. */
export const MIN_EVIDENCE = 0.5;

/**
 * The evidence for (positive) and against (negative) two indicators being one, given whether their
 * objectives are the same one (null: not known).
 */
export function evidence(x: Prepared, y: Prepared, sameObjective: boolean | null): number {
  let e = 0;
  if (sameObjective === true) e += W.objective;
  else if (sameObjective === false) e += W.otherObjective;
  if (x.formula.length && y.formula.length) {
    const f = tokenSimilarity(x.formula, y.formula);
    if (f >= FORMULA_SAME) e += W.formula;
    else if (f < FORMULA_OTHER) e += W.otherFormula;
  }
  if (x.units.size && y.units.size) {
    let shared = false;
    for (const u of x.units) if (y.units.has(u)) shared = true;
    e += shared ? W.unit : W.otherUnit;
  }
  // "=" goes with either direction; only "at least" against "at most" is a contradiction
  if ((x.dirs === 1 && y.dirs === 2) || (x.dirs === 2 && y.dirs === 1)) e += W.otherDirection;
  if (x.code && y.code && x.code !== y.code) e += W.otherCode;
  return e;
}
