/** Scoring a linking against a gold diff: links as (name, objective) pairs, changed targets, added and removed. */
import { readFileSync } from "node:fs";
import { storedLinks, type Store } from "../../src/load/index.js";
import { diffDocuments, type DiffResult } from "../../src/link/index.js";

export interface GoldDiff {
  links: { from: string; to: string; objectiveCode?: string; toObjectiveCode?: string }[];
  added: string[];
  removed: string[];
  targets: { indicator: string; objectiveCode?: string; year: number; change: string }[];
}

export const readGoldDiff = (path: string) => JSON.parse(readFileSync(path, "utf8")) as GoldDiff;
export const fold = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

function multisetHits(pred: string[], gold: string[]): number {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hits = 0;
  for (const p of pred) {
    const n = pool.get(p) ?? 0;
    if (n) {
      hits++;
      pool.set(p, n - 1);
    }
  }
  return hits;
}

export interface LinkScore {
  diff: DiffResult;
  precision: number;
  recall: number;
  /** predicted links that are not in the gold, and gold links not predicted */
  wrong: string[];
  missed: string[];
  changed: string[];
  goldChanged: string[];
}

/**
 * Links scored with the objectives of both ends when the gold has them (a name printed under two
 * objectives must be linked within its own), from the stored links when there are, else the diff's.
 */
export function scoreLinks(store: Store, a: string, b: string, gold: GoldDiff): LinkScore {
  const diff = diffDocuments(store, a, b);
  const withObjectives = gold.links.every((l) => l.objectiveCode && l.toObjectiveCode);
  let pred: string[];
  const stored = storedLinks(store, diff.from.id, diff.to.id);
  if (withObjectives && stored.length) {
    const da = store.exportDocument(diff.from.id).indicators,
      db = store.exportDocument(diff.to.id).indicators;
    pred = stored.map((l) => {
      const x = da[l.fromOrd]!,
        y = db[l.toOrd]!;
      return `${fold(x.name)} [${x.objectiveCode}] → ${fold(y.name)} [${y.objectiveCode}]`;
    });
  } else pred = diff.links.map((l) => `${fold(l.from)} → ${fold(l.to)}`);
  const goldLinks = gold.links.map((l) =>
    withObjectives && stored.length
      ? `${fold(l.from)} [${l.objectiveCode}] → ${fold(l.to)} [${l.toObjectiveCode}]`
      : `${fold(l.from)} → ${fold(l.to)}`,
  );
  const tp = multisetHits(pred, goldLinks);
  const changed = diff.targets
    .filter((x) => x.change !== "unchanged")
    .map((x) => `${fold(x.indicator)}|${x.objectiveCode ?? ""}|${x.year}|${x.change}`)
    .sort();
  const goldChanged = gold.targets
    .map((x) => `${fold(x.indicator)}|${x.objectiveCode ?? ""}|${x.year}|${x.change}`)
    .sort();
  return {
    diff,
    precision: pred.length ? tp / pred.length : 1,
    recall: tp / goldLinks.length,
    wrong: pred.filter((p) => !goldLinks.includes(p)),
    missed: goldLinks.filter((g) => !pred.includes(g)),
    changed,
    goldChanged,
  };
}
