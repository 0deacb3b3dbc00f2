import type { Unit } from "./records.js";

/**
 * A cell's text as value readers take it: runs of words that share one struck-through flag, in
 * reading order (a struck run is a superseded target).
 */
export interface TextSegment {
  text: string;
  struck: boolean;
}

/** What a value reader needs to know besides the text: the year, the unit and formula of its column. */
export interface ValueContext {
  /** unit of a bare number (a column that says "%"); a bare number has no unit without one */
  unitHint?: Unit;
  /** the indicator's formula: a year-over-year formula makes a bare number a ratio */
  formula?: string | null;
  /** the year undated values and day-month dates belong to */
  year?: number | null;
}
