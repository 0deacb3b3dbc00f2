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
import type { StoredDocument } from "../model/index.js";
import { isolateMemory, MEMORY_MS, type MemoryReport } from "./memory.js";
import type { Job, Reply } from "./worker.js";

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
  /** fails the job in hand (the watchdog's way to stop it) */
  stop?: (message: string) => void;
}

/** A worker that has not reported for this long is busy in a synchronous step. */
const SILENT_MS = 5 * MEMORY_MS;
const WATCH_MS = MEMORY_MS;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  readonly size: number;
  private closed = false;

  private watchdog: NodeJS.Timeout | null = null;
  /** resident memory that is neither a worker's nor this thread's heap and buffers, at the start */
  private readonly baseline: number;

  constructor(private readonly opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.baseline = process.memoryUsage.rss() - isolateMemory();
  }

  private get capBytes(): number {
    return (this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB) * 1024 * 1024;
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.entry ?? workerEntry, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
    });
    worker.unref();
    const slot: Slot = { worker, busy: false, mem: 0, memAt: performance.now() };
    worker.on("message", (m: Reply | MemoryReport) => {
      if ("mem" in m) {
        slot.mem = m.mem;
        slot.memAt = performance.now();
      }
    });
    this.slots.push(slot);
    this.watchdog ??= setInterval(() => this.watch(), WATCH_MS).unref();
    return slot;
  }

  /**
   * Stops a worker past the memory cap: by its own report, or, for workers too busy to report, by
   * their share of the resident memory that no report accounts for (what a synchronous decode holds).
   */
  private watch(): void {
    const now = performance.now();
    const busy = this.slots.filter((s) => s.busy && s.stop);
    if (!busy.length) return;
    const silent = busy.filter((s) => now - s.memAt > SILENT_MS);
    let reported = 0;
    for (const s of this.slots) reported += s.mem;
    const unaccounted = Math.max(0, process.memoryUsage.rss() - this.baseline - isolateMemory() - reported);
    for (const s of busy) {
      const estimate = s.mem + (silent.includes(s) ? unaccounted / silent.length : 0);
      if (estimate > this.capBytes)
        s.stop!(
          `out of memory: the worker passed ${this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB} MB (heap and buffers) and was stopped`,
        );
    }
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
    void slot.worker.terminate();
  }

  /**
   * Reads one document in a worker, waiting for one when all are busy. Rejects with an AllegatiError
   * on any failure.
   */
  async read(
    input: Job["input"],
    job: Job["opts"],
    onPage?: (page: number, pages: number) => void,
    debug = false,
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
        if (m.ok) done(() => resolve(m.doc), true);
        else done(() => reject(new AllegatiError(m.reason as FailureReason, m.message)), true);
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
