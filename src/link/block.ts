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
  const postings = new Map<string, number[]>();
  to.forEach((words, j) => {
    if (skipTo[j]) return;
    for (const w of new Set(words)) {
      let p = postings.get(w);
      if (!p) postings.set(w, (p = []));
      p.push(j);
    }
  });
  const live = to.length - skipTo.reduce((n, s) => n + s, 0);
  const idf = (df: number) => Math.log(1 + live / df);
  const acc = new Float64Array(to.length);
  const touched: number[] = [];
  const candidates: Int32Array[] = new Array<Int32Array>(from.length);
  const none = new Int32Array(0);
  let examined = 0;
  for (let i = 0; i < from.length; i++) {
    candidates[i] = none;
    if (skipFrom[i]) continue;
    if ((examined & 63) === 0 && opts.expired?.()) break;
    examined++;
    const lists: number[][] = [];
    for (const w of new Set(from[i])) {
      const p = postings.get(w);
      if (p) lists.push(p);
    }
    lists.sort((x, y) => x.length - y.length);
    let scanned = 0;
    for (const p of lists) {
      if (p.length > opts.maxDf && touched.length >= opts.topK) break;
      if (scanned + p.length > opts.maxScan && touched.length) break;
      scanned += p.length;
      const w = idf(p.length);
      // a word so common that even its first postings exceed the budget: read only the budget
      const n = Math.min(p.length, opts.maxScan);
      for (let k = 0; k < n; k++) {
        const j = p[k]!;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += w;
      }
    }
    if (opts.boost) for (const j of touched) acc[j]! += opts.boost(i, j);
    touched.sort((x, y) => acc[y]! - acc[x]! || x - y);
    candidates[i] = Int32Array.from(touched.slice(0, opts.topK));
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
  }
  return { candidates, examined };
}
