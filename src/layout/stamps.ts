/**
 * What OCR made of a stamp or a signature over a table. Tesseract reads the ring and the turned
 * letters of a protocol stamp, or a handwritten signature, as a heap of short words it is unsure of
 * (`teli GET neanAStI, Vi sn ne`), set at odd sizes and heights. Left in, they fill the gutters
 * between columns (two columns read as one) and end up in cells as text. Print read unsure (a faded
 * note, a word on a grey ground) comes in lines, one word beside the other; a stamp's heap is dense,
 * spans several lines' heights, and its words stand at any height beside each other.
 */
import { isHeadingWord } from "../extract/ocrtext.js";
import type { Ruling, Word } from "../model/index.js";
import { BULLET } from "./bullets.js";

/** tesseract's confidence under which a word is read unsure */
const UNSURE = 50;
/** and under which a short word inside a heap of unsure words is taken as the heap's */
const SHORT_SURE = 85;
/** unsure words this close (in type sizes, across and down) are of one heap */
const REACH = 1.2;
/** a heap of this many unsure words or more, as tall as this many lines, can be a stamp */
const MIN_WORDS = 6;
const MIN_UNSURE = 4;
const MIN_LINES = 2.5;
/**
 * the share of a heap's unsure words with no word beside them on their line: words of a line of
 * print have one (their neighbours, in step with them), a stamp's much less often
 */
const MIN_ASTRAY = 0.4;
/**
 * a stamp set apart from the text (beside a list, in a margin) is read half surely (`PR` 88, `MAR` 86,
 * `oca` 41): its heap is told by its disorder instead. Of a heap of words this close together, this
 * share or more stand beside no word in step with them (a line of print's words all do), ...
 */
const LOOSE_ASTRAY = 0.7;
/** ... its words' left edges, right edges and middles line up no better than this share (a column's do) */
const MAX_ALIGNED = 0.5;
/** ... its words' heights spread over this share of their middle one (a column's are of one height) */
const MIN_SPREAD = 0.4;
/** ... and it is this many type sizes wide or more (a ring; a column's cell is narrower) */
const MIN_WIDTH = 5;
/** a word of such a heap read this surely, at the page's height, is print under it */
const SURE = 90;
/** print lined up with a word this many type sizes above or below it is of its column */
const COLUMN_REACH = 15;
/**
 * a signature's strokes read as words: boxes this many times as tall as the page's words, read not
 * quite surely, beside no word in step with them, and sprawling: each letter read as wide as a type
 * size or more (a stamp's or a title's letters are narrower)
 */
const TALL = 2.2;
/** ... and a row of such strokes, read in step with each other, this many times as tall */
const STROKES_TALL = 1.6;

