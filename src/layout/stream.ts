/**
 * Unruled tables (stream): columns from the gutters that whitespace leaves between line segments,
 * rows from the blocks of the busiest column (the one with most separate entries, usually the
 * indicators), and cells of other columns that reach over several of those rows become row spans
 * (an objective written beside its indicators).
 *
 * The helpers are module functions rather than closures on purpose: this runs for every page, and V8
 * keeps the optimized code of a closure only while some instance of it lives, so a callback created
 * per call is compiled again after every full garbage collection.
 */
import type { Box, Cell, Line, Table, Word } from "../model/index.js";
import { union } from "../model/index.js";
import { wordsToLines } from "./words.js";

export interface StreamSettings {
  /** a gap wider than this many em splits a line into segments */
  segmentGap: number;
  /** a gutter must be at least this wide (points) */
  minGutter: number;
  /** lines with two or more segments needed to call a region a table */
  minMultiLines: number;
}

export const DEFAULT_STREAM: StreamSettings = { segmentGap: 0.6, minGutter: 3, minMultiLines: 3 };

export interface Seg {
  line: Line;
  c0: number;
  c1: number;
}

interface Acc {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  lines: Line[];
}

/** The largest type on a line (-Infinity for a line without words). */
function lineSize(l: Line): number {
  let m = -Infinity;
  for (const w of l.words) if (w.fontSize > m) m = w.fontSize;
  return m;
}

/**
 * The gap under which a line follows the one above in the same cell. Born-digital lines' boxes are
 * their type's, and a cell's lines touch. An OCR'd line's box is its ink's, from the capitals' tops to
 * the baseline: a cell's lines stand apart by the leading less the capitals, 0.3-0.5 of the type
 * size, a row's padding more.
 */
function cellGap(l: Line): number {
  return lineSize(l) * (ocrLine(l) ? 0.6 : 0.25);
}

/** the gap, in type sizes, over which an OCR'd line set close under another may start a row */
const OCR_LEADING = 0.45;

const ocrLine = (l: Line) => l.words[0]?.confidence !== undefined;

function allBold(l: Line): boolean {
  for (const w of l.words) if (!w.bold) return false;
  return true;
}

/**
 * A band of bold segments: a header's labels, a banner with its years. On an OCR'd page one segment
 * of a single word, of four segments or more, read plain still leaves it bold (the weight of a lone
 * `2025` or `Responsabile` on a shaded banner is a guess): taken for data, the banner closed the
 * gutter under it.
 */
export function boldBand(b: Line[]): boolean {
  let plain: Line | null = null;
  for (const l of b)
    if (!allBold(l)) {
      if (plain) return false;
      plain = l;
    }
  if (!plain) return true;
  // (never the band's first: a row whose first cell reads plain is data, its values read bold)
  const first = b.reduce((a, l) => (l.box[0] < a.box[0] ? l : a));
  return (
    b.length >= 4 && plain !== first && plain.words.length === 1 && plain.words[0]!.confidence !== undefined
  );
}

const WEIGHT = /^\d{1,3}(?:[.,]\d+)?\s*%$/;

/**
 * A band of a bold title of several words and its weights, the weights read plain (`40% | 1.2
 * ACCRESCERE LA TRASPARENZA`): a banner across the columns, whose weight OCR (or the producer) did
 * not set bold. Taken for data, its title closed the gutter between the names and the next column.
 */
export function bannerWithWeight(b: Line[]): boolean {
  let title = false;
  for (const l of b) {
    if (allBold(l)) title ||= l.words.length >= 2;
    else if (!WEIGHT.test(l.text.trim())) return false;
  }
  return title;
}

/** tesseract's confidence under which a word is more likely a speck or a smudge than print */
const NOISE_CONFIDENCE = 40;
/** ... and under which letters spread far wider than type are a scribble */
const SCRIBBLE_CONFIDENCE = 60;

/**
 * A line OCR read unsure of each of its words, each of them marks alone (`_`, `-`) or letters spread
 * wider than type sets them (`prov` over 48 pt: a smear or a ruling's remains), squeezed narrower or
 * standing taller than a line of its type (`ni` 3 pt wide and 10 tall: the grain of a dithered
 * banner). A word of print on a shaded ground is unsure too, but set as its letters are.
 */
export const ocrNoise = (l: Line): boolean =>
  l.words.every(
    (w) =>
      w.confidence !== undefined &&
      ((w.confidence < NOISE_CONFIDENCE &&
        (!/[\p{L}\p{N}]/u.test(w.text) ||
          w.box[2] - w.box[0] > w.text.length * w.fontSize * 1.2 ||
          w.box[2] - w.box[0] < w.text.length * w.fontSize * 0.2 ||
          w.box[3] - w.box[1] > w.fontSize * 1.15)) ||
        // (a signature's loops, read as letters more than twice as wide as any type sets them, `AAP`
        // over 90 pt: a scribble, though read less unsure than a speck)
        (w.confidence < SCRIBBLE_CONFIDENCE && w.box[2] - w.box[0] > w.text.length * w.fontSize * 2.4)),
  );

const ascending = (a: number, b: number) => a - b;
const byTop = (a: Seg, b: Seg) => a.line.box[1] - b.line.box[1];
const byTopLeft = (x: Line, y: Line) => x.box[1] - y.box[1] || x.box[0] - y.box[0];
const byRowCol = (a: Cell, b: Cell) => a.row - b.row || a.col - b.col;
const boxOf = (x: { box: Box }) => x.box;
const textOf = (l: Line) => l.text;

/**
 * Unruled tables on a page. A bold row of several labels below the first one starts a new table (a
 * summary table under the main one has other columns), so each part finds its own gutters; so does a
 * ruled table across the text's width (`barriers`): tables do not interleave, and text above one and
 * text below it are not rows of one unruled table.
 */
export function streamTables(
  words: Word[],
  page: number,
  s: StreamSettings = DEFAULT_STREAM,
  barriers: Box[] = [],
  /** horizontal rules (y, x0, x1) outside ruled tables: where one runs across a table, a row ends */
  rules: [number, number, number][] = [],
): { tables: Table[]; used: Set<Word> } {
  const used = new Set<Word>();
  if (words.length < 6) return { tables: [], used };
  // (a bar OCR read alone is a piece of a ruling: glued to the next column's first word it would
  // carry that cell's text into the gutter, `| Somma dei chilometri`)
  const segs = wordsToLines(
    words.filter((w) => w.confidence === undefined || !/^[|¦]+$/.test(w.text)),
    { splitGap: s.segmentGap },
  );
  const bandsAt = new Map<number, Line[]>();
  for (const l of segs) {
    const k = Math.round((l.box[1] + l.box[3]) / 4);
    const b = bandsAt.get(k);
    if (b) b.push(l);
    else bandsAt.set(k, [l]);
  }
  const headers: { top: number; shape: string }[] = [];
  for (const b of bandsAt.values()) {
    if (b.length < 3 || !boldBand(b)) continue;
    headers.push({ top: union(b.map(boxOf))[1], shape: bandShape(b) });
  }
  headers.sort(byTopOf);
  const edges: number[] = [];
  // a bold row more than 20 pt below the previous one starts a part (the first one does not),
  // unless it repeats the previous bold row's columns with no heading between (a section banner
  // that repeats the years); a bold line alone between the two is a heading: a new table
  // (a heading runs wide: a bold line in a column of objectives is narrow)
  const textBox = union(segs.map(boxOf));
  // (or a narrow one in a much larger type than the table's, which is no table row at all)
  const large = headers.length > 1 ? headingSize(segs) : Infinity;
  const headingBetween = (a: number, b: number) => {
    for (const band of bandsAt.values()) {
      const l = band[0]!;
      if (
        band.length === 1 &&
        allBold(l) &&
        l.box[1] > a + 2 &&
        l.box[1] < b - 2 &&
        (l.box[2] - l.box[0] > (textBox[2] - textBox[0]) * 0.35 || lineSize(l) > large)
      )
        return true;
    }
    return false;
  };
  for (let i = 1; i < headers.length; i++)
    if (
      headers[i]!.top - headers[i - 1]!.top > 20 &&
      (!sameShape(headers[i]!.shape, headers[i - 1]!.shape) ||
        headingBetween(headers[i - 1]!.top, headers[i]!.top))
    )
      edges.push(headers[i]!.top - 0.5);
  const text = union(segs.map(boxOf));
  for (const b of barriers)
    if (Math.min(b[2], text[2]) - Math.max(b[0], text[0]) > (text[2] - text[0]) * 0.5) edges.push(b[1]);
  edges.sort(ascending);
  edges.unshift(-Infinity);
  edges.push(Infinity);
  const tables: Table[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const part: Line[] = [];
    for (const l of segs) if (l.box[1] >= edges[i]! && l.box[1] < edges[i + 1]!) part.push(l);
    const across = rulesAcross(part, rules);
    const r = alignedTable(part, page, s, across?.ys, undefined, across?.spans);
    if (!r) continue;
    tables.push(r.table);
    for (const w of r.used) used.add(w);
  }
  return { tables, used };
}

