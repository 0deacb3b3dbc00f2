/**
 * Runs → words → lines. pdf.js runs are often whole phrases: they are split at spaces with glyph
 * positions interpolated over the run's width, and glued to a neighbour when the gap is smaller than
 * a fraction of the font size (producers that draw a word in several runs).
 */
import type { Box, Line, RawPage, TextRun, Word } from "../model/index.js";
import { union } from "../model/index.js";

const HAS_SPACE = /\s/;

export function runsToWords(runs: TextRun[]): Word[] {
  const words: Word[] = [];
  for (const r of runs) {
    const text = r.text;
    const n = text.length;
    if (!n) continue;
    // most runs are one word already (text read glyph by glyph): kept whole
    const sideways = r.dir === 1 || r.dir === 3 ? { dir: r.dir } : {};
    if (!HAS_SPACE.test(text)) {
      words.push({
        text,
        box: r.box,
        fontSize: r.fontSize,
        bold: r.bold,
        italic: r.italic,
        struck: false,
        ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
        ...sideways,
      });
      continue;
    }
    const [x0, y0, x1, y1] = r.box;
    const horizontal = r.dir ? r.dir === 2 : x1 - x0 >= (y1 - y0) * 0.3 || n === 1;
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      // (text read upwards starts at the bottom of its box)
      const up = r.dir === 3;
      const a = m.index / n,
        b = (m.index + m[0].length) / n;
      const box: Box = horizontal
        ? [x0 + (x1 - x0) * a, y0, x0 + (x1 - x0) * b, y1]
        : up
          ? [x0, y1 - (y1 - y0) * b, x1, y1 - (y1 - y0) * a]
          : [x0, y0 + (y1 - y0) * a, x1, y0 + (y1 - y0) * b];
      words.push({
        text: m[0],
        box,
        fontSize: r.fontSize,
        bold: r.bold,
        italic: r.italic,
        struck: false,
        ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
        ...sideways,
      });
    }
  }
  return glue(words);
}

const wordsByTopLeft = (a: Word, b: Word) => a.box[1] - b.box[1] || a.box[0] - b.box[0];

/** Joins pieces of one word drawn as separate runs (gap under 0.12 em on the same baseline). */
function glue(words: Word[]): Word[] {
  const sorted = [...words].sort(wordsByTopLeft);
  const out: Word[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (
      last &&
      Math.abs(last.box[1] - w.box[1]) < w.fontSize * 0.2 &&
      Math.abs(last.box[3] - w.box[3]) < w.fontSize * 0.2 &&
      w.box[0] - last.box[2] < w.fontSize * 0.12 &&
      w.box[0] - last.box[2] > -w.fontSize * 0.3
    ) {
      out[out.length - 1] = {
        ...last,
        text: last.text + w.text,
        box: union([last.box, w.box]),
        bold: last.bold && w.bold,
      };
      continue;
    }
    out.push(w);
  }
  return out;
}

interface Centred {
  w: Word;
  cy: number;
}

// comparators and mappers live at module level: V8 keeps a closure's optimized code only while an
// instance of it lives, and these run for every line of every page
const byCentre = (a: Centred, b: Centred) => a.cy - b.cy;
const byLeft = (a: Word, b: Word) => a.box[0] - b.box[0];
const byTopLeft = (a: Line, b: Line) => a.box[1] - b.box[1] || a.box[0] - b.box[0];
const wordText = (w: Word) => w.text;
const wordBox = (w: Word) => w.box;

/**
 * Groups words into lines: same vertical band, left to right; a wide gap splits a line (columns).
 * Words set sideways (a narrow column's header turned a quarter) make lines of their own, read
 * along their direction.
 */
export function wordsToLines(words: Word[], opts: { splitGap?: number } = {}): Line[] {
  if (!words.some((w) => w.dir === 1 || w.dir === 3)) return levelLines(words, opts);
  const level: Word[] = [];
  const sideways: Word[] = [];
  for (const w of words) (w.dir === 1 || w.dir === 3 ? sideways : level).push(w);
  return [...levelLines(level, opts), ...sidewaysLines(sideways, opts)].sort(byTopLeft);
}

/**
 * Lines of words set sideways: words whose boxes share a vertical band (their x centres close), in
 * reading order (bottom to top for text that reads upwards), split at a wide gap.
 */
function sidewaysLines(words: Word[], opts: { splitGap?: number }): Line[] {
  const bands: Word[][] = [];
  for (const w of [...words].sort((a, b) => a.box[0] + a.box[2] - b.box[0] - b.box[2])) {
    const cx = (w.box[0] + w.box[2]) / 2;
    const band = bands.find((b) => {
      const r = b[0]!;
      return b[0]!.dir === w.dir && Math.abs((r.box[0] + r.box[2]) / 2 - cx) < Math.max(2, w.fontSize * 0.45);
    });
    if (band) band.push(w);
    else bands.push([w]);
  }
  const lines: Line[] = [];
  for (const band of bands) {
    const up = band[0]!.dir === 3;
    band.sort((a, b) => (up ? b.box[3] - a.box[3] : a.box[1] - b.box[1]));
    let start = 0;
    const gapOf = (p: Word, q: Word) => (up ? p.box[1] - q.box[3] : q.box[1] - p.box[3]);
    for (let i = 1; i < band.length; i++)
      if (opts.splitGap !== undefined && gapOf(band[i - 1]!, band[i]!) > opts.splitGap * band[i]!.fontSize) {
        lines.push(lineOf(band.slice(start, i)));
        start = i;
      }
    lines.push(lineOf(start ? band.slice(start) : band));
  }
  return lines;
}

function levelLines(words: Word[], opts: { splitGap?: number }): Line[] {
  const centred: Centred[] = [];
  for (const w of words) centred.push({ w, cy: (w.box[1] + w.box[3]) / 2 });
  centred.sort(byCentre);
  // a word joins the first band (in order of creation) whose first word's centre is near its own;
  // bands are created in centre order and "near" is under max(2, 0.45 h), so only the bands whose
  // centre lies within that reach of this word can match: they are the last few
  const bands: Word[][] = [];
  const centres: number[] = [];
  for (const { w, cy } of centred) {
    const h = w.box[3] - w.box[1];
    const reach = Math.max(2, h * 0.45);
    let band: Word[] | undefined;
    for (let i = bands.length - 1; i >= 0 && cy - centres[i]! < reach; i--) {
      const ref = bands[i]![0]!;
      if (Math.abs(centres[i]! - cy) < Math.max(2, Math.min(h, ref.box[3] - ref.box[1]) * 0.45))
        band = bands[i];
    }
    if (band) band.push(w);
    else {
      bands.push([w]);
      centres.push(cy);
    }
  }
  const lines: Line[] = [];
  const gap = opts.splitGap;
  for (const band of bands) {
    band.sort(byLeft);
    let start = 0;
    for (let i = 1; i < band.length; i++)
      if (gap !== undefined && band[i]!.box[0] - band[i - 1]!.box[2] > gap * band[i]!.fontSize) {
        lines.push(lineOf(band.slice(start, i)));
        start = i;
      }
    lines.push(lineOf(start ? band.slice(start) : band));
  }
  return lines.sort(byTopLeft);
}

/** A line of words already in left-to-right order. */
function lineOf(ws: Word[]): Line {
  return { text: ws.map(wordText).join(" "), box: union(ws.map(wordBox)), words: ws };
}

export function makeLine(words: Word[]): Line {
  return lineOf([...words].sort(byLeft));
}

export function pageWords(raw: RawPage): Word[] {
  return runsToWords(raw.runs);
}