/** a value with decimals, as these documents print them (`40,00%`, `€1.250,50`, `≥75,00`) */
const DECIMAL = /^[<>=≤≥]*€?\d{1,3}(?:\.\d{3})*,\d{1,2}(?:%|€)?$/;

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
  const read = words.filter((w) => w.confidence !== undefined && w.text !== BULLET);
  if (!read.length) return out;
  const sizes = words.map((w) => w.fontSize).sort((a, b) => a - b);
  const size = sizes[sizes.length >> 1]!;
  for (const w of signatureWords(words, read, size)) out.add(w);
  for (const w of looseHeaps(words, read, size)) out.add(w);
  // (a list's bullets, read unsure, stand in a column of their own: bullets.ts has named them)
  const usual = usualHeight(read);
  // (with the ring's short letters read half surely, `Ne`, `an`, which link its unsure words)
  const unsure = read.filter((w) => w.confidence! < UNSURE || ringLetters(w));
  if (unsure.length < MIN_WORDS) return withoutPrint(out);
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
    // (of which MIN_UNSURE at least read unsure: short words of print stand close together too)
    if (heap.length < MIN_WORDS || heap.filter((w) => w.confidence! < UNSURE).length < MIN_UNSURE) continue;
    const box = [
      Math.min(...heap.map((w) => w.box[0])),
      Math.min(...heap.map((w) => w.box[1])),
      Math.max(...heap.map((w) => w.box[2])),
      Math.max(...heap.map((w) => w.box[3])),
    ] as const;
    if (box[3] - box[1] < size * MIN_LINES) continue;
    // (beside any word of the page: a faded line's unsure words may stand among sure ones; but a
    // signature's strokes read as a row of letters far taller than the page's print, in a heap of
    // heights all over, stand in step with nothing but each other: astray too)
    const hs = heap.map(height).sort((a, b) => a - b);
    const spread =
      hs[Math.floor(hs.length * 0.9)]! - hs[Math.floor(hs.length * 0.1)]! >= hs[hs.length >> 1]! * MIN_SPREAD;
    const strokes = (a: Word, b: Word) =>
      spread && height(a) > usual * STROKES_TALL && height(b) > usual * STROKES_TALL;
    const astray = heap.filter(
      (w) => !words.some((o) => o !== w && inStep(w, o) && !strokes(w, o) && !(spread && ringLetters(o))),
    ).length;
    if (astray < heap.length * MIN_ASTRAY) continue;
    // (but words of a line of print that runs on out of its box, a header's `atteso 2026` under the
    // ring's edge, read unsure, are that line's)
    const marks = heap.filter((w) => !onPrintLine(w, words, box, usual));
    for (const w of marks) out.add(w);
    const inHeap = new Set(marks);
    // the words in its box, and those in step with none at its edge (half in, half out of the ring)
    const within = (w: Word, m: number) => {
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = mid(w);
      return cx >= box[0] - m && cx <= box[2] + m && cy >= box[1] - m && cy <= box[3] + m;
    };
    const inside = words.filter(
      (w) => w.confidence !== undefined && !out.has(w) && w.text !== BULLET && within(w, reach),
    );
    const all = new Set([...heap, ...inside]);
    for (const w of inside)
      if (
        within(w, 0) &&
        w.confidence! < SHORT_SURE &&
        (w.text.length <= 2 || !/[\p{L}\p{N}]{2}/u.test(w.text))
      )
        out.add(w);
      // (but a column's value it fell over stays; in step with the heap's own words only, a word is
      // the stamp's: `prot` beside the ring's `(/.`)
      else if (
        !words.some((o) => o !== w && !inHeap.has(o) && inStep(w, o)) &&
        !columnValue(w, all, words, size, usual)
      )
        out.add(w);
  }
  return withoutPrint(out);
}

/**
 * A short word of letters read not quite surely (`Ne`, `an`, `OTO`): what the turned letters of a
 * stamp's ring read as, beside each other by chance; in a heap of heights all over, no witness that
 * a word beside it is print (a line of print has longer words, or figures and signs, all of a height).
 */