const byTopOf = (a: { top: number }, b: { top: number }) => a.top - b.top;

/** Where a band's segments after the first begin, to the nearest 2 pt: a row's column layout. */
function bandShape(b: Line[]): string {
  const xs = b.map((l) => l.box[0]).sort(ascending);
  return xs
    .slice(1)
    .map((x) => Math.round(x / 2))
    .join(",");
}

/**
 * Two bands' segments (after the first) begin at the same places, within 4 pt, mostly: all but one
 * of the fewer's (an OCR'd header's word a point off its band's height falls in the next band: two
 * banners' headers over the same columns differed by two segments, and split one table in two).
 */
export function sameShape(a: string, b: string): boolean {
  const xa = a.split(",").map(Number),
    xb = b.split(",").map(Number);
  if (!a || !b) return false;
  let hit = 0;
  for (const x of xa) if (xb.some((y) => Math.abs(x - y) <= 2)) hit++;
  return (
    hit >= Math.max(2, Math.min(Math.min(xa.length, xb.length) * 0.8, Math.min(xa.length, xb.length) - 1))
  );
}

/**
 * The rules that run across the text of a table (over four fifths of its width), top to bottom;
 * undefined unless there are two at least, inside the table's span.
 */
function rulesAcross(
  part: Line[],
  rules: [number, number, number][],
): { ys: number[]; spans: RuleSpans } | undefined {
  if (rules.length < 2 || !part.length) return undefined;
  const box = union(part.map(boxOf));
  const w = box[2] - box[0];
  const near = rules.filter((r) => r[0] > box[1] - 30 && r[0] < box[3] + 30).sort((a, b) => a[0] - b[0]);
  // rules at the same height drawn twice are one (over both's width); a rule a scan broke into
  // pieces (noise, a dithered shade, letters touching it) counts by the length its pieces cover
  const ys: number[] = [];
  const spans: RuleSpans = new Map();
  for (let i = 0; i < near.length;) {
    let j = i + 1;
    while (j < near.length && near[j]![0] - near[i]![0] <= 1.5) j++;
    const pieces = near.slice(i, j).sort((a, b) => a[1] - b[1]);
    let covered = 0,
      end = box[0];
    for (const [, x0, x1] of pieces) {
      const a = Math.max(x0, end),
        b = Math.min(x1, box[2]);
      if (b > a) covered += b - a;
      end = Math.max(end, Math.min(x1, box[2]));
    }
    if (covered >= w * 0.8) {
      const over = pieces.filter((r) => r[2] > box[0] && r[1] < box[2]);
      ys.push(near[i]![0]);
      spans.set(near[i]![0], [Math.min(...over.map((r) => r[1])), Math.max(...over.map((r) => r[2]))]);
    }
    i = j;
  }
  return ys.length >= 2 ? { ys, spans } : undefined;
}

/** Where each rule (by its y) runs from and to: a rule ends the cells of the columns it passes over. */
type RuleSpans = Map<number, [number, number]>;

/** Lines by band: a line joins the first band whose centre is within 2 pt of its own. */
function bandsOf(segs: Line[]): Map<number, Line[]> {
  const bands = new Map<number, Line[]>();
  for (const l of segs) {
    const key = Math.round((l.box[1] + l.box[3]) / 2);
    let k = key;
    for (const y of bands.keys())
      if (Math.abs(y - key) <= 2) {
        k = y;
        break;
      }
    const b = bands.get(k);
    if (b) b.push(l);
    else bands.set(k, [l]);
  }
  return bands;
}

/**
 * Lines in a much larger type than the table's (a heading between tables) are not table rows; on an
 * OCR'd page a size is only a word box's height (capitals, descenders, noise), so only a much larger
 * one counts.
 */
function headingSize(segs: Line[]): number {
  const sizes = Float64Array.from(segs, lineSize).sort();
  const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
  let ocr = false;
  for (const l of segs) for (const w of l.words) if (w.confidence !== undefined) ocr = true;
  return body * (ocr ? 2 : 1.3);
}

/** Columns from gutters: x ranges that no segment of a multi-segment line covers. */
function columnBounds(multi: Line[][], region: Line[], minGutter: number): number[] | null {
  // (the rules and a heading can leave no line to the table: a stamp's bands above its top rule)
  if (!region.length) return null;
  const rbox = union(region.map(boxOf));
  const x0 = Math.floor(rbox[0]);
  const x1 = Math.ceil(rbox[2]);
  const cover = new Uint16Array(x1 - x0 + 2);
  // header labels (bold) are often as wide as their columns: they only need a sliver of gutter,
  // where the data rows need a full one
  const soft = new Uint16Array(x1 - x0 + 2);
  // a band with a segment across much of the table (a banner or comment row beside its weight) is a
  // cell spanning columns: it says nothing of the gutters, unless bands like it are all there is
  // (so is a band of a title at the left edge and a lone figure: a banner and its weight)
  const W = x1 - x0;
  const wide = (b: Line[]) =>
    b.some((l) => l.box[2] - l.box[0] > W * 0.6) ||
    (b.length === 2 && b[0]!.box[0] - x0 < W * 0.05 && /^\d{1,3}(?:[.,]\d+)?\s*%?$/.test(b[1]!.text.trim()));
  let narrow = 0,
    plain = 0;
  for (const b of multi) {
    if (!wide(b)) narrow++;
    if (!boldBand(b) && !bannerWithWeight(b)) plain++;
  }
  const skipWide = narrow >= 2 && narrow >= multi.length * 0.5;
  const softHeader = plain >= 2;
  for (const b of multi) {
    if (skipWide && wide(b)) continue;
    const into = softHeader && (boldBand(b) || bannerWithWeight(b)) ? soft : cover;
    for (const l of b) {
      // (OCR's reading of a speck or of a ruling's remains, unsure of every letter, closes no gutter)
      if (ocrNoise(l)) continue;
      for (let x = Math.floor(l.box[0]) - x0; x <= Math.ceil(l.box[2]) - x0; x++) into[x]!++;
    }
  }
  const bounds = [x0 - 1];
  let runStart = -1;
  for (let x = 0; x <= cover.length; x++) {
    if (x < cover.length && cover[x] === 0) {
      if (runStart < 0) runStart = x;
    } else if (runStart >= 0) {
      // in the gutter the data leaves, a bound in each stretch no header label covers: the labels
      // standing in it are columns of their own (a year, an objective level with no value on this
      // page); at the table's edges, only between labels
      const edgeL = runStart === 0,
        edgeR = x === cover.length;
      if (x - runStart >= minGutter || edgeL || edgeR) {
        let a = -1,
          found = false;
        for (let k = runStart; k <= x; k++) {
          if (k < x && soft[k] === 0) {
            if (a < 0) a = k;
          } else if (a >= 0) {
            const inner = !(edgeL && a === 0) && !(edgeR && k === x);
            if (inner && (k - a >= 1 || x - runStart >= minGutter)) {
              bounds.push(x0 + (a + k) / 2);
              found = true;
            }
            a = -1;
          }
        }
        // a gutter in the data that a bold line covers whole: a banner across the columns; a wide
        // one, or a narrow one where lines start on three rows or more (the next column's edge)
        if (!found && !edgeL && !edgeR && (x - runStart >= minGutter * 2 || startsAt(region, x0 + x, 3)))
          bounds.push(x0 + (runStart + x) / 2);
      }
      runStart = -1;
    }
  }
  // a gutter the data leaves but for lines with nothing right of them on their band (notes written
  // after the names across the columns, beside an objective's wrapped title): a bound, where lines
  // start at its right edge on three rows or more (the next column's edge) and few lines cross it
  for (const x of gutterUnderTrailing(multi, region, cover, x0, skipWide ? wide : null, minGutter)) {
    if (bounds.some((b) => Math.abs(b - x) < 4)) continue;
    bounds.push(x);
  }
  // columns set close together (a gap under the split between segments) show only by their aligned
  // left edges: a separator before words that start at one x on three rows or more, which no word
  // crosses on most rows
  for (const x of alignedEdges(region)) {
    if (x <= x0 + 2 || x >= x1 - 2) continue;
    if (bounds.some((b) => Math.abs(b - x) < 4)) continue;
    bounds.push(x);
  }
  bounds.sort(ascending);
  if (bounds.length === 1) return null;
  bounds.push(x1 + 1);
  return bounds;
}

/**
 * Gutters that the lines of multi-segment bands leave open but for each band's last segment when
 * nothing stands right of it (a note or comment across the columns after the names, on the band of
 * an objective's wrapped title beside them). Such a gap counts when lines start at its right edge on
 * three rows or more, the bands that leave it open (a segment ending left of it, one starting right
 * of it) are three or more, and the lines crossing it are fewer than those bands and a fifth of the
 * bands at most.
 */
