/**
 * OCR primitives: a page rendered with pdf.js on a Node canvas at a resolution that suits tesseract,
 * deskewed, cleared of halftone screens and of its table rulings, and read by tesseract.js with the
 * Italian data installed from @tesseract.js-data/ita (nothing is downloaded at run time); then any
 * box of that same image read again on its own. Words come back as text runs with their boxes in PDF
 * points, their confidence and whether their strokes are bold, so the layout stage reads scanned
 * tables as tables. Deciding which boxes are worth a second reading (table cells) is the layout
 * stage's business (layout/reread.ts), not this one's.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { createCanvas, type Canvas } from "./canvas.js";
import { createScheduler, createWorker, OEM, PSM, type Scheduler, type Worker } from "tesseract.js";
import type { Box, BoxToRead, RawPage, Ruling, TextRun } from "../model/index.js";
import { findHalftone, inkMask, removeHalftone } from "./halftone.js";
import {
  ascenderRatio,
  barBelow,
  barredSign,
  boldStems,
  markWeights,
  bilevelScan,
  estimateSkew,
  isBilevel,
  imageRulings,
  inkIn,
  linesRunDown,
  renderPage,
  rotate,
  RULING_GREY,
  stemWidth,
  turnImage,
  typicalStem,
  type PixelBox,
} from "./image.js";
import type { PDFPageProxy } from "./pdfjs.js";
import { codeZeros, headingWord, lonelySigns, ocrWordText, stemBase, typeHeights } from "./ocrtext.js";
import { rereadSigns, splitYearSigns } from "./signs.js";
import { dropSpecks, isSpeck } from "./specks.js";
import { alongStroke, clearStrokes, strikeStrokes } from "./strokes.js";

const require = createRequire(import.meta.url);

export const OCR_DPI = 300;

/** a turned reading must be this many points of mean confidence per letter ahead of the page as it is */
const TURN_MARGIN = 10;
/**
 * below this ascender ratio (image.ts) a page's print may hang upside down: measured on the
 * processed images of 16 office scans upright 1.67-7.96, of 4 scans turned half round 0.38-0.48
 */
const UPSIDE_DOWN = 0.8;

