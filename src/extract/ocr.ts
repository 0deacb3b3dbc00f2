/**
 * OCR for pages without a usable text layer: the page is rendered with pdf.js on a Node canvas at a
 * resolution that suits tesseract, deskewed, and read by tesseract.js with the Italian data installed
 * from @tesseract.js-data/ita (nothing is downloaded at run time). Words come back as text runs with
 * their boxes in PDF points and their confidence, so the layout stage reads scanned tables as tables.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { createScheduler, createWorker, OEM, PSM, type Scheduler, type Worker } from "tesseract.js";
import type { Box, RawPage, Ruling, TextRun } from "../model/index.js";
// the layout stage's table readers find the cells of the page image's tables
import { latticeTables } from "../layout/lattice.js";
import { streamTables } from "../layout/stream.js";
import { runsToWords } from "../layout/words.js";
import type { PDFPageProxy } from "./pdfjs.js";

const require = createRequire(import.meta.url);

export const OCR_DPI = 300;
/** below this confidence (0-100) a word is flagged in the store and the export */
export const LOW_CONFIDENCE = 60;

/** a page without images needs this many painted paths to be taken for text drawn as outlines */
const OUTLINED_TEXT_PATHS = 200;
/** table cells whose words read shorter than this, or less sure than REREAD_CONFIDENCE, are read again */
const REREAD_CHARS = 32;
const REREAD_CONFIDENCE = 85;
/** at most this many cells of a page are read again (a dense table costs a read per cell) */
const MAX_REREADS = 400;

type Recognized = { data: unknown };
// tesseract.js passes any tesseract parameter given with a job through, for that job only (its types
// list only its own options)
type RecognizeOptions = Parameters<Worker["recognize"]>[1];
const AS_ONE_BLOCK = { tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as unknown as RecognizeOptions;

/**
 * `≥` and `≤` are not in tesseract's Italian alphabet: it reads them as `>` and `<`. The bar under the
 * sign is still in the glyph's box: a row in the box's lower third that is dark across most of its
 * width tells `≥` from `>` (whose strokes meet at one point).
 */
function barBelow(image: Canvas, b: TessBox): boolean {
  const w = b.x1 - b.x0,
    h = b.y1 - b.y0;
  if (w < 4 || h < 6) return false;
  const from = b.y0 + Math.floor((h * 2) / 3);
  const data = image.getContext("2d").getImageData(b.x0, from, w, b.y1 - from).data;
  for (let y = 0; y < b.y1 - from; y++) {
    let run = 0,
      best = 0;
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      run = data[i]! + data[i + 1]! + data[i + 2]! < 3 * 160 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    if (best >= w * 0.8) return true;
  }
  return false;
}

/**
 * Words of a tesseract result as text runs in PDF points; `dx`, `dy` place a crop on its page, and
 * `image` (the picture tesseract read, in its pixels) lets comparison signs be checked for a bar.
 */
function wordsOf(result: Recognized, scale: number, dx = 0, dy = 0, image?: Canvas): TextRun[] {
  const runs: TextRun[] = [];
  const data = result.data as { blocks?: { paragraphs: { lines: { words: TessWord[] }[] }[] }[] | null };
  for (const b of data.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines) {
        // a word box runs from the top of the capitals to the baseline (or below, with descenders or
        // noise): the line's median height over 0.75 is its type size, the same for all its words
        const heights = l.words.map((w) => w.bbox.y1 - w.bbox.y0).sort((a, b) => a - b);
        const fontSize = Math.max(4, (heights[heights.length >> 1] ?? 0) / scale / 0.75);
        for (const w of l.words) {
          let text = w.text.trim();
          const sign = w.symbols?.[0];
          if (image && sign && (sign.text === ">" || sign.text === "<") && text.startsWith(sign.text))
            if (barBelow(image, sign.bbox)) text = (sign.text === ">" ? "≥" : "≤") + text.slice(1);
          if (!text) continue;
          const box: Box = [
            (w.bbox.x0 + dx) / scale,
            (w.bbox.y0 + dy) / scale,
            (w.bbox.x1 + dx) / scale,
            (w.bbox.y1 + dy) / scale,
          ];
          runs.push({
            text,
            box,
            fontName: "ocr",
            fontSize,
            bold: false,
            italic: false,
            confidence: w.confidence,
          });
        }
      }
  return runs;
}
interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
  symbols?: { text: string; bbox: TessBox }[];
}

/** Mean confidence of runs, weighted by their length (0 for none). */
function meanConfidence(runs: TextRun[]): number {
  let n = 0,
    sum = 0;
  for (const r of runs) {
    n += r.text.length;
    sum += r.text.length * (r.confidence ?? 0);
  }
  return n ? sum / n : 0;
}

const centreIn = (r: TextRun, b: Box) => {
  const x = (r.box[0] + r.box[2]) / 2,
    y = (r.box[1] + r.box[3]) / 2;
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
};

