/**
 * A parse worker: reads one document at a time (acquire → segment) and posts the result back; the
 * main thread alone writes the database. A crash, a memory limit or a timeout loses only this file.
 */
import { parentPort } from "node:worker_threads";
import { classify } from "../ingest.js";
import { readDocument, type ReadOptions } from "../pipeline.js";

export interface Job {
  id: number;
  path: string;
  opts: Pick<ReadOptions, "maxPages" | "maxBytes" | "profile" | "ocr" | "ocrWorkers">;
  debug?: boolean;
}

export type Reply =
  | { id: number; ok: true; doc: Awaited<ReturnType<typeof readDocument>> }
  | { id: number; ok: false; reason: string; message: string }
  | { id: number; page: number; pages: number };

parentPort?.on("message", async (job: Job) => {
  try {
    const doc = await readDocument(job.path, {
      ...job.opts,
      onPage: (page, pages) => parentPort!.postMessage({ id: job.id, page, pages } satisfies Reply),
    });
    parentPort!.postMessage({ id: job.id, ok: true, doc } satisfies Reply);
  } catch (e) {
    const c = classify(e, job.debug);
    parentPort!.postMessage({ id: job.id, ok: false, reason: c.reason, message: c.message } satisfies Reply);
  }
});
