/**
 * Runs the stages on one file: acquire → extract → layout → segment (which normalizes) and returns
 * the document ready for the store. Pages are streamed: each page's pdf.js objects are released once
 * its layout is built.
 */
import { acquire, acquireBytes, type Acquired } from "./acquire/index.js";
import { collectReaderNotes, openPdf, type PdfSource } from "./extract/index.js";
import { bareImages, needsOcr, ocrLayerOverScan } from "./extract/textlayer.js";
import { assembleDocument, assemblePages, layoutPage, pageBand, type BandLine } from "./layout/index.js";
import { PageStore } from "./layout/pagestore.js";
import { rereadCells } from "./layout/reread.js";
import {
  emptyTimings,
  type Box,
  type DocumentLayout,
  type PageInfo,
  type PageLayout,
  type RawPage,
  type StageTimings,
  type StoredDocument,
} from "./model/index.js";
import { normalizeClock } from "./normalize/index.js";
import { emptyTrace, loadProfiles, segment, segmentPages, type SegmentTrace } from "./segment/index.js";
import { AllegatiError } from "./errors.js";
import {
  checkReadOptions,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_PAGES,
  type DocumentInput,
  type ReadOptions,
} from "./options.js";

export { DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, type DocumentInput, type ReadOptions } from "./options.js";

/** Reads a document's bytes: its signatures checked and its envelope opened. */
export async function acquireInput(
  input: DocumentInput,
  opts: { maxBytes?: number } = {},
): Promise<Acquired> {
  if (typeof input === "string") return acquire(input, opts);
  if (opts.maxBytes && input.data.length > opts.maxBytes)
    throw new AllegatiError(
      "limit",
      `${input.data.length} bytes, more than the limit of ${opts.maxBytes}`,
      "acquire",
    );
  return acquireBytes(input.data, input.name, input.path ?? input.name);
}

/**
 * Lays out every page, in order, handing each to `onLayout`: pages without a usable text layer are
 * read by OCR first (per `opts.ocr`), so that scans reach the layout stage as words with boxes like
 * any other page. pdf.js's objects for a page are released before the next is read.
 */
export async function eachPageLayout(
  pdf: PdfSource,
  opts: Pick<ReadOptions, "ocr" | "ocrEngine" | "ocrWorkers" | "onPage" | "signal">,
  onLayout: (page: PageLayout) => void,
  timings: StageTimings = emptyTimings(),
): Promise<void> {
  const mode = opts.ocr ?? "auto";
  let engine = opts.ocrEngine ?? null;
  const pages = pdf.pages();
  try {
    for (;;) {
      let t = performance.now();
      const next = await pages.next();
      timings.extract += performance.now() - t;
      if (next.done) break;
      let raw = next.value;
      if (opts.signal?.aborted) throw new AllegatiError("limit", "interrupted");
      // a page is read by OCR whole when its text layer is missing or unreadable; a page whose text
      // layer leaves large images bare (a scanned body under a stamp written as text) has those
      // images read, and their words join the text layer's
      const whole = mode === "always" || (mode === "auto" && needsOcr(raw));
      let regions: Box[] = [];
      // (a page read turned keeps its text layer alone: its images are rendered in the page's own view)
      if (!whole && mode === "auto" && !raw.turn) {
        const bare = bareImages(raw);
        if (bare.length) {
          const { regionsWithPrint } = await import("./extract/regions.js");
          regions = await regionsWithPrint(await pdf.pdfPage(raw.page), raw, bare);
        }
      }
      // a scan with another program's OCR keeps its words; its tables' lines and its bold are found
      // in the image
      if (!whole && mode === "auto" && !raw.turn && ocrLayerOverScan(raw)) {
        t = performance.now();
        const { readScanUnderText } = await import("./extract/ocrlayer.js");
        const scan = await readScanUnderText(await pdf.pdfPage(raw.page), raw.runs);
        raw = { ...raw, runs: scan.runs, rulings: [...raw.rulings, ...scan.rulings], ocr: true };
        timings.ocr += performance.now() - t;
      }
      if (whole || regions.length) {
        t = performance.now();
        // tesseract.js is loaded by the first page that needs it (about 12 MB a worker otherwise)
        engine ??= new (await import("./extract/ocr.js")).OcrEngine(opts.ocrWorkers);
        const page = await pdf.pdfPage(raw.page);
        const scan = whole
          ? await engine.scanPage(page, raw.page)
          : await engine.scanPage(page, raw.page, { only: regions, skip: raw.runs.map((r) => r.box) });
        const read: RawPage = whole
          ? scan.raw
          : {
              ...raw,
              runs: [...raw.runs, ...scan.raw.runs],
              rulings: [...raw.rulings, ...scan.raw.rulings],
              ocr: true,
            };
        // the table cells found in the page's words are read again one by one
        raw = { ...read, runs: await rereadCells(read, (boxes) => scan.readBoxes(boxes)) };
        timings.ocr += performance.now() - t;
      }
      t = performance.now();
      onLayout(layoutPage(raw));
      timings.layout += performance.now() - t;
      opts.onPage?.(raw.page, pdf.numPages);
    }
  } finally {
    await pages.return(undefined);
    if (engine && engine !== opts.ocrEngine) await engine.terminate();
  }
}

/** Every page laid out, in order, all held (for `allegati layout` and the tests). */
export async function layoutPages(
  pdf: PdfSource,
  opts: Pick<ReadOptions, "ocr" | "ocrEngine" | "ocrWorkers" | "onPage" | "signal"> = {},
): Promise<PageLayout[]> {
  const pages: PageLayout[] = [];
  await eachPageLayout(pdf, opts, (p) => pages.push(p));
  return pages;
}

