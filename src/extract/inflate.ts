/**
 * pdf.js inflates every Flate stream through `DecompressionStream("deflate")`. On Node that is a zlib
 * stream behind web streams: a stream's bytes go to libuv's thread pool and back in 16 KB chunks
 * through promises, and that round trip, not the inflating, cost 7-9 % of reading table pages
 * (profiled: zlib's `processChunk` and the web streams' adapters). pdf.js writes the whole compressed
 * stream at once and reads the whole result, so nothing is gained by streaming; here it is inflated
 * in one call. A standard TransformStream around the one call kept only a third of the gain (the web
 * streams themselves are the cost), so the class below offers just what pdf.js uses (`getWriter`,
 * `ready`, `write`, `close`, async iteration of `readable`) and is installed only where nothing but
 * our reading runs: the parse worker (`batch/worker.ts`). Other formats get the engine's own class.
 */
import { constants, inflateSync } from "node:zlib";
import { MAX_STREAM_BYTES } from "./preflight.js";

type Ctor = new (format: string) => object;

/**
 * zlib's one-call output is a view on a buffer of 16 KB or more: a small result is copied out (pdf.js
 * keeps some, a font's or a CMap's); a plain Uint8Array either way, as the native class gives.
 */
function own(out: Buffer): Uint8Array {
  return out.byteLength * 2 < out.buffer.byteLength
    ? new Uint8Array(out)
    : new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Inflates a zlib ("deflate") stream in one call: the bytes the native class gives, or an error where it errs. */
export function inflateAll(chunks: readonly Uint8Array[]): Uint8Array {
  const input = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  // Z_FINISH (the default): a cut or damaged stream throws, as the native class errors, and pdf.js
  // then reads it with its own decoder, which keeps what comes before the damage
  return own(inflateSync(input, { finishFlush: constants.Z_FINISH, maxOutputLength: MAX_STREAM_BYTES }));
}

function bytesOf(chunk: unknown): Uint8Array {
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError("DecompressionStream: a chunk must be an ArrayBuffer or a view");
}

/** What pdf.js's `asyncGetBytesFromDecompressionStream` uses of a DecompressionStream, inflating in one call. */
export function oneCallDecompressionStream(native?: Ctor): Ctor {
  return class OneCallDecompressionStream {
    readonly writable!: { getWriter(): Writer };
    readonly readable!: AsyncIterable<Uint8Array>;
    constructor(format: string) {
      if (format !== "deflate") {
        if (!native) throw new TypeError(`DecompressionStream: unsupported format ${format}`);
        // a constructor may return another object: the engine's stream for every other format
        return new native(format) as OneCallDecompressionStream;
      }
      const chunks: Uint8Array[] = [];
      let read = false;
      const writer: Writer = {
        ready: Promise.resolve(),
        write: (chunk) => {
          chunks.push(bytesOf(chunk));
          return Promise.resolve();
        },
        close: () => Promise.resolve(),
      };
      this.writable = { getWriter: () => writer };
      // pdf.js writes its bytes before it starts reading; the result is made at the first read
      this.readable = {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<Uint8Array>> => {
            if (read) return { done: true, value: undefined };
            read = true;
            return { done: false, value: inflateAll(chunks) };
          },
        }),
      };
    }
  };
}

interface Writer {
  ready: Promise<void>;
  write(chunk: unknown): Promise<void>;
  close(): Promise<void>;
}

/**
 * Puts the one-call class in place of the global `DecompressionStream` of this thread, for pdf.js
 * (which looks it up at every stream). Returns what puts the previous one back.
 */
export function installOneCallInflate(): () => void {
  const g = globalThis as { DecompressionStream?: Ctor };
  const before = g.DecompressionStream;
  g.DecompressionStream = oneCallDecompressionStream(before);
  return () => {
    g.DecompressionStream = before;
  };
}