function gutterUnderTrailing(
  multi: Line[][],
  region: Line[],
  cover: Uint16Array,
  x0: number,
  wide: ((b: Line[]) => boolean) | null,
  minGutter: number,
): number[] {
  const trailing: Line[] = [];
  const bands: Line[][] = [];
  for (const b of multi) {
    if (wide && wide(b)) continue;
    bands.push(b);
    let last = b[0]!;
    for (const l of b) if (l.box[2] > last.box[2]) last = l;
    if (allBold(last)) continue;
    trailing.push(last);
    // (on an OCR'd page a sentence's words stand as the reading put them: a gap a little wider than
    // a space split `… sarà disponibile` from `a marzo`; the pieces within a type size of each other
    // trail together)
    if (last.words[0]?.confidence === undefined) continue;
    const before = b.filter((l) => l !== last && l.box[2] <= last.box[0]).sort((p, q) => q.box[2] - p.box[2]);
    let from = last.box[0];
    for (const l of before) {
      if (from - l.box[2] > lineSize(last) || allBold(l)) break;
      trailing.push(l);
      from = l.box[0];
    }
  }
  if (!trailing.length) return [];
  const open = cover.slice();
  for (const l of trailing)
    for (let x = Math.floor(l.box[0]) - x0; x <= Math.ceil(l.box[2]) - x0; x++) open[x]!--;
  const out: number[] = [];
  let runStart = -1;
  for (let x = 0; x <= open.length; x++) {
    if (x < open.length && open[x] === 0 && cover[x]! > 0) {
      if (runStart < 0) runStart = x;
      continue;
    }
    if (runStart >= 0 && x < open.length && open[x] === 0) {
      // (a stretch that only widens an open gutter: not a new one)
      runStart = -1;
      continue;
    }
    if (runStart > 0 && x < open.length && x - runStart >= minGutter && open[runStart - 1]! > 0) {
      const a = x0 + runStart,
        z = x0 + x;
      let crossing = 0,
        apart = 0;
      for (const l of trailing) if (l.box[0] < a && l.box[2] > z) crossing++;
      for (const b of bands)
        if (b.some((l) => l.box[2] <= a + 1) && b.some((l) => l.box[0] >= z - 1)) apart++;
      if (
        crossing &&
        apart >= 3 &&
        crossing < apart &&
        crossing <= bands.length * 0.2 &&
        startsAt(region, z, 3)
      )
        out.push((a + z) / 2);
    }
    runStart = -1;
  }
  return out;
}

/**
 * Column bounds where a header label that stands alone in a column of its own, beside a column of
 * values without a label, is taken over those values: one column. A spreadsheet sets a header
 * label's text (or a year, as a number) otherwise than the values under it (left or right where
 * they are centred), so the label can stand in the white between two columns of values, and the
 * gutters make it a column of its own. A label's column with values of its own, or with labelled
 * columns on both sides (a level with no value on this page), stays.
 */
export function withHeadersOnTheirValues(bounds: number[], multi: Line[][], region: Line[]): number[] {
  const C = bounds.length - 1;
  if (C < 3) return bounds;
  const header = new Set<Line>();
  for (const b of multi) if (b.length >= 3 && boldBand(b)) for (const l of b) header.add(l);
  if (!header.size) return bounds;
  const labels: [number, number][] = Array.from({ length: C }, () => [Infinity, -Infinity]);
  const values: [number, number][] = Array.from({ length: C }, () => [Infinity, -Infinity]);
  const nValues = new Array<number>(C).fill(0);
  // (values above the header count too: rows run on from the previous page; bold lines are
  // objectives and banners: a column holding them is no label's alone)
  const nOther = new Array<number>(C).fill(0);
  for (const l of region) {
    const c0 = columnOf(bounds, l.box[0] + 0.5),
      c1 = columnOf(bounds, l.box[2] - 0.5);
    if (c0 !== c1) continue;
    if (header.has(l)) {
      labels[c0]![0] = Math.min(labels[c0]![0], l.box[0]);
      labels[c0]![1] = Math.max(labels[c0]![1], l.box[2]);
    } else if (allBold(l)) nOther[c0]!++;
    else {
      nValues[c0]!++;
      values[c0]![0] = Math.min(values[c0]![0], l.box[0]);
      values[c0]![1] = Math.max(values[c0]![1], l.box[2]);
    }
  }
  const labelled = (c: number) => Number.isFinite(labels[c]![0]);
  const labelOnly = (c: number) => labelled(c) && nValues[c] === 0 && nOther[c] === 0;
  const valuesOnly = (c: number) => !labelled(c) && nValues[c]! >= 2;
  const drop = new Set<number>();
  const taken = new Set<number>();
  for (let c = 0; c < C; c++) {
    if (!labelOnly(c)) continue;
    const [a, b] = labels[c]!;
    let best = -1,
      gap = Infinity;
    for (const n of [c - 1, c + 1]) {
      if (n < 0 || n >= C || taken.has(n) || !valuesOnly(n)) continue;
      const g = n < c ? a - values[n]![1] : values[n]![0] - b;
      if (g < gap) {
        gap = g;
        best = n;
      }
    }
    if (best < 0) continue;
    taken.add(best).add(c);
    drop.add(Math.max(best, c));
  }
  return drop.size ? bounds.filter((_, i) => !drop.has(i)) : bounds;
}

/**
 * The first column's bound moved past the bold lines of a title wrapped in it (an objective's banner
 * in a column narrower than its words, beside its weight), when the next column's lines all start
 * further right: the gutters, found from the rows with several cells, put the bound inside them, so
 * such a line read as a banner across two columns and cut the title's cell in two.
 */
export function pastTitles(bounds: number[], region: Line[]): number[] {
  if (bounds.length < 4) return bounds;
  const W = bounds[bounds.length - 1]! - bounds[0]!;
  let end = -Infinity,
    widest = -Infinity,
    next = Infinity;
  for (const l of region) {
    const [x0, , x1] = l.box;
    if (allBold(l) && x0 - bounds[0]! < 4 && x1 > bounds[1]!) {
      widest = Math.max(widest, x1);
      if (x1 - x0 < W * 0.2) end = Math.max(end, x1);
    } else if (x0 >= bounds[1]! && x0 < bounds[2]!) next = Math.min(next, x0);
  }
  // (a bold line from the left edge running over the next column's text is a banner across the
  // table: the titles there are not kept to the first column)
  if (!Number.isFinite(end) || widest + 1 >= next) return bounds;
  const out = bounds.slice();
  out[1] = (end + next) / 2;
  return out;
}

/**
 * The header's lines: bold lines from the first band of three bold labels or more down to the first
 * line that is not bold (the labels' later lines, wrapped, may stand alone in their band).
 */
function headerLines(multi: Line[][], region: Line[]): Set<Line> {
  let top = Infinity;
  for (const b of multi) if (b.length >= 3 && boldBand(b)) top = Math.min(top, b[0]!.box[1]);
  const out = new Set<Line>();
  if (!Number.isFinite(top)) return out;
  let end = Infinity;
  for (const l of region) if (l.box[1] > top + 1 && !allBold(l)) end = Math.min(end, l.box[1]);
  for (const l of region) if (allBold(l) && l.box[1] >= top - 1 && l.box[1] < end - 1) out.add(l);
  return out;
}

/** Where a line's words stand apart by more than a space (0.45 em): between two labels, not within one. */
function labelGaps(l: Line): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < l.words.length; i++) {
    const a = l.words[i - 1]!.box[2],
      b = l.words[i]!.box[0];
    if (b - a >= l.words[i]!.fontSize * 0.45) out.push([a, b]);
  }
  return out;
}

/**
 * Column bounds moved into the gap between two header labels that run on one line over columns set
 * close together (Chromium prints "Target 2022" and "Target 2023", each over its own values, a
 * little more than a space apart: one segment). The gutters put a bound where the values leave
 * their white, which may fall inside the next label ("Valore 2021" begins left of it): the bound
 * goes to the gap between the labels that lies in the values' white, so each label is over its
 * column. Only for a bound some header word crosses.
 */
