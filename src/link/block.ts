/**
 * Blocking: which items of one side are worth comparing with an item of the other. Two names that
 * share no word cannot reach the similarity threshold, and words most names carry ("percentuale",
 * "imprese") say little: each item looks up the items that share its rarer words (an inverted index
 * of the other side, postings read rarest first, common words only while it has too few
 * candidates), ranks them by the rarity of what they share, and keeps the best `topK`. The cost is
 * about the items times the postings read, not the product of the two sides.
 */

export interface BlockOptions {
  /** candidates kept per item */
  topK: number;
  /** a word on more items than this is read only while an item has fewer than topK candidates */
  maxDf: number;
  /** postings read per item at most */
  maxScan: number;
  /** extra weight of a candidate (e.g. same objective), added to what the shared words give */
  boost?: (from: number, to: number) => number;
  /** true when time is up: the items not yet looked at are left without candidates */
  expired?: () => boolean;
}

export interface Blocked {
  /** for each item of `from`, the indexes of its candidates in `to`, best first */
  candidates: Int32Array[];
  /** items of `from` looked at (all of them unless time ran out) */
  examined: number;
}

/** Words as lists per item, `skipFrom`/`skipTo` marking items already matched. */
export function block(
  from: readonly (readonly string[])[],
  to: readonly (readonly string[])[],
  skipFrom: Uint8Array,
  skipTo: Uint8Array,
  opts: BlockOptions,
): Blocked {
  // words as numbers, postings as arrays: this runs once per item of two large documents
  const ids = new Map<string, number>();
  const postings: number[][] = [];
  let stamp = new Int32Array(1024).fill(-1);
  const mark = (w: number, item: number) => {
    if (w >= stamp.length) {
      const grown = new Int32Array(stamp.length * 2).fill(-1);
      grown.set(stamp);
      stamp = grown;
    }
    if (stamp[w] === item) return false;
    stamp[w] = item;
    return true;
  };
  let live = 0;
  for (let j = 0; j < to.length; j++) {
    if (skipTo[j]) continue;
    live++;
    for (const word of to[j]!) {
      let w = ids.get(word);
      if (w === undefined) {
        ids.set(word, (w = postings.length));
        postings.push([]);
      }
      if (mark(w, j)) postings[w]!.push(j);
    }
  }
  stamp.fill(-1);
  const acc = new Float64Array(to.length);
  const touched: number[] = [];
  const lists: number[][] = [];
  const byLength = (x: number[], y: number[]) => x.length - y.length;
  const candidates: Int32Array[] = new Array<Int32Array>(from.length);
  const none = new Int32Array(0);
  let examined = 0;
  for (let i = 0; i < from.length; i++) {
    candidates[i] = none;
    if (skipFrom[i]) continue;
    if ((examined & 63) === 0 && opts.expired?.()) break;
    examined++;
    lists.length = 0;
    for (const word of from[i]!) {
      const w = ids.get(word);
      if (w !== undefined && mark(w, i)) lists.push(postings[w]!);
    }
    lists.sort(byLength);
    let scanned = 0;
    for (const p of lists) {
      if (p.length > opts.maxDf && touched.length >= opts.topK) break;
      if (scanned + p.length > opts.maxScan && touched.length) break;
      scanned += p.length;
      const weight = Math.log(1 + live / p.length);
      // a word so common that even its first postings exceed the budget: read only the budget
      const n = Math.min(p.length, opts.maxScan);
      for (let k = 0; k < n; k++) {
        const j = p[k]!;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += weight;
      }
    }
    if (opts.boost) for (const j of touched) acc[j]! += opts.boost(i, j);
    candidates[i] = topOf(touched, acc, opts.topK);
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
  }
  return { candidates, examined };
}

/**
 * The k items with the highest weight, best first (ties: the earlier item): one pass keeping a short
 * sorted list, so that an item whose words are all common (thousands touched) costs no sort.
 */
function topOf(items: readonly number[], weight: Float64Array, k: number): Int32Array {
  const best: number[] = [];
  const better = (x: number, y: number) => weight[x]! > weight[y]! || (weight[x] === weight[y] && x < y);
  for (const j of items) {
    if (best.length === k && !better(j, best[k - 1]!)) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && better(j, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = j;
    if (best.length > k) best.length = k;
  }
  return Int32Array.from(best);
}
