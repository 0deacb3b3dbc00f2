/**
 * One-to-one matching of scored pairs where each side must be the other's clear choice: a pair is
 * taken when each of its two items is the other's best candidate (mutual best) and beats its next
 * candidate, on both sides, by a margin. Taken items leave the pool, so a further round can find that
 * an item's rival is now spoken for; rounds stop when one takes nothing.
 */

export interface ScoredPair {
  /** index on the first side */
  a: number;
  /** index on the second side */
  b: number;
  score: number;
  /** whether the pair may be taken at all (its evidence): a pair that may not still competes */
  ok: boolean;
}

/**
 * The pairs taken, in the order they were taken. `usedA`/`usedB` mark items already matched
 * elsewhere (they are updated). Ties are never broken: two candidates with the same score leave an
 * item unmatched.
 */
export function mutualBest(
  pairs: readonly ScoredPair[],
  usedA: Uint8Array,
  usedB: Uint8Array,
  margin: number,
  maxRounds = 8,
): ScoredPair[] {
  const nA = usedA.length,
    nB = usedB.length;
  const bestA = new Float64Array(nA),
    secondA = new Float64Array(nA),
    bestB = new Float64Array(nB),
    secondB = new Float64Array(nB);
  const argA = new Int32Array(nA),
    argB = new Int32Array(nB);
  const taken: ScoredPair[] = [];
  let live = pairs.filter((p) => !usedA[p.a] && !usedB[p.b]);
  for (let round = 0; round < maxRounds && live.length; round++) {
    bestA.fill(-Infinity);
    secondA.fill(-Infinity);
    bestB.fill(-Infinity);
    secondB.fill(-Infinity);
    argA.fill(-1);
    argB.fill(-1);
    for (const p of live) {
      if (p.score > bestA[p.a]!) {
        secondA[p.a] = bestA[p.a]!;
        bestA[p.a] = p.score;
        argA[p.a] = p.b;
      } else if (p.score > secondA[p.a]!) secondA[p.a] = p.score;
      if (p.score > bestB[p.b]!) {
        secondB[p.b] = bestB[p.b]!;
        bestB[p.b] = p.score;
        argB[p.b] = p.a;
      } else if (p.score > secondB[p.b]!) secondB[p.b] = p.score;
    }
    let n = 0;
    for (const p of live) {
      if (!p.ok || argA[p.a] !== p.b || argB[p.b] !== p.a) continue;
      const sa = secondA[p.a]!,
        sb = secondB[p.b]!;
      if (p.score <= sa || p.score <= sb || p.score - sa < margin || p.score - sb < margin) continue;
      usedA[p.a] = 1;
      usedB[p.b] = 1;
      taken.push(p);
      n++;
    }
    if (!n) break;
    live = live.filter((p) => !usedA[p.a] && !usedB[p.b]);
  }
  return taken;
}
