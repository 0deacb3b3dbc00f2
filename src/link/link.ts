/**
 * Links the indicators of two documents, older to newer, one to one:
 *
 * 1. the same code (within the same objective first);
 * 2. the same normalized name, when it is one indicator's on each side;
 * 3. the objectives mapped from those links, their titles and codes (`objectives.ts`);
 * 4. the same normalized name within the mapped objective, then anywhere;
 * 5. similar names (Dice over stemmed words, Jaro-Winkler as a tie-breaker) only with supporting
 *    evidence (same objective, formula or unit, nothing against: `evidence.ts`) and only when the pair
 *    is each side's clear best: mutual best, by a margin over the next candidate on both sides
 *    (`match.ts`). Otherwise both stay unlinked, and a diff reports one removed and one added.
 *
 * Step 5 compares only the candidates blocking brings together (`block.ts`, shared rare words, top
 * k per indicator, both ways), so two editions of 10,000 indicators link in seconds; a time budget
 * bounds it, and what it did not reach is said (`truncated`).
 */
import type { IndicatorLink, LinkCandidate, LinkMethod, LinkSide } from "../model/index.js";
import { block } from "./block.js";
import { evidence, prepare, type Evidence, type Prepared } from "./evidence.js";
import { mutualBest, type ScoredPair } from "./match.js";
import { ObjectiveMap } from "./objectives.js";
import { tokenSimilarity } from "./tokens.js";

/** a link by similar names needs at least this score (name similarity plus weighted evidence) */
export const SIMILARITY_THRESHOLD = 0.55;
/** names less similar than this are not candidates, not even as rivals */
export const NAME_FLOOR = 0.4;
/** ... unless they have the same formula under the same objective (and nothing against) */
export const NAME_FLOOR_SAME_FORMULA = 0.25;
/** what a unit of evidence adds to the name similarity */
export const EVIDENCE_WEIGHT = 0.05;
/** how far a link's score must be above each side's next candidate */
export const LINK_MARGIN = 0.05;

export interface LinkOptions {
  /** milliseconds the similarity step may take (default: no limit) */
  budgetMs?: number;
  /** candidates compared per indicator (default 10) */
  topK?: number;
  /** the clock the budget is measured with (tests) */
  now?: () => number;
}

export interface LinkOutcome {
  links: IndicatorLink[];
  /** true when the time budget ran out before every indicator was compared */
  truncated: boolean;
  /** indicators of either document whose candidates the similarity step did not look up */
  unexamined: number;
}

