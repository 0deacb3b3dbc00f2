/**
 * The one-call DecompressionStream given to pdf.js, held to Node's own on the same inputs (whole,
 * truncated, damaged, with bytes after the end, written in pieces), and pdf.js reading damaged
 * Flate content the same through either.
 */
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { oneShotDecompressionStream } from "../../src/extract/inflate.js";
import { onePage, pdf } from "../hostile/round2/encoders.js";

const Native = globalThis.DecompressionStream;
const OneShot = oneShotDecompressionStream(Native);

type Outcome = { ok: true; bytes: string; chunksAreOwn: boolean } | { ok: false };

/** writes as pdf.js does (every chunk, then close, without awaiting), then reads every chunk */
async function run(Ctor: typeof DecompressionStream, format: string, chunks: unknown[]): Promise<Outcome> {
  try {
    const { readable, writable } = new Ctor(format as CompressionFormat);
    const writer = writable.getWriter();
    await writer.ready;
    for (const c of chunks) writer.write(c as BufferSource).catch(() => {});
    writer.close().catch(() => {});
    const out: Buffer[] = [];
    let chunksAreOwn = true;
    for await (const chunk of readable as unknown as AsyncIterable<Uint8Array>) {
      expect(chunk).toBeInstanceOf(Uint8Array);
      out.push(Buffer.from(chunk));
      chunksAreOwn &&= chunk.byteOffset === 0 || Ctor === Native;
    }
    return { ok: true, bytes: Buffer.concat(out).toString("hex"), chunksAreOwn };
  } catch {
    return { ok: false };
  }
}

async function same(format: string, chunks: unknown[]): Promise<Outcome> {
  const native = await run(Native, format, chunks);
  const ours = await run(OneShot, format, chunks);
  expect({ ok: ours.ok, bytes: ours.ok ? ours.bytes : null }).toEqual({
    ok: native.ok,
    bytes: native.ok ? native.bytes : null,
  });
  if (ours.ok) expect(ours.chunksAreOwn).toBe(true);
  return ours;
}

const flip = (b: Buffer, at: number, mask: number) => b.writeUInt8(b.readUInt8(at) ^ mask, at);

// text that compresses, then noise that does not: several of zlib's 16 KB output chunks
const plain = Buffer.concat([
  Buffer.from("BT /F1 12 Tf 72 712 Td (Obiettivo strategico) Tj ET\n".repeat(2000), "latin1"),
  randomBytes(40_000),
]);

describe("the one-call DecompressionStream", () => {
  it("inflates what Node's own inflates, to the same bytes, in each format", async () => {
    for (const [format, packed] of [
      ["deflate", deflateSync(plain)],
      ["deflate-raw", deflateRawSync(plain)],
      ["gzip", gzipSync(plain)],
      ["gzip", Buffer.concat([gzipSync(plain.subarray(0, 100)), gzipSync(plain.subarray(100, 300))])],
      ["deflate", deflateSync(Buffer.alloc(0))],
      ["deflate", deflateSync(Buffer.from("x"))],
    ] as const) {
      const r = await same(format, [packed]);
      expect(r.ok).toBe(true);
    }
  });

  it("fails where Node's own fails: truncated, damaged, empty, not zlib", async () => {
    const packed = deflateSync(plain);
    const cuts = [0, 1, 2, 10, packed.length >> 1, packed.length - 4, packed.length - 1];
    for (const n of cuts) expect((await same("deflate", [packed.subarray(0, n)])).ok).toBe(false);
    const damaged = Buffer.from(packed);
    flip(damaged, packed.length >> 2, 0xff);
    flip(damaged, (packed.length >> 2) + 1, 0x55);
    await same("deflate", [damaged]);
    const badSum = Buffer.from(packed);
    flip(badSum, packed.length - 1, 1);
    expect((await same("deflate", [badSum])).ok).toBe(false);
    expect((await same("deflate", [])).ok).toBe(false);
    expect((await same("deflate", [Buffer.from("BT (not compressed) Tj ET")])).ok).toBe(false);
    expect((await same("deflate", [deflateRawSync(plain)])).ok).toBe(false);
  });

  it("treats bytes after the end, pieces and views of larger buffers as Node's own does", async () => {
    const packed = deflateSync(plain);
    await same("deflate", [Buffer.concat([packed, Buffer.from("\r\nendstream garbage")])]);
    const pieces = [packed.subarray(0, 7), packed.subarray(7, 5000), packed.subarray(5000)];
    expect((await same("deflate", pieces)).ok).toBe(true);
    const big = Buffer.concat([Buffer.alloc(33, 1), packed, Buffer.alloc(17, 2)]);
    const view = new Uint8Array(big.buffer, big.byteOffset + 33, packed.length);
    expect((await same("deflate", [view])).ok).toBe(true);
    const data = new DataView(big.buffer, big.byteOffset + 33, packed.length);
    expect((await same("deflate", [data])).ok).toBe(true);
  });

  it("takes an ArrayBuffer, as the standard says (Node 20's own refuses it and never ends)", async () => {
    const packed = deflateSync(plain);
    const array = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.length);
    const r = await run(OneShot, "deflate", [array]);
    expect(r.ok && r.bytes).toBe(plain.toString("hex"));
  });

  it("keeps what it was given before the writer reuses its buffer", async () => {
    const packed = deflateSync(plain);
    const buf = Buffer.from(packed);
    const { readable, writable } = new OneShot("deflate");
    const out: Buffer[] = [];
    const reading = (async () => {
      for await (const c of readable as unknown as AsyncIterable<Uint8Array>) out.push(Buffer.from(c));
    })();
    const writer = writable.getWriter();
    await writer.write(buf);
    buf.fill(0);
    await writer.close();
    await reading;
    expect(Buffer.concat(out).equals(plain)).toBe(true);
  });

  it("refuses what is not bytes, and hands a format it does not know to Node's own", async () => {
    expect((await same("deflate", ["a string"])).ok).toBe(false);
    expect(() => new Native("lzma" as CompressionFormat)).toThrow(TypeError);
    expect(() => new OneShot("lzma" as CompressionFormat)).toThrow(TypeError);
    // brotli: Node's own knows it or not, depending on the version; ours does as Node's does
    let nativeBrotli: unknown = null;
    try {
      nativeBrotli = new Native("brotli" as CompressionFormat);
    } catch {
      expect(() => new OneShot("brotli" as CompressionFormat)).toThrow(TypeError);
    }
    if (nativeBrotli) expect(new OneShot("brotli" as CompressionFormat)).toBeInstanceOf(Native);
  });
});

