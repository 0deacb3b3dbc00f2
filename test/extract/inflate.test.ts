import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inflateAll, installOneCallInflate, oneCallDecompressionStream } from "../../src/extract/inflate.js";
import { openPdf } from "../../src/extract/index.js";
import type { RawPage } from "../../src/model/index.js";

// typed as any format name, as pdf.js and the one-call class take it
const Native = globalThis.DecompressionStream as unknown as new (format: string) => DecompressionStream;

/** What pdf.js's asyncGetBytesFromDecompressionStream does with the class (pdf.worker.mjs, 5.x). */
async function asPdfjs(Ctor: new (f: string) => unknown, bytes: Uint8Array): Promise<Uint8Array | null> {
  try {
    const { readable, writable } = new Ctor("deflate") as {
      readable: AsyncIterable<Uint8Array>;
      writable: WritableStream<Uint8Array>;
    };
    const writer = writable.getWriter();
    await writer.ready;
    writer
      .write(bytes)
      .then(async () => {
        await writer.ready;
        await writer.close();
      })
      .catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable) chunks.push(chunk);
    return new Uint8Array(Buffer.concat(chunks));
  } catch {
    return null;
  }
}

describe("one-call inflate", () => {
  it("gives the native class's bytes for any zlib stream, and fails where it fails", async () => {
    const OneCall = oneCallDecompressionStream(Native);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 40_000 }),
        fc.integer({ min: 0, max: 9 }),
        fc.nat(),
        async (data, level, cut) => {
          const z = new Uint8Array(deflateSync(data, { level }));
          expect(await asPdfjs(OneCall, z)).toEqual(await asPdfjs(Native, z));
          // a stream cut short: both fail (pdf.js then reads it with its own decoder)
          const short = z.subarray(0, cut % z.length);
          expect(await asPdfjs(OneCall, short)).toBeNull();
          expect(await asPdfjs(Native, short)).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads a stream written in several chunks", () => {
    const data = new TextEncoder().encode("BT /F1 12 Tf (Obiettivo strategico) Tj ET ".repeat(200));
    const z = deflateSync(data);
    const parts = [z.subarray(0, 7), z.subarray(7, 100), z.subarray(100)];
    expect(inflateAll(parts)).toEqual(data);
    expect(Object.getPrototypeOf(inflateAll(parts))).toBe(Uint8Array.prototype);
  });

  it("copies a small result out of zlib's 16 KB output buffer", () => {
    const out = inflateAll([deflateSync(Buffer.from("q 1 0 0 1 0 0 cm Q"))]);
    expect(out.byteLength).toBe(18);
    expect(out.buffer.byteLength).toBe(18);
  });

  it("leaves every other format to the engine's own class", async () => {
    const OneCall = oneCallDecompressionStream(Native);
    const gz = new OneCall("gzip") as DecompressionStream;
    expect(gz).toBeInstanceOf(Native);
    const text = "Valore atteso >= 75,00 %";
    const out = await new Response(
      new Blob([(await import("node:zlib")).gzipSync(text)]).stream().pipeThrough(gz),
    ).text();
    expect(out).toBe(text);
    expect(() => new (oneCallDecompressionStream(undefined))("gzip")).toThrow(/unsupported/);
  });

  it("reads the same pages from fixtures and damaged files as pdf.js's own streams", async () => {
    const dir = join(import.meta.dirname, "..", "hostile", "corpus");
    const files = [
      join(import.meta.dirname, "..", "..", "fixtures", "cruscotto-strategico-2021-2026.pdf"),
      ...readdirSync(dir)
        .filter((f) => /^danneggiato-|flate/.test(f))
        .map((f) => join(dir, f)),
    ];
    const read = async (bytes: Uint8Array): Promise<RawPage[] | string> => {
      try {
        const src = await openPdf(bytes);
        const pages: RawPage[] = [];
        for await (const p of src.pages()) pages.push(p);
        await src.close();
        return pages;
      } catch (e) {
        return (e as Error).message;
      }
    };
    let read1 = 0;
    let made = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      const before = await read(bytes);
      const restore = installOneCallInflate();
      // counts the streams pdf.js inflates through the installed class
      const g = globalThis as { DecompressionStream: new (f: string) => unknown };
      g.DecompressionStream = new Proxy(g.DecompressionStream, {
        construct: (target, args: [string]) => (made++, new target(...args) as object),
      });
      let after: RawPage[] | string;
      try {
        after = await read(bytes);
      } finally {
        restore();
      }
      expect(after, f).toEqual(before);
      if (typeof before !== "string") read1++;
    }
    expect(globalThis.DecompressionStream).toBe(Native);
    expect(read1).toBeGreaterThan(1);
    expect(made).toBeGreaterThan(10);
  });
});
