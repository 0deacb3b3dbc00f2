/**
 * Ingests files into the store, one transaction per document: a file already in the store (same
 * sha256) is skipped before it is parsed; a file that fails is recorded in `failures` and the batch
 * goes on. Documents are parsed in a pool of worker threads (or in this thread with `workers: 0`);
 * this thread alone writes the database. Linking is a step of its own after each document's
 * transaction (and once more at the end, for documents a killed run left pending).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { classifyError, UsageError, type FailureReason } from "./errors.js";
import { keepOriginal, originalPath, type Store } from "./load/index.js";
import {
  addTimings,
  emptyTimings,
  roundTimings,
  type StageTimings,
  type StoredDocument,
} from "./model/index.js";
import { checkReadOptions, type DocumentInput, type ReadOptions } from "./options.js";
import { expandInputs } from "./inputs.js";
// step.js, not the link stage's index: that one is the whole stage's public face
import { linkPending, type LinkPairEvent } from "./link/step.js";

export type Outcome = "loaded" | "skipped" | "failed";

/** What happened to one file of a batch. */
export interface FileEvent {
  /** the file's base name (or the name given with its bytes) */
  file: string;
  /** the path as read (the name, for bytes given without a path) */
  path: string;
  /** the document id (sha256 of the file as given); null when the file could not be read */
  id: string | null;
  outcome: Outcome;
  pages?: number;
  indicators?: number;
  targets?: number;
  profile?: string;
  /** why it failed: one word a batch job can switch on */
  reason?: FailureReason;
  message?: string;
  durationMs: number;
  /**
   * milliseconds per stage (acquire, extract, ocr, layout, segment, normalize, load, link) of a
   * loaded document; the parse stages are timed in the worker, load and link in this thread
   */
  timings?: StageTimings;
}

export interface IngestSummary {
  files: number;
  loaded: number;
  skipped: number;
  failed: number;
  pages: number;
  indicators: number;
  targets: number;
  durationMs: number;
  /** the loaded documents' stage timings added up (the parse stages of parallel workers overlap) */
  timings: StageTimings;
  events: FileEvent[];
  /** the link step (absent when nothing was loaded or pending) */
  linking?: LinkSummary;
}

export interface IngestProgress {
  /** files finished (loaded, skipped or failed) */
  done: number;
  total: number;
  /** pages of the documents loaded so far */
  pages: number;
}

export interface IngestOptions extends Pick<
  ReadOptions,
  "maxPages" | "maxBytes" | "profile" | "ocr" | "ocrWorkers" | "signal"
> {
  /** read files already in the store (same sha256) again and replace them */
  force?: boolean;
  /** parse workers (worker threads); 0 parses in this thread. Default: one per core, at most one per file */
  workers?: number;
  /** per document, in milliseconds (worker threads only; default 10 minutes) */
  timeoutMs?: number;
  /** heap cap per worker, in MB (default 1536) */
  maxMemoryMb?: number;
  /** called once per file, when it is loaded, skipped or failed */
  onFile?: (e: FileEvent) => void;
  /** called once before the first file (done 0), then after each file */
  onProgress?: (p: IngestProgress) => void;
  /** keep stack traces of unexpected errors in failure messages */
  debug?: boolean;
  /** milliseconds linking each pair of documents may take (default 60 s); past it, a warning */
  linkBudgetMs?: number;
  /** called after each pair of documents is linked (`warning` set when its time budget ran out) */
  onLink?: (e: LinkPairEvent) => void;
  /**
   * keep each file as given beside the database, named by its sha256 (default true), so that its
   * pages can be shown after the folder it came from is gone; false keeps none
   */
  keep?: boolean;
}

/** The link step of a batch: pairs of documents linked, links written, time, and what went wrong. */
export interface LinkSummary {
  pairs: number;
  links: number;
  durationMs: number;
  /** a pair that ran out of its time budget, or linking that failed (its documents stay pending) */
  warnings: string[];
}

/** What `ingest` takes: paths of files or folders (walked for PDF and signed files), or bytes with a name. */
export type IngestInput = DocumentInput;