/** Share of dark pixels in a region of an image. */
function inkIn(canvas: Canvas, x: number, y: number, w: number, h: number): number {
  const data = canvas.getContext("2d").getImageData(x, y, w, h).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 140) dark++;
  return dark / Math.max(1, w * h);
}

/**
 * A page needs OCR when its text is made of unreadable glyphs, or when it has (almost) no text but
 * paints something that could hold some: an image (a scan), or many paths (text drawn as outlines).
 * A blank page, or one with a few lines only, is not worth a reading.
 */
export function needsOcr(raw: RawPage): boolean {
  const text = raw.runs.map((r) => r.text).join("");
  const visible = text.replace(/\s/g, "");
  if (visible.length < 10)
    return !raw.paints || raw.paints.images > 0 || raw.paints.paths >= OUTLINED_TEXT_PATHS;
  const bad = [...visible].filter((c) => c === "\ufffd" || (c >= "\ue000" && c <= "\uf8ff")).length;
  return bad / visible.length > 0.3;
}

export async function renderPage(
  page: PDFPageProxy,
  dpi = OCR_DPI,
): Promise<{ canvas: Canvas; scale: number }> {
  let scale = dpi / 72;
  const base = page.getViewport({ scale: 1 });
  // keep a page under ~25 megapixels whatever its size
  const maxPx = 25e6;
  if (base.width * base.height * scale * scale > maxPx) scale = Math.sqrt(maxPx / (base.width * base.height));
  const viewport = page.getViewport({ scale });
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
 * Table rulings on a page image: runs of dark pixels longer than a minimum, merged over the few rows
 * (or columns) a printed line covers. Scanned tables are usually ruled, and their rulings let the
 * layout stage read them as lattice tables.
 */
export function imageRulings(canvas: Canvas, scale: number): Ruling[] {
  const w = canvas.width,
    h = canvas.height;
  const data = canvas.getContext("2d").getImageData(0, 0, w, h).data;
  const dark = new Uint8Array(w * h);
  for (let i = 0, j = 0; j < dark.length; i += 4, j++)
    dark[j] = data[i]! + data[i + 1]! + data[i + 2]! < 3 * 140 ? 1 : 0;
  // a ruling is at least 25 pt long across (a column is never narrower) and 12 pt down (a row of one
  // line of text is about 15 pt tall; a letter's stroke is shorter than 12 pt)
  const minAcross = Math.round(25 * scale),
    minDown = Math.round(12 * scale);
  // noise breaks a scanned line into pieces: a run goes on over gaps of up to 2 pixels
  const maxGap = 2;
  type Seg = { at: number; from: number; to: number };
  const scan = (horizontal: boolean): Seg[] => {
    const out: Seg[] = [];
    const n = horizontal ? h : w,
      m = horizontal ? w : h;
    const minLen = horizontal ? minAcross : minDown;
    for (let a = 0; a < n; a++) {
      let start = -1,
        last = -1;
      for (let b = 0; b <= m; b++) {
        const on = b < m && dark[horizontal ? a * w + b : b * w + a] === 1;
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
  const merge = (segs: Seg[]): Seg[] => {
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
    // thicker than 8 rows (2 pt at 300 dpi) is a filled area or a blot, not a ruling
    return out.filter((o) => o.at - o.first < 8).map((o) => ({ at: o.sum / o.n, from: o.from, to: o.to }));
  };
  const k = 1 / scale;
  return [
    ...merge(scan(true)).map((s): Ruling => ({
      orientation: "h",
      x0: s.from * k,
      x1: s.to * k,
      y0: s.at * k,
      y1: s.at * k,
      width: 1,
    })),
    ...merge(scan(false)).map((s): Ruling => ({
      orientation: "v",
      x0: s.at * k,
      x1: s.at * k,
      y0: s.from * k,
      y1: s.to * k,
      width: 1,
    })),
  ];
}

/** A pool of tesseract.js workers (one per core) with the Italian data from node_modules. */
export class OcrEngine {
  private scheduler: Scheduler | null = null;
  private starting: Promise<Scheduler> | null = null;
  constructor(private readonly workers = Math.max(1, Math.min(4, availableParallelism()))) {}

  private async start(): Promise<Scheduler> {
    const data = require("@tesseract.js-data/ita") as { langPath: string; gzip: boolean };
    const scheduler = createScheduler();
    for (let i = 0; i < this.workers; i++) {
      const worker = await createWorker("ita", OEM.LSTM_ONLY, {
        langPath: data.langPath,
        gzip: data.gzip,
        cacheMethod: "none",
      });
      scheduler.addWorker(worker);
    }
    return scheduler;
  }

  async ocrPage(page: PDFPageProxy, pageNumber: number, dpi = OCR_DPI): Promise<RawPage> {
    this.starting ??= this.start();
    this.scheduler = await this.starting;
    const { canvas, scale } = await renderPage(page, dpi);
    const skew = estimateSkew(canvas);
    const straight = rotate(canvas, skew);
    const rulings = imageRulings(straight, scale);
    // tesseract reads table text better without the table's lines: paint them white on a copy
    const clean = createCanvas(straight.width, straight.height);
    const cctx = clean.getContext("2d");
    cctx.drawImage(straight, 0, 0);
    cctx.strokeStyle = "white";
    cctx.lineWidth = Math.max(3, scale * 1.6);
    for (const r of rulings) {
      cctx.beginPath();
      cctx.moveTo(r.x0 * scale, r.y0 * scale);
      cctx.lineTo(r.x1 * scale, r.y1 * scale);
      cctx.stroke();
    }
    const png = await clean.encode("png");
    const result = await this.scheduler.addJob("recognize", png, {}, { blocks: true, text: false });
    const runs = await this.rereadCells(
      clean,
      scale,
      wordsOf(result, scale, 0, 0, clean),
      rulings,
      pageNumber,
    );
    const vp = page.getViewport({ scale: 1 });
    return {
      page: pageNumber,
      width: vp.width,
      height: vp.height,
      rotation: page.rotate,
      runs,
      rulings,
      rects: [],
      ocr: true,
    };
  }

  /**
   * Page segmentation reads long text well but loses short values alone in a table cell (`> 1` read as
   * `si`, `90%` as `PO`): with no neighbours, tesseract takes them for noise or for letters. Each cell
   * of a ruled table whose words came back short or unsure is read again on its own, as one block of
   * text; its words replace the page's when tesseract is surer of them. Empty cells are skipped.
   */
  private async rereadCells(
    image: Canvas,
    scale: number,
    runs: TextRun[],
    rulings: Ruling[],
    pageNumber: number,
  ): Promise<TextRun[]> {
    const words = runsToWords(runs);
    let { tables } = latticeTables(rulings, words, pageNumber);
    // ruled cells are read inside their rulings; an unruled table's cells (found by alignment) hug
    // their text, so they are read with a little room around it
    let inset = Math.max(3, Math.round(1.5 * scale));
    if (!tables.length) {
      tables = streamTables(words, pageNumber).tables;
      inset = -Math.round(2 * scale);
    }
    const margin = 12; // tesseract wants white space around text
    const jobs: { old: TextRun[]; read: Promise<TextRun[]> }[] = [];
    for (const cell of tables.flatMap((t) => t.cells)) {
      if (jobs.length >= MAX_REREADS) break;
      const old = runs.filter((r) => centreIn(r, cell.box));
      const chars = old.reduce((n, r) => n + r.text.length, 0);
      if (chars > REREAD_CHARS && old.every((r) => (r.confidence ?? 0) >= REREAD_CONFIDENCE)) continue;
      const x = Math.max(0, Math.round(cell.box[0] * scale) + inset),
        y = Math.max(0, Math.round(cell.box[1] * scale) + inset);
      const w = Math.min(image.width, Math.round(cell.box[2] * scale) - inset) - x,
        h = Math.min(image.height, Math.round(cell.box[3] * scale) - inset) - y;
      if (w < 8 || h < 8 || inkIn(image, x, y, w, h) < 0.002) continue;
      const crop = createCanvas(w + 2 * margin, h + 2 * margin);
      const ctx = crop.getContext("2d");
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, crop.width, crop.height);
      ctx.drawImage(image, x, y, w, h, margin, margin, w, h);
      // encoded now: the canvas's asynchronous encoder crashed the process with many crops in flight
      const png = crop.encodeSync("png");
      const read = this.scheduler!.addJob("recognize", png, AS_ONE_BLOCK, { blocks: true, text: false }).then(
        (r) => wordsOf(r, scale, x - margin, y - margin, crop),
      );
      jobs.push({ old, read });
    }
    const replaced = new Set<TextRun>();
    const added: TextRun[] = [];
    for (const job of jobs) {
      const fresh = await job.read;
      const conf = meanConfidence(fresh);
      // a short value read alone beats its reading in the page's flow (where tesseract guessed from
      // neighbours that are not there); longer text is taken only when read more surely
      const short = job.old.reduce((n, r) => n + r.text.length, 0) <= REREAD_CHARS;
      if (!fresh.length || conf < LOW_CONFIDENCE || (!short && conf < meanConfidence(job.old))) continue;
      for (const r of job.old) replaced.add(r);
      added.push(...fresh);
    }
    return [...runs.filter((r) => !replaced.has(r)), ...added];
  }

  async terminate(): Promise<void> {
    const s = this.scheduler ?? (this.starting ? await this.starting : null);
    this.scheduler = null;
    this.starting = null;
    if (s) await s.terminate();
  }
}