const ringLetters = (w: Word) =>
  w.confidence !== undefined &&
  w.confidence < SHORT_SURE &&
  w.text.length <= 3 &&
  /^[\p{L}.,'’!]+$/u.test(w.text);

/**
 * Marks without the print a mark fell over, however unsure: figures with decimals (`40,00%`), since a
 * stamp's ring and date and a signature's loops read as letters and whole numbers, and the words
 * tables are headed with (`‘Risultato` under a stamp's ring: its column's role).
 */
function withoutPrint(out: Set<Word>): Set<Word> {
  for (const w of out) if (DECIMAL.test(w.text) || isHeadingWord(w.text)) out.delete(w);
  return out;
}

const atPrintHeight = (w: Word, usual: number) => Math.abs(height(w) - usual) <= usual * 0.35;

/** A word of four letters or figures or more (a stop after it), at the page's height. */
const printWord = (w: Word, usual: number) =>
  /^[\p{L}\p{N}]{4,}[.,:;]?$/u.test(w.text) && atPrintHeight(w, usual);

/**
 * Whether a word is print on a line that runs on out of a heap's box: a word of three letters or
 * figures at the page's height, in step (word by word) with a word outside the box read not unsure.
 */
function onPrintLine(w: Word, words: readonly Word[], box: readonly number[], usual: number): boolean {
  if (!/[\p{L}\p{N}]{3}/u.test(w.text) || !atPrintHeight(w, usual)) return false;
  const band = words.filter((o) => Math.abs(mid(o) - mid(w)) <= height(w));
  const seen = new Set<Word>([w]);
  const todo = [w];
  while (todo.length) {
    const a = todo.pop()!;
    for (const o of band) {
      if (seen.has(o) || !inStep(a, o)) continue;
      const cx = (o.box[0] + o.box[2]) / 2;
      if ((cx < box[0]! || cx > box[2]!) && (o.confidence === undefined || o.confidence >= UNSURE))
        return true;
      seen.add(o);
      todo.push(o);
    }
  }
  return false;
}

/**
 * The words of a page that OCR made of a signature's strokes: far taller than the page's words,
 * sprawling, alone; and a knot of strokes read as tall letters, some in step with each other by chance
 * (`FA N`), with one such word among them, of heights all over, none beside print.
 */
function signatureWords(words: readonly Word[], read: readonly Word[], size: number): Word[] {
  const usual = usualHeight(read);
  const sprawling = (w: Word) =>
    height(w) >= usual * TALL &&
    w.box[2] - w.box[0] >= [...w.text].length * size &&
    w.confidence! < SHORT_SURE;
  const out = read.filter((w) => sprawling(w) && !words.some((o) => o !== w && inStep(w, o)));
  // (a figure set as print, no wider than type sets it, is print the loops touched: `81` under them)
  const figure = (w: Word) => /^[\d.,%]+$/.test(w.text) && w.box[2] - w.box[0] < [...w.text].length * size;
  const stroke = (w: Word) => height(w) > usual * STROKES_TALL && w.confidence! < SHORT_SURE && !figure(w);
  const strokes = read.filter(stroke);
  const reach = size * REACH;
  const near = (p: Word, q: Word) =>
    Math.max(p.box[0], q.box[0]) - Math.min(p.box[2], q.box[2]) <= reach &&
    Math.max(p.box[1], q.box[1]) - Math.min(p.box[3], q.box[3]) <= reach;
  for (const knot of groups(strokes, near)) {
    if (knot.length < 3 || !knot.some(sprawling)) continue;
    const hs = knot.map(height).sort((a, b) => a - b);
    if (
      hs[Math.floor(hs.length * 0.9)]! - hs[Math.floor(hs.length * 0.1)]! <
      hs[hs.length >> 1]! * MIN_SPREAD
    )
      continue;
    const ofKnot = new Set(knot);
    if (knot.some((w) => words.some((o) => !ofKnot.has(o) && atPrintHeight(o, usual) && inStep(w, o))))
      continue;
    for (const w of knot) if (!out.includes(w)) out.push(w);
    // and the specks and short words read in its box, not quite surely (`20 . =` inside a ring)
    const box = [
      Math.min(...knot.map((w) => w.box[0])),
      Math.min(...knot.map((w) => w.box[1])),
      Math.max(...knot.map((w) => w.box[2])),
      Math.max(...knot.map((w) => w.box[3])),
    ];
    for (const w of read) {
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = mid(w);
      if (out.includes(w) || cx < box[0]! || cx > box[2]! || cy < box[1]! || cy > box[3]!) continue;
      // (not a word in step with print beside it)
      const besidePrint = words.some(
        (o) => o !== w && !ofKnot.has(o) && atPrintHeight(o, usual) && inStep(w, o),
      );
      if (
        w.confidence! < SHORT_SURE &&
        (w.text.length <= 2 || !/[\p{L}\p{N}]{2}/u.test(w.text)) &&
        !besidePrint &&
        // (a figure at its edge is print the strokes grazed, `81` under a signature's first loop;
        // one deep inside, a ring's date)
        (!figure(w) || Math.min(cx - box[0]!, box[2]! - cx, cy - box[1]!, box[3]! - cy) >= size)
      )
        out.push(w);
    }
  }
  return out;
}

/**
 * Whether a word of a heap is print the heap fell over: read surely, at the page's height, lined up
 * (left, right or middle) with a word of the page outside the heap above or below it, a column's value.
 */
function columnValue(
  w: Word,
  heap: ReadonlySet<Word>,
  words: readonly Word[],
  size: number,
  usual: number,
): boolean {
  if (w.confidence === undefined || w.confidence < SURE || Math.abs(height(w) - usual) > usual * 0.25)
    return false;
  const tol = size * 0.6;
  return words.some(
    (o) =>
      !heap.has(o) &&
      Math.abs(mid(o) - mid(w)) <= size * COLUMN_REACH &&
      (Math.abs(o.box[0] - w.box[0]) <= tol ||
        Math.abs(o.box[2] - w.box[2]) <= tol ||
        Math.abs(o.box[0] + o.box[2] - w.box[0] - w.box[2]) <= tol * 2),
  );
}

/** The height of the page's words (of two letters or more), the middle one; Infinity without any. */
function usualHeight(read: readonly Word[]): number {
  const heights = read
    .filter((w) => w.text.length >= 2)
    .map(height)
    .sort((a, b) => a - b);
  return heights.length ? heights[heights.length >> 1]! : Infinity;
}

/** Groups of `items` linked by `near`, in order. */
function groups<T>(items: readonly T[], near: (a: T, b: T) => boolean): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) if (near(items[i]!, items[j]!)) parent[find(i)] = find(j);
  const out = new Map<number, T[]>();
  for (let i = 0; i < items.length; i++) {
    const k = find(i);
    const g = out.get(k);
    if (g) g.push(items[i]!);
    else out.set(k, [items[i]!]);
  }
  return [...out.values()];
}

