/**
 * Scores grouped by what a gold file's `<file>.meta.json` says about the document (the variety
 * corpus: family, producer, layout kind), so that a figure that holds on one kind of document and
 * fails on another shows up instead of being averaged away.
 */
import { addScores, emptyScores, type Scores } from "./compare.js";

/** `<file>.meta.json`: how a generated gold document was made (checked by `readMeta`, meta.ts). */
export interface GoldMeta {
  seed: number;
  split: "dev" | "test";
  family: string;
  producer: string;
  layoutKind: string;
  features: Record<string, unknown>;
}

export const DIMENSIONS = ["family", "producer", "layoutKind"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Group {
  documents: number;
  scores: Scores;
}
export type Breakdown = Record<Dimension, Record<string, Group>>;

/** Sums the scores of the documents that have a meta, per value of each dimension (sorted by name). */
export function breakdown(docs: readonly { meta: GoldMeta | null; scores: Scores }[]): Breakdown | null {
  const withMeta = docs.filter((d): d is { meta: GoldMeta; scores: Scores } => d.meta !== null);
  if (!withMeta.length) return null;
  const out = {} as Breakdown;
  for (const dim of DIMENSIONS) {
    const groups = new Map<string, Group>();
    for (const d of withMeta) {
      const key = d.meta[dim];
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { documents: 0, scores: emptyScores() }));
      g.documents++;
      addScores(g.scores, d.scores);
    }
    out[dim] = Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}
