/**
 * Page images for OCR: rendering with pdf.js on a Node canvas, skew, rotation, table rulings found in
 * the pixels, and the small pixel tests the OCR stage makes (ink in a region, a bar under a sign).
 */
import { createCanvas, type Canvas } from "./canvas.js";
import type { Ruling } from "../model/index.js";
import { pdfjs, type PDFPageProxy } from "./pdfjs.js";
import { typeStems } from "./typestems.js";

/**
 * A word is bold when its stems are this much thicker, for its type size, than the page's typical
 * word's. Measured on the fixtures' scans (stem / line height): regular words 0.08-0.13, bold ones
 * 0.13-0.19, typical (median) 0.10-0.11. On 200 dpi G4 copies (ordered, diffusion, threshold), stems
 * over the page's typical: regular words 0.6-1.1, bold ones 1.3-1.6, few between; at 1.35 a
 * threshold copy's bold (regular stems 3 pixels, bold 4) was not told, and names ran on into their
 * descriptions.
 */
export const BOLD_STEMS = 1.25;

/**
 * The page's typical stem ratio (stems over line height): the median over its words, each counted
 * once per letter; NaN when none was measured.
 */
export function typicalStem(words: readonly { text: string; stems: number }[]): number {
  const values: number[] = [];
  for (const w of words) if (Number.isFinite(w.stems)) for (const _ of w.text) values.push(w.stems);
  values.sort((a, b) => a - b);
  return values.length ? values[values.length >> 1]! : NaN;
}

/** Whether a word of stem ratio `stems` is bold on a page whose typical ratio is `typical`. */
export const boldStems = (stems: number, typical: number): boolean =>
  Number.isFinite(typical) && stems > typical * BOLD_STEMS;

/**
 * A word of marks alone (a dash, a slash, a quote) takes its neighbours' weight: its few thin strokes
 * say nothing of bold, and left light it broke a bold banner (`AREA 1 – Welfare`) into a plain line.
 * Neighbours are the runs just before and after it in reading order on its band; all of them must be
 * bold. So does a word of one or two letters (`e`, `di`), or a number of one or two digits (`AREA
 * STRATEGICA 4 -`), between two bold words (marks between are passed over): one round letter's or
 * digit's stems are too few to measure, and a light `e` had made a banner (`Area 2 - Sostenibilità
 * economica e organizzazione`) a plain line across a gutter. Changes `runs` in place.
 */
export function markWeights(runs: { text: string; box: readonly number[]; bold: boolean }[]): void {
  // (the lower box's middle within the taller's height: a dash's box is a sliver no middle falls in)
  const sameBand = (a: { box: readonly number[] }, b: { box: readonly number[] }) => {
    const [s, t] = a.box[3]! - a.box[1]! <= b.box[3]! - b.box[1]! ? [a, b] : [b, a];
    const c = (s.box[1]! + s.box[3]!) / 2;
    return c > t.box[1]! && c < t.box[3]!;
  };
  const marks = (t: string) => !/[\p{L}\p{N}]/u.test(t);
  const short = (t: string) => /^(?:\p{L}{1,2}|\p{N}{1,2})$/u.test(t);
  // the nearest run on the band in reading order that is not marks alone, one way (-1) or the other
  const word = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < runs.length; j += step) {
      if (!sameBand(runs[j]!, runs[i]!)) return undefined;
      if (!marks(runs[j]!.text)) return runs[j];
    }
    return undefined;
  };
  const shortBold = runs.map((r, i) => {
    if (r.bold || !short(r.text)) return r.bold;
    const [a, b] = [word(i, -1), word(i, 1)];
    return !!a?.bold && !!b?.bold;
  });
  runs.forEach((r, i) => (r.bold = shortBold[i]!));
  const bold = runs.map((r, i) => {
    if (r.bold || !marks(r.text)) return r.bold;
    const near = [runs[i - 1], runs[i + 1]].filter((n) => n !== undefined && sameBand(n, r));
    return near.length > 0 && near.every((n) => n!.bold);
  });
  runs.forEach((r, i) => (r.bold = bold[i]!));
}

/**
 * A ruling is followed along a band of pixel rows (columns, for a vertical one) this tall, in points,
 * over gaps of up to DOT_GAP points: a thin grey rule dithered to dots steps between neighbouring
 * rows, and its dots are up to an ordered dither's cell apart (4 pixels, 1.44 pt at 200 dpi).
 */
export const DOT_BAND = 0.6;
export const DOT_GAP = 1.2;

