/**
 * Checks made on a PDF's bytes before pdf.js parses it. A Flate stream can inflate a thousand times
 * over (a 300 KB stream becoming 300 MB): pdf.js would hold all of it, outside the V8 heap that a
 * worker's memory cap limits, and take the batch's memory with it. Large Flate streams are inflated
 * here first, counting bytes and keeping none, and a file with one past the limit fails with `limit`.
 */
import { createInflate } from "node:zlib";
import { AllegatiError } from "../errors.js";

/** the most one stream may inflate to */
export const MAX_STREAM_BYTES = 192 * 1024 * 1024;

const latin1 = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.buffer, b.byteOffset + from, to - from).toString("latin1");

/** Bytes a deflate stream inflates to, up to `limit` (then `limit + 1`); damaged data counts as read so far. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflate();
    let n = 0;
    const done = () => {
      z.removeAllListeners("data");
      z.destroy();
      resolve(n);
    };
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) {
        n = limit + 1;
        done();
      }
    });
    z.on("end", done);
    z.on("error", done);
    z.end(data);
  });
}

export async function checkStreams(bytes: Uint8Array, limit = MAX_STREAM_BYTES): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // a stream shorter than this cannot pass the limit (deflate expands at most ~1032 times)
  const checkFrom = Math.floor(limit / 1100);
  let at = 0;
  for (;;) {
    const kw = buf.indexOf("stream", at, "latin1");
    if (kw < 0) return;
    at = kw + 6;
    // "endstream" contains "stream": only a keyword that opens data counts
    if (kw >= 3 && latin1(bytes, kw - 3, kw) === "end") continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a) continue;
    start++;
    const end = buf.indexOf("endstream", start, "latin1");
    const stop = end < 0 ? buf.length : end;
    at = stop;
    if (stop - start < checkFrom) continue;
    const dict = latin1(bytes, Math.max(0, kw - 1024), kw);
    const open = dict.lastIndexOf("obj");
    if (!/\/FlateDecode|\/Fl\b/.test(open >= 0 ? dict.slice(open) : dict)) continue;
    if ((await inflatedSize(bytes.subarray(start, stop), limit)) > limit)
      throw new AllegatiError(
        "limit",
        `a compressed stream at byte ${start} inflates past ${Math.round(limit / 1024 / 1024)} MB`,
        "extract",
      );
  }
}
