/** Text keys used to match records between a prediction and a gold file. */

/** Lower case, accents and punctuation removed, white space folded: "Percentuale  d'incasso" → "percentuale d incasso". */
export function normText(s: string | null | undefined): string {
  return (s ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9%€]+/g, " ")
    .trim();
}

/** Dice coefficient over the multisets of word tokens: robust to small rewording and OCR noise. */
export function tokenSimilarity(a: string, b: string): number {
  const ta = normText(a).split(" ").filter(Boolean);
  const tb = normText(b).split(" ").filter(Boolean);
  if (!ta.length || !tb.length) return 0;
  const count = new Map<string, number>();
  for (const t of ta) count.set(t, (count.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = count.get(t) ?? 0;
    if (n > 0) {
      common++;
      count.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/** A value as a comparable key: numbers to 6 decimals, strings normalized, null as "∅". */
export function valueKey(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return "∅";
  if (typeof v === "number") return String(Math.round(v * 1e6) / 1e6);
  return normText(v);
}

/**
 * One-to-one matching of two lists: exact keys first (in order of the key functions given), then
 * the best similarity above `minSimilarity`. Returns pairs of indexes.
 */
export function matchOneToOne<A, B>(
  as: readonly A[],
  bs: readonly B[],
  exactKeys: ((x: A | B) => string | null)[],
  similarity: (a: A, b: B) => number,
  minSimilarity: number,
): [number, number][] {
  const pairs: [number, number][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const key of exactKeys) {
    const index = new Map<string, number[]>();
    bs.forEach((b, j) => {
      if (usedB.has(j)) return;
      const k = key(b);
      if (k === null) return;
      const list = index.get(k);
      if (list) list.push(j);
      else index.set(k, [j]);
    });
    as.forEach((a, i) => {
      if (usedA.has(i)) return;
      const k = key(a);
      if (k === null) return;
      const j = index.get(k)?.find((x) => !usedB.has(x));
      if (j === undefined) return;
      usedA.add(i);
      usedB.add(j);
      pairs.push([i, j]);
    });
  }
  const candidates: [number, number, number][] = [];
  as.forEach((a, i) => {
    if (usedA.has(i)) return;
    bs.forEach((b, j) => {
      if (usedB.has(j)) return;
      const s = similarity(a, b);
      if (s >= minSimilarity) candidates.push([s, i, j]);
    });
  });
  candidates.sort((x, y) => y[0] - x[0]);
  for (const [, i, j] of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}