export function betweenHeaderLabels(bounds: number[], header: Set<Line>, region: Line[]): number[] {
  const C = bounds.length - 1;
  if (C < 2 || !header.size) return bounds;
  const lo = new Array<number>(C).fill(Infinity),
    hi = new Array<number>(C).fill(-Infinity);
  for (const l of region) {
    if (header.has(l) || allBold(l)) continue;
    const c0 = columnOf(bounds, l.box[0] + 0.5);
    if (c0 !== columnOf(bounds, l.box[2] - 0.5)) continue;
    lo[c0] = Math.min(lo[c0]!, l.box[0]);
    hi[c0] = Math.max(hi[c0]!, l.box[2]);
  }
  const words: Word[] = [];
  for (const l of header) for (const w of l.words) words.push(w);
  const crossed = (x: number) => words.some((w) => w.box[0] < x - 0.5 && w.box[2] > x + 0.5);
  const out = bounds.slice();
  for (let i = 1; i < C; i++) {
    const b = bounds[i]!;
    // (the values' white: from the end of the left column's values to the start of the right's)
    const left = hi[i - 1]!,
      right = lo[i]!;
    if (!crossed(b) || !Number.isFinite(left) || !Number.isFinite(right) || left >= right) continue;
    let best = NaN;
    for (const l of header) {
      if (l.box[0] >= b || l.box[2] <= b) continue;
      for (const [a, z] of labelGaps(l)) {
        const m = (a + z) / 2;
        if (m > left && m < right && m > out[i - 1]! && m < bounds[i + 1]! && !crossed(m))
          if (Number.isNaN(best) || Math.abs(m - b) < Math.abs(best - b)) best = m;
      }
    }
    if (!Number.isNaN(best)) out[i] = best;
  }
  return out;
}

/** Whether `n` lines or more start at x (1.5 pt of slack). */
function startsAt(lines: Line[], x: number, n: number): boolean {
  let k = 0;
  for (const l of lines) if (Math.abs(l.box[0] - x) <= 1.5 && ++k >= n) return true;
  return false;
}

/**
 * x positions just left of words that start at the same x (within 1 pt) on three lines or more and
 * that, on two of them at least, follow another word of the same segment (a column so close to the
 * one on its left that no gap split them), with two texts or more among them (centred equal values
 * align without being a column), and that no word crosses but on one line in twenty.
 */
function alignedEdges(region: Line[]): number[] {
  const starts: { x: number; tight: boolean; text: string }[] = [];
  const spans: [number, number, Line][] = [];
  let ocr = false;
  for (const l of region) if (l.words[0]?.confidence !== undefined) ocr = true;
  for (const l of region) {
    const ws = l.words;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      // (bold words, headers and banners, may span columns: they do not count as crossing)
      if (!w.bold) spans.push([w.box[0], w.box[2], l]);
      if (i === 0) starts.push({ x: w.box[0], tight: false, text: w.text });
      // (an OCR'd word's box hugs its ink: a plain space there measures 0.35-0.5 of the type size)
      else if (w.box[0] - ws[i - 1]!.box[2] >= w.fontSize * (ocr ? 0.6 : 0.4))
        starts.push({ x: w.box[0], tight: true, text: w.text });
    }
  }
  if (starts.length < 3) return [];
  starts.sort((a, b) => a.x - b.x);
  const out: number[] = [];
  let i = 0;
  while (i < starts.length) {
    let j = i + 1;
    while (j < starts.length && starts[j]!.x - starts[i]!.x <= 1) j++;
    let tight = 0;
    const texts = new Set<string>();
    for (let k = i; k < j; k++) {
      if (starts[k]!.tight) tight++;
      texts.add(starts[k]!.text);
    }
    // (one such word is enough where six lines or more start there, or four that no word crosses: a
    // column whose gutter a line running over it, or notes across the columns, fill)
    if (j - i >= 3 && tight >= 1 && texts.size >= 2) {
      const sep = starts[i]!.x - 1;
      let crossed = 0;
      // (a line with nothing right of it on its band, a note or comment written across the columns
      // after the names, says nothing of their edges)
      for (const [a, b, l] of spans)
        if (a < sep - 0.5 && b > sep + 0.5 && region.some((o) => o.box[0] > b && overlapsY(o, l))) crossed++;
      // (on an OCR'd page, words' places and gaps are only the reading's: two such words, as before)
      const enough = tight >= 2 || (!ocr && (j - i >= 6 || (j - i >= 4 && crossed === 0)));
      if (enough && crossed <= Math.max(1, region.length * 0.05)) out.push(sep);
    }
    i = j;
  }
  return out;
}

/**
 * Segments cut where a word starts just right of a column bound, set apart from the word before it
 * by more than a space (a name run close to the next column's text, under the split between
 * segments: two cells, not one across the columns). Bold lines (headers, banners) stay whole.
 */
export function splitAtBounds(lines: Line[], bounds: number[], header = new Set<Line>()): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    // (a header's line is cut where the gap between two labels holds a bound: labels of columns
    // set close together, printed as one segment)
    const head = header.has(l);
    if ((allBold(l) && !head) || l.words.length < 2) {
      out.push(l);
      continue;
    }
    let cur: Word[] = [l.words[0]!];
    for (let i = 1; i < l.words.length; i++) {
      const w = l.words[i]!,
        prev = l.words[i - 1]!;
      const at = head
        ? bounds.some((b) => w.box[0] >= b && prev.box[2] <= b)
        : bounds.some((b) => w.box[0] >= b && w.box[0] - b < 2.5 && prev.box[2] < b);
      if (at && w.box[0] - prev.box[2] >= w.fontSize * 0.45) {
        out.push(lineOf(cur));
        cur = [];
      }
      cur.push(w);
    }
    out.push(cur.length === l.words.length ? l : lineOf(cur));
  }
  return out;
}

function lineOf(words: Word[]): Line {
  return { text: words.map((w) => w.text).join(" "), box: union(words.map(boxOf)), words };
}

/** Two lines share some height (more than a point). */
const overlapsY = (a: Line, b: Line) => Math.min(a.box[3], b.box[3]) - Math.max(a.box[1], b.box[1]) > 1;

/** The column (0 … bounds.length - 2) an x falls in; out of range: the nearest one. */
function columnOf(bounds: number[], x: number): number {
  const C = bounds.length - 1;
  let i = -1;
  for (let k = 0; k < C; k++)
    if (x >= bounds[k]! && x < bounds[k + 1]!) {
      i = k;
      break;
    }
  // (past the right edge, as a part run on to the next page read on the previous part's bounds
  // may print a little wider: the last column, not the first)
  if (i < 0) return x >= bounds[C]! ? C - 1 : 0;
  return i;
}

/**
 * Where the text of each column starts: the leftmost start of a line that lies in it alone
 * (Infinity for an empty column).
 */
export function columnTextStarts(lines: Line[], bounds: number[]): number[] {
  const out: number[] = Array<number>(bounds.length - 1).fill(Infinity);
  for (const l of lines) {
    const c = columnOf(bounds, l.box[0] + 0.5);
    if (c !== columnOf(bounds, l.box[2] - 0.5)) continue;
    out[c] = Math.min(out[c]!, l.box[0]);
  }
  return out;
}

/** Where the text of each column ends: the rightmost end of a line that lies in it alone (-Infinity when none). */
export function columnTextEnds(lines: Line[], bounds: number[]): number[] {
  const out: number[] = Array<number>(bounds.length - 1).fill(-Infinity);
  for (const l of lines) {
    const c = columnOf(bounds, l.box[0] + 0.5);
    if (c !== columnOf(bounds, l.box[2] - 0.5)) continue;
    out[c] = Math.max(out[c]!, l.box[2]);
  }
  return out;
}

/**
 * The last column a line starting in column `c0` and ending at `x1` reaches: past a bound, only
 * where it reaches the next column's text (a line of a column set close to the next one runs a little
 * past the middle of the gutter, where the bound is, and stops short of the next column's text: it
 * is its own column's, not a cell across both).
 */
export function lastColumnReached(
  bounds: number[],
  textStarts: number[],
  c0: number,
  x1: number,
  /** the white a line must leave before the next column's text (a space) */
  gap: number,
): number {
  let c1 = columnOf(bounds, x1 - 0.5);
  while (c1 > c0 && x1 + gap < textStarts[c1]! && Number.isFinite(textStarts[c1]!)) c1--;
  return c1;
}

/**
 * Row starts without those where the other columns' cells run on: an anchor column's line that begins
 * a block of its own (the struck value above it lost as noise, `~~>=4~~ / >=4,5`) where two columns
 * or more carry on a cell's next line, set at the leading under the one above (`centro / vaccinale`),
 * and no other column begins anything. OCR'd lines only: print is read whole.
 */
export function withoutRunOnStarts(starts: number[], anchor: number, cutByCol: Line[][][]): number[] {
  return starts.filter((y, i) => {
    if (i === 0) return true;
    let runOn = 0;
    for (let c = 0; c < cutByCol.length; c++) {
      if (c === anchor) continue;
      for (const b of cutByCol[c]!) {
        const k = b.findIndex((l) => Math.abs(l.box[1] - y) < 1.5);
        if (k === 0) return true;
        if (k > 0 && ocrLine(b[k]!)) runOn++;
      }
    }
    return runOn < 2;
  });
}

/** The last row starting at or above y (1 pt of slack). */
function rowOf(starts: number[], y: number): number {
  let r = 0;
  for (let i = 0; i < starts.length; i++) if (y >= starts[i]! - 1) r = i;
  return r;
}

