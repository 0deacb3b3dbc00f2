/**
 * Ingests files into the store, one transaction per document: a file already in the store (same
 * sha256) is skipped before it is parsed; a file that fails is recorded in `failures` and the batch
 * goes on.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { AllegatiError, type FailureReason } from "./errors.js";
import type { Store } from "./load/index.js";
import type { ReaderNote } from "./model/index.js";
import type { ReadOptions } from "./pipeline.js";
// link.js, not the link stage's index: that one loads exceljs for the diff formats
import { relinkDocument } from "./link/link.js";

export type Outcome = "loaded" | "skipped" | "failed";

export interface FileEvent {
  file: string;
  path: string;
  id: string | null;
  outcome: Outcome;
  pages?: number;
  indicators?: number;
  targets?: number;
  profile?: string;
  reason?: FailureReason;
  message?: string;
  /** what pdf.js printed while reading the file (fonts it could not load, decoders it fell back from) */
  notes?: ReaderNote[];
  durationMs: number;
}

export interface IngestOptions extends ReadOptions {
  force?: boolean;
  onFile?: (e: FileEvent) => void;
  /** debug: keep stack traces of unexpected errors in the message */
  debug?: boolean;
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Turns any error into a reason and a one-line message; unexpected errors are `damaged`. */
export function classify(e: unknown, debug = false): { reason: FailureReason; message: string } {
  if (e instanceof AllegatiError) return { reason: e.reason, message: e.message };
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return { reason: "unreadable", message: "no such file" };
  if (err?.code === "EACCES") return { reason: "unreadable", message: "permission denied" };
  if (err?.code === "EISDIR") return { reason: "unreadable", message: "is a directory" };
  if (err instanceof RangeError && /memory|allocation|Array buffer/i.test(err.message))
    return { reason: "limit", message: `out of memory: ${err.message}` };
  const message = (err?.message ?? String(e)).split("\n")[0]!;
  return { reason: "damaged", message: debug && err?.stack ? err.stack : message };
}

export async function ingestFile(store: Store, path: string, opts: IngestOptions = {}): Promise<FileEvent> {
  const started = Date.now();
  const file = basename(path);
  let id: string | null = null;
  let notes: ReaderNote[] | undefined;
  const done = (e: Omit<FileEvent, "file" | "path" | "durationMs" | "id">): FileEvent => {
    const ev: FileEvent = {
      file,
      path,
      id,
      durationMs: Date.now() - started,
      ...e,
      ...(notes ? { notes } : {}),
    };
    opts.onFile?.(ev);
    return ev;
  };
  try {
    id = await sha256OfFile(path);
    if (!opts.force && store.hasDocument(id)) return done({ outcome: "skipped" });
    // pdf.js is loaded only where documents are parsed: a batch's main thread leaves it to the workers
    const { readDocument } = await import("./pipeline.js");
    const doc = await readDocument(path, { ...opts, onReaderNotes: (n) => (notes = n) });
    store.insertDocument(doc, { replace: opts.force });
    // links to the issuer's other documents are recomputed whenever one is added
    relinkDocument(store, doc.id);
    return done({
      outcome: "loaded",
      pages: doc.pages,
      indicators: doc.indicators.length,
      targets: doc.indicators.reduce((n, i) => n + i.targets.length, 0),
      profile: doc.profile,
    });
  } catch (e) {
    const { reason, message } = classify(e, opts.debug);
    try {
      store.recordFailure({ file, path, sha256: id, reason, message, at: new Date().toISOString() });
    } catch {
      // the failure is still reported on stderr and in the summary
    }
    return done({ outcome: "failed", reason, message });
  }
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
  events: FileEvent[];
}

export interface BatchOptions extends IngestOptions {
  /** parse workers; 0 parses in this thread (one file at a time) */
  workers?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
  onProgress?: (p: { done: number; total: number; pages: number }) => void;
}

/**
 * Ingests a batch: files are hashed and skipped when already stored, parsed concurrently in a pool
 * of worker threads (p-queue keeps every worker busy), and written by this thread alone, one
 * transaction per document. An interrupted batch keeps what finished; a rerun resumes.
 */
export async function ingestFiles(
  store: Store,
  paths: string[],
  opts: BatchOptions = {},
): Promise<IngestSummary> {
  const started = Date.now();
  const events: FileEvent[] = [];
  let pages = 0;
  const record = (e: FileEvent) => {
    events.push(e);
    pages += e.pages ?? 0;
    opts.onProgress?.({ done: events.length, total: paths.length, pages });
  };
  if (!opts.workers) {
    for (const p of paths) {
      if (opts.signal?.aborted) break;
      record(await ingestFile(store, p, opts));
    }
    return summarize(events, Date.now() - started);
  }
  const { default: PQueue } = await import("p-queue");
  const { ParsePool } = await import("./batch/pool.js");
  const pool = new ParsePool({
    size: opts.workers,
    timeoutMs: opts.timeoutMs,
    maxMemoryMb: opts.maxMemoryMb,
  });
  // one file more than there are workers: it is hashed and waits, so that a worker that finishes
  // takes it at once while this thread writes the finished document
  const queue = new PQueue({ concurrency: pool.size + 1 });
  // the cores are shared out: parse workers that read scans at the same time get a tesseract worker
  // each (every one holds the Italian model, a few hundred MB), a lone scan gets them all
  const ocrWorkers = Math.max(1, Math.floor(availableParallelism() / Math.min(pool.size, paths.length)));
  const onAbort = () => {
    queue.clear();
    void pool.close();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const one = async (path: string) => {
    if (opts.signal?.aborted) return;
    const t0 = Date.now();
    const file = basename(path);
    let id: string | null = null;
    let notes: ReaderNote[] | undefined;
    const done = (e: Omit<FileEvent, "file" | "path" | "durationMs" | "id">) => {
      const ev: FileEvent = {
        file,
        path,
        id,
        durationMs: Date.now() - t0,
        ...e,
        ...(notes ? { notes } : {}),
      };
      opts.onFile?.(ev);
      record(ev);
    };
    try {
      id = await sha256OfFile(path);
      if (!opts.force && store.hasDocument(id)) return done({ outcome: "skipped" });
      const read = {
        maxPages: opts.maxPages,
        maxBytes: opts.maxBytes,
        profile: opts.profile,
        ocr: opts.ocr,
        ocrWorkers,
      };
      const doc = await pool.read(path, read, undefined, opts.debug, (n) => (notes = n));
      if (opts.signal?.aborted) return;
      store.insertDocument(doc, { replace: opts.force });
      relinkDocument(store, doc.id);
      done({
        outcome: "loaded",
        pages: doc.pages,
        indicators: doc.indicators.length,
        targets: doc.indicators.reduce((n, i) => n + i.targets.length, 0),
        profile: doc.profile,
      });
    } catch (e) {
      if (opts.signal?.aborted) return;
      const { reason, message } = classify(e, opts.debug);
      try {
        store.recordFailure({ file, path, sha256: id, reason, message, at: new Date().toISOString() });
      } catch {
        // still reported on stderr and in the summary
      }
      done({ outcome: "failed", reason, message });
    }
  };
  try {
    for (const path of paths) void queue.add(() => one(path));
    await queue.onIdle();
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    await pool.close();
  }
  return summarize(events, Date.now() - started);
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
    events,
  };
}