type Recognized = { data: unknown };
// tesseract.js passes any tesseract parameter given with a job through, for that job only (its types
// list only its own options)
type RecognizeOptions = Parameters<Worker["recognize"]>[1];
const NO_USER_WORDS = { user_words_suffix: "" } as unknown as Parameters<typeof createWorker>[3];
const AS_ONE_BLOCK = { tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as unknown as RecognizeOptions;
const PAGE_MODE = { tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as unknown as RecognizeOptions;

/**
 * One tesseract job. With `ALLEGATI_OCR_CACHE` set to a folder, a reading is kept there under the
 * hash of the image and the options, and given back when the same image is read again with the same
 * options (a developer's aid: evaluating a change after OCR on scans without reading them again).
 */
async function recognize(
  scheduler: Scheduler,
  png: Buffer,
  options: RecognizeOptions,
  output: Record<string, boolean>,
): Promise<Recognized> {
  const dir = process.env.ALLEGATI_OCR_CACHE;
  if (!dir) return scheduler.addJob("recognize", png, options, output) as Promise<Recognized>;
  const key = createHash("sha256")
    .update(png)
    .update(JSON.stringify([options, output]))
    .digest("hex");
  const file = join(dir, `${key}.json`);
  if (existsSync(file)) return { data: JSON.parse(readFileSync(file, "utf8")) as unknown };
  const r = (await scheduler.addJob("recognize", png, options, output)) as Recognized;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(r.data));
  return r;
}

interface TessWord {
  text: string;
  confidence: number;
  bbox: PixelBox;
  symbols?: { text: string; bbox: PixelBox }[];
}

/** A word as read, with its stems' thickness over its line's height (NaN when not measurable). */
interface ReadWord {
  run: TextRun;
  stems: number;
}

/**
 * Words of a tesseract result as text runs in PDF points; `dx`, `dy` place a crop on its page, and
 * `image` (the picture tesseract read, in its pixels) lets comparison signs be checked for a bar and
 * stems be measured.
 */
function wordsOf(result: Recognized, scale: number, dx: number, dy: number, image: Canvas): ReadWord[] {
  const words: ReadWord[] = [];
  const data = result.data as { blocks?: { paragraphs: { lines: { words: TessWord[] }[] }[] }[] | null };
  for (const b of data.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines) {
        // the signs before values, which the Italian model cannot read (signs.ts); a year's sign
        // glued after it (`2025≥ 41 %`) is looked at as a sign of its own
        const cut = splitYearSigns(l.words);
        rereadSigns(cut.words, image);
        // (specks are no words: left in, they would make the line's type size theirs)
        const lineWords = cut.rejoin(cut.words).filter(
          (w) =>
            !isSpeck({
              text: w.text,
              box: [w.bbox.x0 / scale, w.bbox.y0 / scale, w.bbox.x1 / scale, w.bbox.y1 / scale],
            }),
        );
        // a word box runs from the top of the capitals to the baseline (or below, with descenders or
        // noise): the line's median height over 0.75 is its type size, the same for all its words
        // (but words under half of it, print on a line with marks: ocrtext.ts)
        const typePx = typeHeights(lineWords.map((w) => ({ text: w.text, height: w.bbox.y1 - w.bbox.y0 })));
        const stemPx = stemBase(lineWords.map((w) => ({ text: w.text, height: w.bbox.y1 - w.bbox.y0 })));
        const first = words.length;
        for (const [k, w] of lineWords.entries()) {
          const fontSize = Math.max(4, typePx[k]! / scale / 0.75);
          // braces, "$" for 5 in a number, quotes glued before one (ocrtext.ts)
          let text = ocrWordText(w.text);
          // a code's O and 0 told by their shape (the symbols are the word's characters, one each)
          if (w.symbols?.length === text.length && w.symbols.every((s, i) => s.text === text[i]))
            text = codeZeros(
              text,
              w.symbols.map((s) => (s.bbox.x1 - s.bbox.x0) / Math.max(1, s.bbox.y1 - s.bbox.y0)),
            );
          text = headingWord(text, w.confidence);
          text = barredSign(text, w.symbols?.[0], image);
          // a year's sign left glued to it at the end of a line (its value on the next: `2027≤ / € 428,16`)
          const tail = w.symbols?.[4];
          if (tail && w.symbols!.length === 5 && /^(?:19|20)\d\d[<>]$/.test(text) && tail.text === text[4])
            if (barBelow(image, tail.bbox)) text = text.slice(0, 4) + (tail.text === ">" ? "≥" : "≤");
          if (!text) continue;
          const box: Box = [
            (w.bbox.x0 + dx) / scale,
            (w.bbox.y0 + dy) / scale,
            (w.bbox.x1 + dx) / scale,
            (w.bbox.y1 + dy) / scale,
          ];
          words.push({
            run: {
              text,
              box,
              fontName: "ocr",
              fontSize,
              bold: false,
              italic: false,
              confidence: w.confidence,
            },
            stems: stemPx > 0 ? stemWidth(image, w.bbox) / stemPx : NaN,
          });
        }
        const line = words.slice(first).map((x) => x.run);
        lonelySigns(line.map((r) => r.text)).forEach((t, i) => (line[i]!.text = t));
      }
  return words;
}

/**
 * The words of one reading without those lying over a surer one (half of the smaller box or more).
 * On a textured background tesseract can find one line of print twice, as two overlapping lines,
 * and read each word of it twice ("Competitività Competitività e e").
 */
export function dropOverlaps<T extends { run: TextRun }>(words: T[]): T[] {
  const order = [...words].sort((a, b) => (b.run.confidence ?? 0) - (a.run.confidence ?? 0));
  const kept = new Set<T>();
  const boxes: Box[] = [];
  for (const w of order) {
    const b = w.run.box;
    const size = (b[2] - b[0]) * (b[3] - b[1]);
    let over = false;
    for (const k of boxes) {
      const common =
        Math.max(0, Math.min(b[2], k[2]) - Math.max(b[0], k[0])) *
        Math.max(0, Math.min(b[3], k[3]) - Math.max(b[1], k[1]));
      if (common >= 0.5 * Math.min(size, (k[2] - k[0]) * (k[3] - k[1]))) {
        over = true;
        break;
      }
    }
    if (over) continue;
    kept.add(w);
    boxes.push(b);
  }
  return words.filter((w) => kept.has(w));
}

/** The median stem ratio of words, each counted once per letter (NaN when none was measured). */
function typicalStems(words: ReadWord[]): number {
  return typicalStem(words.map((w) => ({ text: w.run.text, stems: w.stems })));
}

/** Marks the words whose stems are bold against the page's typical stems, and hands back their runs. */
function classify(words: ReadWord[], typical: number): TextRun[] {
  const runs = words.map((w) => {
    if (boldStems(w.stems, typical)) w.run.bold = true;
    return w.run;
  });
  markWeights(runs);
  return runs;
}

/**
 * A page as OCR read it: `raw` holds the page's words and the rulings found in its image. The image
 * tesseract read (deskewed, screens and rulings cleared) stays with it, so that boxes of it can be
 * read again alone with `readBoxes`.
 */
export class ScannedPage {
  constructor(
    readonly raw: RawPage,
    private readonly image: Canvas,
    private readonly scale: number,
    /** the page's typical stem ratio, against which words read later are called bold */
    private readonly typical: number,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * Reads each box alone, as one block of text (tesseract's page segmentation takes a short value
   * with no neighbours for noise). A box with no ink, or too small to hold a letter, gets null
   * without a reading.
   */
  async readBoxes(boxes: BoxToRead[]): Promise<(TextRun[] | null)[]> {
    const { image, scale } = this;
    const margin = 12; // tesseract wants white space around text
    const reads: Promise<TextRun[] | null>[] = [];
    for (const { box, inset } of boxes) {
      const pad = Math.round(inset * scale);
      const x = Math.max(0, Math.round(box[0] * scale) + pad),
        y = Math.max(0, Math.round(box[1] * scale) + pad);
      const w = Math.min(image.width, Math.round(box[2] * scale) - pad) - x,
        h = Math.min(image.height, Math.round(box[3] * scale) - pad) - y;
      if (w < 8 || h < 8 || inkIn(image, x, y, w, h) < 0.002) {
        reads.push(Promise.resolve(null));
        continue;
      }
      const crop = createCanvas(w + 2 * margin, h + 2 * margin);
      const ctx = crop.getContext("2d");
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, crop.width, crop.height);
      ctx.drawImage(image, x, y, w, h, margin, margin, w, h);
      // encoded now: the canvas's asynchronous encoder crashed the process with many crops in flight
      const png = crop.encodeSync("png");
      reads.push(
        recognize(this.scheduler, png, AS_ONE_BLOCK, { blocks: true, text: false }).then((r) =>
          classify(dropSpecks(dropOverlaps(wordsOf(r, scale, x - margin, y - margin, crop))), this.typical),
        ),
      );
    }
    return Promise.all(reads);
  }
}

/** What to read of a page: by default all of it. */
export interface ScanOptions {
  dpi?: number;
  /** read only these areas (PDF points); the rest of the page is left white */
  only?: Box[];
  /** left white before reading (PDF points): text the page's text layer already holds */
  skip?: Box[];
}

/** Paints white what is outside `only` (when given) and inside `skip`, in page points. */
function blankOut(canvas: Canvas, scale: number, only: Box[] | undefined, skip: Box[] | undefined): void {
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  if (only) {
    const keep = createCanvas(canvas.width, canvas.height);
    const kctx = keep.getContext("2d");
    for (const b of only) {
      const [x, y, w, h] = [b[0] * scale, b[1] * scale, (b[2] - b[0]) * scale, (b[3] - b[1]) * scale];
      kctx.drawImage(canvas, x, y, w, h, x, y, w, h);
    }
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(keep, 0, 0);
  }
  for (const b of skip ?? [])
    ctx.fillRect(b[0] * scale, b[1] * scale, (b[2] - b[0]) * scale, (b[3] - b[1]) * scale);
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

  /**
   * Renders a page (or the areas of it in `opts.only`, without those in `opts.skip`), straightens
   * it, removes halftone screens, finds its rulings, paints them out and reads the rest.
   */
  async scanPage(page: PDFPageProxy, pageNumber: number, opts: ScanOptions = {}): Promise<ScannedPage> {
    this.starting ??= this.start();
    const scheduler = (this.scheduler = await this.starting);
    const { canvas, scale } = await renderPage(page, opts.dpi ?? OCR_DPI);
    const w = canvas.width,
      h = canvas.height;
    // a bilevel scan's shaded areas are screens of dots or lines: they are removed from the image
    // tesseract reads and rulings are looked for in, before the page is turned straight (turning
    // blurs a screen into grey mush)
    const native = await nativeScan(page, scale);
    let descreened: Canvas;
    if (native) {
      // read at its own resolution, the scan is cleared there and only then enlarged, smoothly
      if (opts.only || opts.skip) blankOut(native.canvas, native.scale, opts.only, opts.skip);
      const ink = inkMask(native.canvas);
      const screens = findHalftone(ink, native.canvas.width, native.canvas.height, native.scale);
      const clear = removeHalftone(native.canvas, ink, screens, native.scale);
      // the same scan drawn half a pixel apart gives the same picture: the fraction it was moved by to
      // fall on whole pixels is not moved back (words' boxes are off by less than half a pixel of the
      // scan, 0.2 pt at 200 dpi)
      const k = scale / native.scale;
      descreened = createCanvas(w, h);
      const ctx = descreened.getContext("2d");
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, w, h);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(clear, 0, 0, clear.width * k, clear.height * k);
    } else {
      if (opts.only || opts.skip) blankOut(canvas, scale, opts.only, opts.skip);
      const ink = inkMask(canvas);
      const screens = findHalftone(ink, w, h, scale);
      descreened = removeHalftone(canvas, ink, screens, scale);
    }
    // a page scanned a quarter turned (a landscape table on a portrait sheet) is read level, its
    // words' boxes in the turned view (RawPage.turn); a region read under a text layer never is
    const screened = descreened !== canvas;
    const whole = !opts.only && !opts.skip;
    let turn: 0 | 90 | 180 | 270 = whole ? await this.quarterTurn(descreened) : 0;
    if (turn) descreened = turnImage(descreened, turn);
    const angle = estimateSkew(descreened);
    const cleared = (image: Canvas) => {
      const straight = rotate(image, angle);
      // rulings are looked for in the straightened page; where screens were averaged away, a ruling
      // that framed them comes out grey (averaged with the screen around it), so grey counts there
      const lineInk = screened ? inkMask(straight, 3 * RULING_GREY) : inkMask(straight);
      const found = imageRulings({ across: lineInk, down: lineInk }, straight.width, straight.height, scale);
      // strokes through print (struck targets) are cleared letter by letter, not as rulings are
      const strokes = strikeStrokes(lineInk, straight.width, straight.height, scale);
      const table = found.filter((r) => !alongStroke(r, strokes));
      const clean = clearRulings(straight, table, scale);
      clearStrokes(clean, strokes, scale);
      return { rulings: [...table, ...strokes], clean };
    };
    let { rulings, clean } = cleared(descreened);
    // a page fed upside down (its lines run across, but its letters hang from them): read turned
    // half round, once a reading of it agrees
    if (whole && !turn && ascenderRatio(clean, scale) < UPSIDE_DOWN && (await this.readsUpsideDown(clean))) {
      turn = 180;
      ({ rulings, clean } = cleared(turnImage(descreened, 180)));
    }
    const result = await recognize(scheduler, await clean.encode("png"), PAGE_MODE, {
      blocks: true,
      text: false,
    });
    const words = dropSpecks(dropOverlaps(wordsOf(result, scale, 0, 0, clean)));
    const typical = typicalStems(words);
    const vp = page.getViewport({ scale: 1, rotation: (page.rotate + turn) % 360 });
    const raw: RawPage = {
      page: pageNumber,
      width: vp.width,
      height: vp.height,
      rotation: (page.rotate + turn) % 360,
      ...(turn ? { turn } : {}),
      runs: classify(words, typical),
      rulings,
      rects: [],
      ocr: true,
    };
    return new ScannedPage(raw, clean, scale, typical, scheduler);
  }

  /**
   * 90 or 270 when the page's lines run down (image.ts, linesRunDown) and a part of it reads
   * clearly better turned that way than as it is (letterConfidence, TURN_MARGIN points or more
   * ahead), else 0. Three readings of a quarter of the page, only for pages whose lines run down.
   */
  private async quarterTurn(image: Canvas): Promise<0 | 90 | 270> {
    if (!linesRunDown(image)) return 0;
    const crop = middle(image);
    const [as, right, left] = await Promise.all([
      this.letterConfidence(crop),
      this.letterConfidence(turnImage(crop, 90)),
      this.letterConfidence(turnImage(crop, 270)),
    ]);
    const best = right >= left ? 90 : 270;
    return Math.max(right, left) >= as + TURN_MARGIN ? best : 0;
  }

  /** Whether the middle of a page reads clearly better turned half round than as it is. */
  private async readsUpsideDown(image: Canvas): Promise<boolean> {
    const crop = middle(image);
    const [as, turned] = await Promise.all([
      this.letterConfidence(crop),
      this.letterConfidence(turnImage(crop, 180)),
    ]);
    return turned >= as + TURN_MARGIN;
  }

  /** Mean confidence per letter or digit of a reading of an image (0 when nothing is read). */
  private async letterConfidence(c: Canvas): Promise<number> {
    const r = await recognize(this.scheduler!, c.encodeSync("png"), PAGE_MODE, {
      blocks: true,
      text: false,
    });
    let sum = 0,
      n = 0;
    for (const w of wordsOf(r, 1, 0, 0, c)) {
      const letters = w.run.text.replace(/[^\p{L}\p{N}]/gu, "").length;
      sum += (w.run.confidence ?? 0) * letters;
      n += letters;
    }
    return n ? sum / n : 0;
  }

  async terminate(): Promise<void> {
    const s = this.scheduler ?? (this.starting ? await this.starting : null);
    this.scheduler = null;
    this.starting = null;
    if (s) await s.terminate();
  }
}