/** Checks a batch's options before any file is read (throws UsageError). */
export function checkIngestOptions(opts: IngestOptions): void {
  checkReadOptions(opts);
  if (opts.workers !== undefined && !(Number.isInteger(opts.workers) && opts.workers >= 0))
    throw new UsageError(`workers must be a whole number, not ${String(opts.workers)}`);
  for (const key of ["timeoutMs", "maxMemoryMb", "linkBudgetMs"] as const) {
    const v = opts[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1))
      throw new UsageError(`${key} must be a positive whole number, not ${String(v)}`);
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

const sha256Of = (input: DocumentInput): Promise<string> =>
  typeof input === "string"
    ? sha256OfFile(input)
    : Promise.resolve(createHash("sha256").update(input.data).digest("hex"));

const nameOf = (input: DocumentInput) => (typeof input === "string" ? basename(input) : input.name);
const pathOf = (input: DocumentInput) => (typeof input === "string" ? input : (input.path ?? input.name));

/**
 * Ingests a batch: folders are walked, each file is hashed and skipped when already stored, parsed
 * concurrently in a pool of worker threads (p-queue keeps every worker busy), and written by this
 * thread alone, one transaction per document, then linked to its issuer's other documents. An
 * interrupted batch (`signal`) keeps what finished; a rerun resumes. Options are checked before any
 * file is read (UsageError).
 */
export async function ingest(
  store: Store,
  inputs: IngestInput | IngestInput[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  checkIngestOptions(opts);
  if (store.readonly)
    throw new UsageError(`the store at ${store.path} is open read-only: nothing can be ingested`);
  const started = Date.now();
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const paths = expandInputs(list.filter((i): i is string => typeof i === "string"));
  const files: DocumentInput[] = [...paths, ...list.filter((i) => typeof i !== "string")];
  const events: FileEvent[] = [];
  let pages = 0;
  opts.onProgress?.({ done: 0, total: files.length, pages: 0 });
  const record = (e: FileEvent) => {
    events.push(e);
    pages += e.pages ?? 0;
    opts.onFile?.(e);
    opts.onProgress?.({ done: events.length, total: files.length, pages });
  };
  const workers = opts.workers ?? Math.min(availableParallelism(), files.length);
  const linking: LinkSummary = { pairs: 0, links: 0, durationMs: 0, warnings: [] };
  const link = () => linkStep(store, opts, linking);
  const finish = () => {
    // documents a killed run left pending are linked even when every file was skipped
    if (!opts.signal?.aborted) link();
    const summary = summarize(events, Date.now() - started);
    return linking.pairs || linking.warnings.length ? { ...summary, linking } : summary;
  };
  if (!files.length) return finish();
  const read = {
    maxPages: opts.maxPages,
    maxBytes: opts.maxBytes,
    profile: opts.profile,
    ocr: opts.ocr,
    ocrWorkers: opts.ocrWorkers,
  };
  if (!workers) {
    // pdf.js is loaded only where documents are parsed: a batch's main thread leaves it to the workers
    const { readDocument } = await import("./pipeline.js");
    for (const f of files) {
      if (opts.signal?.aborted) break;
      await ingestOne(
        store,
        f,
        (input, timings) => readDocument(input, { ...read, signal: opts.signal, timings }),
        opts,
        record,
        link,
      );
    }
    return finish();
  }
  const { default: PQueue } = await import("p-queue");
  const { ParsePool } = await import("./batch/pool.js");
  const pool = new ParsePool({ size: workers, timeoutMs: opts.timeoutMs, maxMemoryMb: opts.maxMemoryMb });
  // one file more than there are workers: it is hashed and waits, so that a worker that finishes
  // takes it at once while this thread writes the finished document
  const queue = new PQueue({ concurrency: pool.size + 1 });
  // the cores are shared out: parse workers that read scans at the same time get a tesseract worker
  // each (every one holds the Italian model, a few hundred MB), a lone scan gets them all
  const ocrWorkers =
    opts.ocrWorkers ?? Math.max(1, Math.floor(availableParallelism() / Math.min(pool.size, files.length)));
  const onAbort = () => {
    queue.clear();
    void pool.close();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (const f of files)
      void queue.add(() =>
        ingestOne(
          store,
          f,
          (input, timings) => pool.read(input, { ...read, ocrWorkers }, undefined, opts.debug, timings),
          opts,
          record,
          link,
        ),
      );
    await queue.onIdle();
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    await pool.close();
  }
  return finish();
}

/**
 * Links what is pending, after the document's transaction: a failure here (another process holding
 * the database past the busy timeout) is a warning, not the document's failure; it stays pending and
 * the next run links it.
 */
function linkStep(store: Store, opts: IngestOptions, into: LinkSummary): void {
  try {
    const r = linkPending(store, { budgetMs: opts.linkBudgetMs, onPair: opts.onLink });
    into.pairs += r.pairs;
    into.links += r.links;
    into.durationMs += Math.round(r.durationMs);
    into.warnings.push(...r.warnings);
  } catch (e) {
    into.warnings.push(
      `linking failed (${(e as Error).message}); the documents stay pending and the next run links them`,
    );
  }
}

/**
 * One file: hashed, skipped when stored (unless `force`), read by `read`, written in one
 * transaction, then linked by `link` (its own step); a failure is recorded in the store. A file
 * interrupted by the signal is neither loaded nor failed: a rerun reads it.
 */
async function ingestOne(
  store: Store,
  input: DocumentInput,
  read: (input: DocumentInput, timings: StageTimings) => Promise<StoredDocument>,
  opts: IngestOptions,
  record: (e: FileEvent) => void,
  link: () => void,
): Promise<void> {
  if (opts.signal?.aborted) return;
  const timings = emptyTimings();
  const started = Date.now();
  const file = nameOf(input);
  const path = pathOf(input);
  let id: string | null = null;
  const done = (e: Omit<FileEvent, "file" | "path" | "durationMs" | "id">) =>
    record({ file, path, id, durationMs: Date.now() - started, ...e });
  try {
    id = await sha256Of(input);
    const source = typeof input === "string" ? input : input.data;
    if (!opts.force && store.hasDocument(id)) {
      // a document stored before files were kept gets its file now
      if (opts.keep !== false && !originalPath(store, id)) await keepOriginal(store, id, source);
      return done({ outcome: "skipped" });
    }
    const doc = await read(input, timings);
    if (opts.signal?.aborted) return;
    // kept before the document is written: a stored document's pages can always be shown
    let t = performance.now();
    if (opts.keep !== false) await keepOriginal(store, id, source);
    // the document commits first (marked pending in the same transaction), then is linked
    store.insertDocument(doc, { replace: opts.force });
    timings.load += performance.now() - t;
    t = performance.now();
    link();
    timings.link += performance.now() - t;
    done({
      outcome: "loaded",
      pages: doc.pages,
      indicators: doc.indicators.length,
      targets: doc.indicators.reduce((n, i) => n + i.targets.length, 0),
      profile: doc.profile,
      timings: roundTimings(timings),
    });
  } catch (e) {
    if (opts.signal?.aborted) return;
    const { reason, message } = classifyError(e, opts.debug);
    try {
      store.recordFailure({ file, path, sha256: id, reason, message, at: new Date().toISOString() });
    } catch {
      // the failure is still reported on stderr and in the summary
    }
    done({ outcome: "failed", reason, message });
  }
}

export function summarize(events: FileEvent[], durationMs: number): IngestSummary {
  const count = (o: Outcome) => events.filter((e) => e.outcome === o).length;
  return {
    files: events.length,
    loaded: count("loaded"),
    skipped: count("skipped"),
    failed: count("failed"),
    pages: events.reduce((n, e) => n + (e.pages ?? 0), 0),
    indicators: events.reduce((n, e) => n + (e.indicators ?? 0), 0),
    targets: events.reduce((n, e) => n + (e.targets ?? 0), 0),
    durationMs,
    timings: roundTimings(
      events.reduce((t, e) => (e.timings ? addTimings(t, e.timings) : t), emptyTimings()),
    ),
    events,
  };
}