/** The row (past the header) that a line starts, or -1. */
function rowStartedBy(starts: number[], l: Line): number {
  for (let i = 1; i < starts.length; i++) if (Math.abs(l.box[1] - starts[i]!) < 1.5) return i;
  return -1;
}

/** A line's first word with digits as "#" ("2020:" → "####:"). */
const shapeOf = (l: Line) => (l.words[0]?.text ?? "").replace(/\d/g, "#");

/**
 * A block reaching over several rows is split where its lines start exactly at those rows (a column
 * of per-row entries printed without gaps, like a "serie storica"); a long text beside them stays
 * whole.
 */
function splitAtRows(b: Line[], starts: number[], out: Line[][], strong: number[] = []): void {
  if (b.length < 2) {
    out.push(b);
    return;
  }
  // a line on a band where most columns start a row (a strong row start) starts a cell, even
  // when set close under the line above (set apart by more than a line's leading: a paragraph that
  // runs on keeps its lines)
  // (set apart from the lines above it: a speck OCR read beside it, on its band, is none of them)
  const above = (i: number) => {
    const mid = (b[i]!.box[1] + b[i]!.box[3]) / 2;
    let y = -Infinity;
    for (let j = 0; j < i; j++) if (b[j]!.box[3] <= mid) y = Math.max(y, b[j]!.box[3]);
    return y;
  };
  const atStrong = (i: number) =>
    rowStartedBy(starts, b[i]!) > 0 &&
    strong.some((y) => Math.abs(y - b[i]!.box[1]) < 1.5) &&
    b[i]!.box[1] - above(i) >= lineSize(b[i]!) * 0.25;
  const bb = union(b.map(boxOf));
  let spanned = 0;
  for (let i = 1; i < starts.length; i++) if (starts[i]! > bb[1] + 1 && starts[i]! < bb[3] - 1) spanned++;
  const aligned: Line[] = [];
  for (let i = 1; i < b.length; i++) if (rowStartedBy(starts, b[i]!) > 0) aligned.push(b[i]!);
  // one aligned line is enough when the aligned lines start alike with a number ("2020: …")
  const first = aligned.length ? shapeOf(aligned[0]!) : "";
  let sameShape = aligned.length > 0;
  for (const l of aligned) if (shapeOf(l) !== first || !first.includes("#")) sameShape = false;
  // short entries, each on the line a row starts at ("N." over "€"): one per row, not a merged cell
  let short = aligned.length === b.length - 1;
  for (const l of b) if (l.words.length > 3) short = false;
  const byRows = short || (spanned > 0 && aligned.length >= Math.max(sameShape ? 1 : 2, spanned * 0.6));
  let cur: Line[] = [];
  out.push(cur);
  for (let i = 0; i < b.length; i++) {
    if (i > 0 && ((byRows && rowStartedBy(starts, b[i]!) > 0) || atStrong(i))) out.push((cur = []));
    cur.push(b[i]!);
  }
}

/**
 * For each column, the bands where rows start set close under the line above (rows spaced by less
 * than a blank line, more than the lines' leading): where two other columns or more start an entry
 * there too (a line set apart from their line above by more than the leading), in a column whose
 * entries, four in five at least, start on such bands (the rows are aligned at the top: a line beside
 * the values' first lines is a row's first line). A merged objective cell beside them does not count
 * against it, as it does for the bands most columns start (rowStartBands). Not on OCR'd pages.
 */
export function topsOfEntriesBeside(single: Seg[], C: number): number[][] {
  const out: number[][] = Array.from({ length: C }, () => []);
  // (on an OCR'd page, a line's box is only its words' as read: gaps of a fraction of a line say
  // nothing)
  if (C < 3 || single.some((p) => p.line.words[0]?.confidence !== undefined)) return out;
  // each column's entries: first lines set apart from the line above (as the blocks are)
  const entryTops: number[][] = Array.from({ length: C }, () => []);
  const firsts: Seg[] = [];
  const last: (Line | undefined)[] = new Array(C);
  for (const p of single) {
    const prev = last[p.c0];
    if (!prev || p.line.box[1] - prev.box[3] >= lineSize(p.line) * 0.25) {
      entryTops[p.c0]!.push(p.line.box[1]);
      firsts.push(p);
    }
    last[p.c0] = p.line;
  }
  const startsBeside = (y: number, c: number) => {
    let n = 0;
    for (let o = 0; o < C; o++) if (o !== c && entryTops[o]!.some((t) => Math.abs(t - y) < 1.5)) n++;
    return n;
  };
  const beside = (p: Seg) => single.some((o) => o.c0 !== p.c0 && overlapsY(o.line, p.line));
  for (let c = 0; c < C; c++) {
    let clear = 0,
      agree = 0;
    for (const p of firsts)
      if (p.c0 === c && beside(p)) {
        clear++;
        if (startsBeside(p.line.box[1], c) >= 2) agree++;
      }
    if (clear < 2 || agree < clear * 0.8) continue;
    for (const p of single)
      if (p.c0 === c && startsBeside(p.line.box[1], c) >= 2) out[c]!.push(p.line.box[1]);
  }
  return out;
}

/** Row starts from the rules drawn between rows: one per interval with text, more where the busiest column has several blocks. */
function rowStartsByRules(rules: number[], placed: Seg[], anchorBlocks: Line[][]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + 1 < rules.length; i++) {
    const a = rules[i]!,
      b = rules[i + 1]!;
    let topIn = Infinity;
    for (const p of placed) {
      const cy = (p.line.box[1] + p.line.box[3]) / 2;
      if (cy > a && cy < b && p.line.box[1] < topIn) topIn = p.line.box[1];
    }
    if (!Number.isFinite(topIn)) continue;
    const blocks: number[] = [];
    for (const bl of anchorBlocks) {
      const y = bl[0]!.box[1];
      if (y + 0.5 >= topIn && y < b) blocks.push(y);
    }
    starts.push(Math.min(topIn, a + 0.5));
    for (let k = 1; k < blocks.length; k++) starts.push(blocks[k]!);
  }
  return starts;
}

/**
 * Tops of the bands that start rows: a band with lines in most of the table's columns (as many as
 * seven tenths of the fullest band's, three at least: wrapped texts and values go on in fewer), and
 * the band after a lone line across columns (a banner).
 */
function rowStartBands(placed: Seg[], C: number, wrapped = new Set<Line>()): number[] {
  if (C < 3) return [];
  const bands = new Map<number, Seg[]>();
  for (const p of placed) {
    const k = Math.round(p.line.box[1] * 2) / 2;
    let key = k;
    for (const y of bands.keys())
      if (Math.abs(y - k) <= 1.5) {
        key = y;
        break;
      }
    const b = bands.get(key);
    if (b) b.push(p);
    else bands.set(key, [p]);
  }
  const ys = [...bands.keys()].sort(ascending);
  const width = new Map<number, number>();
  let max = 0;
  for (const y of ys) {
    const cols = new Set<number>();
    for (const p of bands.get(y)!) for (let c = p.c0; c <= p.c1; c++) cols.add(c);
    width.set(y, cols.size);
    max = Math.max(max, cols.size);
  }
  const tops: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const b = bands.get(ys[i]!)!;
    const w = width.get(ys[i]!)!;
    if (w >= 3 && b.length >= 3 && w >= max * 0.7) tops.push(ys[i]!);
    // (past the lines the banner wraps onto: they are its own)
    if (b.length === 1 && b[0]!.c1 > b[0]!.c0 && !wrapped.has(b[0]!.line)) {
      let j = i + 1;
      while (j < ys.length && bands.get(ys[j]!)!.every((p) => wrapped.has(p.line))) j++;
      if (j < ys.length) tops.push(ys[j]!);
    }
  }
  return tops;
}

/**
 * The lines a comment or note across the table wraps onto: alone in their band, right under it (set
 * close) and starting where it starts, in its type. They are taken across the same columns as the line
 * they go on (`placed` is changed), so that a short last line ("gennaio.") does not start a row of the
 * first column.
 */
export function wrappedWideLines(placed: Seg[], right: number): Set<Line> {
  const out = new Set<Line>();
  // (a line wraps where the next word would not fit: the line above reaches the right edge but for
  // less than that word; a label set under a short title is no wrap)
  const full = (above: Line, next: Line) => {
    const w = next.words[0]!;
    return above.box[2] + (w.box[2] - w.box[0]) + w.fontSize * 0.3 > right - 1;
  };
  const sorted = [...placed].sort(byTop);
  const alone = (p: Seg) =>
    !placed.some(
      (q) => q !== p && Math.min(q.line.box[3], p.line.box[3]) - Math.max(q.line.box[1], p.line.box[1]) > 1,
    );
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (p.c1 === p.c0 || out.has(p.line) || !alone(p)) continue;
    let last = p;
    for (let j = i + 1; j < sorted.length; j++) {
      const q = sorted[j]!;
      if (q.line.box[1] < last.line.box[3] - 1) continue;
      const size = lineSize(q.line);
      if (
        q.line.box[1] - last.line.box[3] >= size * 0.55 ||
        Math.abs(q.line.box[0] - p.line.box[0]) > 1.5 ||
        Math.abs(size - lineSize(p.line)) > 0.3 ||
        q.line.box[2] > p.line.box[2] + 1 ||
        !full(last.line, q.line) ||
        !alone(q)
      )
        break;
      out.add(q.line);
      q.c0 = p.c0;
      q.c1 = p.c1;
      last = q;
    }
  }
  return out;
}