/** on a page cleared of screens, a pixel darker than this grey may belong to a ruling */
export const RULING_GREY = 170;

/** a box in an image's pixels */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export async function renderPage(
  page: PDFPageProxy,
  dpi: number,
  /** moves the drawing by this much (pixels), right and down */
  offset: [number, number] = [0, 0],
): Promise<{ canvas: Canvas; scale: number }> {
  let scale = dpi / 72;
  const base = page.getViewport({ scale: 1 });
  // keep a page under ~25 megapixels whatever its size
  const maxPx = 25e6;
  if (base.width * base.height * scale * scale > maxPx) scale = Math.sqrt(maxPx / (base.width * base.height));
  const viewport = page.getViewport({ scale, offsetX: offset[0], offsetY: offset[1] });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // @napi-rs/canvas stands in for the DOM canvas pdf.js expects
  await page.render({ canvasContext: ctx, viewport, canvas } as unknown as Parameters<
    PDFPageProxy["render"]
  >[0]).promise;
  return { canvas, scale };
}

/**
 * The resolution (dots per inch) of a page's scan when it is a bilevel image (1 bit a pixel, as a G4
 * or JBIG2 scan) drawn upright over most of the page, and the image's top left corner (PDF points,
 * the page's own coordinates); else null. Called after the page was rendered (its images are
 * decoded then).
 */
export async function bilevelScan(
  page: PDFPageProxy,
): Promise<{ dpi: number; corner: [number, number] } | null> {
  const { OPS } = pdfjs;
  const ops = await page.getOperatorList();
  const base = page.getViewport({ scale: 1 });
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const mul = (m: number[], n: ArrayLike<number>) => [
    n[0]! * m[0]! + n[1]! * m[2]!,
    n[0]! * m[1]! + n[1]! * m[3]!,
    n[2]! * m[0]! + n[3]! * m[2]!,
    n[2]! * m[1]! + n[3]! * m[3]!,
    n[4]! * m[0]! + n[5]! * m[2]! + m[4]!,
    n[4]! * m[1]! + n[5]! * m[3]! + m[5]!,
  ];
  let best: { dpi: number; corner: [number, number] } | null = null,
    bestArea = 0.5 * base.width * base.height;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!,
      args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0] as ArrayLike<number> | null;
      if (m) ctm = mul(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintImageMaskXObject) {
      // a stencil mask (/ImageMask, as some scanners and converters store a 1-bit scan: its set
      // pixels painted in the fill colour) is 1 bit a pixel by definition
      const mask = fn === OPS.paintImageMaskXObject;
      const [id, pw, ph] = mask
        ? ["", (args[0] as { width: number }).width, (args[0] as { height: number }).height]
        : (args as [string, number, number]);
      const [a, b, c, d] = ctm as [number, number, number, number];
      if (Math.abs(b) > 1e-6 * Math.abs(a) || Math.abs(c) > 1e-6 * Math.abs(d)) continue;
      const area = Math.abs(a * d);
      if (area < bestArea || (!mask && !page.objs.has(id))) continue;
      const img = mask
        ? { kind: pdfjs.ImageKind.GRAYSCALE_1BPP }
        : (page.objs.get(id) as { kind?: number } | null);
      const dpiX = (pw / Math.abs(a)) * 72,
        dpiY = (ph / Math.abs(d)) * 72;
      if (img?.kind !== pdfjs.ImageKind.GRAYSCALE_1BPP || Math.abs(dpiX - dpiY) > 0.01 * dpiX) continue;
      // the unit square's corner that is left and top on the page
      best = { dpi: dpiX, corner: [ctm[4]! + Math.min(0, a), ctm[5]! + Math.max(0, d)] };
      bestArea = area;
    }
  }
  return best;
}

/**
 * Whether an image holds only black and white, bar 1 % of its pixels (text drawn over a scan, a
 * protocol stamp, is smoothed); a bilevel scan drawn between pixels comes out grey along every edge.
 */
export function isBilevel(canvas: Canvas): boolean {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let other = 0;
  for (let i = 0; i < data.length; i += 4) {
    const v = data[i]!;
    if ((v !== 0 && v !== 255) || data[i + 1] !== v || data[i + 2] !== v) other++;
  }
  return other <= 0.01 * (data.length / 4);
}

/**
 * Skew of a scanned page in degrees, by projection profiles: the angle at which the rows of dark
 * pixels line up best (text lines and table rulings), searched over ±3°.
 */
