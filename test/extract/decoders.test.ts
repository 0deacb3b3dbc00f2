/** The push decoders of the preflight check against independent encoders, and the syntax reader. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deflateSync } from "node:zlib";
import { decoder, type DecodeParams, type ByteSink } from "../../src/extract/decoders.js";
import { jbig2Size, jpegFrame, jpxSize } from "../../src/extract/imagesize.js";
import {
  isDict,
  Lexer,
  nameOf,
  parseObject,
  PdfKeyword,
  PdfRef,
  PdfString,
} from "../../src/extract/pdfsyntax.js";
import { ascii85, hex, lzw, pngRows, runLength } from "../hostile/round2/encoders.js";

/** Decodes `data` with one filter, written in chunks of `chunk` bytes. */
function decode(filter: string, data: Uint8Array, params: DecodeParams = {}, chunk = 7): Buffer {
  const parts: Uint8Array[] = [];
  let ended = false;
  const sink: ByteSink = { write: (c) => void parts.push(c.slice()), end: () => void (ended = true) };
  const d = decoder(filter, params, sink, 1 << 30)!;
  for (let i = 0; i < data.length; i += chunk) d.write(data.subarray(i, i + chunk));
  d.end();
  expect(ended).toBe(true);
  return Buffer.concat(parts);
}

const bytes = fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a));
// repetitive data (what compresses, and fills an LZW table)
const runs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 400 })), { maxLength: 60 })
  .map((rs) => Buffer.concat(rs.map(([b, n]) => Buffer.alloc(n, b))));
const data = fc.oneof(bytes, runs);

describe("decoders", () => {
  it("decode what the encoders wrote, whatever the chunking", () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 5000 }), (b, chunk) => {
        expect(decode("FlateDecode", deflateSync(b), {}, chunk)).toEqual(b);
        expect(decode("ASCIIHexDecode", hex(b), {}, chunk)).toEqual(b);
        expect(decode("ASCII85Decode", ascii85(b), {}, chunk)).toEqual(b);
        expect(decode("RunLengthDecode", runLength(b), {}, chunk)).toEqual(b);
        expect(decode("LZWDecode", lzw(b), {}, chunk)).toEqual(b);
      }),
      { numRuns: 150 },
    );
  });

  it("LZW reads a long input past many table resets", () => {
    // varied bytes add a table entry every byte or two: 4000 entries fill in a few kilobytes
    let x = 7;
    const varied = Buffer.from(
      Array.from({ length: 30_000 }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24),
    );
    const big = Buffer.concat([varied, Buffer.alloc(20_000, 0x20), varied]);
    const encoded = lzw(big);
    expect(encoded.length).toBeGreaterThan(30_000); // the varied part does not compress
    expect(decode("LZWDecode", encoded, {}, 4096)).toEqual(big);
  });

  it("undo PNG predictors of every row type and the TIFF predictor", () => {
    const columns = 5;
    // rows of type 0 come back as they are
    const b = Buffer.from(Array.from({ length: 50 }, (_, i) => (i * 37) % 256));
    expect(decode("FlateDecode", deflateSync(pngRows(b, columns)), { predictor: 12, columns })).toEqual(b);
    // Sub (1): each byte is the raw one plus its left neighbour
    const sub = Buffer.from([1, 10, 1, 1, 1, 1]);
    expect(decode("FlateDecode", deflateSync(sub), { predictor: 11, columns })).toEqual(
      Buffer.from([10, 11, 12, 13, 14]),
    );
    // Up (2): plus the byte above
    const up = Buffer.from([0, 1, 2, 3, 4, 5, 2, 1, 1, 1, 1, 1]);
    expect(decode("FlateDecode", deflateSync(up), { predictor: 12, columns })).toEqual(
      Buffer.from([1, 2, 3, 4, 5, 2, 3, 4, 5, 6]),
    );
    // TIFF (2), 8 bits, one colour: a running sum along the row
    const tiff = Buffer.from([3, 1, 1, 1, 1]);
    expect(decode("FlateDecode", deflateSync(tiff), { predictor: 2, columns })).toEqual(
      Buffer.from([3, 4, 5, 6, 7]),
    );
  });

  it("keep what damaged Flate data gave before the damage, as pdf.js does", () => {
    const good = deflateSync(Buffer.alloc(100_000, 0x41));
    const cut = good.subarray(0, Math.floor(good.length / 2));
    const out = decode("FlateDecode", cut);
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((c) => c === 0x41)).toBe(true);
    expect(decode("FlateDecode", Buffer.from("not flate at all"))).toEqual(Buffer.alloc(0));
  });

  it("hand on a bomb's output a slice at a time", () => {
    const bomb = deflateSync(Buffer.alloc(64 << 20, 0x20), { level: 9 });
    let largest = 0;
    let total = 0;
    const d = decoder(
      "FlateDecode",
      {},
      {
        write: (c) => {
          largest = Math.max(largest, c.length);
          total += c.length;
        },
        end: () => {},
      },
      1 << 30,
    )!;
    d.write(bomb);
    d.end();
    expect(total).toBe(64 << 20);
    // never the whole output at once: a slice of 16 KB of input inflates to at most ~17 MB
    expect(largest).toBeLessThan(20 << 20);
  });
});

