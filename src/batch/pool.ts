/**
 * A pool of parse workers (worker_threads), one per core by default, each with a memory cap
 * (resourceLimits). A job that runs past its time limit, or whose worker dies, fails with reason
 * `limit` and the worker is replaced; the batch goes on.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AllegatiError, type FailureReason } from "../errors.js";
import { addTimings, type StageTimings, type StoredDocument } from "../model/index.js";
import type { Job, Reply } from "./worker.js";

export interface PoolOptions {
  size?: number;
  /** per document, in milliseconds */
  timeoutMs?: number;
  /** heap cap per worker, in MB */
  maxMemoryMb?: number;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
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
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  readonly size: number;
  private closed = false;

  constructor(private readonly opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
  }

  private spawn(): Slot {
    const worker = new Worker(workerEntry, {
      // a young generation of 8 MB (V8's default is larger): a long document's peak is 15-40 MB
      // lower, and dense pages read as fast (measured paired, pinned to one core)
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB,
        maxYoungGenerationSizeMb: 8,
      },
    });
    worker.unref();
    const slot: Slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
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
        clearTimeout(timer);
        slot.worker.off("message", onMessage);
        slot.worker.off("error", onError);
        slot.worker.off("exit", onExit);
        this.release(slot, keep);
        fn();
      };
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        if ("page" in m) return onPage?.(m.page, m.pages);
        if (m.ok) {
          if (timings) addTimings(timings, m.timings);
          done(() => resolve(m.doc), true);
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
      slot.worker.on("message", onMessage);
      slot.worker.on("error", onError);
      slot.worker.on("exit", onExit);
      slot.worker.postMessage({ id, input, opts: job, debug } satisfies Job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new AllegatiError("limit", "interrupted"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