export function estimateSkew(canvas: Canvas): number {
  const w = 700;
  const h = Math.round((canvas.height * w) / canvas.width);
  const small = createCanvas(w, h);
  const sctx = small.getContext("2d");
  sctx.drawImage(canvas, 0, 0, w, h);
  const data = sctx.getImageData(0, 0, w, h).data;
  const pts: [number, number][] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 110) pts.push([x, y]);
    }
  if (pts.length < 200) return 0;
  let best = 0,
    bestScore = -1;
  for (let a = -3; a <= 3.0001; a += 0.1) {
    const t = (a * Math.PI) / 180;
    const sin = Math.sin(t),
      cos = Math.cos(t);
    const bins = new Float64Array(h * 2 + w);
    for (const [x, y] of pts) bins[Math.round(y * cos - x * sin + w)]!++;
    let score = 0;
    for (const b of bins) score += b * b;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 10) / 10;
}

/** The page image turned by -angle around its centre (white where nothing was). */
export function rotate(canvas: Canvas, angle: number): Canvas {
  if (!angle) return canvas;
  const out = createCanvas(canvas.width, canvas.height);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((-angle * Math.PI) / 180);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  return out;
}

/**
 * Table rulings on a page image: runs of ink pixels longer than a minimum, merged over the few rows
 * (or columns) a printed line covers. Scanned tables are usually ruled, and their rulings let the
 * layout stage read them as lattice tables. `across` is the ink that may form horizontal rulings,
 * `down` vertical ones (see rulingInk: a halftone screen's thin lines are left out of both).
 */
