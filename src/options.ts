/**
 * What a caller may ask of a read, and the check made of it before any file is read. Kept apart
 * from the pipeline so that checking options does not load pdf.js (a batch's main thread never does).
 */
import type { OcrEngine } from "./extract/ocr.js";
import { OCR_MODES, type OcrMode, type ReaderNote, type StageTimings } from "./model/index.js";
import { profileNames as segmentProfiles } from "./segment/index.js";
import { UsageError } from "./errors.js";

/**
 * A document to read: a file's path, or its bytes with the name to store it under (and, when the
 * bytes came from a file, that file's path).
 */
export type DocumentInput = string | { name: string; data: Uint8Array; path?: string };

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
  ocr?: OcrMode;
  /** a shared OCR engine (a batch reuses its workers); one is made for this document otherwise */
  ocrEngine?: OcrEngine;
  /** tesseract workers of an engine made for this document (default: one per core, at most 4) */
  ocrWorkers?: number;
  /** laid-out pages held as objects until the document is read; further ones are compacted */
  keepPages?: number;
  /** what pdf.js printed while reading the document (for the machine log), given once at the end */
  onReaderNotes?: (notes: ReaderNote[]) => void;
  /** receives the time each stage took, in milliseconds (added to what it holds) */
  timings?: StageTimings;
}

export const DEFAULT_MAX_PAGES = 2000;
/** a document's time limit in a batch (`--timeout`): hashing and reading it */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** The profiles a caller may force: those in pipelines/, then `generic`. */
export function profileNames(): string[] {
  return segmentProfiles();
}

const positiveInteger = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1;

/**
 * Checks read options before any file is read, so that a wrong one stops the caller at once instead
 * of failing every file: the profile must exist, the OCR mode be one of the modes, limits be
 * positive whole numbers. Throws UsageError.
 */
export function checkReadOptions(opts: ReadOptions): void {
  if (opts.profile !== undefined && !profileNames().includes(opts.profile))
    throw new UsageError(`unknown profile '${opts.profile}' (known: ${profileNames().join(", ")})`);
  if (opts.ocr !== undefined && !OCR_MODES.includes(opts.ocr))
    throw new UsageError(`OCR mode must be one of ${OCR_MODES.join(", ")}, not '${opts.ocr}'`);
  for (const key of ["maxPages", "maxBytes", "ocrWorkers"] as const)
    if (opts[key] !== undefined && !positiveInteger(opts[key]))
      throw new UsageError(`${key} must be a positive whole number, not ${String(opts[key])}`);
  if (opts.keepPages !== undefined && !(Number.isInteger(opts.keepPages) && opts.keepPages >= 0))
    throw new UsageError(`keepPages must be a whole number, not ${String(opts.keepPages)}`);
}
