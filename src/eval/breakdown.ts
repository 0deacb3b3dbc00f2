/**
 * Scores grouped by what a gold file's `<file>.meta.json` says about the document (the variety
 * corpus: family, producer, layout kind), so that a figure that holds on one kind of document and
 * fails on another shows up instead of being averaged away.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { addScores, emptyScores, type Scores } from "./compare.js";

/** `<file>.meta.json`: how a generated gold document was made. */
export const GoldMeta = z.object({
  seed: z.number().int().nonnegative(),
  split: z.enum(["dev", "test"]),
  family: z.string().min(1),
  producer: z.string().min(1),
  layoutKind: z.string().min(1),
  features: z.record(z.string(), z.unknown()),
});
export type GoldMeta = z.infer<typeof GoldMeta>;

export const DIMENSIONS = ["family", "producer", "layoutKind"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Group {
  documents: number;
  scores: Scores;
}
export type Breakdown = Record<Dimension, Record<string, Group>>;

/** The meta file beside a source file, or null when there is none. A malformed one is an error. */
export function readMeta(source: string): GoldMeta | null {
  const path = `${source}.meta.json`;
  if (!existsSync(path)) return null;
  const parsed = GoldMeta.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

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
