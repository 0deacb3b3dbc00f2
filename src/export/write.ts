/**
 * Exports written to a stream a document at a time, waiting for the stream to drain: the output of
 * a store of any size never exists as one string. JSON is byte for byte what
 * `JSON.stringify({ version: 1, documents }, null, 2)` would print, with a final line break.
 */
import type { Store } from "../load/index.js";
import { csvLine } from "./csv.js";
import { CSV_HEADER, csvRows, exportDocuments, type ExportOptions } from "./documents.js";

export type ExportFormat = "json" | "csv";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["json", "csv"];

export interface WriteExportOptions extends ExportOptions {
  /** json (the contract, default) or csv (one row per value) */
  format?: ExportFormat;
}

/** A writable stream as Node's streams and process.stdout are. */
export type Sink = NodeJS.WritableStream;

/**
 * Writes to a stream, waiting for it to drain when its buffer is full, and failing (instead of
 * hanging) when it errors or closes: a reader that went away (`export | head`, EPIPE) stops the
 * export with that error.
 */
export class StreamWriter {
  private error: Error | null = null;
  private readonly onError = (e: Error) => {
    this.error ??= e;
  };
  constructor(private readonly out: Sink) {
    out.on("error", this.onError);
  }

  async write(chunk: string): Promise<void> {
    this.check();
    if (!this.out.write(chunk)) await this.drained();
    // let the stream's events (an 'error' after a synchronous write to a pipe) be seen before the next write
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }

  private check(): void {
    if (this.error) throw this.error;
    if ((this.out as { destroyed?: boolean }).destroyed) throw new Error("the output was closed");
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const settle = (e?: Error) => {
        this.out.off("drain", onDrain);
        this.out.off("close", onClose);
        this.out.off("error", settle);
        if (e) reject(e);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(this.error ?? new Error("the output was closed"));
      this.out.on("drain", onDrain);
      this.out.on("close", onClose);
      this.out.on("error", settle);
    });
  }

  /** Stops listening for the stream's errors (the stream is left open). */
  release(): void {
    this.out.off("error", this.onError);
  }
}

/**
 * Items as a JSON array at nesting depth `depth`, byte for byte as JSON.stringify with an indent of
 * two prints it there, written one item at a time; resolves with how many were written.
 */
export async function writeJsonArray(w: StreamWriter, items: Iterable<unknown>, depth = 0): Promise<number> {
  const pad = "\n" + "  ".repeat(depth + 1);
  let n = 0;
  await w.write("[");
  for (const item of items) {
    // a JSON string never holds a raw line break, so every line break is the layout's
    await w.write((n ? "," : "") + pad + JSON.stringify(item, null, 2).replace(/\n/g, pad));
    n++;
  }
  await w.write(n ? "\n" + "  ".repeat(depth) + "]" : "]");
  return n;
}

/**
 * Writes the store's documents to `out` as JSON (the export contract) or CSV, one document at a
 * time; resolves with how many were written. The stream is not ended (it may be stdout).
 */
export async function writeExport(
  store: Store,
  out: Sink,
  opts: WriteExportOptions = {},
): Promise<{ documents: number }> {
  const format = opts.format ?? "json";
  if (!EXPORT_FORMATS.includes(format))
    throw new Error(`export format must be one of ${EXPORT_FORMATS.join(", ")}, not '${String(format)}'`);
  const w = new StreamWriter(out);
  let n = 0;
  try {
    if (format === "csv") {
      await w.write(csvLine([...CSV_HEADER]));
      for (const d of exportDocuments(store, opts)) {
        await w.write(csvRows(d).map(csvLine).join(""));
        n++;
      }
    } else {
      await w.write('{\n  "version": 1,\n  "documents": ');
      n = await writeJsonArray(w, exportDocuments(store, opts), 1);
      await w.write("\n}\n");
    }
  } finally {
    w.release();
  }
  return { documents: n };
}