export function imageRulings(
  ink: { across: Uint8Array; down: Uint8Array },
  w: number,
  h: number,
  scale: number,
): Ruling[] {
  // a ruling is at least 25 pt long across (a column is never narrower) and 12 pt down (a row of one
  // line of text is about 15 pt tall; a letter's stroke is shorter than 12 pt)
  const minAcross = Math.round(25 * scale),
    minDown = Math.round(12 * scale);
  // noise breaks a scanned line into pieces: a run goes on over gaps of up to 2 pixels, along one row
  type Seg = { at: number; from: number; to: number };
  const scan = (horizontal: boolean, band: number, maxGap: number): Seg[] => {
    const out: Seg[] = [];
    const n = horizontal ? h : w,
      m = horizontal ? w : h;
    const minLen = horizontal ? minAcross : minDown;
    const at = (a: number, b: number) => {
      for (let c = a; c < Math.min(n, a + band); c++)
        if ((horizontal ? ink.across[c * w + b] : ink.down[b * w + c]) === 1) return true;
      return false;
    };
    for (let a = 0; a < n; a++) {
      let start = -1,
        last = -1;
      for (let b = 0; b <= m; b++) {
        const on = b < m && at(a, b);
        if (on) {
          if (start < 0 || b - last - 1 > maxGap) {
            if (start >= 0 && last + 1 - start >= minLen) out.push({ at: a, from: start, to: last + 1 });
            start = b;
          }
          last = b;
        }
      }
      if (start >= 0 && last + 1 - start >= minLen) out.push({ at: a, from: start, to: last + 1 });
    }
    return out;
  };
  type Band = Seg & { first: number; last: number };
  const merge = (segs: Seg[], band = 1): Band[] => {
    // segments on neighbouring rows that overlap are the same printed line; a noisy line breaks into
    // several runs per row, so thickness is counted in rows, not in runs
    const out: (Seg & { first: number; n: number; sum: number })[] = [];
    for (const s of segs) {
      const prev = out.find((o) => s.at - o.sum / o.n <= 3 && s.at >= o.at && s.from < o.to && s.to > o.from);
      if (prev) {
        prev.from = Math.min(prev.from, s.from);
        prev.to = Math.max(prev.to, s.to);
        prev.sum += s.at;
        prev.n++;
        prev.at = s.at;
      } else out.push({ ...s, first: s.at, n: 1, sum: s.at });
    }
    // thicker than 8 rows (2 pt at 300 dpi) is a filled area or a blot, not a ruling; a band starting
    // band - 1 rows above a line already holds it, so the line's rows are counted from there
    const lift = band - 1;
    return out
      .filter((o) => o.at - o.first - lift < 8)
      .map((o) => ({
        at: o.sum / o.n + lift / 2,
        from: o.from,
        to: o.to,
        first: o.first + lift,
        last: o.at,
      }));
  };
  const k = 1 / scale;
  // a run along a pixel row is a horizontal ruling, along a column a vertical one
  const toRuling =
    (horizontal: boolean) =>
    (s: { at: number; from: number; to: number }): Ruling => {
      const [a, b, at] = [s.from * k, s.to * k, s.at * k];
      return horizontal
        ? { orientation: "h", x0: a, x1: b, y0: at, y1: at, width: 1 }
        : { orientation: "v", x0: at, x1: at, y0: a, y1: b, width: 1 };
    };
  // a line of text whose letters are bold and close enough has their bottoms run together, over gaps
  // of a pixel or two, into a line as long as a ruling (it was painted out with the letters' lower
  // halves): a ruling's top row has white above it over most of its length (a thick ruling's lower
  // rows, found apart, are the same ruling as its top row), such a line has the letters' bodies.
  // Likewise the tops of a heading's bold serif capitals (`OBIETTIVO`: the bars of E, T, T and the
  // serifs of I run together) make a line with the letters' bodies under it, where a ruling's
  // bottom row has white: it was painted out with the capitals' tops, read `OBIELVLIVI`
  const off = Math.max(2, Math.round(0.75 * scale));
  // the more inked of the rows `off` above a line's top and below its bottom: how many pixels
  const beside = (s: Band) => {
    let above = 0,
      below = 0;
    if (s.first - off >= 0) for (let b = s.from; b < s.to; b++) above += ink.across[(s.first - off) * w + b]!;
    if (s.last + off < h) for (let b = s.from; b < s.to; b++) below += ink.across[(s.last + off) * w + b]!;
    return Math.max(above, below);
  };
  const underPrint = (s: Band) => beside(s) >= 0.35 * (s.to - s.from);
  const across = merge(scan(true, 1, 2)).filter((s) => !underPrint(s));
  // a thin grey rule on a dithered scan is a row of dots (a 4x4 ordered dither at 200 dpi leaves up
  // to 3 of its pixels white between dots, 1.1 pt) that steps from one pixel row to the next along
  // the rule: its runs along single rows are short and were dropped, and the lattice ran rows
  // together. Across, lines are also followed in a band of rows DOT_BAND pt tall over gaps of up to
  // DOT_GAP pt; since a line of text's letters make such a band too, one found so only counts with
  // white (under a tenth of its length inked) on the rows just beyond it on both sides, and where
  // the single rows did not already find it. Where they found it in pieces a few points apart (the
  // dots step between rows) and three vertical rulings or more cross it (a grid's row border), it
  // is followed whole all the same: the lattice does not bridge such gaps, and rows ran together
  // (a table ruled across only is read by alignment, which counts pieces by the length they cover)
  const down = merge(scan(false, 1, 2));
  const band = Math.max(1, Math.round(DOT_BAND * scale));
  const dotted =
    band > 1
      ? merge(scan(true, band, Math.max(2, Math.round(DOT_GAP * scale))), band).filter((s) => {
          if (beside(s) >= 0.1 * (s.to - s.from)) return false;
          let covered = 0,
            longest = 0;
          for (const o of across)
            if (Math.abs(o.at - s.at) <= 3) {
              const over = Math.max(0, Math.min(o.to, s.to) - Math.max(o.from, s.from));
              covered += over;
              longest = Math.max(longest, over);
            }
          if (covered < 0.9 * (s.to - s.from)) return true;
          if (longest >= 0.9 * (s.to - s.from)) return false;
          const crossing = down.filter(
            (v) => v.at >= s.from - 2 && v.at <= s.to + 2 && v.from <= s.at + 3 && v.to >= s.at - 3,
          );
          return new Set(crossing.map((v) => Math.round(v.at / (2 * scale)))).size >= 3;
        })
      : [];
  // the pieces single rows found of a line followed whole are dropped: one ruling stands for it
  const pieces = across.filter(
    (o) => !dotted.some((d) => Math.abs(o.at - d.at) <= 3 && o.from >= d.from - 2 && o.to <= d.to + 2),
  );
  // a large title's upright strokes are as long as a short ruling: they stay in the image (typestems.ts)
  const stems = typeStems(down, [...pieces, ...dotted], scale);
  return [
    ...[...pieces, ...dotted].map(toRuling(true)),
    ...down.filter((_, i) => !stems.has(i)).map(toRuling(false)),
  ];
}

/** Share of dark pixels in a region of an image. */
export function inkIn(canvas: Canvas, x: number, y: number, w: number, h: number): number {
  const data = canvas.getContext("2d").getImageData(x, y, w, h).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 140) dark++;
  return dark / Math.max(1, w * h);
}

