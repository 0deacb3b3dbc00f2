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
import { barBelow, estimateSkew, imageRulings, inkIn, renderPage, rotate, type PixelBox } from "./image.js";
import type { PDFPageProxy } from "./pdfjs.js";

const require = createRequire(import.meta.url);

export const OCR_DPI = 300;
/** below this confidence (0-100) a word is flagged in the store and the export */
export const LOW_CONFIDENCE = 60;

/** table cells whose words read shorter than this, or less sure than REREAD_CONFIDENCE, are read again */
const REREAD_CHARS = 32;
const REREAD_CONFIDENCE = 85;
/** at most this many cells of a page are read again (a dense table costs a read per cell) */
const MAX_REREADS = 400;

type Recognized = { data: unknown };
// tesseract.js passes any tesseract parameter given with a job through, for that job only (its types
// list only its own options)
type RecognizeOptions = Parameters<Worker["recognize"]>[1];
const NO_USER_WORDS = { user_words_suffix: "" } as unknown as Parameters<typeof createWorker>[3];
const AS_ONE_BLOCK = { tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as unknown as RecognizeOptions;

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
interface TessWord {
  text: string;
  confidence: number;
  bbox: PixelBox;
  symbols?: { text: string; bbox: PixelBox }[];
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

/** A pool of tesseract.js workers (one per core) with the Italian data from node_modules. */
export class OcrEngine {
  private scheduler: Scheduler | null = null;
  private starting: Promise<Scheduler> | null = null;
  constructor(private readonly workers = Math.max(1, Math.min(4, availableParallelism()))) {}

  private async start(): Promise<Scheduler> {
    const data = require("@tesseract.js-data/ita") as { langPath: string; gzip: boolean };
    const scheduler = createScheduler();
    for (let i = 0; i < this.workers; i++) {
      const worker = await createWorker(
        "ita",
        OEM.LSTM_ONLY,
        { langPath: data.langPath, gzip: data.gzip, cacheMethod: "none" },
        // the Italian data names a user-words file it does not ship, and tesseract says so on stderr at
        // every start (tesseract.js issue 881): ask for none
        NO_USER_WORDS,
      );
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