/** Links two documents' indicators, the objectives of each side helping (see the module comment). */
export function linkSides(a: LinkSide, b: LinkSide, opts: LinkOptions = {}): LinkOutcome {
  const now = opts.now ?? (() => performance.now());
  const deadline = opts.budgetMs === undefined ? Infinity : now() + opts.budgetMs;
  const expired = () => now() > deadline;
  const A = a.indicators.map(prepare),
    B = b.indicators.map(prepare);
  const usedA = new Uint8Array(A.length),
    usedB = new Uint8Array(B.length);
  const links: IndicatorLink[] = [];
  const take = (i: number, j: number, method: LinkMethod, score: number) => {
    usedA[i] = usedB[j] = 1;
    links.push({ from: A[i]!.id, to: B[j]!.id, method, score });
  };
  /** links, in the older document's order, each indicator to the first unused one with its key */
  const exact = (method: LinkMethod, keyA: (x: Prepared) => string | null, keyB = keyA) => {
    const index = new Map<string, number[]>();
    B.forEach((y, j) => {
      if (usedB[j]) return;
      const k = keyB(y);
      if (k) (index.get(k) ?? index.set(k, []).get(k)!).push(j);
    });
    // each key's list is taken from the front: a name repeated many times is not searched again
    const cursor = new Map<string, number>();
    A.forEach((x, i) => {
      if (usedA[i]) return;
      const k = keyA(x);
      const list = k ? index.get(k) : undefined;
      if (!k || !list) return;
      let c = cursor.get(k) ?? 0;
      while (c < list.length && usedB[list[c]!]) c++;
      cursor.set(k, c + 1);
      if (c < list.length) take(i, list[c]!, method, 1);
    });
  };
  exact("code", (x) => (x.code ? `${x.code}|${x.objective ?? ""}` : null));
  exact("code", (x) => x.code);
  // names that are one indicator's on each side: the anchors the objectives are mapped from
  const once = (xs: Prepared[], used: Uint8Array) => {
    const n = new Map<string, number>();
    xs.forEach((x, i) => used[i] || n.set(x.nameKey, (n.get(x.nameKey) ?? 0) + 1));
    return n;
  };
  const onceA = once(A, usedA),
    onceB = once(B, usedB);
  exact("name", (x) =>
    x.nameKey && onceA.get(x.nameKey) === 1 && onceB.get(x.nameKey) === 1 ? x.nameKey : null,
  );
  const byIdA = new Map(A.map((x) => [x.id, x])),
    byIdB = new Map(B.map((y) => [y.id, y]));
  const objectives = new ObjectiveMap(
    a.objectives,
    b.objectives,
    links.map((l) => [byIdA.get(l.from)!.objective, byIdB.get(l.to)!.objective]),
  );
  exact(
    "name",
    (x) => (x.nameKey ? `${x.nameKey}|${objectives.image(x.objective) ?? ""}` : null),
    (y) => (y.nameKey ? `${y.nameKey}|${y.objective ?? ""}` : null),
  );
  exact("name", (x) => x.nameKey || null);

  // similar names, with evidence and a clear margin
  // the objective each older indicator's maps to, as a number on the newer side (-1: none there):
  // blocking asks for every candidate it weighs
  const objB = new Map<string, number>();
  const objOfB = B.map((y) =>
    y.objective === null ? -1 : (objB.get(y.objective) ?? (objB.set(y.objective, objB.size), objB.size - 1)),
  );
  const imageOfA = A.map((x) => {
    const k = objectives.image(x.objective);
    return k === null ? -1 : (objB.get(k) ?? -1);
  });
  const sameObjective = (i: number, j: number): boolean | null =>
    A[i]!.objective === null || B[j]!.objective === null ? null : imageOfA[i] === objOfB[j];
  const blockOpts = {
    topK: opts.topK ?? 10,
    maxDf: Math.max(64, Math.ceil(Math.sqrt(Math.max(A.length, B.length)) * 2)),
    maxScan: 1024,
    expired,
  };
  // blocked on the words of the name and of the formula: a reworded name keeps its formula
  const nameA = A.map((x) => [...x.name, ...x.formula]),
    nameB = B.map((y) => [...y.name, ...y.formula]);
  const fromA = block(nameA, nameB, usedA, usedB, {
    ...blockOpts,
    boost: (i, j) => (sameObjective(i, j) ? 1 : 0),
  });
  const fromB = block(nameB, nameA, usedB, usedA, {
    ...blockOpts,
    boost: (j, i) => (sameObjective(i, j) ? 1 : 0),
  });
  const liveA = A.length - usedA.reduce((n, u) => n + u, 0),
    liveB = B.length - usedB.reduce((n, u) => n + u, 0);
  const unexamined = liveA - fromA.examined + (liveB - fromB.examined);
  const seen = new Set<number>();
  const pairs: ScoredPair[] = [];
  const score = (i: number, j: number) => {
    const key = i * B.length + j;
    if (seen.has(key)) return;
    seen.add(key);
    const x = A[i]!,
      y = B[j]!;
    // most pairs blocking brings are names that share a word or two: under the floor before
    // Jaro-Winkler is computed (the cost of this step), unless the evidence is strong
    let name = tokenSimilarity(x.name, y.name, NAME_FLOOR);
    let e: Evidence | undefined;
    if (name < NAME_FLOOR) {
      e = evidence(x, y, sameObjective(i, j));
      if (!e.strong) return;
      name = tokenSimilarity(x.name, y.name);
      if (name < NAME_FLOOR_SAME_FORMULA) return;
    }
    e ??= evidence(x, y, sameObjective(i, j));
    const s = name + EVIDENCE_WEIGHT * e.weight;
    pairs.push({ a: i, b: j, score: s, ok: e.ok && (s >= SIMILARITY_THRESHOLD || e.strong) });
  };
  // scoring is bounded by top k per indicator: what the budget cuts is the blocking above
  const truncated = unexamined > 0;
  fromA.candidates.forEach((js, i) => js.forEach((j) => score(i, j)));
  fromB.candidates.forEach((is, j) => is.forEach((i) => score(i, j)));
  for (const p of mutualBest(pairs, usedA, usedB, LINK_MARGIN))
    links.push({
      from: A[p.a]!.id,
      to: B[p.b]!.id,
      method: "similarity",
      score: Math.min(1, Math.round(p.score * 1000) / 1000),
    });
  return { links, truncated, unexamined };
}

/** Two lists of indicators linked without their documents' objectives (objective keys compare as they are). */
export function linkIndicators(
  a: LinkCandidate[],
  b: LinkCandidate[],
  opts: LinkOptions = {},
): IndicatorLink[] {
  return linkSides({ indicators: a, objectives: [] }, { indicators: b, objectives: [] }, opts).links;
}
