/**
 * Ingests files into the store, one transaction per document: a file already in the store (same
 * sha256) is skipped before it is parsed; a file that fails is recorded in `failures` and the batch
 * goes on. Documents are parsed in a pool of worker threads (or in this thread with `workers: 0`);
 * this thread alone writes the database. Linking is a step of its own after each document's
 * transaction (and once more at the end, for documents a killed run left pending).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { AllegatiError, classifyError, isDiskFull, UsageError, type FailureReason } from "./errors.js";
import { keepOriginal, originalPath, type Store } from "./load/index.js";
import {
  addTimings,
  emptyTimings,
  roundTimings,
  type ReaderNote,
  type StageTimings,
  type StoredDocument,
} from "./model/index.js";
import {
  checkReadOptions,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type DocumentInput,
  type ReadOptions,
} from "./options.js";
import { walkInputs, type InputWalk } from "./inputs.js";
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
  /** what a loaded document says of its own reading (no indicator read, a table read to nothing, …) */
  warnings?: string[];
  /** what pdf.js printed while reading the file (fonts it could not load, decoders it fell back from) */
  notes?: ReaderNote[];
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
  /** warnings of the documents loaded (each is also in its event and stored with its document) */
  warnings: number;
  durationMs: number;
  /** set when the batch stopped before its end for a reason no file can get past (the disk is full) */
  stopped?: { reason: FailureReason; message: string };
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
  /** per document, in milliseconds: hashing and reading it, in worker threads or not (default 10 minutes) */
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

/**
 * What `ingest` takes: paths of files or folders (walked for PDF and signed files), or bytes with a
 * name; or a walk already made of paths (`walkInputs`), with what it could not take.
 */
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

/** The sha256 of a file, read as a stream; stopped (AbortError) when `signal` aborts. */
export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { signal })) h.update(chunk as Buffer);
  return h.digest("hex");
}

const sha256Of = (input: DocumentInput, signal?: AbortSignal): Promise<string> =>
  typeof input === "string"
    ? sha256OfFile(input, signal)
    : Promise.resolve(createHash("sha256").update(input.data).digest("hex"));

const seconds = (ms: number) => Math.round(ms / 1000);
const tookTooLong = (ms: number) =>
  new AllegatiError("limit", `took longer than ${seconds(ms)} s (--timeout)`);

/**
 * A file's size is checked before it is hashed (a 60 GB file is refused at once), and a path that
 * is not a regular file is refused before it is opened (reading a FIFO waits for ever).
 */
async function checkFile(path: string, maxBytes: number): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new AllegatiError("unreadable", classifyError(e).message, "acquire");
  }
  if (st.isDirectory()) throw new AllegatiError("unreadable", "is a directory", "acquire");
  if (!st.isFile()) throw new AllegatiError("unreadable", "not a regular file", "acquire");
  if (st.size > maxBytes)
    throw new AllegatiError("limit", `${st.size} bytes, more than the limit of ${maxBytes}`, "acquire");
}

/** The batch stops: no file can be written (the disk is full). */
class BatchStopped extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

const isWalk = (x: unknown): x is InputWalk =>
  typeof x === "object" &&
  x !== null &&
  Array.isArray((x as InputWalk).files) &&
  Array.isArray((x as InputWalk).failures);

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
  inputs: IngestInput | IngestInput[] | InputWalk,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  checkIngestOptions(opts);
  if (store.readonly)
    throw new UsageError(`the store at ${store.path} is open read-only: nothing can be ingested`);
  const started = Date.now();
  const list = isWalk(inputs) ? [] : Array.isArray(inputs) ? inputs : [inputs];
  const walk = isWalk(inputs) ? inputs : walkInputs(list.filter((i): i is string => typeof i === "string"));
  const files: DocumentInput[] = [...walk.files, ...list.filter((i) => typeof i !== "string")];
  const total = files.length + walk.failures.length;
  const events: FileEvent[] = [];
  let pages = 0;
  let stopped: IngestSummary["stopped"];
  opts.onProgress?.({ done: 0, total, pages: 0 });
  const record = (e: FileEvent) => {
    events.push(e);
    pages += e.pages ?? 0;
    opts.onFile?.(e);
    opts.onProgress?.({ done: events.length, total, pages });
  };
  // what the walk could not take: one failure each, and the batch goes on
  for (const f of walk.failures) {
    const e = { file: basename(f.path), path: f.path, id: null, outcome: "failed" as const, durationMs: 0 };
    try {
      store.recordFailure({
        file: e.file,
        path: f.path,
        sha256: null,
        reason: f.reason,
        message: f.message,
        at: new Date().toISOString(),
      });
    } catch {
      // still reported on stderr and in the summary
    }
    record({ ...e, reason: f.reason, message: f.message });
  }
  const stop = new AbortController();
  const onStop = (e: BatchStopped) => {
    stopped ??= { reason: e.reason, message: e.message };
    stop.abort();
  };
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const each = { ...opts, signal };
  const workers = opts.workers ?? Math.min(availableParallelism(), files.length);
  const linking: LinkSummary = { pairs: 0, links: 0, durationMs: 0, warnings: [] };
  const link = () => linkStep(store, opts, linking);
  const finish = () => {
    // documents a killed run left pending are linked even when every file was skipped (not after
    // an interrupt, nor on a full disk: the next run links them)
    if (!signal.aborted) link();
    const summary = summarize(events, Date.now() - started, stopped);
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
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (const f of files) {
      if (signal.aborted) break;
      await ingestOne(
        store,
        f,
        (input, onNotes, timings) =>
          readInThread(readDocument, input, { ...read, onReaderNotes: onNotes, timings }, signal, timeoutMs),
        each,
        record,
        link,
      ).catch((e: unknown) => {
        if (e instanceof BatchStopped) onStop(e);
        else throw e;
      });
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
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    for (const f of files)
      void queue.add(() =>
        ingestOne(
          store,
          f,
          (input, onNotes, timings) =>
            pool.read(input, { ...read, ocrWorkers }, undefined, opts.debug, onNotes, timings),
          each,
          record,
          link,
        ).catch((e: unknown) => {
          if (e instanceof BatchStopped) onStop(e);
          else throw e;
        }),
      );
    await queue.onIdle();
  } finally {
    signal.removeEventListener("abort", onAbort);
    await pool.close();
  }
  return finish();
}