/** Whether the rules cut every row: between two rules, the busiest column has one block at most, mostly. */
function rulesSeparateRows(blocksByCol: Line[][][], rules: number[]): boolean {
  let anchor = 0;
  for (let i = 0; i < blocksByCol.length; i++)
    if (blocksByCol[i]!.length > blocksByCol[anchor]!.length) anchor = i;
  let intervals = 0,
    crowded = 0;
  for (let i = 0; i + 1 < rules.length; i++) {
    let n = 0;
    for (const b of blocksByCol[anchor]!) {
      const y = b[0]!.box[1];
      if (y > rules[i]! && y < rules[i + 1]!) n++;
    }
    if (n) intervals++;
    if (n >= 2) crowded++;
  }
  return intervals > 0 && crowded <= intervals * 0.25;
}

/** Blocks cut where a rule passes between their lines (a rule ends a cell). */
function splitAtRules(blocks: Line[][], rules: number[]): Line[][] {
  const out: Line[][] = [];
  for (const b of blocks) {
    let cur: Line[] = [];
    let at = -1;
    for (const l of b) {
      const cy = (l.box[1] + l.box[3]) / 2;
      let k = 0;
      while (k < rules.length && rules[k]! < cy) k++;
      if (cur.length && k !== at) {
        out.push(cur);
        cur = [];
      }
      at = k;
      cur.push(l);
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

const LONE_PERCENT = /^\d{1,3}(?:[.,]\d+)?\s*%$/;

/**
 * Tops of the groups of lines starting in the first `upTo + 1` columns (set close one under the
 * other) that no line of a further column stands beside: text alone on its rows, apart from the cells
 * above it (an objective's heading, or its weight and title, over its indicators' rows).
 */
export function loneLeft(placed: Seg[], upTo: number): number[] {
  const first = placed.filter((p) => p.c0 <= upTo).sort(byTop);
  // (a weight printed far right on a banner's line does not make it a row of indicators)
  const others = placed.filter((p) => p.c0 > upTo && !LONE_PERCENT.test(p.line.text));
  const groups: Line[][] = [];
  for (const p of first) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    // (a cell's lines touch, or nearly: a row's padding sets the next cell apart)
    if (g && prev && p.line.box[1] - prev.box[3] < cellGap(p.line)) g.push(p.line);
    else groups.push([p.line]);
  }
  const out: number[] = [];
  for (const g of groups) {
    const top = g[0]!.box[1];
    let bottom = -Infinity;
    for (const l of g) bottom = Math.max(bottom, l.box[3]);
    if (!others.some((o) => o.line.box[1] < bottom - 1 && o.line.box[3] > top + 1)) out.push(top);
  }
  return out;
}

/** Adds lines to the cell that starts at (r0, c0), widening its spans. */
function addToCell(cells: Map<string, Acc>, r0: number, r1: number, c0: number, c1: number, lines: Line[]) {
  const key = `${r0}:${c0}`;
  const acc = cells.get(key);
  if (acc) {
    for (const l of lines) acc.lines.push(l);
    acc.r1 = Math.max(acc.r1, r1);
    acc.c1 = Math.max(acc.c1, c1);
  } else cells.set(key, { r0, r1, c0, c1, lines: lines.slice() });
}

/**
 * Bands of several segments at the top or bottom, fewer than three, set apart from the others by two
 * lines of running text or more (a protocol stamp's spaced words above a heading and its paragraph):
 * no rows of the table, whose gutters they would fill.
 */
function withoutStrayEdges(multi: Line[][], bands: Map<number, Line[]>): Line[][] {
  if (multi.length < 4) return multi;
  const top = (b: Line[]) => Math.min(...b.map((l) => l.box[1]));
  const sorted = [...multi].sort((a, b) => top(a) - top(b));
  const all = [...bands.values()].flat();
  const box = union(all.map(boxOf));
  const W = box[2] - box[0];
  // lines of running text between two heights: one segment, not bold, across two fifths of the text
  const proseBetween = (y0: number, y1: number) => {
    let n = 0;
    for (const b of bands.values()) {
      if (b.length !== 1) continue;
      const l = b[0]!;
      if (l.box[1] > y0 && l.box[1] < y1 && !allBold(l) && l.box[2] - l.box[0] > W * 0.4) n++;
    }
    return n;
  };
  const bottom = (b: Line[]) => Math.max(...b.map((l) => l.box[3]));
  let from = 0,
    to = sorted.length;
  for (let i = 1; i < Math.min(3, sorted.length - 2); i++)
    if (proseBetween(bottom(sorted[i - 1]!), top(sorted[i]!)) >= 2) from = i;
  for (let i = sorted.length - 1; i > Math.max(sorted.length - 3, from + 2); i--)
    if (proseBetween(bottom(sorted[i - 1]!), top(sorted[i]!)) >= 2) to = i;
  if (from === 0 && to === sorted.length) return multi;
  // (a band whose every segment starts where a segment of the kept bands starts is a row of the
  // table, set apart by comments written across it: a report's last indicator under its notes)
  const starts = sorted.slice(from, to).flatMap((b) => b.map((l) => l.box[0]));
  const aligned = (b: Line[]) =>
    b.length >= 2 && b.every((l) => starts.some((x) => Math.abs(x - l.box[0]) <= 2));
  while (to < sorted.length && aligned(sorted[to]!)) to++;
  while (from > 0 && aligned(sorted[from - 1]!)) from--;
  if (from === 0 && to === sorted.length) return multi;
  const keep = new Set(sorted.slice(from, to));
  return multi.filter((b) => keep.has(b));
}

/**
 * The bands that say where the gutters are: none above the table's header (its first band of three
 * bold labels or more), whose lines (a protocol stamp beside the title, a date) are laid out for
 * the page, not for the table's columns, when enough bands are left under it.
 */
function aboveHeaderDropped(multi: Line[][]): Line[][] {
  let head = Infinity;
  for (const b of multi) if (b.length >= 3 && boldBand(b)) head = Math.min(head, b[0]!.box[1]);
  if (!Number.isFinite(head)) return multi;
  const below = multi.filter((b) => b[0]!.box[1] >= head - 1);
  return below.length >= 3 ? below : multi;
}

/**
 * The rules without the last ones that only close in lines of no columns (every band between the
 * rule and the one above it holds one segment, and no band of several cells comes after them) when
 * that interval is half as tall again as the intervals' median or more: a heading between two
 * tables above the next table's top rule.
 */
export function beforeHeadingsBelow(rules: number[], multi: Line[][], segs: Line[]): number[] {
  if (rules.length < 3) return rules;
  const gaps = rules
    .slice(1)
    .map((y, i) => y - rules[i]!)
    .sort(ascending);
  const median = gaps[gaps.length >> 1]!;
  const mid = (l: Line) => (l.box[1] + l.box[3]) / 2;
  let n = rules.length;
  while (n >= 3) {
    const a = rules[n - 2]!,
      b = rules[n - 1]!;
    const within = (l: Line) => mid(l) > a && mid(l) < b;
    if (b - a < median * 1.5 || !segs.some(within) || multi.some((band) => band.some((l) => mid(l) > a)))
      break;
    n--;
  }
  return n < rules.length ? rules.slice(0, n) : rules;
}

/**
 * A table from lines by alignment: columns from gutters, rows from the busiest column's blocks.
 * `rules` (y positions of horizontal rules drawn between rows, top to bottom) cut rows where they
 * are: each interval between two rules is a row, or several when the busiest column has several
 * blocks in it (booktabs: rules only above, below and under the header).
 */
export function alignedTable(
  segs: Line[],
  page: number,
  s: StreamSettings,
  rules?: number[],
  /** column bounds already known (a table's rules drawn cell by cell, or its gutters) */
  knownBounds?: number[],
  /** each rule's x extent, by its y (a rule that stops short of a column does not end its cells) */
  ruleSpans?: RuleSpans,
): { table: Table; used: Set<Word> } | null {
  const used = new Set<Word>();
  // OCR's readings of specks and smudges are neither cells nor rows
  segs = segs.filter((l) => !ocrNoise(l));
  // a line (same band) with several segments is evidence of columns
  const bands = bandsOf(segs);
  const heading = headingSize(segs);
  for (const [k, b] of bands)
    for (const l of b)
      if (lineSize(l) > heading) {
        bands.delete(k);
        break;
      }
  let multi: Line[][] = [];
  for (const b of bands.values()) if (b.length >= 2) multi.push(b);
  multi = withoutStrayEdges(multi, bands);
  // a small table (a header of three bold labels and a row or two under it) is a table too
  const boldHeader = multi.some((b) => b.length >= 3 && boldBand(b));
  if (multi.length < (boldHeader ? Math.min(2, s.minMultiLines) : s.minMultiLines)) return null;
  let top = Infinity,
    bottom = -Infinity;
  for (const b of multi)
    for (const l of b) {
      if (l.box[1] < top) top = l.box[1];
      if (l.box[3] > bottom) bottom = l.box[3];
    }
  // the rules that reach under text of no columns (a heading between two tables) after the last
  // band of several cells, set further apart than the rows are, are the next table's top rule, not
  // this one's foot
  if (rules && !knownBounds) rules = beforeHeadingsBelow(rules, multi, segs);
  // rules across the table bound it: what stands more than a header's height above the first rule
  // (a title, labels, a stamp beside them) is not part of it
  // (above the first rule, from the highest band of several cells on: a header drawn over the rule)
  const firstRule = rules && rules.length >= 2 && !knownBounds ? rules[0]! : -Infinity;
  let ruleTop = firstRule - heading * 2.2;
  if (Number.isFinite(firstRule)) {
    // a line alone in its band, at the table's left edge, above the first rule is a heading: the
    // header drawn over the rule stops under it (a stamp beside the heading makes a band of two)
    const left = Math.min(...multi.flatMap((b) => b.map((l) => l.box[0])));
    for (const b of bands.values())
      if (b.length === 1) {
        const l = b[0]!;
        if (l.box[3] <= firstRule + 1 && l.box[1] >= ruleTop && l.box[0] < left + 3) ruleTop = l.box[3];
      }
    // and a header of bold labels under the first rule (three cells or more) is the table's header:
    // nothing above the rule is (a stamp's letters beside the heading over it)
    const second = rules!.length >= 2 ? rules![1]! : Infinity;
    const mid = (l: Line) => (l.box[1] + l.box[3]) / 2;
    const headedBelow = multi.some(
      (b) => b.length >= 3 && b.every((l) => allBold(l) && mid(l) > firstRule && mid(l) < second),
    );
    let headTop = Infinity;
    if (!headedBelow)
      for (const b of multi)
        for (const l of b)
          if (l.box[3] <= firstRule + 1 && l.box[1] >= ruleTop) headTop = Math.min(headTop, l.box[1]);
    ruleTop = Number.isFinite(headTop) ? headTop - 1 : firstRule;
  }
  // a heading in larger type above the header (three bold labels or more on a band) is the top of
  // the table: what stands above it (the issuer, a protocol stamp) is the page's, not rows
  let headTop = Infinity;
  for (const b of multi) if (b.length >= 3 && boldBand(b)) headTop = Math.min(headTop, b[0]!.box[1]);
  let titleEnd = -Infinity;
  // (without a header of bold labels there is no top to find: a large line lower down says nothing)
  if (Number.isFinite(headTop))
    for (const l of segs)
      if (lineSize(l) > heading && l.box[3] <= headTop + 1) titleEnd = Math.max(titleEnd, l.box[3]);
  const under = Number.isFinite(titleEnd) ? multi.filter((b) => b[0]!.box[1] >= titleEnd) : multi;
  if (under.length < multi.length && under.length >= Math.min(2, s.minMultiLines)) {
    multi = under;
    ruleTop = Math.max(ruleTop, titleEnd);
  }
  // and the last rule, under every band of several cells, is its foot: what stands below it (the
  // next section's heading) is not a row
  const lastRule = rules && rules.length >= 2 && !knownBounds ? rules[rules.length - 1]! : Infinity;
  const foot = lastRule >= bottom - 1 ? lastRule : Infinity;
  const region: Line[] = [];
  for (const l of segs)
    if (
      l.box[3] > top - 1 &&
      l.box[1] < Math.min(bottom + 40, foot) &&
      !(lineSize(l) > heading) &&
      l.box[1] >= ruleTop
    )
      region.push(l);
  const found = knownBounds ?? columnBounds(aboveHeaderDropped(multi), region, s.minGutter);
  if (!found) return null;
  const header = headerLines(multi, region);
  const bounds = knownBounds
    ? found
    : betweenHeaderLabels(pastTitles(withHeadersOnTheirValues(found, multi, region), region), header, region);
  const C = bounds.length - 1;
  // each segment in the columns it covers
  const placed: Seg[] = [];
  const cut = splitAtBounds(region, bounds, header);
  const textStarts = columnTextStarts(cut, bounds);
  const textEnds = columnTextEnds(cut, bounds);
  // (a line beside others in its band that runs into the gutter stays in its column; one alone in
  // its band may be a banner across the table)
  const besides = (l: Line) => cut.some((o) => o !== l && overlapsY(o, l));
  for (const line of cut) {
    let c0 = columnOf(bounds, line.box[0] + 0.5);
    const c1 = besides(line)
      ? lastColumnReached(bounds, textStarts, c0, line.box[2], lineSize(line) * 0.3)
      : columnOf(bounds, line.box[2] - 0.5);
    // (a line centred in a narrow column, wider than its fellows, starts a little left of the
    // bound, in the white right of the column before: it is its column's)
    while (c0 < c1 && line.box[0] - lineSize(line) * 0.3 > textEnds[c0]!) c0++;
    placed.push({ line, c0, c1 });
  }
  const wrapped = wrappedWideLines(placed, Math.max(...region.map((l) => l.box[2])));
  // blocks per column: vertically close segments in the same column
  const blocksByCol: Line[][][] = [];
  for (let c = 0; c < C; c++) blocksByCol.push([]);
  const single: Seg[] = [];
  for (const p of placed) if (p.c0 === p.c1) single.push(p);
  single.sort(byTop);
  // a line that stands in a band with other columns' lines, or after a line across columns (a
  // banner), starts a row even when set close under the line above (rows without spacing)
  // the blocks of each column cut there too: they choose the anchor and give its rows, while the
  // other columns keep their blocks whole (a cell merged over rows)
  const rowTops = rowStartBands(placed, C, wrapped);
  // lines set apart in the first column with nothing beside them (a banner narrower than the table)
  // (or in the first two, beside a weight, in a table of four columns or more)
  const loneTops = C >= 4 ? [...loneLeft(placed, 0), ...loneLeft(placed, 1)] : loneLeft(placed, 0);
  const valueTops = topsOfEntriesBeside(single, C);
  const cutByCol: Line[][][] = [];
  for (let c = 0; c < C; c++) cutByCol.push([]);
  for (const p of single) {
    // (the line above is the block's lowest: a dash read apart, `1102 - Incremento`, sits at the
    // middle of its line and is not the line's foot)
    const close = (col: Line[][]) => {
      const block = col[col.length - 1];
      let prev: Line | undefined;
      for (const l of block ?? []) if (!prev || l.box[3] > prev.box[3]) prev = l;
      return prev !== undefined && p.line.box[1] - prev.box[3] < lineSize(p.line) * 0.55 ? prev : null;
    };
    const col = blocksByCol[p.c0]!;
    if (close(col)) col[col.length - 1]!.push(p.line);
    else col.push([p.line]);
    const cut = cutByCol[p.c0]!;
    const prev = close(cut);
    // (set apart by more than a line's leading: a wrapped value's next line is not a row; an OCR'd
    // line's box is its ink's, from the capitals' tops, and a cell's lines stand apart by the leading
    // less the capitals: a third of the type size and more)
    const starts =
      prev &&
      p.line.box[1] - prev.box[3] >= lineSize(p.line) * (ocrLine(p.line) ? OCR_LEADING : 0.25) &&
      (rowTops.some((y) => Math.abs(y - p.line.box[1]) < 1.5 && prev.box[1] < y - 1.5) ||
        loneTops.some((y) => Math.abs(y - p.line.box[1]) < 0.5) ||
        valueTops[p.c0]!.some((y) => Math.abs(y - p.line.box[1]) < 1.5));
    if (prev && !starts) cut[cut.length - 1]!.push(p.line);
    else cut.push([p.line]);
  }
  // rules drawn between groups of rows (under each objective's indicators) are not row separators:
  // where the busiest column has several blocks between two rules, the rows come from the blocks
  if (rules && rules.length >= 2 && !rulesSeparateRows(blocksByCol, rules)) rules = undefined;
  // a rule ends a cell: blocks never run across one (a rule that stops short of a column, drawn
  // under each indicator but not under the objective merged beside them, leaves that column's cell whole)
  const overCol: (number[] | undefined)[] = [];
  if (rules && rules.length >= 2)
    for (let c = 0; c < C; c++) {
      const mid = (bounds[c]! + bounds[c + 1]!) / 2;
      const over = ruleSpans
        ? rules.filter((y) => {
            const sp = ruleSpans.get(y);
            return !sp || (sp[0] <= mid && sp[1] >= mid);
          })
        : rules;
      overCol[c] = over;
      blocksByCol[c] = splitAtRules(blocksByCol[c]!, over);
      cutByCol[c] = splitAtRules(cutByCol[c]!, over);
    }
  // the anchor column: most blocks; its blocks define the rows
  let anchor = 0;
  for (let i = 0; i < C; i++) if (cutByCol[i]!.length > cutByCol[anchor]!.length) anchor = i;
  blocksByCol[anchor] = cutByCol[anchor]!;
  const anchorBlocks = blocksByCol[anchor]!;
  // (one row is a table when its columns are known: a part run on from the previous page)
  if (anchorBlocks.length < (knownBounds ? 1 : 2)) return null;
  const firstTop = anchorBlocks[0]![0]!.box[1];
  // rows: a header row for what stands above the first anchor block, then one per anchor block
  let hasHeader = false;
  for (const p of placed) if (p.line.box[3] <= firstTop + 0.5) hasHeader = true;
  let starts: number[] = hasHeader ? [top - 1] : [];
  for (const b of anchorBlocks) starts.push(b[0]!.box[1]);
  if (rules && rules.length >= 2) {
    const byRules = rowStartsByRules(rules, placed, anchorBlocks);
    if (byRules.length >= 2) {
      starts = byRules;
      hasHeader = false;
    }
  }
  // a band where several columns start a block of their own, set apart like the other rows, is a row
  // even where the anchor column has nothing (an indicator without a code under a coded one: the code
  // column ties for most blocks with a line under the table and is chosen as the anchor)
  if (!(rules && rules.length >= 2))
    for (const y of rowTops) {
      if (y <= firstTop + 1 || starts.some((x) => Math.abs(x - y) < 1.5)) continue;
      const covered = anchorBlocks.some((b) => {
        const bb = union(b.map(boxOf));
        return bb[1] < y + 1.5 && bb[3] > y + 1;
      });
      if (covered) continue;
      let own = 0;
      for (let c = 0; c < C; c++) if (cutByCol[c]!.some((b) => Math.abs(b[0]!.box[1] - y) < 1.5)) own++;
      if (own >= 3) starts.push(y);
    }
  starts.sort(ascending);
  if (!(rules && rules.length >= 2)) starts = withoutRunOnStarts(starts, anchor, cutByCol);
  // a line alone in its band that runs across columns (a comment or note written across the table)
  // is a row of its own, not the end of the cell above it
  const wideStarts: number[] = [];
  for (const b of bandsOf(region).values())
    if (b.length === 1 && !wrapped.has(b[0]!)) {
      const p = placed.find((x) => x.line === b[0]);
      const span = p ? p.line.box[2] - p.line.box[0] : 0;
      if (
        p &&
        p.c0 === 0 &&
        p.c1 > p.c0 &&
        (p.c1 - p.c0 >= 2 || span > (bounds[C]! - bounds[0]!) * 0.45) &&
        p.line.box[1] > (starts[0] ?? -Infinity) + 1
      )
        wideStarts.push(p.line.box[1]);
    }
  // so is a line across columns with nothing right of it on its band, beside only the wrapped lines
  // of cells begun above (a note written after the names, beside an objective's merged title)
  for (const p of placed) {
    if (p.c1 === p.c0 || wrapped.has(p.line) || p.c0 === 0) continue;
    const y = p.line.box[1];
    if (y <= (starts[0] ?? -Infinity) + 1 || starts.some((x) => Math.abs(x - y) < 1.5)) continue;
    let alone = true,
      beside = 0;
    for (const o of placed) {
      if (o === p || !overlapsY(o.line, p.line)) continue;
      beside++;
      const blocks = blocksByCol[o.c0]!;
      const runOn = o.c0 === o.c1 && blocks.some((b) => b.indexOf(o.line) > 0);
      if (o.line.box[0] >= p.line.box[0] || !runOn) alone = false;
    }
    if (alone && beside) wideStarts.push(y);
  }
  // lines set apart in the first column with nothing beside them (a banner narrower than the table,
  // "OBIETTIVO STRATEGICO 02.O1" over its title, between two objectives' rows) are a row of their own
  // (above the busiest column's first entry, a title over the table is not)
  const lone: number[] = [];
  if (!(rules && rules.length >= 2)) for (const y of loneTops) if (y > firstTop + 1) lone.push(y);
  for (const y of lone) wideStarts.push(y);
  if (wideStarts.length) {
    for (const y of wideStarts) if (!starts.some((x) => Math.abs(x - y) < 1.5)) starts.push(y);
    starts.sort(ascending);
  }
  const R = starts.length;
  const cells = new Map<string, Acc>();
  for (let c = 0; c < C; c++) {
    let blocks = blocksByCol[c]!;
    if (c !== anchor && !(rules && rules.length >= 2)) {
      const split: Line[][] = [];
      // (the lone lines' rows cut the cell above them: they start a row of their own)
      const strong = lone.length ? [...rowTops, ...lone] : rowTops;
      for (const b of blocks) splitAtRows(b, starts, split, strong);
      blocks = split;
    }
    for (const b of blocks) {
      const bb = union(b.map(boxOf));
      const r0 = rowOf(starts, bb[1]);
      // the block reaches into the following rows when it extends past their starts by a line or more
      let r1 = r0;
      const lh = b[0]!.box[3] - b[0]!.box[1];
      while (r1 + 1 < R && bb[3] > starts[r1 + 1]! + lh * 0.6 && c !== anchor) r1++;
      // and down to the next rule drawn over its column, when the rule under it stops short of it
      // (drawn under each indicator, not under the objective merged beside them)
      const over = overCol[c];
      const below = over ? rules!.find((y) => y > bb[3]) : undefined;
      if (below !== undefined && !over!.includes(below)) {
        const end = over!.find((y) => y > bb[3]) ?? Infinity;
        while (r1 + 1 < R && starts[r1 + 1]! < end - 1) r1++;
      }
      addToCell(cells, r0, r1, c, c, b);
    }
  }
  for (const p of placed)
    if (p.c0 !== p.c1) {
      // (by its body, not its top: an OCR'd banner's box rises with its accents, `LEGALITÀ`, above
      // the top of the weight beside it that starts its row)
      const r = rowOf(
        starts,
        Math.max(p.line.box[1], (p.line.box[1] + p.line.box[3]) / 2 - lineSize(p.line) * 0.3),
      );
      addToCell(cells, r, r, p.c0, p.c1, [p.line]);
    }
  // a row whose only text starts in the first column and runs across columns is a banner: its cell
  // spans the whole row, as the producer's merged cell did
  const perRow = new Map<number, Acc[]>();
  for (const a of cells.values()) {
    const list = perRow.get(a.r0);
    if (list) list.push(a);
    else perRow.set(a.r0, [a]);
  }
  for (const list of perRow.values())
    if (list.length === 1 && list[0]!.c0 === 0 && list[0]!.c1 > 0 && list[0]!.r1 === list[0]!.r0)
      list[0]!.c1 = C - 1;
  let tableBottom = -Infinity;
  for (const a of cells.values()) for (const l of a.lines) if (l.box[3] > tableBottom) tableBottom = l.box[3];
  tableBottom += 1;
  const out: Cell[] = [];
  for (const a of cells.values()) {
    const words: Word[] = [];
    for (const l of a.lines.sort(byTopLeft)) for (const w of l.words) words.push(w);
    const merged = wordsToLines(words);
    for (const l of merged) for (const w of l.words) used.add(w);
    // a cell is its share of the grid (column bounds × row bounds), not just its text's box
    const text = union(merged.map(boxOf));
    const rowEnd = a.r1 + 1 < R ? starts[a.r1 + 1]! : tableBottom;
    out.push({
      row: a.r0,
      col: a.c0,
      rowSpan: a.r1 - a.r0 + 1,
      colSpan: a.c1 - a.c0 + 1,
      box: [
        Math.min(text[0], bounds[a.c0]!),
        Math.min(text[1], starts[a.r0]!),
        Math.max(text[2], bounds[a.c1 + 1]!),
        Math.max(text[3], rowEnd),
      ],
      text: merged.map(textOf).join("\n"),
      lines: merged,
    });
  }
  out.sort(byRowCol);
  const box: Box = union(out.map(boxOf));
  let headerRows = hasHeader ? 1 : 0;
  for (const c of out)
    if (c.row === 0)
      for (const l of c.lines) {
        let bold = 0;
        for (const w of l.words) if (w.bold) bold++;
        if (bold < l.words.length / 2) headerRows = 0;
      }
  return {
    table: { page, box, method: "stream", nRows: R, nCols: C, headerRows, cells: out, continues: null },
    used,
  };
}
