/**
 * Runs the stages on one file: acquire → extract → layout → segment (which normalizes) and returns
 * the document ready for the store. Pages are streamed: each page's pdf.js objects are released once
 * its layout is built.
 */
import { acquire } from "./acquire/index.js";
import { collectReaderNotes, openPdf, type PdfSource } from "./extract/index.js";
import type { OcrEngine } from "./extract/ocr.js";
import { bareImages, needsOcr } from "./extract/textlayer.js";
import {
  Assembler,
  documentFacts,
  furnitureKeys,
  layoutPage,
  pageBand,
  runningLines,
  type BandLine,
} from "./layout/index.js";
import { PageStore } from "./layout/pagestore.js";
import { rereadCells } from "./layout/reread.js";
import type { Box, PageLayout, RawPage, ReaderNote } from "./model/index.js";
import { loadProfiles, segmentPages } from "./segment/index.js";
import type { StoredDocument } from "./load/index.js";
import { AllegatiError } from "./errors.js";

export interface ReadOptions {
  /** stop with reason `limit` past this many pages */
  maxPages?: number;
  /** stop with reason `limit` past this many bytes */
  maxBytes?: number;
  /** force a profile instead of choosing one from the document's features */
  profile?: string;
  /** called after each page */
  onPage?: (page: number, pages: number) => void;
  signal?: AbortSignal;
  /** auto: OCR the pages without a usable text layer; always; never */
  ocr?: "auto" | "always" | "never";
  /** a shared OCR engine (a batch reuses its workers); one is made for this document otherwise */
  ocrEngine?: OcrEngine;
  /** tesseract workers of an engine made for this document (default: one per core, at most 4) */
  ocrWorkers?: number;
  /** laid-out pages held as objects until the document is read; further ones are compacted */
  keepPages?: number;
  /** what pdf.js printed while reading the document (for the machine log), given once at the end */
  onReaderNotes?: (notes: ReaderNote[]) => void;
}

export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Lays out every page, in order, handing each to `onLayout`: pages without a usable text layer are
 * read by OCR first (per `opts.ocr`), so that scans reach the layout stage as words with boxes like
 * any other page. pdf.js's objects for a page are released before the next is read.
 */
export async function eachPageLayout(
  pdf: PdfSource,
  opts: Pick<ReadOptions, "ocr" | "ocrEngine" | "ocrWorkers" | "onPage" | "signal">,
  onLayout: (page: PageLayout) => void,
): Promise<void> {
  const mode = opts.ocr ?? "auto";
  let engine = opts.ocrEngine ?? null;
  try {
    for await (let raw of pdf.pages()) {
      if (opts.signal?.aborted) throw new AllegatiError("limit", "interrupted");
      // a page is read by OCR whole when its text layer is missing or unreadable; a page whose text
      // layer leaves large images bare (a scanned body under a stamp written as text) has those
      // images read, and their words join the text layer's
      const whole = mode === "always" || (mode === "auto" && needsOcr(raw));
      let regions: Box[] = [];
      if (!whole && mode === "auto") {
        const bare = bareImages(raw);
        if (bare.length) {
          const { regionsWithPrint } = await import("./extract/regions.js");
          regions = await regionsWithPrint(await pdf.pdfPage(raw.page), raw, bare);
        }
      }
      if (whole || regions.length) {
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
      }
      onLayout(layoutPage(raw));
      opts.onPage?.(raw.page, pdf.numPages);
    }
  } finally {
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

export async function readDocument(path: string, opts: ReadOptions = {}): Promise<StoredDocument> {
  const notes = collectReaderNotes();
  try {
    return await readCollected(path, opts);
  } finally {
    const list = notes.stop();
    if (list.length) opts.onReaderNotes?.(list);
  }
}

async function readCollected(path: string, opts: ReadOptions): Promise<StoredDocument> {
  const acquired = await acquire(path, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  const pdf = await openPdf(acquired.pdf);
  let open = true;
  const close = async () => {
    if (open) await pdf.close();
    open = false;
  };
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
    await eachPageLayout(pdf, { ...opts, ocr: opts.ocr ?? forced?.stages.ocr }, (p) => {
      bands.push(pageBand(p));
      if (p.ocr) ocrPages++;
      store.put(p);
    });
    // what pdf.js still holds (fonts, the file) is not needed to assemble and segment
    await close();
    const keys = furnitureKeys(bands);
    const running = runningLines(bands, keys);
    const assembler = new Assembler(keys);
    const pageInfo: StoredDocument["pageInfo"] = [];
    let facts: ReturnType<typeof documentFacts> | null = null;
    const assembled = function* () {
      for (const raw of store.take()) {
        const p = assembler.page(raw);
        facts ??= documentFacts(running, p);
        pageInfo.push({
          page: p.page,
          width: p.width,
          height: p.height,
          ocr: p.ocr,
          text: p.lines.map((l) => l.text).join("\n"),
        });
        yield p;
      }
    };
    const seg = segmentPages(assembled(), { file: acquired.file, profile: opts.profile, running, act: null });
    const { act, signatories } = facts ?? documentFacts(running, undefined);
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
    await close();
  }
}
