/**
 * Strokes through print on a page image: a revised target struck through (`>=28 N.` under a line).
 * On a scan such a stroke is either too short for a ruling (under 25 pt) or taken for one and painted
 * out with a band of white as thick as a ruling's, which wipes the struck value's letters: tesseract
 * read nothing where `<=€ 249,83` stood, or `≥=28-8k` for `>=28 N.`. A stroke through print is a thin
 * run of ink along a pixel row with letters above it and below it over much of its length (its
 * letters' bodies, about as far up as down); an underline has letters above only, a ruling white on
 * both sides, the bottoms of bold letters run together white below. Such strokes are rulings to the
 * layout (strike.ts marks the words they cross), and are cleared pixel by pixel where no letter
 * crosses them, so the struck words are still read.
 */
import type { Ruling } from "../model/index.js";
import type { Canvas } from "./canvas.js";

/** a stroke through print is this long at least, in points (a struck `ON`, `28 N.`) */
const MIN_LENGTH = 7;
/** and this thick at most, in points (a pen's or a word processor's line, scanned) */
const MAX_THICK = 1.6;
/** the rows next to it are inked over this share of its length at least, on both sides */
const BESIDE = 0.12;
/** letters reach this far beyond it, in points, on both sides, at least and at most */
const REACH = [1, 8] as const;

/** letters reach below it at most this many times as far as above it */
const MAX_DOWN = 1.3;
/** and runs through the white between letters (and words) over this much of it at least, in points and as a share */
const MIN_BARE = [1, 0.1] as const;

