/**
 * Runs the stages on one file: acquire → extract → layout → segment (which normalizes) and returns
 * the document ready for the store. Pages are streamed: each page's pdf.js objects are released once
 * its layout is built.
 */
import { acquire } from "./acquire/index.js";
import { openPdf, type PdfSource } from "./extract/index.js";
import { needsOcr, OcrEngine } from "./extract/ocr.js";
import { assembleDocument, layoutPage } from "./layout/index.js";
import type { PageLayout } from "./model/index.js";
import { loadProfiles, segment } from "./segment/index.js";
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
}

export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Every page laid out, in order: pages without a usable text layer are read by OCR first (per
 * `opts.ocr`), so that scans reach the layout stage as words with boxes like any other page.
 */
export async function layoutPages(
  pdf: PdfSource,
  opts: Pick<ReadOptions, "ocr" | "ocrEngine" | "ocrWorkers" | "onPage" | "signal"> = {},
): Promise<PageLayout[]> {
  const pages: PageLayout[] = [];
  const mode = opts.ocr ?? "auto";
  let engine = opts.ocrEngine ?? null;
  try {
    for await (let raw of pdf.pages()) {
      if (opts.signal?.aborted) throw new AllegatiError("limit", "interrupted");
      if (mode === "always" || (mode === "auto" && needsOcr(raw))) {
        engine ??= new OcrEngine(opts.ocrWorkers);
        raw = await engine.ocrPage(await pdf.pdfPage(raw.page), raw.page);
      }
      pages.push(layoutPage(raw));
      opts.onPage?.(raw.page, pdf.numPages);
    }
  } finally {
    if (engine && engine !== opts.ocrEngine) await engine.terminate();
  }
  return pages;
}

export async function readDocument(path: string, opts: ReadOptions = {}): Promise<StoredDocument> {
  const acquired = await acquire(path, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  const pdf = await openPdf(acquired.pdf);
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
    const pages = await layoutPages(pdf, { ...opts, ocr: opts.ocr ?? forced?.stages.ocr });
    const layout = assembleDocument(pages);
    const seg = segment(layout, { file: acquired.file, profile: opts.profile });
    return {
      id: acquired.id,
      file: acquired.file,
      path: acquired.path,
      kind: seg.kind,
      issuer: seg.issuer,
      title: seg.title,
      act: layout.act,
      years: seg.years,
      pages: pdf.numPages,
      ocrPages: pages.filter((p) => p.ocr).length,
      signatures: acquired.signatures,
      ...(acquired.timestamps.length ? { timestamps: acquired.timestamps } : {}),
      signatories: layout.signatories,
      objectives: seg.objectives,
      indicators: seg.indicators,
      profile: seg.profile,
      producer: pdf.info.producer ?? null,
      warnings: [...acquired.warnings, ...seg.warnings],
      pageInfo: layout.pages.map((p) => ({
        page: p.page,
        width: p.width,
        height: p.height,
        ocr: p.ocr,
        text: p.lines.map((l) => l.text).join("\n"),
      })),
    };
  } finally {
    await pdf.close();
  }
}
