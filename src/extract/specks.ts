/**
 * Specks read as words. On a dithered scan tesseract reads the grain of a shaded banner, the edge of
 * a ruling or a screen's border as words (`cessin`, `nissan`, `i`, `|`), and their boxes give them
 * away: a letter or a digit of print is as tall as an x-height at least and as wide as a stroke, and
 * these boxes are flat slivers a point tall or narrow posts. Dropped before the layout, they no longer
 * fill a table's gutters.
 */
import type { Box } from "../model/index.js";

/** signs that are flat or small by nature: a dash, a dot, a quote, a degree sign */
const FLAT = /^[-‐‑‒–—―_=~.,'’‘"“”`´°*^…·]+$/u;
/** letters and signs that are narrow posts in print */
const NARROW = /[iIl|1!j:;.,'’‘`fJtr()[\]/\\-]/u;
/** no letter or digit of print (4 pt and more) is less tall than this, in points */
const MIN_HEIGHT = 1.5;
/** a wide letter's box is this share of its height wide at least (an `m` ~1, an `e` ~0.7) */
const MIN_WIDE = 0.2;
/** a word read unsure, in tesseract's confidence */
const UNSURE = 50;
/** an unsure word less tall than this share of the page's usual word is grain, not print */
const LOW = 0.5;

export interface SpeckWord {
  text: string;
  box: Box;
  confidence?: number;
}

/**
 * Whether a word, alone, cannot be print: flat (under MIN_HEIGHT points tall) or a post narrower
 * than its wide letters can be. Flat signs (`-`, `.`, `'`) are never specks by their shape.
 */
export function isSpeck(w: SpeckWord): boolean {
  if (FLAT.test(w.text)) return false;
  const width = w.box[2] - w.box[0],
    height = w.box[3] - w.box[1];
  if (height < MIN_HEIGHT) return true;
  const wide = [...w.text].filter((c) => !NARROW.test(c)).length;
  return wide > 0 && width < MIN_WIDE * height * wide;
}

/**
 * The words without specks: those `isSpeck` calls so, and those read unsure (confidence under
 * UNSURE) that are less than half as tall as the words' median, which a footnote's small print read
 * surely is not.
 */
export function dropSpecks<T extends { run: SpeckWord }>(words: T[]): T[] {
  const heights = words
    .filter((w) => !FLAT.test(w.run.text))
    .map((w) => w.run.box[3] - w.run.box[1])
    .sort((a, b) => a - b);
  const usual = heights[heights.length >> 1] ?? 0;
  return words.filter((w) => {
    const r = w.run;
    if (isSpeck(r)) return false;
    const low = !FLAT.test(r.text) && r.box[3] - r.box[1] < LOW * usual;
    return !(low && (r.confidence ?? 100) < UNSURE);
  });
}