interface Band {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

/**
 * The strokes through print on an ink mask (1 = ink) of `w` by `h` pixels at `scale` pixels per
 * point, as horizontal rulings in points.
 */
export function strikeStrokes(ink: Uint8Array, w: number, h: number, scale: number): Ruling[] {
  const minLen = Math.round(MIN_LENGTH * scale);
  // runs along each row over gaps of a pixel (a scanned line's noise)
  const runs: { y: number; x0: number; x1: number }[] = [];
  for (let y = 0; y < h; y++) {
    let start = -1,
      last = -2;
    for (let x = 0; x <= w; x++) {
      const on = x < w && ink[y * w + x] === 1;
      if (!on) continue;
      if (x - last > 2) {
        if (start >= 0 && last + 1 - start >= minLen) runs.push({ y, x0: start, x1: last + 1 });
        start = x;
      }
      last = x;
    }
    if (start >= 0 && last + 1 - start >= minLen) runs.push({ y, x0: start, x1: last + 1 });
  }
  // runs on neighbouring rows that overlap are one line (runs come row by row: only the bands that
  // reached the row above are open to them)
  const bands: Band[] = [];
  let open: Band[] = [];
  let row = -1;
  for (const r of runs) {
    if (r.y !== row) {
      open = open.filter((o) => o.y1 >= r.y - 1);
      row = r.y;
    }
    const b = open.find((o) => r.x0 < o.x1 && r.x1 > o.x0);
    if (b) {
      b.y1 = r.y;
      b.x0 = Math.min(b.x0, r.x0);
      b.x1 = Math.max(b.x1, r.x1);
    } else {
      const n = { y0: r.y, y1: r.y, x0: r.x0, x1: r.x1 };
      bands.push(n);
      open.push(n);
    }
  }
  const share = (y: number, b: Band) => {
    if (y < 0 || y >= h) return 0;
    let n = 0;
    for (let x = b.x0; x < b.x1; x++) n += ink[y * w + x]!;
    return n / (b.x1 - b.x0);
  };
  // how many rows beyond the band, one way, are inked over a share of its length
  const reach = (b: Band, step: -1 | 1) => {
    let y = step < 0 ? b.y0 - 1 : b.y1 + 1,
      n = 0;
    while (n < REACH[1] * scale + 1 && share(y, b) >= BESIDE / 2) {
      y += step;
      n++;
    }
    return n;
  };
  const out: Ruling[] = [];
  for (const b of bands) {
    if (b.y1 - b.y0 + 1 > MAX_THICK * scale) continue;
    const off = Math.max(1, Math.round(0.4 * scale));
    if (share(b.y0 - off, b) < BESIDE || share(b.y1 + off, b) < BESIDE) continue;
    const up = reach(b, -1),
      down = reach(b, 1);
    if (up < REACH[0] * scale || down < REACH[0] * scale) continue;
    if (up > REACH[1] * scale || down > REACH[1] * scale) continue;
    // a stroke crosses letters about their middle, with capitals' and ascenders' tops above as far as
    // their feet below, or further; crossbars run together at the x-height (`tt` in `atteso`) have
    // the letters' bodies under them, twice as far as the ascenders over them
    if (down > up * MAX_DOWN) continue;
    // it runs on through the white between letters: columns where it is the only ink
    let bare = 0;
    for (let x = b.x0; x < b.x1; x++) {
      let inked = false;
      for (let y = b.y0 - up; y <= b.y1 + down && !inked; y++)
        if ((y < b.y0 || y > b.y1) && y >= 0 && y < h && ink[y * w + x]) inked = true;
      if (!inked) bare++;
    }
    if (bare < MIN_BARE[0] * scale || bare < MIN_BARE[1] * (b.x1 - b.x0)) continue;
    const y = (b.y0 + b.y1 + 1) / 2 / scale;
    out.push({
      through: true,
      orientation: "h",
      x0: b.x0 / scale,
      x1: b.x1 / scale,
      y0: y,
      y1: y,
      width: (b.y1 - b.y0 + 1) / scale,
    });
  }
  return out;
}

/** Whether a ruling found as a table's lies along a stroke through print (the same line, found twice). */
export function alongStroke(r: Ruling, strokes: readonly Ruling[]): boolean {
  if (r.orientation !== "h") return false;
  return strokes.some((s) => {
    const over = Math.min(r.x1, s.x1) - Math.max(r.x0, s.x0);
    return Math.abs(r.y0 - s.y0) <= 1.5 && over >= 0.5 * Math.min(r.x1 - r.x0, s.x1 - s.x0);
  });
}

/**
 * Paints strokes through print white where no letter meets them (the rows just beyond the stroke
 * are white there), so the struck words keep their letters whole. A mark just beyond the stroke keeps
 * it too: cleared, the bar of an `=` it ran along left `>-`. Changes `image` in place; `scale` is
 * pixels per point.
 */
export function clearStrokes(image: Canvas, strokes: readonly Ruling[], scale: number): void {
  const ctx = image.getContext("2d");
  for (const s of strokes) {
    const x0 = Math.max(0, Math.floor(s.x0 * scale) - 1),
      x1 = Math.min(image.width, Math.ceil(s.x1 * scale) + 1);
    const half = (s.width * scale) / 2;
    const top = Math.max(0, Math.floor(s.y0 * scale - half) - 1),
      bottom = Math.min(image.height - 1, Math.ceil(s.y0 * scale + half));
    // the band and a row beyond it each way, to tell a crossing letter's ink from the stroke's
    const y0 = Math.max(0, top - 2),
      y1 = Math.min(image.height - 1, bottom + 2);
    if (x1 <= x0 || y1 <= y0) continue;
    const img = ctx.getImageData(x0, y0, x1 - x0, y1 - y0 + 1);
    const d = img.data;
    const W = x1 - x0;
    const dark = (x: number, y: number) => {
      const i = ((y - y0) * W + x) * 4;
      return d[i]! + d[i + 1]! + d[i + 2]! < 3 * 160;
    };
    for (let x = 0; x < W; x++) {
      if (dark(x, y0) || dark(x, y1)) continue;
      for (let y = top; y <= bottom; y++) {
        const i = ((y - y0) * W + x) * 4;
        d[i] = d[i + 1] = d[i + 2] = 255;
      }
    }
    ctx.putImageData(img, x0, y0);
  }
}
