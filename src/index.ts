/**
 * allegati as a library: the one public API, used by the command line (`src/cli`), the tests and
 * the web app alike. Everything a command does is a function here; the command line only parses
 * arguments, calls these, and prints.
 *
 * ```ts
 * import { openStore, ingest, exportDocuments, diff } from "allegati";
 *
 * const store = openStore("data/allegati.db");
 * const summary = await ingest(store, ["annexes/"], { onFile: (e) => console.log(e.outcome, e.file) });
 * for (const doc of exportDocuments(store)) console.log(doc.file, doc.indicators.length);
 * store.close();
 * ```
 *
 * Importing this module does not load pdf.js, tesseract.js, exceljs or zod: they are loaded by the
 * first call that reads a PDF (`ingest`, `readDocument`, `layout`, `runEval`), writes a workbook or
 * checks options, so that the commands that only read the store start fast.
 *
 * @packageDocumentation
 */
import type { DocumentLayout, ExportDocument, StoredDocument } from "./model/index.js";
import {
  listDocuments as listStoredDocuments,
  readOnlyQuery,
  resolveDocument,
  type DocumentList,
  type DocumentListQuery,
  type QueryResult,
  type Store,
} from "./load/index.js";
import {
  diffDocuments,
  indicatorHistory,
  linkPending as linkPendingDocuments,
  type DiffResult,
  type HistoryEntry,
  type LinkStepOptions,
  type LinkStepReport,
} from "./link/index.js";
import type { DocumentInput, ReadOptions } from "./options.js";
import type { IngestInput, IngestOptions, IngestSummary } from "./ingest.js";
import type { InputWalk } from "./inputs.js";
import {
  addItem,
  correctItem,
  deleteItem,
  listCorrections,
  markReviewed,
  restoreItem,
  reviewDocument as documentForReview,
  documentPdf as keptPdf,
  type CorrectionEntry,
  type CorrectionMeta,
  type DocumentReview,
  type FieldChanges,
} from "./review/index.js";
import type { Correction } from "./model/index.js";
import { documentInPageFrame } from "./export/index.js";

// ---------------------------------------------------------------------------------------------
// The store

export {
  openStore,
  defaultDbPath,
  DEFAULT_DB,
  NoDatabaseError,
  NewerDatabaseError,
  QueryRefused,
  QueryStopped,
  limitedQuery,
  DEFAULT_QUERY_TIMEOUT_MS,
} from "./load/index.js";
export type {
  Store,
  OpenStoreOptions,
  Failure,
  QueryResult,
  QueryLimits,
  LimitedQuery,
} from "./load/index.js";

// ---------------------------------------------------------------------------------------------
// Ingesting files into the store

/**
 * Reads files into the store, one transaction per document: `inputs` are paths of files or folders
 * (walked for PDF and signed files; those named are always taken) and `{ name, data }` bytes. A file
 * already stored (same sha256) is skipped unless `force`; the others are parsed in worker threads
 * (`workers`, default one per core; 0 parses in this thread) and written by this one, then linked
 * to their issuer's other documents. A file that fails is recorded in the store's failures and
 * reported through `onFile`; the batch goes on. Files found under the paths come first, then the
 * bytes, each in the order given. What a walk cannot take (a folder that cannot be listed, a name
 * that is not UTF-8, a FIFO) is a failure too, and so is a file past `maxBytes` (before it is
 * hashed) or `timeoutMs` (hashing and reading it). Options are checked before any file is read
 * (UsageError). An aborted `signal` stops the batch; what finished stays, and a rerun resumes; a
 * full disk stops it the same way, with `stopped` in the summary.
 */
export async function ingest(
  store: Store,
  inputs: IngestInput | IngestInput[] | InputWalk,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  return (await import("./ingest.js")).ingest(store, inputs, opts);
}

/** Checks a batch's options as `ingest` does first (throws UsageError), without reading anything. */
export async function checkIngestOptions(opts: IngestOptions): Promise<void> {
  (await import("./ingest.js")).checkIngestOptions(opts);
}

/** The profiles a caller may force (`profile`): those in pipelines/, then `generic`. */
export async function profileNames(): Promise<string[]> {
  return (await import("./options.js")).profileNames();
}

export type {
  IngestInput,
  IngestOptions,
  IngestProgress,
  IngestSummary,
  FileEvent,
  Outcome,
  LinkSummary,
} from "./ingest.js";

/**
 * Links the documents whose links are pending (each is pending from the moment it is written, until
 * the link step has written its links to its neighbours): what `ingest` does after each document
 * and at the end of a batch, so that documents a killed run left pending are linked. Compares
 * outside any transaction and writes in short ones; each pair of documents has a time budget
 * (`budgetMs`, default 60 s), past which it is linked as far as it got and a warning says so.
 */
