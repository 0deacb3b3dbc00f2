/**
 * Struck-through words: a horizontal ruling across the middle of the word (between 30 % and 75 % of
 * its height from the top), covering most of its width. Underlines sit at the baseline and table
 * borders above or below the text, so they do not count.
 */
import type { Ruling, Word } from "../model/index.js";

const byY = (a: Ruling, b: Ruling) => a.y0 - b.y0;

export function markStruck(words: Word[], rulings: Ruling[]): Word[] {
  return strike(words, rulings).words;
}

/**
 * The words with their struck flags, and the rulings that struck them: those are strokes through
 * text, not table borders, so the lattice must not cut a row at them.
 */
export function strike(words: Word[], rulings: Ruling[]): { words: Word[]; strokes: Set<Ruling> } {
  const strokes = new Set<Ruling>();
  const hs: Ruling[] = [];
  for (const r of rulings) if (r.orientation === "h" && r.width <= 2.5) hs.push(r);
  if (!hs.length) return { words, strokes };
  hs.sort(byY);
  // a loop, not words.map(closure): this runs for every page, and V8 drops the optimized code of a
  // per-call closure at each full garbage collection
  const out: Word[] = [];
  for (const w of words) {
    const r = struckThrough(w, hs);
    if (r) strokes.add(r);
    out.push(r ? { ...w, struck: true } : w);
  }
  return { words: out, strokes };
}

/** The horizontal ruling of `hs` (sorted by y) that strikes through the word, if one does. */
function struckThrough(w: Word, hs: Ruling[]): Ruling | null {
  const [x0, y0, x1, y1] = w.box;
  const h = y1 - y0;
  const lo = y0 + h * 0.3,
    hi = y0 + h * 0.75;
  // binary search to the first ruling at or below `lo`
  let a = 0,
    b = hs.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (hs[m]!.y0 < lo) a = m + 1;
    else b = m;
  }
  for (let i = a; i < hs.length && hs[i]!.y0 <= hi; i++) {
    const r = hs[i]!;
    const cover = Math.min(x1, r.x1) - Math.max(x0, r.x0);
    // a ruling much longer than the word is a table border passing through, not a strike
    if (cover >= (x1 - x0) * 0.6 && r.x1 - r.x0 < (x1 - x0) * 8 + 40) return r;
  }
  return null;
}
