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
    if (!HAS_SPACE.test(text)) {
      words.push({
        text,
        box: r.box,
        fontSize: r.fontSize,
        bold: r.bold,
        italic: r.italic,
        struck: false,
        ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
      });
      continue;
    }
    const [x0, y0, x1, y1] = r.box;
    const horizontal = x1 - x0 >= (y1 - y0) * 0.3 || n === 1;
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const a = m.index / n,
        b = (m.index + m[0].length) / n;
      const box: Box = horizontal
        ? [x0 + (x1 - x0) * a, y0, x0 + (x1 - x0) * b, y1]
        : [x0, y0 + (y1 - y0) * a, x1, y0 + (y1 - y0) * b];
      words.push({
        text: m[0],
        box,
        fontSize: r.fontSize,
        bold: r.bold,
        italic: r.italic,
        struck: false,
        ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
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

/** Groups words into lines: same vertical band, left to right; a wide gap splits a line (columns). */
export function wordsToLines(words: Word[], opts: { splitGap?: number } = {}): Line[] {
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