export function linkPending(store: Store, opts: LinkStepOptions = {}): LinkStepReport {
  return linkPendingDocuments(store, opts);
}

export type { LinkStepOptions, LinkStepReport, LinkPairEvent } from "./link/index.js";
export { expandInputs, walkInputs } from "./inputs.js";
export type { InputWalk, InputFailure } from "./inputs.js";
export { OCR_MODES, OBJECTIVE_LEVELS, DOCUMENT_KINDS } from "./model/constants.js";
export type { DocumentInput, ReadOptions } from "./options.js";
export type { SegmentExplanation } from "./pipeline.js";
export type { SegmentTrace, TableTrace, BlockTrace } from "./segment/trace.js";

// ---------------------------------------------------------------------------------------------
// Reading a PDF without storing it

/**
 * Reads one document without storing it: a file's path (a PDF or a signed `.p7m`/`.tsd`/`.m7m`),
 * or its bytes with a name. Resolves with the export contract's document plus what the store keeps
 * (path, producer, warnings, pages' text). Options are checked first (UsageError); a file that
 * cannot be read rejects with an AllegatiError whose `reason` says why.
 */
export async function readDocument(input: DocumentInput, opts: ReadOptions = {}): Promise<StoredDocument> {
  return (await import("./pipeline.js")).readDocument(input, opts);
}

/**
 * The page model of a document, as `allegati layout` shows it: every page's lines, blocks and
 * tables (cells with their boxes), running headers and footers removed, the act and signatories
 * they cite. Pages without a usable text layer are OCR'd unless `ocr: "never"`.
 */
export async function layout(
  input: DocumentInput,
  opts: Pick<ReadOptions, "ocr" | "ocrWorkers" | "maxBytes" | "signal" | "onReaderNotes"> = {},
): Promise<DocumentLayout> {
  return (await import("./pipeline.js")).layoutDocument(input, opts);
}

export { renderSvg, renderText } from "./layout/render.js";

/**
 * How a document is segmented, as `allegati segment` shows it: each block's reading, each table's
 * column roles (from header words or from the cells' content) and each row's kind, with the reason
 * for each, beside what was read (profile, kind, counts). For a person to see where a reading went
 * wrong.
 */
export async function explainSegmentation(
  input: DocumentInput,
  opts: Pick<ReadOptions, "ocr" | "ocrWorkers" | "maxBytes" | "signal" | "profile" | "onReaderNotes"> = {},
): Promise<import("./pipeline.js").SegmentExplanation> {
  return (await import("./pipeline.js")).explainSegmentation(input, opts);
}

export { renderTrace } from "./segment/explain.js";

// ---------------------------------------------------------------------------------------------
// Reading the store

/**
 * One stored document, named by an id prefix, its file name or its path, in the export contract's
 * shape plus the path it was read from and the warnings it was read with: with its corrections
 * (each corrected record lists its values as read), or exactly as read with `asRead`. Throws when
 * no document, or more than one, matches.
 */
export function getDocument(
  store: Store,
  ref: string,
  opts: { asRead?: boolean } = {},
): ExportDocument & { path: string | null; warnings: string[] } {
  const { id } = resolveDocument(store, ref);
  return documentInPageFrame(store, id, opts.asRead);
}

/**
 * One page of the stored documents, as a list shows them (issuer, kind, years, pages, signatures'
 * integrity, OCR pages, counts, flagged records, corrections, sign-off), filtered by kind, issuer
 * and review status and searched (`q`: words of indicators' and objectives' text through the
 * full-text indexes, or of the file, issuer or title), paginated in SQL.
 */
export function listDocuments(store: Store, query: DocumentListQuery = {}): DocumentList {
  return listStoredDocuments(store, query);
}

export { issuerCounts, DOCUMENT_SORTS, REVIEW_STATUSES, originalsDir } from "./load/index.js";
export type {
  DocumentListQuery,
  DocumentList,
  DocumentSummary,
  DocumentSort,
  ReviewStatus,
} from "./load/index.js";

export {
  exportDocuments,
  writeExport,
  writeJsonArray,
  StreamWriter,
  csvRows,
  csvLine,
  csvCell,
  CSV_HEADER,
  EXPORT_FORMATS,
} from "./export/index.js";
export type { ExportFormat, ExportOptions, WriteExportOptions, Sink, CsvCell } from "./export/index.js";

/**
 * The targets of two documents (each an id prefix or file name) compared year by year through the
 * indicator links: tightened, loosened, changed or unchanged, and the indicators renamed, added
 * and removed. `onlyChanged` leaves out the unchanged targets.
 */
export function diff(
  store: Store,
  from: string,
  to: string,
  opts: { onlyChanged?: boolean } = {},
): DiffResult {
  return diffDocuments(store, from, to, opts);
}

