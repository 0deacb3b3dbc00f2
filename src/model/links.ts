/** What linking reads of an indicator and what it decides, shared by the link stage and the store. */

/** An indicator as linking compares it: its row id, code, name, objective, formula and target units. */
export interface LinkCandidate {
  /** the indicator's row id in the store */
  id: number;
  code: string | null;
  name: string;
  objective: string | null;
  formula: string | null;
  /** the distinct units of its targets, comma-separated ("" when none) */
  units: string;
}

/** How two indicators were linked: the same code, the same normalized name, or similar names. */
export type LinkMethod = "code" | "name" | "similarity";

/** One indicator of an older document linked to one of a newer document. */
export interface IndicatorLink {
  /** row id of the older document's indicator */
  from: number;
  /** row id of the newer document's indicator */
  to: number;
  method: LinkMethod;
  /** 1 for code and name links; the similarity (0..1) otherwise */
  score: number;
}