/**
 * `≥` and `≤` are not in tesseract's Italian alphabet: it reads them as `>` and `<`. The bar under the
 * sign is still in the glyph's box: a row in the box's lower third that is dark across most of its
 * width tells `≥` from `>` (whose strokes meet at one point).
 */
export function barBelow(image: Canvas, b: PixelBox): boolean {
  const w = b.x1 - b.x0,
    h = b.y1 - b.y0;
  if (w < 4 || h < 6) return false;
  const from = b.y0 + Math.floor((h * 2) / 3);
  const data = image.getContext("2d").getImageData(b.x0, from, w, b.y1 - from).data;
  for (let y = 0; y < b.y1 - from; y++) {
    // (a dithered scan prints the bar as a row of dots: a stretch of ink with gaps of a pixel or two,
    // dark over half its length at least, is a bar too)
    let start = -1,
      last = -1,
      dark = 0;
    for (let x = 0; x <= w; x++) {
      const i = (y * w + x) * 4;
      const ink = x < w && data[i]! + data[i + 1]! + data[i + 2]! < 3 * 160;
      if (ink && start >= 0 && x - last <= BAR_GAP + 1) {
        last = x;
        dark++;
        continue;
      }
      if (start >= 0 && last - start + 1 >= w * 0.8 && dark >= (last - start + 1) * 0.5) return true;
      if (ink) {
        start = last = x;
        dark = 1;
      } else if (x - last > BAR_GAP) start = -1;
    }
  }
  return false;
}

/**
 * A word read with `>` or `<` first (its first symbol, `sign`) with the sign made `≥` or `≤` where a
 * bar is under it. `>=` says it already: a bar found under a struck `>` is the stroke through it.
 */
export function barredSign(
  text: string,
  sign: { text: string; bbox: PixelBox } | undefined,
  image: Canvas,
): string {
  if (!sign || (sign.text !== ">" && sign.text !== "<") || !text.startsWith(sign.text) || text[1] === "=")
    return text;
  return barBelow(image, sign.bbox) ? (sign.text === ">" ? "≥" : "≤") + text.slice(1) : text;
}

/** the widest gap, in pixels, between the dots of a dithered bar */
const BAR_GAP = 2;

/**
 * How thick a word's stems are, in pixels: the mean length of the middle half of the ink runs
 * along the rows of the middle of its box (between x-height and baseline the runs are mostly the
 * letters' vertical strokes). Bold print has stems about half as thick again as regular print of the same size.
 */
export function stemWidth(image: Canvas, b: PixelBox): number {
  const x0 = Math.max(0, Math.round(b.x0)),
    y0 = Math.max(0, Math.round(b.y0));
  const w = Math.min(image.width, Math.round(b.x1)) - x0,
    h = Math.min(image.height, Math.round(b.y1)) - y0;
  if (w < 3 || h < 6) return NaN;
  const data = image.getContext("2d").getImageData(x0, y0, w, h).data;
  const runs: number[] = [];
  for (let y = Math.floor(h * 0.3); y < Math.ceil(h * 0.75); y++) {
    let run = 0;
    for (let x = 0; x <= w; x++) {
      const i = (y * w + x) * 4;
      if (x < w && data[i]! + data[i + 1]! + data[i + 2]! < 3 * 140) run++;
      else if (run) {
        runs.push(run);
        run = 0;
      }
    }
  }
  if (!runs.length) return NaN;
  runs.sort((a, c) => a - c);
  // the mean of the middle half, not the median: runs are whole pixels, and a median of them is too
  // (a 200 dpi scan's regular and bold stems both came out 3 or 4 pixels)
  return middleMean(runs);
}

/** The mean of the middle half of sorted values (the one value when there is one). */
export function middleMean(sorted: readonly number[]): number {
  const lo = Math.floor(sorted.length / 4),
    hi = Math.max(lo + 1, Math.ceil((sorted.length * 3) / 4));
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += sorted[i]!;
  return sum / (hi - lo);
}

/**
 * Whether a page image's lines of text run down the page rather than across it (a landscape table
 * scanned on a portrait sheet): text lines leave rows of white between them, so the ink's profile
 * along the direction across the lines swings much more than along them. Measured on a small copy
 * with long runs of ink (rulings, frames) taken out, since a table's rulings swing both profiles.
 */
