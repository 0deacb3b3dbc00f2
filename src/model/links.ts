/** What linking reads of an indicator and what it decides, shared by the link stage and the store. */

/** An indicator as linking compares it: its row id, code, name, objective, formula and target kinds. */
export interface LinkCandidate {
  /** the indicator's row id in the store */
  id: number;
  code: string | null;
  name: string;
  /** the code of the objective whose row it is in (its title when it has no code) */
  objective: string | null;
  formula: string | null;
  /** the distinct units of its targets, comma-separated ("" when none) */
  units: string;
  /** the distinct comparators of its targets, comma-separated ("" when none or not read) */
  ops?: string;
}

/** An objective as linking compares it: the key indicators name it by (code, or title), and its title. */
export interface ObjectiveCandidate {
  /** what an indicator's `objective` holds for it: its code, or its title when it has none */
  key: string;
  title: string;
}

/** One document's side of a linking: its indicators and its objectives, in the document's order. */
export interface LinkSide {
  indicators: LinkCandidate[];
  objectives: ObjectiveCandidate[];
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
