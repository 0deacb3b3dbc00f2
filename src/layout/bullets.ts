/**
 * List bullets on an OCR'd page. Tesseract's Italian model has no `▪`, `•` or `■`: it reads a list's
 * bullet as letters or marks (`mH`, `Hm`, `E`, `=`, `mn`), which then start every item's text and
 * hide the label after them (`mH Target 2023: ≥ 85%`). A bullet is told by its shape and place, not
 * by what it was read as: the first word of its line, of one or two characters, as wide as it is tall
 * and smaller than the line's letters, set apart from the text after it, read unsure, and one of
 * several at the same x. Such words become `•`, which the list reader knows.
 */
import type { Word } from "../model/index.js";
import { wordsToLines } from "./words.js";

/** tesseract's confidence from which a short word is read as a word, whatever its shape */
const SURE = 85;

/** what a bullet read by OCR is written as */
export const BULLET = "•";

const marksOnly = (t: string) => !/[\p{L}\p{N}]/u.test(t);

/** A mark's middle is under the top third of the words after it (a quote stands at their tops). */
function standsLow(mark: Word, rest: Word[]): boolean {
  const tops = rest.map((w) => w.box[1]).sort((a, b) => a - b);
  const bottoms = rest.map((w) => w.box[3]).sort((a, b) => a - b);
  const top = tops[tops.length >> 1]!,
    bottom = bottoms[bottoms.length >> 1]!;
  return (mark.box[1] + mark.box[3]) / 2 > top + (bottom - top) / 3;
}

/** The page's words with the bullets OCR read as letters written as bullets (new words; the rest as they are). */
export function readBullets(words: Word[]): Word[] {
  const candidates: Word[] = [];
  for (const line of wordsToLines(words)) {
    const [first, next] = line.words;
    if (!first || !next || first.confidence === undefined) continue;
    if (first.text.length > 2 || /\d/.test(first.text)) continue;
    const w = first.box[2] - first.box[0],
      h = first.box[3] - first.box[1];
    const heights = line.words
      .slice(1)
      .map((x) => x.box[3] - x.box[1])
      .sort((a, b) => a - b);
    const letters = heights[heights.length >> 1]!;
    // (a square a little taller or wider; a capital or two letters are as tall as the line's capitals)
    if (w < h * 0.7 || w > h * 1.4 || h > letters * 0.8) continue;
    // set apart from the text after it (a plain space measures 0.35-0.5 of the type size on ink), and
    // read unsure: a short word read surely (`e`, `a`, as small and square) is a word. Marks read
    // surely (`"` for `•`) are a bullet still where they stand low as a bullet does, not at the
    // capitals' tops as quotes do
    if (next.box[0] - first.box[2] < first.fontSize * 0.25) continue;
    if (first.confidence >= SURE && !(marksOnly(first.text) && standsLow(first, line.words.slice(1))))
      continue;
    candidates.push(first);
  }
  const bullets = new Set<Word>();
  for (const c of candidates) {
    const same = candidates.filter((o) => Math.abs(o.box[0] - c.box[0]) <= 1.5);
    if (same.length >= 2) bullets.add(c);
  }
  if (!bullets.size) return words;
  return words.map((w) => (bullets.has(w) ? { ...w, text: BULLET } : w));
}