export function linesRunDown(canvas: Canvas): boolean {
  const w = 500;
  const h = Math.max(1, Math.round((canvas.height * w) / canvas.width));
  const small = createCanvas(w, h);
  const sctx = small.getContext("2d");
  sctx.fillStyle = "white";
  sctx.fillRect(0, 0, w, h);
  sctx.drawImage(canvas, 0, 0, w, h);
  const data = sctx.getImageData(0, 0, w, h).data;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++)
    ink[i] = data[4 * i]! + data[4 * i + 1]! + data[4 * i + 2]! < 3 * 160 ? 1 : 0;
  // runs of ink longer than a word is tall are rulings or frames, not text
  const long = Math.round(w / 40);
  const keep = ink.slice();
  const clearRuns = (horizontal: boolean) => {
    const n = horizontal ? h : w,
      m = horizontal ? w : h;
    for (let a = 0; a < n; a++) {
      let start = -1;
      for (let b = 0; b <= m; b++) {
        const i = horizontal ? a * w + b : b * w + a;
        if (b < m && ink[i]) {
          if (start < 0) start = b;
        } else if (start >= 0) {
          if (b - start >= long) for (let c = start; c < b; c++) keep[horizontal ? a * w + c : c * w + a] = 0;
          start = -1;
        }
      }
    }
  };
  clearRuns(true);
  clearRuns(false);
  const rows = new Float64Array(h),
    cols = new Float64Array(w);
  let total = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (keep[y * w + x]) {
        rows[y]!++;
        cols[x]!++;
        total++;
      }
  if (total < 500) return false;
  // how much a profile swings from one line to the next, for its mean: neighbouring differences
  const swing = (p: Float64Array) => {
    let d = 0,
      s = 0;
    for (let i = 1; i < p.length; i++) {
      d += Math.abs(p[i]! - p[i - 1]!);
      s += p[i]!;
    }
    return s ? d / s : 0;
  };
  // measured: pages upright 0.33-0.80, the same turned a quarter 1.08-1.97 (the caller confirms by
  // reading, since turning an upright page would lose it)
  return swing(cols) > swing(rows);
}

/** The image turned clockwise by 90, 180 or 270 degrees (270: a quarter counterclockwise). */
export function turnImage(canvas: Canvas, turn: 90 | 180 | 270): Canvas {
  const out =
    turn === 180 ? createCanvas(canvas.width, canvas.height) : createCanvas(canvas.height, canvas.width);
  const ctx = out.getContext("2d");
  // exact quarter-turn matrices (rotate() leaves 1e-16 terms): pixels are moved, never resampled
  const [cos, sin] = turn === 90 ? [0, 1] : turn === 180 ? [-1, 0] : [0, -1];
  ctx.setTransform(cos, sin, -sin, cos, out.width / 2, out.height / 2);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  return out;
}

/**
 * How a page image's lines of text lean: the ink above their cores (ascenders and capitals, in
 * Latin print far more than descenders) over the ink below them. Upright print comes out well
 * above 1; the same page upside down, well below. Measured in strips an inch or so wide (a line
 * stays on its rows across a strip of a page turned a little), on lines 4-30 pt tall, each line's
 * core being its rows with half its densest row's ink or more. NaN when too few lines are found to
 * tell (fewer than 12). Rulings must be cleared first: a vertical one joins every line of its strip.
 */
export function ascenderRatio(canvas: Canvas, scale: number): number {
  const w = canvas.width,
    h = canvas.height;
  const data = canvas.getContext("2d").getImageData(0, 0, w, h).data;
  const strips = Math.max(1, Math.round(w / (scale * 100)));
  const profiles = Array.from({ length: strips }, () => new Uint32Array(h));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (data[4 * (y * w + x)]! < 128) profiles[Math.floor((x * strips) / w)]![y]!++;
  let above = 0,
    below = 0,
    lines = 0;
  const minH = scale * 4,
    maxH = scale * 30;
  for (const p of profiles) {
    let y = 0;
    while (y < h) {
      if (p[y]! < 2) {
        y++;
        continue;
      }
      const top = y;
      while (y < h && p[y]! >= 2) y++;
      const bottom = y; // exclusive
      if (bottom - top < minH || bottom - top > maxH) continue;
      let peak = 0;
      for (let r = top; r < bottom; r++) peak = Math.max(peak, p[r]!);
      let c0 = top,
        c1 = bottom - 1;
      while (p[c0]! < peak / 2) c0++;
      while (p[c1]! < peak / 2) c1--;
      for (let r = top; r < c0; r++) above += p[r]!;
      for (let r = c1 + 1; r < bottom; r++) below += p[r]!;
      lines++;
    }
  }
  if (lines < 12) return NaN;
  return above / Math.max(1, below);
}
