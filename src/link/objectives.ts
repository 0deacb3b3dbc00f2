/**
 * Which objective of the newer document is which of the older one's. Codes are renumbered when an
 * objective is inserted or dropped, so a code alone is not trusted when better evidence says
 * otherwise: first the objectives that the indicators already linked by code or exact name point to
 * (each objective goes to the one most of its indicators went to, when that is mutual and clear),
 * then the same title, then a clearly most similar title, and last the same code for objectives whose
 * titles do not contradict it.
 */
import type { ObjectiveCandidate } from "../model/index.js";
import { block } from "./block.js";
import { mutualBest, type ScoredPair } from "./match.js";
import { tokens, tokenSimilarity } from "./tokens.js";

const TITLE_THRESHOLD = 0.6;
const TITLE_MARGIN = 0.1;
/** titles this far apart say that the same code names another objective */
const TITLE_CONTRADICTS = 0.3;

/** The objective map between two documents, by the keys indicators name their objectives with. */
export class ObjectiveMap {
  private readonly aToB = new Map<string, string>();
  private readonly mappedB = new Set<string>();
  private readonly knownA: Set<string>;
  private readonly knownB: Set<string>;

  constructor(
    a: readonly ObjectiveCandidate[],
    b: readonly ObjectiveCandidate[],
    /** the objectives of indicator pairs already linked, older → newer */
    anchors: readonly [string | null, string | null][],
  ) {
    const ia = uniqueByKey(a),
      ib = uniqueByKey(b);
    this.knownA = new Set(ia.map((o) => o.key));
    this.knownB = new Set(ib.map((o) => o.key));
    const posA = new Map(ia.map((o, i) => [o.key, i])),
      posB = new Map(ib.map((o, i) => [o.key, i]));
    const usedA = new Uint8Array(ia.length),
      usedB = new Uint8Array(ib.length);
    const take = (i: number, j: number) => {
      usedA[i] = usedB[j] = 1;
      this.aToB.set(ia[i]!.key, ib[j]!.key);
      this.mappedB.add(ib[j]!.key);
    };
    // 1. votes of the linked indicators: a clear majority on both sides
    const votes = new Map<number, number>();
    for (const [ka, kb] of anchors) {
      const i = ka === null ? undefined : posA.get(ka),
        j = kb === null ? undefined : posB.get(kb);
      if (i === undefined || j === undefined) continue;
      const k = i * ib.length + j;
      votes.set(k, (votes.get(k) ?? 0) + 1);
    }
    const voted: ScoredPair[] = [...votes].map(([k, n]) => ({
      a: Math.floor(k / ib.length),
      b: k % ib.length,
      score: n,
      ok: true,
    }));
    for (const p of mutualBest(voted, usedA, usedB, 1)) take(p.a, p.b);
    // 2. the same title, when it is one objective's on each side
    const titleA = ia.map((o) => tokens(o.title)),
      titleB = ib.map((o) => tokens(o.title));
    const keyOf = (t: string[]) => t.join(" ");
    const countB = new Map<string, number[]>();
    titleB.forEach((t, j) => {
      if (usedB[j] || !t.length) return;
      const k = keyOf(t);
      (countB.get(k) ?? countB.set(k, []).get(k)!).push(j);
    });
    const countA = new Map<string, number>();
    titleA.forEach((t, i) => {
      if (!usedA[i] && t.length) countA.set(keyOf(t), (countA.get(keyOf(t)) ?? 0) + 1);
    });
    titleA.forEach((t, i) => {
      if (usedA[i] || !t.length) return;
      const js = countB.get(keyOf(t));
      if (js?.length === 1 && countA.get(keyOf(t)) === 1 && !usedB[js[0]!]) take(i, js[0]!);
    });
    // 3. a clearly most similar title, among the objectives that share a word with it
    const near = block(titleA, titleB, usedA, usedB, { topK: 8, maxDf: 64, maxScan: 1024 });
    const sims: ScoredPair[] = [];
    near.candidates.forEach((js, i) => {
      for (const j of js) {
        const s = tokenSimilarity(titleA[i]!, titleB[j]!, TITLE_CONTRADICTS);
        if (s >= TITLE_CONTRADICTS) sims.push({ a: i, b: j, score: s, ok: s >= TITLE_THRESHOLD });
      }
    });
    for (const p of mutualBest(sims, usedA, usedB, TITLE_MARGIN)) take(p.a, p.b);
    // 4. the same code, unless the titles say otherwise
    for (let i = 0; i < ia.length; i++) {
      const j = posB.get(ia[i]!.key);
      if (usedA[i] || j === undefined || usedB[j]) continue;
      const ta = titleA[i]!,
        tb = titleB[j]!;
      if (ta.length && tb.length && tokenSimilarity(ta, tb) < TITLE_CONTRADICTS) continue;
      take(i, j);
    }
  }

  /**
   * Whether two indicators' objectives are the same objective: true, false, or null when either has
   * none. Keys that are not among the objectives (documents read without them) compare as they are;
   * two objectives that were compared and not mapped are two objectives.
   */
  same(ka: string | null, kb: string | null): boolean | null {
    if (ka === null || kb === null) return null;
    return this.image(ka) === kb;
  }

  /** The newer document's key for an older objective's key (null when it has none there). */
  image(ka: string | null): string | null {
    if (ka === null) return null;
    const m = this.aToB.get(ka);
    if (m !== undefined) return m;
    return this.mappedB.has(ka) || this.knownA.has(ka) ? null : ka;
  }
}

/** Objectives by key, each key once (the first): keys name objectives in indicators. */
function uniqueByKey(os: readonly ObjectiveCandidate[]): ObjectiveCandidate[] {
  const seen = new Set<string>();
  return os.filter((o) => !seen.has(o.key) && (seen.add(o.key), true));
}