/** The share of `xs` within `tol` of their middle one. */
function alignedShare(xs: number[], tol: number): number {
  const m = [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return xs.filter((x) => Math.abs(x - m) <= tol).length / xs.length;
}

/**
 * The heaps of words set apart from the text that stand in disorder: words in step with no
 * neighbour, lined up on no edge, of heights all over, read (on the whole) not quite surely. A
 * column of values (each alone on its line) is lined up and of one height; a heading alone is no heap.
 */
function looseHeaps(words: readonly Word[], read: readonly Word[], size: number): Word[] {
  const reach = size * REACH;
  const out: Word[] = [];
  const usual = usualHeight(read);
  const near = (p: Word, q: Word) =>
    Math.max(p.box[0], q.box[0]) - Math.min(p.box[2], q.box[2]) <= reach &&
    Math.max(p.box[1], q.box[1]) - Math.min(p.box[3], q.box[3]) <= reach;
  for (const heap of groups(read, near)) {
    if (heap.length < MIN_WORDS) continue;
    const top = Math.min(...heap.map((w) => w.box[1])),
      bottom = Math.max(...heap.map((w) => w.box[3]));
    if (bottom - top < size * MIN_LINES) continue;
    if (Math.max(...heap.map((w) => w.box[2])) - Math.min(...heap.map((w) => w.box[0])) < size * MIN_WIDTH)
      continue;
    const conf = heap.map((w) => w.confidence!).sort((a, b) => a - b);
    if (conf[conf.length >> 1]! >= SHORT_SURE) continue;
    // (labels stacked in a header's cells, `Valori storici / Valore Valore / 2024 2025`, stand alone
    // on their lines too, but most are words of print at the page's height; a stamp's are not)
    if (heap.filter((w) => printWord(w, usual)).length * 2 > heap.length) continue;
    const astray = heap.filter((w) => !words.some((o) => o !== w && inStep(w, o))).length;
    if (astray < heap.length * LOOSE_ASTRAY) continue;
    const tol = size * 0.6;
    const aligned = Math.max(
      alignedShare(
        heap.map((w) => w.box[0]),
        tol,
      ),
      alignedShare(
        heap.map((w) => w.box[2]),
        tol,
      ),
      alignedShare(
        heap.map((w) => (w.box[0] + w.box[2]) / 2),
        tol,
      ),
    );
    if (aligned > MAX_ALIGNED) continue;
    const hs = heap.map(height).sort((a, b) => a - b);
    const middle = hs[hs.length >> 1]!;
    if (hs[Math.floor(hs.length * 0.9)]! - hs[Math.floor(hs.length * 0.1)]! < middle * MIN_SPREAD) continue;
    // (but a word read surely at the page's height, lined up with print above or below it, is a
    // value of a column the heap fell over)
    const inHeap = new Set(heap);
    out.push(...heap.filter((w) => !columnValue(w, inHeap, words, size, usual)));
  }
  return out;
}

/** a ring's side is a short vertical run, no longer than this */
const SIDE_MAX = 45;
/** rulings this close meet (an end on a horizontal ruling), or lie on one line (pieces of one rule) */
const MEET = 2;
/** runs this close across are side by side (one side of a ring, its stroke found several times) */
const SIDE_BY = 14;
/** a ring is this wide, from side to side */
const RING_MIN = 20;
const RING_MAX = 160;

/**
 * The vertical rulings of an OCR'd page that are a stamp's ring over a ruled table. The scan finds the
 * ring's left and right sides as short vertical runs (several side by side, the stroke being thick
 * and uneven), that stop inside a cell: they meet no horizontal ruling at their ends and lie along no
 * longer vertical ruling (a piece of a column's rule does). The two sides come in a pair, at one
 * height, a ring's width apart. Left in, they split the cells they cross into extra columns.
 */
export function ringRulings(rulings: readonly Ruling[]): Set<Ruling> {
  const out = new Set<Ruling>();
  const hs = rulings.filter((r) => r.orientation === "h");
  const vs = rulings.filter((r) => r.orientation === "v");
  const meets = (x: number, y: number) =>
    hs.some((h) => Math.abs(h.y0 - y) <= MEET && x >= h.x0 - MEET && x <= h.x1 + MEET);
  // (a run may stop on a ruling by chance at one end; one stopping on rulings at both spans its cell)
  const free = new Set(
    vs.filter((v) => v.y1 - v.y0 <= SIDE_MAX && !(meets(v.x0, v.y0) && meets(v.x0, v.y1))),
  );
  const stray = (v: Ruling) => !meets(v.x0, v.y0) && !meets(v.x0, v.y1);
  // (a piece of a column's rule, found apart, lies along the rule found whole)
  const loose = [...free].filter(
    (v) =>
      !vs.some(
        (o) =>
          !free.has(o) &&
          Math.abs(o.x0 - v.x0) <= MEET &&
          Math.min(o.y1, v.y1) - Math.max(o.y0, v.y0) >= (v.y1 - v.y0) * 0.8,
      ),
  );
  if (loose.length < 3) return out;
  // sides: loose runs side by side, overlapping down the page
  const sides = groups(
    loose,
    (a, b) => Math.abs(a.x0 - b.x0) <= SIDE_BY && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0),
  ).map((runs) => ({
    runs,
    x: runs.reduce((s, r) => s + r.x0, 0) / runs.length,
    top: Math.min(...runs.map((r) => r.y0)),
    bottom: Math.max(...runs.map((r) => r.y1)),
  }));
  for (const a of sides)
    for (const b of sides) {
      if (a === b || b.x - a.x < RING_MIN || b.x - a.x > RING_MAX) continue;
      if (a.runs.length + b.runs.length < 3 || !a.runs.some(stray) || !b.runs.some(stray)) continue;
      const ha = a.bottom - a.top,
        hb = b.bottom - b.top;
      // symmetric: one height, of like length
      if (Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) > Math.max(ha, hb) * 0.25) continue;
      if (Math.min(ha, hb) < Math.max(ha, hb) * 0.5) continue;
      // over a ruled table: between its rules (beside a list or over unruled columns, the ring is left
      // to the words' rules, and a lattice it makes stays a table's bounds)
      const top = Math.min(a.top, b.top),
        bottom = Math.max(a.bottom, b.bottom);
      const ruled = (x: number, side: 1 | -1) =>
        vs.some((o) => !free.has(o) && (o.x0 - x) * side > 0 && o.y0 < bottom && o.y1 > top);
      if (!ruled(a.x, -1) || !ruled(b.x, 1)) continue;
      for (const r of [...a.runs, ...b.runs]) out.add(r);
    }
  return out;
}
