/**
 * A pool of parse workers (worker_threads), one per core by default, each with a memory cap. The
 * heap is capped by V8 (resourceLimits), but pdf.js keeps decoded streams and images in buffers
 * outside it: a watchdog reads each worker's own report of its heap and buffers and, for a worker
 * too busy to report, the process's resident memory that no report accounts for, and stops a worker
 * past the cap. A job that runs past its time limit, or whose worker dies or is stopped, fails with
 * reason `limit` and the worker is replaced; the batch goes on.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AllegatiError, type FailureReason } from "../errors.js";
import { addTimings, type ReaderNote, type StageTimings, type StoredDocument } from "../model/index.js";
import { isolateMemory, MEMORY_MS, minorFaults, PAGE_BYTES, type MemoryReport } from "./memory.js";
import type { Job, Reply } from "./worker.js";
import { unpackDocument } from "./handover.js";

export interface PoolOptions {
  size?: number;
  /** per document, in milliseconds */
  timeoutMs?: number;
  /** memory cap per worker, in MB: its heap, and its heap and buffers together */
  maxMemoryMb?: number;
  /** the worker module (tests give one of their own) */
  entry?: URL;
}

import { DEFAULT_TIMEOUT_MS } from "../options.js";

export { DEFAULT_TIMEOUT_MS };
export const DEFAULT_WORKER_MEMORY_MB = 1536;