describe("pdf.js with the one-call DecompressionStream", () => {
  const content = Buffer.from(
    Array.from(
      { length: 60 },
      (_, i) => `BT /F1 10 Tf 72 ${800 - i * 12} Td (riga ${i} del piano) Tj ET`,
    ).join("\n"),
    "latin1",
  );
  const packed = deflateSync(content);
  const damaged = Buffer.from(packed);
  flip(damaged, packed.length >> 1, 0xff);
  const docs = {
    whole: packed,
    "without its checksum": packed.subarray(0, packed.length - 4),
    "cut in half": packed.subarray(0, packed.length >> 1),
    "damaged in the middle": damaged,
    "with bytes after the end": Buffer.concat([packed, Buffer.from("garbage")]),
  };

  /** the page's text and the count of its drawing operators, or the error pdf.js gave */
  async function read(file: Buffer): Promise<{ text?: string[]; ops?: number; error?: string }> {
    const { pdfjs, PDFJS_OPTIONS } = await import("../../src/extract/pdfjs.js");
    const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(file) }).promise;
    try {
      const page = await doc.getPage(1);
      const ops = (await page.getOperatorList()).fnArray.length;
      const text = await page.getTextContent();
      return { text: text.items.map((i) => ("str" in i ? i.str : "")), ops };
    } catch (e) {
      return { error: (e as Error).message };
    } finally {
      await doc.destroy();
    }
  }

  it("is what pdf.js finds on the global object once pdf.js is loaded", async () => {
    await import("../../src/extract/pdfjs.js");
    expect(globalThis.DecompressionStream.name).toBe("OneShotDecompressionStream");
  });

  it("reads whole, truncated and damaged Flate content as with Node's own", async () => {
    await import("../../src/extract/pdfjs.js");
    const ours = globalThis.DecompressionStream;
    try {
      for (const [name, data] of Object.entries(docs)) {
        const file = pdf(onePage({ dict: "/Filter /FlateDecode", data }));
        globalThis.DecompressionStream = Native;
        const native = await read(file);
        globalThis.DecompressionStream = ours;
        const one = await read(file);
        expect(one, name).toEqual(native);
        if (name === "whole") expect(one.text!.filter((s) => s.startsWith("riga")).length).toBe(60);
        // pdf.js's own inflate keeps what it could read of a stream cut short
        if (name === "without its checksum") expect(one.text!.length).toBe(native.text!.length);
      }
    } finally {
      globalThis.DecompressionStream = ours;
    }
  });
});
