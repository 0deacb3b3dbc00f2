/**
 * pdf.js 5 inflates every Flate stream it reads (content streams, embedded fonts, CMaps) through the
 * Web `DecompressionStream`, falling back to its own JavaScript inflate when that fails. On Node the
 * native one is a zlib Transform behind web-stream adapters: per stream a thread-pool round trip for
 * each 16 KB chunk and a dozen promises, about 8 % of the CPU of an ingest of dense LibreOffice
 * pages, more than zlib's own work. pdf.js writes the whole stream at once and reads every chunk
 * before using any, so nothing is gained by streaming.
 *
 * `OneShotDecompressionStream` is a DecompressionStream of its own (a TransformStream taking
 * BufferSource chunks and giving Uint8Array ones) that gathers its input and inflates it in one
 * zlib call when the writer closes. zlib is the same library with the same settings, so a stream
 * gives the same bytes, and damaged or truncated data fails as it does natively (pdf.js then takes
 * its own inflate, which keeps what it can read). Formats it does not know go to the native class.
 */
import { gunzipSync, inflateRawSync, inflateSync } from "node:zlib";

type Inflate = (data: Uint8Array) => Buffer;

/** the formats Node's DecompressionStream knows on Node 20, each with zlib's one-call function */
const ONE_SHOT: Record<string, Inflate> = {
  deflate: inflateSync,
  "deflate-raw": inflateRawSync,
  gzip: gunzipSync,
};

type DecompressionStreamClass = typeof globalThis.DecompressionStream;

function asBytes(chunk: unknown): Uint8Array {
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError("The chunk of a DecompressionStream must be an ArrayBuffer or an ArrayBufferView");
}

function joined(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const c of chunks) length += c.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** zlib's result as a plain Uint8Array of its own buffer (a small Buffer may sit in a shared pool) */
function own(out: Buffer): Uint8Array {
  if (out.byteOffset === 0 && out.buffer.byteLength === out.byteLength)
    return new Uint8Array(out.buffer, 0, out.byteLength);
  return new Uint8Array(out);
}

function oneShot(native: DecompressionStreamClass | undefined): DecompressionStreamClass {
  class OneShotDecompressionStream extends TransformStream<ArrayBufferView | ArrayBuffer, Uint8Array> {
    constructor(format: string) {
      const inflate = ONE_SHOT[String(format)];
      if (!inflate) {
        if (!native) throw new TypeError(`Unsupported compression format: '${String(format)}'`);
        // an object returned from a constructor stands for `this`: the native stream, untouched
        return new native(format as never) as unknown as OneShotDecompressionStream;
      }
      const chunks: Uint8Array[] = [];
      super({
        transform(chunk) {
          // copied: the writer may reuse its buffer once the write has resolved
          chunks.push(asBytes(chunk).slice());
        },
        flush(controller) {
          if (chunks.length === 0) {
            // zlib fails on no input at all, as the native stream does at close
            inflate(new Uint8Array(0));
            return;
          }
          const out = inflate(joined(chunks));
          chunks.length = 0;
          if (out.byteLength > 0) controller.enqueue(own(out));
        },
      });
    }
  }
  return OneShotDecompressionStream as unknown as DecompressionStreamClass;
}

let installed = false;

/**
 * Puts `OneShotDecompressionStream` in place of this thread's `DecompressionStream`, once (the
 * parse workers, and the main thread when it parses: pdf.js looks the class up on the global object
 * each time). Skipped where the thread has no TransformStream.
 */
export function installOneShotInflate(): void {
  if (installed || typeof TransformStream !== "function") return;
  const g = globalThis as { DecompressionStream?: DecompressionStreamClass };
  g.DecompressionStream = oneShot(g.DecompressionStream);
  installed = true;
}

export { oneShot as oneShotDecompressionStream };
