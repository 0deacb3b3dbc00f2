/**
 * What OCR made of a stamp or a signature over a table. Tesseract reads the ring and the turned
 * letters of a protocol stamp, or a handwritten signature, as a heap of short words it is unsure of
 * (`teli GET neanAStI, Vi sn ne`), set at odd sizes and heights. Left in, they fill the gutters
 * between columns (two columns read as one) and end up in cells as text. Print read unsure (a faded
 * note, a word on a grey ground) comes in lines, one word beside the other; a stamp's heap is dense,
 * spans several lines' heights, and its words stand at any height beside each other.
 */
import type { Word } from "../model/index.js";
import { BULLET } from "./bullets.js";

/** tesseract's confidence under which a word is read unsure */
const UNSURE = 50;
/** and under which a short word inside a heap of unsure words is taken as the heap's */
const SHORT_SURE = 85;
/** unsure words this close (in type sizes, across and down) are of one heap */
const REACH = 1.2;
/** a heap of this many unsure words or more, as tall as this many lines, can be a stamp */
const MIN_WORDS = 6;
const MIN_LINES = 2.5;
/**
 * the share of a heap's unsure words with no word beside them on their line: words of a line of
 * print have one (their neighbours, in step with them), a stamp's much less often
 */
const MIN_ASTRAY = 0.4;

const mid = (w: Word) => (w.box[1] + w.box[3]) / 2;
const height = (w: Word) => w.box[3] - w.box[1];

/** Whether `b` stands beside `a` on one line: in step (middles and heights close), a few spaces apart. */
function inStep(a: Word, b: Word): boolean {
  const h = Math.max(height(a), height(b));
  const gap = Math.max(a.box[0], b.box[0]) - Math.min(a.box[2], b.box[2]);
  return Math.abs(mid(a) - mid(b)) < h * 0.25 && Math.min(height(a), height(b)) > h * 0.6 && gap < h * 2.5;
}

/**
 * The words of an OCR'd page that are a stamp's or a signature's reading: the unsure words of each
 * dense heap of them, and the short words read not quite surely inside its box. Born-digital words
 * (no confidence) are never among them.
 */
export function stampWords(words: readonly Word[]): Set<Word> {
  const out = new Set<Word>();
  // (a list's bullets, read unsure, stand in a column of their own: bullets.ts has named them)
  const unsure = words.filter(
    (w) => w.confidence !== undefined && w.confidence < UNSURE && w.text !== BULLET,
  );
  if (unsure.length < MIN_WORDS) return out;
  const sizes = words.map((w) => w.fontSize).sort((a, b) => a - b);
  const size = sizes[sizes.length >> 1]!;
  // heaps: unsure words linked to one within REACH type sizes
  const parent = unsure.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const reach = size * REACH;
  for (let i = 0; i < unsure.length; i++)
    for (let j = i + 1; j < unsure.length; j++) {
      const a = unsure[i]!.box,
        b = unsure[j]!.box;
      const dx = Math.max(a[0], b[0]) - Math.min(a[2], b[2]);
      const dy = Math.max(a[1], b[1]) - Math.min(a[3], b[3]);
      if (dx <= reach && dy <= reach) parent[find(i)] = find(j);
    }
  const heaps = new Map<number, Word[]>();
  for (let i = 0; i < unsure.length; i++) {
    const k = find(i);
    const h = heaps.get(k);
    if (h) h.push(unsure[i]!);
    else heaps.set(k, [unsure[i]!]);
  }
  for (const heap of heaps.values()) {
    if (heap.length < MIN_WORDS) continue;
    const box = [
      Math.min(...heap.map((w) => w.box[0])),
      Math.min(...heap.map((w) => w.box[1])),
      Math.max(...heap.map((w) => w.box[2])),
      Math.max(...heap.map((w) => w.box[3])),
    ] as const;
    if (box[3] - box[1] < size * MIN_LINES) continue;
    // (beside any word of the page: a faded line's unsure words may stand among sure ones)
    const astray = heap.filter((w) => !words.some((o) => o !== w && inStep(w, o))).length;
    if (astray < heap.length * MIN_ASTRAY) continue;
    for (const w of heap) out.add(w);
    for (const w of words) {
      if (w.confidence === undefined || w.confidence >= SHORT_SURE || out.has(w) || w.text === BULLET)
        continue;
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = mid(w);
      if (cx < box[0] || cx > box[2] || cy < box[1] || cy > box[3]) continue;
      if (w.text.length <= 2 || !/[\p{L}\p{N}]{2}/u.test(w.text)) out.add(w);
    }
  }
  return out;
}
