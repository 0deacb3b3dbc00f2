/**
 * A pool of parse workers (worker_threads), one per core by default, each with a memory cap
 * (resourceLimits). A job that runs past its time limit, or whose worker dies, fails with reason
 * `limit` and the worker is replaced; the batch goes on.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AllegatiError, type FailureReason } from "../errors.js";
import type { StoredDocument } from "../load/index.js";
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
  private nextId = 1;
  readonly size: number;
  private closed = false;

  constructor(private readonly opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
  }

  private spawn(): Slot {
    const worker = new Worker(workerEntry, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
    });
    worker.unref();
    const slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private acquire(): Slot {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    throw new Error("no idle worker: run at most `size` jobs at once");
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  /** Reads one document in a worker. Rejects with an AllegatiError on any failure. */
  read(
    path: string,
    job: Job["opts"],
    onPage?: (page: number, pages: number) => void,
    debug = false,
  ): Promise<StoredDocument> {
    if (this.closed) return Promise.reject(new AllegatiError("limit", "interrupted"));
    const slot = this.acquire();
    slot.busy = true;
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
        if (keep) slot.busy = false;
        else this.retire(slot);
        fn();
      };
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
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
      slot.worker.on("message", onMessage);
      slot.worker.on("error", onError);
      slot.worker.on("exit", onExit);
      slot.worker.postMessage({ id, path, opts: job, debug } satisfies Job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