describe("image headers", () => {
  it("read a JPEG frame, a JPEG 2000 size and a JBIG2 page", () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0x00, 0x02, 0x00,
      0x03,
    ]);
    expect(jpegFrame(jpeg)).toEqual({ width: 512, height: 256, bytes: 512 * 256 * 3 });
    const siz = Buffer.alloc(64);
    siz.set([0xff, 0x4f, 0xff, 0x51], 0);
    siz.writeUInt32BE(3000, 8);
    siz.writeUInt32BE(2000, 12);
    siz.writeUInt16BE(3, 40);
    expect(jpxSize(siz)).toEqual({ width: 3000, height: 2000, bytes: 3000 * 2000 * 3 });
    // segment 0, page information (48), no referred segments, page 1, 19 bytes of data
    const jb = Buffer.alloc(11 + 19);
    jb.set([0, 0, 0, 0, 48, 0, 1, 0, 0, 0, 19], 0);
    jb.writeUInt32BE(8000, 11);
    jb.writeUInt32BE(6000, 15);
    expect(jbig2Size(jb)).toEqual({ width: 8000, height: 6000, bytes: 6_000_000 });
    expect(jpegFrame(Buffer.from("not a jpeg"))).toBeNull();
  });
});

describe("PDF syntax", () => {
  it("reads dictionaries with references, names with escapes, strings as bytes", () => {
    const src = Buffer.from(
      "<< /Filter [/Fl#61teDecode 12 0 R] /DP [null << /Predictor 12 >>] /T (a (nested) \\) string) /H <41> /N -3.5 >>stream",
      "latin1",
    );
    const lx = new Lexer(src, 0);
    const d = parseObject(lx);
    expect(isDict(d)).toBe(true);
    const dict = d as Map<string, unknown>;
    const filters = dict.get("Filter") as unknown[];
    expect(nameOf(filters[0])).toBe("FlateDecode");
    expect(filters[1]).toEqual(new PdfRef(12, 0));
    expect(dict.get("N")).toBe(-3.5);
    expect(Buffer.from((dict.get("T") as PdfString).bytes).toString("latin1")).toBe("a (nested) ) string");
    expect(Buffer.from((dict.get("H") as PdfString).bytes).toString("latin1")).toBe("A");
    expect(parseObject(lx)).toEqual(new PdfKeyword("stream"));
  });

  it("reads a string's escapes and a hex string's odd digit as an encryption key needs them", () => {
    const bytes = (s: string) =>
      Buffer.from((parseObject(new Lexer(Buffer.from(s, "latin1"), 0)) as PdfString).bytes);
    // octal escapes of one to three digits, named escapes, a line continuation (backslash, CR LF)
    expect([...bytes("(\\0\\377\\12x\\n\\t\\(\\\\a\\\r\nb)")]).toEqual([
      0, 255, 10, 0x78, 10, 9, 0x28, 0x5c, 0x61, 0x62,
    ]);
    expect([...bytes("(\\q)")]).toEqual([0x71]); // an unknown escape is the character itself
    expect([...bytes("<0a 1B\n2>")]).toEqual([0x0a, 0x1b, 0x20]);
    expect([...bytes("<>")]).toEqual([]);
  });

  it("reads arrays nested a hundred thousand deep without recursion", () => {
    const deep = Buffer.from("[".repeat(100_000) + "]".repeat(100_000), "latin1");
    expect(Array.isArray(parseObject(new Lexer(deep, 0)))).toBe(true);
    expect(parseObject(new Lexer(Buffer.from("[[[", "latin1"), 0))).toBeUndefined();
  });
});