/**
 * Reads a document in this thread within `timeoutMs`: past it the read is told to stop (it does at
 * its next page, or at once when pdf.js is waiting) and the file fails with `limit` at once.
 */
async function readInThread(
  readDocument: (input: DocumentInput, opts: ReadOptions) => Promise<StoredDocument>,
  input: DocumentInput,
  read: ReadOptions,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<StoredDocument> {
  const timeout = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timeout.abort();
      reject(tookTooLong(timeoutMs));
    }, timeoutMs);
  });
  const reading = readDocument(input, { ...read, signal: AbortSignal.any([signal, timeout.signal]) });
  reading.catch(() => {}); // abandoned past the time limit: its own end is of no interest
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(timer);
  }
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
  read: (
    input: DocumentInput,
    onNotes: (notes: ReaderNote[]) => void,
    timings: StageTimings,
  ) => Promise<StoredDocument>,
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
  let notes: ReaderNote[] | undefined;
  const done = (e: Omit<FileEvent, "file" | "path" | "durationMs" | "id">) =>
    record({ file, path, id, durationMs: Date.now() - started, ...e, ...(notes ? { notes } : {}) });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hashing = new AbortController();
  const timer = setTimeout(() => hashing.abort(), timeoutMs);
  try {
    try {
      if (typeof input === "string") await checkFile(input, opts.maxBytes ?? DEFAULT_MAX_BYTES);
      id = await sha256Of(
        input,
        opts.signal ? AbortSignal.any([opts.signal, hashing.signal]) : hashing.signal,
      );
    } catch (e) {
      if (hashing.signal.aborted) throw tookTooLong(timeoutMs);
      throw e;
    } finally {
      // cleared however the check ends: a timer left behind keeps the process alive for --timeout
      clearTimeout(timer);
    }
    const source = typeof input === "string" ? input : input.data;
    if (!opts.force && store.hasDocument(id)) {
      // a document stored before files were kept gets its file now
      if (opts.keep !== false && !originalPath(store, id)) await keepOriginal(store, id, source);
      return done({ outcome: "skipped" });
    }
    const doc = await read(input, (n) => (notes = n), timings);
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
      ...(doc.warnings?.length ? { warnings: doc.warnings } : {}),
      timings: roundTimings(timings),
    });
  } catch (e) {
    if (opts.signal?.aborted) return;
    const { reason, message } = classifyError(e, opts.debug);
    if (reason === "disk-full") {
      // no file can be written any more: this one is said, the others wait for the next run
      done({ outcome: "failed", reason, message });
      throw new BatchStopped(reason, message);
    }
    try {
      store.recordFailure({ file, path, sha256: id, reason, message, at: new Date().toISOString() });
    } catch (f) {
      if (isDiskFull(f)) {
        done({ outcome: "failed", reason, message });
        throw new BatchStopped("disk-full", (f as Error).message);
      }
      // the failure is still reported on stderr and in the summary
    }
    done({ outcome: "failed", reason, message });
  }
}

export function summarize(
  events: FileEvent[],
  durationMs: number,
  stopped?: IngestSummary["stopped"],
): IngestSummary {
  const count = (o: Outcome) => events.filter((e) => e.outcome === o).length;
  return {
    files: events.length,
    loaded: count("loaded"),
    skipped: count("skipped"),
    failed: count("failed"),
    pages: events.reduce((n, e) => n + (e.pages ?? 0), 0),
    indicators: events.reduce((n, e) => n + (e.indicators ?? 0), 0),
    targets: events.reduce((n, e) => n + (e.targets ?? 0), 0),
    warnings: events.reduce((n, e) => n + (e.warnings?.length ?? 0), 0),
    durationMs,
    ...(stopped ? { stopped } : {}),
    timings: roundTimings(
      events.reduce((t, e) => (e.timings ? addTimings(t, e.timings) : t), emptyTimings()),
    ),
    events,
  };
}