export { diffCsv, diffXlsx } from "./export/index.js";
export { classifyChange } from "./link/index.js";
export type { DiffResult, TargetChange, Change, HistoryEntry } from "./link/index.js";

/**
 * One indicator (its code, or words of its name) across every document it is linked through:
 * its baselines, targets and results per year, oldest document first.
 */
export function history(store: Store, indicator: string): HistoryEntry[] {
  return indicatorHistory(store, indicator);
}

/**
 * Runs one read-only SQL statement on the store: on a read-only connection, refused (QueryRefused)
 * before it runs when SQLite says it writes, or when it is ATTACH, DETACH, PRAGMA, VACUUM or a
 * transaction statement. The rows are read as they are iterated.
 */
export function query(store: Store, sql: string): QueryResult {
  return readOnlyQuery(store, sql);
}

// ---------------------------------------------------------------------------------------------
// Review and correction: corrections are stored apart from what was read (by the document's sha256
// and the item's stable key, so that they survive `ingest --force` of the same file) and applied by
// `getDocument`, `exportDocuments`, `writeExport`, `diff` and `history`.

/**
 * A document (id prefix, file name or path) as the review page shows it: corrected, every record
 * carrying its stable key, the review queue (every record, the flagged ones first: low confidence,
 * unsure OCR, superseded, no box), its pages' sizes, and whether its file is kept.
 */
export function reviewDocument(store: Store, ref: string): DocumentReview {
  return documentForReview(store, ref);
}

/**
 * Corrects fields of one item of a document by its key (from `reviewDocument` or `allegati review`):
 * `{ value: 80 }`, `{ name: "…" }`, or for a value its printed text, `{ text: "≥ 80%" }`, read as the
 * pipeline reads a cell. Fields that would not change are left out; setting a field back to the
 * value read reverts it. Resolves with the corrections stored. Throws UsageError for an unknown
 * item or field, a value the field cannot hold, or a read-only store.
 */
export function correct(
  store: Store,
  ref: string,
  key: string,
  changes: FieldChanges,
  meta: CorrectionMeta = {},
): Correction[] {
  return correctItem(store, ref, key, changes, meta);
}

export { addItem, deleteItem, restoreItem };

/** Marks a document reviewed (signed off), or takes the mark back with `reviewed: false`. */
export function review(
  store: Store,
  ref: string,
  opts: CorrectionMeta & { reviewed?: boolean } = {},
): Correction {
  const { reviewed = true, ...meta } = opts;
  return markReviewed(store, ref, reviewed, meta);
}

/**
 * The corrections of one document, or of all, oldest first, each with its fate: applied, reverted,
 * replaced by a later one, or orphaned (its item is not in the document as read now).
 */
export function corrections(store: Store, ref?: string): CorrectionEntry[] {
  return listCorrections(store, ref);
}

/**
 * The PDF of a stored document from its kept file (a signed envelope unwrapped), for showing its
 * pages; null when its file was not kept (`ingest --no-keep`).
 */
export function documentPdf(store: Store, ref: string): Promise<{ file: string; data: Uint8Array } | null> {
  return keptPdf(store, ref);
}

export {
  FIELDS as CORRECTABLE_FIELDS,
  valueFromText,
  fieldsFromText,
  readValueText,
  kindOfKey,
} from "./review/index.js";
export type {
  CorrectionEntry,
  CorrectionMeta,
  CorrectionStatus,
  DocumentReview,
  FieldChanges,
  FieldType,
  NewItem,
  ReviewItem,
  ReviewReason,
  StoredExportDocument,
} from "./review/index.js";
export { ITEM_KINDS, DOCUMENT_ITEM } from "./model/constants.js";

// ---------------------------------------------------------------------------------------------
// Scoring against gold files

export { runEval, formatEval, evalJson, goldFiles } from "./eval/run.js";
export type { EvalReport, DocEval } from "./eval/run.js";

// ---------------------------------------------------------------------------------------------
// Errors

export { AllegatiError, UsageError, FAILURE_REASONS, classifyError, isAllegatiError } from "./errors.js";
export type { FailureReason } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// The data model (the export contract's records and the page model)

export type {
  ActRef,
  Box,
  Correction,
  CorrectionNote,
  DeletedItem,
  ItemKind,
  OrphanedCorrection,
  ReviewMark,
  DocumentKind,
  DocumentLayout,
  Export,
  ExportDocument,
  Indicator,
  Objective,
  ObjectiveLevel,
  OcrMode,
  Op,
  PageInfo,
  PageLayout,
  Provenance,
  ReaderNote,
  Result,
  Signature,
  StoredDocument,
  Table,
  Target,
  Unit,
  Value,
} from "./model/index.js";