/**
 * Runs `read` with what pdf.js prints while it runs collected (documents are read one at a time in a
 * thread), and hands that to `opts.onReaderNotes` once at the end, for the machine log.
 */
async function withReaderNotes<T>(
  opts: Pick<ReadOptions, "onReaderNotes">,
  read: () => Promise<T>,
): Promise<T> {
  const notes = collectReaderNotes();
  try {
    return await read();
  } finally {
    const list = notes.stop();
    if (list.length) opts.onReaderNotes?.(list);
  }
}

/**
 * The page model of a whole document (what `allegati layout` shows): every page laid out, OCR'd
 * where needed, and assembled (running lines removed, continued tables linked).
 */
export async function layoutDocument(
  input: DocumentInput,
  opts: Pick<ReadOptions, "ocr" | "ocrWorkers" | "maxBytes" | "signal" | "onReaderNotes"> = {},
): Promise<DocumentLayout> {
  checkReadOptions(opts);
  return withReaderNotes(opts, async () => {
    const acquired = await acquireInput(input, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
    const pdf = await openPdf(acquired.pdf);
    try {
      // every page: running headers and continued tables are found across pages
      return assembleDocument(await layoutPages(pdf, opts));
    } finally {
      await pdf.close();
    }
  });
}

/** What `explainSegmentation` returns: the trace of the segment steps and what they read. */
export interface SegmentExplanation {
  profile: string;
  kind: string;
  objectives: number;
  indicators: number;
  trace: SegmentTrace;
}

export async function explainSegmentation(
  input: DocumentInput,
  opts: Pick<ReadOptions, "ocr" | "ocrWorkers" | "maxBytes" | "signal" | "profile"> = {},
): Promise<SegmentExplanation> {
  const doc = await layoutDocument(input, opts);
  const trace = emptyTrace();
  const seg = segment(doc, { profile: opts.profile, trace });
  return {
    profile: seg.profile,
    kind: seg.kind,
    objectives: seg.objectives.length,
    indicators: seg.indicators.length,
    trace,
  };
}

/**
 * Reads one document through every stage. `opts.timings`, when given, receives the time each stage
 * took (added to what it holds).
 */
export async function readDocument(input: DocumentInput, opts: ReadOptions = {}): Promise<StoredDocument> {
  checkReadOptions(opts);
  return withReaderNotes(opts, () => readCollected(input, opts));
}

async function readCollected(input: DocumentInput, opts: ReadOptions): Promise<StoredDocument> {
  const timings = opts.timings ?? emptyTimings();
  let t = performance.now();
  const acquired = await acquireInput(input, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  timings.acquire += performance.now() - t;
  t = performance.now();
  const pdf = await openPdf(acquired.pdf, { signal: opts.signal });
  timings.extract += performance.now() - t;
  let open = true;
  const close = async () => {
    const t = performance.now();
    if (open) await pdf.close();
    open = false;
    timings.extract += performance.now() - t;
  };
  // a read told to stop (a time limit, Ctrl-C) lets pdf.js go at once: what it was doing fails
  const onAbort = () => void close();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    if (pdf.numPages > maxPages)
      throw new AllegatiError(
        "limit",
        `${pdf.numPages} pages, more than the limit of ${maxPages} (--max-pages)`,
      );
    // a profile forced by the caller is known before the pages are read: its stages apply
    // (a profile chosen from the text is known only after, when OCR has been decided)
    const forced = opts.profile ? loadProfiles().find((p) => p.name === opts.profile) : undefined;
    // pages are laid out and put aside (compacted past the first ones) with what running-line
    // detection needs of them; once all are read, each is assembled, segmented and let go
    const store = new PageStore(opts.keepPages);
    const bands: BandLine[][] = [];
    let ocrPages = 0;
    await eachPageLayout(
      pdf,
      { ...opts, ocr: opts.ocr ?? forced?.stages.ocr },
      (p) => {
        bands.push(pageBand(p));
        if (p.ocr) ocrPages++;
        store.put(p);
      },
      timings,
    );
    // what pdf.js still holds (fonts, the file) is not needed to assemble and segment
    await close();
    t = performance.now();
    const assembly = assemblePages(store.take(), bands);
    const pageInfo: PageInfo[] = [];
    // pages are assembled as segmentation takes them: that time is the layout stage's
    timings.layout += performance.now() - t;
    let assembling = 0;
    const pages = function* () {
      for (;;) {
        const t = performance.now();
        const next = assembly.pages.next();
        assembling += performance.now() - t;
        if (next.done) return;
        const p = next.value;
        pageInfo.push({
          page: p.page,
          width: p.width,
          height: p.height,
          turn: p.turn ?? 0,
          ocr: p.ocr,
          text: p.lines.map((l) => l.text).join("\n"),
        });
        yield p;
      }
    };
    const normalized = normalizeClock.ms;
    t = performance.now();
    const seg = segmentPages(pages(), {
      file: acquired.file,
      profile: opts.profile,
      running: assembly.running,
      act: null,
    });
    const { act, signatories } = assembly.facts();
    const parsing = normalizeClock.ms - normalized;
    timings.layout += assembling;
    timings.normalize += parsing;
    timings.segment += performance.now() - t - assembling - parsing;
    return {
      id: acquired.id,
      file: acquired.file,
      path: acquired.path,
      kind: seg.kind,
      issuer: seg.issuer,
      title: seg.title,
      act,
      years: seg.years,
      pages: pdf.numPages,
      ocrPages,
      signatures: acquired.signatures,
      ...(acquired.timestamps.length ? { timestamps: acquired.timestamps } : {}),
      signatories,
      objectives: seg.objectives,
      indicators: seg.indicators,
      profile: seg.profile,
      producer: pdf.info.producer ?? null,
      warnings: [...acquired.warnings, ...seg.warnings],
      pageInfo,
    };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    await close();
  }
}