// running from source (tests, tsx) the worker is TypeScript: a tiny ESM bootstrap registers tsx's
// loader in the worker thread first
const here = import.meta.url;
const fromSource = here.endsWith(".ts");
const workerUrl = new URL(fromSource ? "./worker.ts" : "./worker.js", here);
const workerEntry = fromSource
  ? new URL(
      `data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(workerUrl.href)});`)}`,
    )
  : workerUrl;

interface Slot {
  worker: Worker;
  busy: boolean;
  /** the worker's last report of its heap and buffers, and when it came */
  mem: number;
  memAt: number;
  /** the resident memory no report accounted for when that report came */
  unaccountedAt: number;
  /** the worker's thread (Linux) and its minor page faults when that report came */
  tid: number | null;
  faultsAt: number | null;
  /** fails the job in hand (the watchdog's way to stop it) */
  stop?: (message: string) => void;
  /** set when the worker is retired: settles once its thread has exited */
  gone?: Promise<number>;
}

/** A worker that has not reported for this long is busy in a synchronous step. */
const SILENT_MS = 5 * MEMORY_MS;
/** after stopping a worker, the time its memory takes to be let go */
const SETTLE_MS = 1000;
const WATCH_MS = MEMORY_MS;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  readonly size: number;
  private closed = false;

  private watchdog: NodeJS.Timeout | null = null;
  /** when the watchdog last stopped a worker: its memory is let go before the next judgement */
  private stoppedAt = -Infinity;

  constructor(private readonly opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
  }

  /** Resident memory that no worker's report nor this thread's heap and buffers account for. */
  private unaccounted(): number {
    let reported = isolateMemory();
    for (const s of this.slots) reported += s.mem;
    return process.memoryUsage.rss() - reported;
  }

  private get capBytes(): number {
    return (this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB) * 1024 * 1024;
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.entry ?? workerEntry, {
      // a young generation of 8 MB (V8's default is larger): a long document's peak is 15-40 MB
      // lower, and dense pages read as fast (measured paired, pinned to one core)
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB,
        maxYoungGenerationSizeMb: 8,
      },
    });
    worker.unref();
    const slot: Slot = {
      worker,
      busy: false,
      mem: 0,
      memAt: performance.now(),
      unaccountedAt: this.unaccounted(),
      tid: null,
      faultsAt: null,
    };
    worker.on("message", (m: Reply | MemoryReport) => {
      if ("mem" in m) {
        slot.mem = m.mem;
        slot.memAt = performance.now();
        slot.unaccountedAt = this.unaccounted();
        slot.tid = m.tid;
        slot.faultsAt = minorFaults(m.tid);
      }
    });
    this.slots.push(slot);
    this.watchdog ??= setInterval(() => this.watch(), WATCH_MS).unref();
    return slot;
  }

  /**
   * Stops a worker past the memory cap: by its own report, or, for a worker too busy to report (in a
   * synchronous step, where pdf.js decodes), by its last report plus what the process grew by since
   * that no report accounts for, at most what its own thread touched since (its minor page faults,
   * where Linux tells them): a worker silent in a long parse while another one's decode grows is
   * not charged with that growth. Only the worker charged most is stopped at a time, once the memory
   * of the one stopped before is let go.
   */
  private watch(): void {
    const now = performance.now();
    if (now - this.stoppedAt < SETTLE_MS) return;
    const unaccounted = this.unaccounted();
    let worst: Slot | null = null;
    let worstEstimate = 0;
    for (const s of this.slots) {
      if (!s.busy || !s.stop) continue;
      let estimate = s.mem;
      if (now - s.memAt > SILENT_MS) {
        let grown = Math.max(0, unaccounted - s.unaccountedAt);
        const faults = minorFaults(s.tid);
        if (faults !== null && s.faultsAt !== null)
          grown = Math.min(grown, (faults - s.faultsAt) * PAGE_BYTES);
        estimate += grown;
      }
      if (estimate > worstEstimate) {
        worst = s;
        worstEstimate = estimate;
      }
    }
    if (!worst || worstEstimate <= this.capBytes) return;
    this.stoppedAt = now;
    worst.stop!(
      `out of memory: the worker passed ${this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB} MB (heap and buffers) and was stopped`,
    );
  }

  /** An idle worker, a new one while under `size`, or the first to finish (jobs wait their turn). */
  private slotFor(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : null);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /**
   * A job is over: its worker goes straight to the next waiting job, before the caller receives the
   * result, so that the main thread writes a document while the worker already parses the next one.
   */
  private release(slot: Slot, keep: boolean): void {
    if (!keep) this.retire(slot);
    const next = this.closed ? undefined : this.waiting.shift();
    if (!next) {
      slot.busy = false;
      return;
    }
    const s = keep ? slot : this.spawn();
    s.busy = true;
    next.resolve(s);
  }

  private retire(slot: Slot): void {
    slot.mem = 0;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.gone = slot.worker.terminate();
  }

  /**
   * Reads one document in a worker, waiting for one when all are busy. Rejects with an AllegatiError
   * on any failure. `onNotes` receives what pdf.js printed, before the result.
   */
  async read(
    input: Job["input"],
    job: Job["opts"],
    onPage?: (page: number, pages: number) => void,
    debug = false,
    onNotes?: (notes: ReaderNote[]) => void,
    /** receives the worker's per-stage timings */
    timings?: StageTimings,
  ): Promise<StoredDocument> {
    if (this.closed) throw new AllegatiError("limit", "interrupted");
    const slot = await this.slotFor();
    if (this.closed) throw new AllegatiError("limit", "interrupted");
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<StoredDocument>((resolve, reject) => {
      let settled = false;
      const done = (fn: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        slot.stop = undefined;
        clearTimeout(timer);
        slot.worker.off("message", onMessage);
        slot.worker.off("error", onError);
        slot.worker.off("exit", onExit);
        this.release(slot, keep);
        fn();
      };
      const onMessage = (m: Reply | MemoryReport) => {
        if ("mem" in m || m.id !== id) return;
        if ("page" in m) return onPage?.(m.page, m.pages);
        if (m.notes?.length) onNotes?.(m.notes);
        if (m.ok) {
          if (timings) addTimings(timings, m.timings);
          if ("doc" in m) return done(() => resolve(m.doc), true);
          // a long document: the worker's heap, grown by its reading, is given back before this
          // thread unpacks and writes it (a 560-page table peaked about 50 MB lower)
          done(() => {
            const unpack = () => {
              try {
                resolve(unpackDocument(m.packed));
              } catch (e) {
                reject(new AllegatiError("limit", `worker's result unreadable: ${(e as Error).message}`));
              }
            };
            void slot.gone!.then(unpack, unpack);
          }, false);
        } else done(() => reject(new AllegatiError(m.reason as FailureReason, m.message)), true);
      };
      const onError = (e: Error) =>
        done(
          () =>
            reject(
              new AllegatiError(
                "limit",
                /memory|heap/i.test(e.message)
                  ? `out of memory (worker cap ${this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB} MB)`
                  : `worker failed: ${e.message}`,
              ),
            ),
          false,
        );
      const onExit = (code: number) =>
        done(() => reject(new AllegatiError("limit", `worker stopped (exit ${code})`)), false);
      const timer = setTimeout(
        () =>
          done(
            () =>
              reject(
                new AllegatiError("limit", `took longer than ${Math.round(timeoutMs / 1000)} s (--timeout)`),
              ),
            false,
          ),
        timeoutMs,
      );
      slot.stop = (message) => done(() => reject(new AllegatiError("limit", message)), false);
      slot.worker.on("message", onMessage);
      slot.worker.on("error", onError);
      slot.worker.on("exit", onExit);
      slot.worker.postMessage({ id, input, opts: job, debug } satisfies Job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    for (const w of this.waiting.splice(0)) w.reject(new AllegatiError("limit", "interrupted"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
