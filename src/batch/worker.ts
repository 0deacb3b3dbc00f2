/**
 * A parse worker: reads one document at a time (acquire → segment) and posts the result back; the
 * main thread alone writes the database. A crash, a memory limit or a timeout loses only this file.
 */
import { parentPort } from "node:worker_threads";
import { classifyError } from "../errors.js";
import { isolateMemory, MEMORY_MS, osThreadId, type MemoryReport } from "./memory.js";
import { emptyTimings, type ReaderNote, type StageTimings } from "../model/index.js";
import { readDocument, type DocumentInput, type ReadOptions } from "../pipeline.js";
import { installOneCallInflate } from "../extract/inflate.js";
import { packDocument, PACK_PAGES } from "./handover.js";

export interface Job {
  id: number;
  /** a path, or bytes with a name (copied to the worker) */
  input: DocumentInput;
  opts: Pick<ReadOptions, "maxPages" | "maxBytes" | "profile" | "ocr" | "ocrWorkers">;
  debug?: boolean;
}

export type Reply =
  | {
      id: number;
      ok: true;
      doc: Awaited<ReturnType<typeof readDocument>>;
      notes?: ReaderNote[];
      timings: StageTimings;
    }
  | {
      id: number;
      ok: true;
      /** a long document, packed (handover.ts): the pool retires this worker before unpacking it */
      packed: ArrayBuffer;
      notes?: ReaderNote[];
      timings: StageTimings;
    }
  | { id: number; ok: false; reason: string; message: string; notes?: ReaderNote[] }
  | { id: number; page: number; pages: number };

// this thread runs nothing but our reading: pdf.js's Flate streams are inflated in one call here
// (extract/inflate.ts), without the web streams' round trip through the thread pool
installOneCallInflate();

// a thread blocked in a long synchronous step posts nothing: the pool's watchdog then judges it by
// the process's resident memory and its thread's page faults instead
const tid = osThreadId();
const report = () => parentPort?.postMessage({ mem: isolateMemory(), tid } satisfies MemoryReport);
report();
setInterval(report, MEMORY_MS).unref();

/** Progress is posted at most this often: a message to the main thread costs ~0.5 ms on a busy core. */
const PROGRESS_MS = 100;

parentPort?.on("message", async (job: Job) => {
  let last = 0;
  let notes: ReaderNote[] | undefined;
  const timings = emptyTimings();
  try {
    const doc = await readDocument(job.input, {
      ...job.opts,
      onReaderNotes: (n) => (notes = n),
      timings,
      onPage: (page, pages) => {
        const now = performance.now();
        if (page < pages && now - last < PROGRESS_MS) return;
        last = now;
        parentPort!.postMessage({ id: job.id, page, pages } satisfies Reply);
      },
    });
    if (doc.pages > PACK_PAGES) {
      const packed = packDocument(doc);
      parentPort!.postMessage({ id: job.id, ok: true, packed, notes, timings } satisfies Reply, [packed]);
    } else parentPort!.postMessage({ id: job.id, ok: true, doc, notes, timings } satisfies Reply);
  } catch (e) {
    const c = classifyError(e, job.debug);
    parentPort!.postMessage({
      id: job.id,
      ok: false,
      reason: c.reason,
      message: c.message,
      notes,
    } satisfies Reply);
  }
});
