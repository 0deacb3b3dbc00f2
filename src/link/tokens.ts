/** Italian text to comparable tokens: lower case, no accents or punctuation, no stop words, stemmed. */
import { createRequire } from "node:module";

// natural's index loads storage back-ends that call dotenv (which prints to stdout): take the two
// modules used here directly
const require = createRequire(import.meta.url);
const JaroWinklerDistance = require("natural/lib/natural/distance/jaro-winkler_distance.js") as (
  a: string,
  b: string,
  o?: object,
) => number;
const stemmer = require("natural/lib/natural/stemmers/porter_stemmer_it.js") as
  { stem(s: string): string } | undefined;

const STOP = new Set(
  "di del della dello dei degli delle il lo la i gli le un uno una e ed o od per con su sul sulla tra fra in a al alla allo ai agli alle da dal dalla dai dagli dalle nel nella nello nei negli nelle che non n nr num numero x".split(
    " ",
  ),
);

// names are few words drawn from a small vocabulary: each word is stemmed once (the stemmer is the
// cost of linking two large documents), each string split once
const stems = new Map<string, string>();
const cache = new Map<string, string[]>();
const CACHE_MAX = 50_000;

function stem(w: string): string {
  let s = stems.get(w);
  if (s === undefined) {
    s = stemmer && /^[a-z]+$/.test(w) ? stemmer.stem(w) : w;
    if (stems.size >= CACHE_MAX) stems.clear();
    stems.set(w, s);
  }
  return s;
}

export function tokens(s: string | null | undefined): string[] {
  const key = s ?? "";
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= CACHE_MAX) cache.clear();
  const out = tokenize(key);
  cache.set(key, out);
  return out;
}

function tokenize(s: string): string[] {
  const out: string[] = [];
  for (const t of s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" "))
    if (t && !STOP.has(t)) out.push(stem(t));
  return out;
}

/** Name similarity 0..1: Dice over stemmed tokens, with Jaro-Winkler on the joined tokens as a tie-breaker. */
export function nameSimilarity(a: string, b: string, floor = 0): number {
  return tokenSimilarity(tokens(a), tokens(b), floor);
}

/** The same on token lists already made (`tokens`). */
export function tokenSimilarity(ta: readonly string[], tb: readonly string[], floor = 0): number {
  if (!ta.length || !tb.length) return 0;
  const dice = diceOf(ta, tb);
  // Jaro-Winkler is quadratic in the names' length and adds at most 0.2: skip it when even a perfect
  // score could not reach the caller's floor
  if (0.8 * dice + 0.2 < floor) return 0.8 * dice;
  const jw = JaroWinklerDistance(ta.join(" "), tb.join(" "), {});
  return 0.8 * dice + 0.2 * jw;
}

function diceOf(ta: readonly string[], tb: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const t of ta) pool.set(t, (pool.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = pool.get(t) ?? 0;
    if (n) {
      common++;
      pool.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}
