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
    if (r) {
      strokes.add(r);
      out.push({ ...w, text: pointUnderStroke(w), struck: true });
      continue;
    }
    // a stroke through part of a word: a struck figure glued to the comparator left standing
    // (">=~~663~~"), which the producer drew without a space
    const part = partlyStruck(w, hs);
    if (part) {
      strokes.add(part.stroke);
      for (const x of part.words) out.push(x);
    } else out.push(w);
  }
  return { words: out, strokes };
}

/**
 * A word whose stroke covers its figures but not the comparator before them (or after them): split
 * where the text changes from a comparator to a figure (or to a currency sign: OCR reads `<=€` as
 * one word where only `€ 245,16` was struck), the figures struck.
 */
function partlyStruck(w: Word, hs: Ruling[]): { words: Word[]; stroke: Ruling } | null {
  const m = /^([<>≤≥=]+)([€$£]|[€$£]?\d.*)$/u.exec(w.text);
  if (!m) return null;
  const [x0, y0, x1, y1] = w.box;
  const h = y1 - y0;
  const lo = y0 + h * 0.3,
    hi = y0 + h * 0.75;
  const cut = x0 + ((x1 - x0) * m[1]!.length) / w.text.length;
  for (const r of hs) {
    if (r.y0 < lo || r.y0 > hi) continue;
    // the stroke covers the figures (most of them) and leaves the comparator
    const cover = Math.min(x1, r.x1) - Math.max(cut, r.x0);
    if (cover >= (x1 - cut) * 0.7 && r.x0 >= cut - (cut - x0) * 0.5)
      return {
        stroke: r,
        words: [
          { ...w, text: m[1]!, box: [x0, y0, cut, y1] },
          { ...w, text: pointUnderStroke({ ...w, text: m[2]! }), box: [cut, y0, x1, y1], struck: true },
        ],
      };
  }
  return null;
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

/**
 * A struck figure's point or comma as OCR reads it with what the stroke left over it: a colon for a
 * point (`9:878`), a semicolon for a comma (`74;50`). Only in OCR'd words (a text layer's are exact).
 */
function pointUnderStroke(w: Word): string {
  if (w.confidence === undefined) return w.text;
  return w.text.replace(/(?<=\d):(?=\d)/g, ".").replace(/(?<=\d);(?=\d)/g, ",");
}