/**
 * A bilevel scan drawn at a lower resolution than `scale` and not by a whole ratio (200 dpi read at
 * 300): pdf.js enlarges a 1-bit image without smoothing, so every other pixel of the scan is doubled
 * and strokes come out one or two pixels wide, at random to tesseract. Such a page is rendered again
 * pixel for pixel, to be cleared of screens there (their dots repeat exactly) and enlarged smoothly.
 * Null for any other page, and when the scan does not fall on whole pixels (drawn with an offset).
 */
async function nativeScan(
  page: PDFPageProxy,
  scale: number,
): Promise<{ canvas: Canvas; scale: number } | null> {
  const scan = await bilevelScan(page);
  if (!scan) return null;
  const ratio = (scale * 72) / scan.dpi;
  if (ratio < 1.05 || Math.abs(ratio - Math.round(ratio)) < 0.05) return null;
  // the scan is drawn a fraction of its pixel away from the page's pixels (the PDF places it so, or
  // the page's box starts off the pixel grid): it is drawn shifted by that fraction, on whole pixels
  const [x, y] = page.getViewport({ scale: scan.dpi / 72 }).convertToViewportPoint(...scan.corner) as [
    number,
    number,
  ];
  const shift: [number, number] = [Math.round(x) - x, Math.round(y) - y];
  const native = await renderPage(page, scan.dpi, shift);
  return isBilevel(native.canvas) ? native : null;
}

/** The middle of a page image, half its width and half its height: where a table's text is. */
function middle(image: Canvas): Canvas {
  const cw = Math.round(image.width / 2),
    ch = Math.round(image.height / 2);
  const crop = createCanvas(cw, ch);
  crop
    .getContext("2d")
    .drawImage(image, (image.width - cw) / 2, (image.height - ch) / 2, cw, ch, 0, 0, cw, ch);
  return crop;
}

/** A copy of the image with its table's lines painted white: tesseract reads table text better so. */
function clearRulings(image: Canvas, rulings: Ruling[], scale: number): Canvas {
  const clean = createCanvas(image.width, image.height);
  const ctx = clean.getContext("2d");
  ctx.drawImage(image, 0, 0);
  ctx.strokeStyle = "white";
  ctx.lineWidth = Math.max(3, scale * 1.6);
  for (const r of rulings) {
    ctx.beginPath();
    ctx.moveTo(r.x0 * scale, r.y0 * scale);
    ctx.lineTo(r.x1 * scale, r.y1 * scale);
    ctx.stroke();
  }
  return clean;
}
