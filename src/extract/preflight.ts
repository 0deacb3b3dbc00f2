/**
 * Checks made on a PDF's bytes before pdf.js parses it, so that no stream can make pdf.js allocate
 * without bound. pdf.js holds what it decodes outside the V8 heap that a worker's memory cap limits:
 * a 6 KB stream filtered `[/FlateDecode /FlateDecode]` decodes to gigabytes. Here every stream is
 * found (objects at top level and inside object streams), its dictionary read with references
 * resolved, and its whole filter chain run with counting decoders that keep nothing (decoders.ts):
 * each stage's output is bounded, and so is what all streams but images decode to together. Images
 * are bounded by their size, declared in the dictionary and in the image data's own header (a JPEG's
 * frame, a JPEG 2000 or JBIG2 header: imagesize.ts). A file past a bound fails with `limit`.
 */
import { AllegatiError } from "../errors.js";
import {
  decoder,
  GENERAL_FILTERS,
  IMAGE_FILTERS,
  MAX_EXPANSION,
  type DecodeParams,
  type ByteSink,
} from "./decoders.js";
import { standardDecryptor, type StreamDecryptor } from "./decrypt.js";
import { jbig2Size, jpegFrame, jpxSize, type ImageHeader } from "./imagesize.js";
import {
  isDict,
  isWhite,
  Lexer,
  nameOf,
  parseObject,
  PdfKeyword,
  PdfRef,
  PdfString,
  type PdfDict,
  type PdfValue,
} from "./pdfsyntax.js";

/** the most one stream may decode to, at any stage of its filter chain */
export const MAX_STREAM_BYTES = 192 * 1024 * 1024;
/** the most all streams of a file but images may decode to together (pdf.js keeps fonts all along) */
export const MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024;
/** the most pixels one image may have (pdf.js makes RGBA of it: 4 bytes a pixel) */
export const MAX_IMAGE_PIXELS = 64 * 1024 * 1024;

export interface PreflightLimits {
  stream?: number;
  document?: number;
  imagePixels?: number;
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const limitError = (message: string) => new AllegatiError("limit", message, "extract");

/** Thrown by a counting stage past its limit; unwinds the synchronous decoder chain. */
class Exceeded extends Error {}
/** Thrown by the capturing end of a chain once it has what it needs. */
class Enough extends Error {}

/** Counts what passes through; past `limit` it throws. */
class Counter implements ByteSink {
  n = 0;
  constructor(
    private readonly next: ByteSink,
    private readonly limit: number,
  ) {}
  write(chunk: Uint8Array): void {
    this.n += chunk.length;
    if (this.n > this.limit) throw new Exceeded();
    this.next.write(chunk);
  }
  end(): void {
    this.next.end();
  }
}

/** Keeps the first `keep` bytes (an image header), then stops the chain when counting is not needed. */
class Head implements ByteSink {
  readonly parts: Uint8Array[] = [];
  size = 0;
  constructor(
    private readonly keep: number,
    private readonly stopWhenFull: boolean,
  ) {}
  write(chunk: Uint8Array): void {
    if (this.size < this.keep) {
      const part = chunk.subarray(0, this.keep - this.size);
      this.parts.push(part.slice());
      this.size += part.length;
    }
    if (this.size >= this.keep && this.stopWhenFull) throw new Enough();
  }
  end(): void {}
  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

interface Definition {
  /** where the object's body starts: the top-level file, or an object stream's decoded data */
  data: Uint8Array;
  at: number;
  /** the generation number (0 inside object streams) */
  gen: number;
}

/**
 * Every object the file defines, by number: top-level definitions found by their `N G obj` header
 * (as pdf.js finds them when it rebuilds a cross-reference table), and those of object streams.
 * A number defined more than once keeps its last few definitions: which one pdf.js takes depends on
 * the cross-reference table, so each is considered.
 */
class Objects {
  readonly defs = new Map<number, Definition[]>();
  private readonly cache = new Map<number, PdfValue[]>();
  constructor(readonly file: Uint8Array) {}

  add(num: number, def: Definition): void {
    let list = this.defs.get(num);
    if (!list) this.defs.set(num, (list = []));
    list.push(def);
    if (list.length > 4) list.shift();
    this.cache.delete(num);
  }

  /** The values an object may have (one per definition). */
  values(num: number): PdfValue[] {
    let v = this.cache.get(num);
    if (v) return v;
    v = [];
    for (const d of this.defs.get(num) ?? []) {
      const o = parseObject(new Lexer(d.data, d.at));
      if (o !== undefined && !(o instanceof PdfKeyword)) v.push(o);
    }
    this.cache.set(num, v);
    return v;
  }

  /** A direct value, or every value a reference may stand for (references to references followed). */
  resolve(v: PdfValue | undefined): PdfValue[] {
    if (v === undefined) return [];
    let out: PdfValue[] = [v];
    for (let hops = 0; hops < 8 && out.some((x) => x instanceof PdfRef); hops++)
      out = out.flatMap((x) => (x instanceof PdfRef ? this.values(x.num) : [x])).slice(0, 4);
    return out.filter((x) => !(x instanceof PdfRef));
  }

  /** The first value that is a number, resolved. */
  number(v: PdfValue | undefined): number | null {
    for (const x of this.resolve(v)) if (typeof x === "number") return x;
    return null;
  }
}

/** Finds each `N G obj` header in the file; returns the position after `obj` by object number. */
function indexTopLevel(objects: Objects): void {
  const b = objects.file;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (let k = buf.indexOf("obj", 0, "latin1"); k >= 0; k = buf.indexOf("obj", k + 3, "latin1")) {
    const after = b[k + 3];
    if (after !== undefined && !isWhite(after) && !"<[/(%".includes(String.fromCharCode(after))) continue;
    // back over white space, the generation, white space, the number
    let i = k - 1;
    while (i >= 0 && isWhite(b[i])) i--;
    const genEnd = i + 1;
    while (i >= 0 && b[i]! >= 0x30 && b[i]! <= 0x39) i--;
    if (i + 1 === genEnd || i < 0 || !isWhite(b[i])) continue;
    const gen = Number(Buffer.from(b.subarray(i + 1, genEnd)).toString("latin1"));
    while (i >= 0 && isWhite(b[i])) i--;
    const numEnd = i + 1;
    while (i >= 0 && b[i]! >= 0x30 && b[i]! <= 0x39) i--;
    if (i + 1 === numEnd || numEnd - i - 1 > 10) continue;
    objects.add(Number(Buffer.from(b.subarray(i + 1, numEnd)).toString("latin1")), {
      data: b,
      at: k + 3,
      gen,
    });
  }
}

interface Stream {
  /** the object number and generation, and where the data is */
  num: number;
  gen: number;
  dict: PdfDict;
  start: number;
  end: number;
}

/** The stream an object definition opens, or null when it is not a stream. */
function streamAt(objects: Objects, num: number, def: Definition): Stream | null {
  const b = def.data;
  const lx = new Lexer(b, def.at);
  const dict = parseObject(lx);
  if (!isDict(dict)) return null;
  lx.skip();
  if (Buffer.from(b.buffer, b.byteOffset + lx.pos, 6).toString("latin1") !== "stream") return null;
  // the data starts on the line after the keyword
  let start = lx.pos + 6;
  while (start < b.length && b[start] !== 0x0a && b[start] !== 0x0d) start++;
  if (b[start] === 0x0d) start++;
  if (b[start] === 0x0a) start++;
  const length = objects.number(dict.get("Length"));
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (length !== null && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
    const after = new Lexer(b, start + length);
    after.skip();
    if (buf.toString("latin1", after.pos, after.pos + 9) === "endstream")
      return { num, gen: def.gen, dict, start, end: start + length };
  }
  const end = buf.indexOf("endstream", start, "latin1");
  return { num, gen: def.gen, dict, start, end: end < 0 ? b.length : end };
}

interface Chain {
  filters: string[];
  params: DecodeParams[];
}

const FILTER_VARIANTS = 4;

/** The filter chains a stream's dictionary may stand for (references may have several definitions). */
function chainsOf(objects: Objects, dict: PdfDict): Chain[] {
  const filterValue = dict.get("F") ?? dict.get("Filter");
  const paramsValue = dict.get("DP") ?? dict.get("DecodeParms");
  const out: Chain[] = [];
  for (const f of objects.resolve(filterValue).slice(0, FILTER_VARIANTS)) {
    const names: string[][] = [[]];
    const list = Array.isArray(f) ? f : [f];
    let variants: string[][] = names;
    for (const item of list) {
      const options = objects
        .resolve(item)
        .map(nameOf)
        .filter((n): n is string => n !== null);
      if (!options.length) options.push("");
      variants = variants.flatMap((v) => options.map((o) => [...v, o])).slice(0, FILTER_VARIANTS);
    }
    const paramOptions = objects.resolve(paramsValue);
    for (const filters of variants) {
      const params: DecodeParams[] = filters.map((_, i) => {
        let p: PdfValue | undefined = paramOptions[0];
        if (Array.isArray(f)) p = Array.isArray(p) ? p[i] : undefined;
        else if (Array.isArray(p)) p = undefined;
        const d = objects.resolve(p).find(isDict);
        return d ? decodeParams(objects, d) : {};
      });
      out.push({ filters, params });
    }
  }
  return out.length ? out : [{ filters: [], params: [] }];
}

function decodeParams(objects: Objects, d: PdfDict): DecodeParams {
  const n = (k: string, alt?: string) =>
    objects.number(d.get(k) ?? (alt ? d.get(alt) : undefined)) ?? undefined;
  return {
    predictor: n("Predictor"),
    colors: n("Colors"),
    bitsPerComponent: n("BitsPerComponent", "BPC"),
    columns: n("Columns"),
    earlyChange: n("EarlyChange"),
  };
}

/** Components of an image's colour space (4 when it cannot be told: the most a PDF image has). */
function components(objects: Objects, cs: PdfValue | undefined): number {
  for (const v of objects.resolve(cs)) {
    const name = nameOf(v) ?? (Array.isArray(v) ? nameOf(objects.resolve(v[0])[0]) : null);
    switch (name) {
      case "DeviceGray":
      case "G":
      case "CalGray":
      case "Indexed":
      case "I":
      case "Separation":
        return 1;
      case "DeviceRGB":
      case "RGB":
      case "CalRGB":
      case "Lab":
        return 3;
      case "DeviceCMYK":
      case "CMYK":
        return 4;
      case "DeviceN":
        return Array.isArray(v) ? Math.max(1, objects.resolve(v[1]).find(Array.isArray)?.length ?? 4) : 4;
      case "ICCBased":
        return (Array.isArray(v) && v[1] instanceof PdfRef && iccComponents(objects, v[1].num)) || 4;
    }
  }
  return 4;
}

function iccComponents(objects: Objects, num: number): number | null {
  for (const d of objects.defs.get(num) ?? []) {
    const dict = parseObject(new Lexer(d.data, d.at));
    if (isDict(dict)) return objects.number(dict.get("N"));
  }
  return null;
}

/** The running totals of one file's check. */
interface Budget {
  stream: number;
  document: number;
  imagePixels: number;
  /** what the streams counted so far decode to (an upper bound for those not decoded) */
  total: number;
}

/**
 * A stream's data as pdf.js may read it: decrypted in an encrypted file, and also as it is (an
 * unencrypted metadata stream, a cross-reference stream, a crypt filter of its own: counting both
 * costs little, as ciphertext decodes to nothing).
 */
function dataOf(objects: Objects, s: Stream, decrypt: StreamDecryptor | null): Uint8Array[] {
  const raw = objects.file.subarray(s.start, s.end);
  if (!decrypt || nameOf(objects.resolve(s.dict.get("Type"))[0]) === "XRef") return [raw];
  return [decrypt(s.num, s.gen, raw), raw];
}

/** Checks one stream; throws `limit` past a bound. */
function checkStream(objects: Objects, s: Stream, budget: Budget, decrypt: StreamDecryptor | null): void {
  const subtype = objects.resolve(s.dict.get("Subtype")).map(nameOf)[0];
  const isImage = subtype === "Image";
  if (isImage) checkDeclaredImage(objects, s, budget);
  let counted = 0;
  for (const raw of dataOf(objects, s, decrypt))
    for (const chain of chainsOf(objects, s.dict)) {
      const imageAt = chain.filters.findIndex((f) => f in IMAGE_FILTERS);
      const general = imageAt < 0 ? chain.filters : chain.filters.slice(0, imageAt);
      if (imageAt >= 0 && imageAt < chain.filters.length - 1)
        throw limitError(
          `stream ${s.num}: an image filter (${chain.filters[imageAt]}) before other filters: its output cannot be bounded`,
        );
      const imageFilter = imageAt < 0 ? null : IMAGE_FILTERS[chain.filters[imageAt]!]!;
      let bound = raw.length;
      for (const f of general) bound *= MAX_EXPANSION[GENERAL_FILTERS[f] ?? ""] ?? 1;
      // an image read by its last filter is bounded by its size: pdf.js reads no more of it than that
      const countsTowardsTotal = !isImage && !imageFilter;
      const mustCount =
        bound > budget.stream || (countsTowardsTotal && budget.total + bound > budget.document);
      if (!mustCount && !imageFilter) {
        counted = Math.max(counted, bound);
        continue;
      }
      const head = new Head(imageFilter ? 1 << 20 : 0, !mustCount);
      const size = runChain(raw, general, chain.params, head, budget.stream, s.num);
      counted = Math.max(counted, size);
      if (imageFilter) checkImageHeader(imageFilter, head.bytes(), s.num, budget);
    }
  if (!isImage && counted) {
    budget.total += counted;
    if (budget.total > budget.document)
      throw limitError(`the file's streams decode to more than ${MB(budget.document)} in all`);
  }
}

/**
 * Runs `raw` through the general filters, each stage counted against `limit`, into `end`; returns
 * what the last stage gave (or the bytes given when the chain was stopped early).
 */
function runChain(
  raw: Uint8Array,
  filters: string[],
  params: DecodeParams[],
  end: Head,
  limit: number,
  num: number,
): number {
  const counters: Counter[] = [];
  let sink: ByteSink = end;
  for (let i = filters.length - 1; i >= 0; i--) {
    const name = GENERAL_FILTERS[filters[i]!];
    if (!name) continue; // unknown filters (Crypt, …) pass data on unchanged, as pdf.js does
    const counter = new Counter(sink, limit);
    counters.unshift(counter);
    let d: ByteSink | null;
    try {
      d = decoder(name, params[i] ?? {}, counter, limit);
    } catch {
      return 0; // an unsupported predictor: pdf.js decodes nothing either
    }
    if (d) sink = d;
  }
  try {
    for (let i = 0; i < raw.length; i += 1 << 16) sink.write(raw.subarray(i, i + (1 << 16)));
    sink.end();
  } catch (e) {
    if (e instanceof Exceeded)
      throw limitError(
        `stream ${num} (${filters.join(" ")}) decodes to more than ${MB(limit)} (a decompression bomb)`,
      );
    if (!(e instanceof Enough)) throw e;
  }
  return counters.length ? counters[counters.length - 1]!.n : raw.length;
}

function checkDeclaredImage(objects: Objects, s: Stream, budget: Budget): void {
  const w = objects.number(s.dict.get("Width") ?? s.dict.get("W")) ?? 0;
  const h = objects.number(s.dict.get("Height") ?? s.dict.get("H")) ?? 0;
  const mask = objects.resolve(s.dict.get("ImageMask") ?? s.dict.get("IM"))[0] === true;
  const bpc = mask ? 1 : (objects.number(s.dict.get("BitsPerComponent") ?? s.dict.get("BPC")) ?? 8);
  const comps = mask ? 1 : components(objects, s.dict.get("ColorSpace") ?? s.dict.get("CS"));
  checkImageSize(
    `stream ${s.num}: an image`,
    w,
    h,
    Math.ceil((w * comps * Math.max(1, bpc)) / 8) * h,
    budget,
  );
}

function checkImageHeader(filter: string, head: Uint8Array, num: number, budget: Budget): void {
  const header: ImageHeader | null =
    filter === "DCTDecode"
      ? jpegFrame(head)
      : filter === "JPXDecode"
        ? jpxSize(head)
        : filter === "JBIG2Decode"
          ? jbig2Size(head)
          : null;
  if (header)
    checkImageSize(`stream ${num}: ${filter} data`, header.width, header.height, header.bytes, budget);
}

function checkImageSize(what: string, w: number, h: number, bytes: number, budget: Budget): void {
  if (w * h > budget.imagePixels)
    throw limitError(
      `${what} of ${w} × ${h} pixels, more than ${Math.round(budget.imagePixels / 1024 / 1024)} million`,
    );
  if (bytes > budget.stream)
    throw limitError(`${what} of ${w} × ${h} decodes to more than ${MB(budget.stream)}`);
}

/** Decodes object streams and indexes the objects they hold (so references into them resolve). */
function indexObjectStreams(
  objects: Objects,
  streams: Stream[],
  budget: Budget,
  decrypt: StreamDecryptor | null,
): void {
  let held = 0;
  for (const s of streams) {
    if (nameOf(objects.resolve(s.dict.get("Type"))[0]) !== "ObjStm") continue;
    const n = objects.number(s.dict.get("N")) ?? 0;
    const first = objects.number(s.dict.get("First")) ?? 0;
    const chain = chainsOf(objects, s.dict)[0]!;
    const raw = dataOf(objects, s, decrypt)[0]!;
    const keep = new Head(budget.stream, false);
    runChain(raw, chain.filters, chain.params, keep, budget.stream, s.num);
    const data = keep.bytes();
    held += data.length;
    if (held > budget.stream) break;
    const lx = new Lexer(data, 0, Math.min(first, data.length));
    for (let i = 0; i < n && i < 1_000_000; i++) {
      const num = parseObject(lx);
      const off = parseObject(lx);
      if (typeof num !== "number" || typeof off !== "number") break;
      if (first + off < data.length) objects.add(num, { data, at: first + off, gen: 0 });
    }
  }
}

/**
 * The decryptor of an encrypted file's streams (the last trailer or cross-reference stream that
 * names an /Encrypt dictionary), when the empty user password opens it; null for a file that is not
 * encrypted, or that needs a password (pdf.js then reads no stream of it).
 */
function decryptorOf(objects: Objects, streams: Stream[]): StreamDecryptor | null {
  const b = objects.file;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const trailers: { at: number; dict: PdfDict }[] = [];
  for (let k = buf.indexOf("trailer", 0, "latin1"); k >= 0; k = buf.indexOf("trailer", k + 7, "latin1")) {
    const d = parseObject(new Lexer(b, k + 7));
    if (isDict(d)) trailers.push({ at: k, dict: d });
  }
  for (const s of streams)
    if (nameOf(objects.resolve(s.dict.get("Type"))[0]) === "XRef")
      trailers.push({ at: s.start, dict: s.dict });
  trailers.sort((x, y) => x.at - y.at);
  let encrypt: PdfDict | undefined;
  let id0: Uint8Array | undefined;
  for (const t of trailers) {
    const e = objects.resolve(t.dict.get("Encrypt")).find(isDict);
    if (e) encrypt = e;
    const id = objects.resolve(t.dict.get("ID")).find(Array.isArray)?.[0];
    if (id instanceof PdfString) id0 = id.bytes;
  }
  if (!encrypt) return null;
  return standardDecryptor(encrypt, id0 ?? new Uint8Array(0), (v) => objects.resolve(v));
}

/**
 * Checks every stream of a PDF before pdf.js reads it. Throws AllegatiError `limit` when a stream
 * decodes (at any stage) past `limits.stream`, an image is larger than allowed, or the file's
 * streams but images decode past `limits.document` together. Yields to the event loop between
 * streams, and stops when `signal` is aborted.
 */
export async function checkStreams(
  bytes: Uint8Array,
  limits: number | PreflightLimits = {},
  signal?: AbortSignal,
): Promise<void> {
  const l = typeof limits === "number" ? { stream: limits } : limits;
  const budget: Budget = {
    stream: l.stream ?? MAX_STREAM_BYTES,
    document: l.document ?? MAX_DOCUMENT_BYTES,
    imagePixels: l.imagePixels ?? MAX_IMAGE_PIXELS,
    total: 0,
  };
  const objects = new Objects(bytes);
  indexTopLevel(objects);
  const topStreams: Stream[] = [];
  for (const [num, defs] of objects.defs)
    for (const d of defs) {
      const s = streamAt(objects, num, d);
      if (s) topStreams.push(s);
    }
  const decrypt = decryptorOf(objects, topStreams);
  indexObjectStreams(objects, topStreams, budget, decrypt);
  let yielded = performance.now();
  for (const s of topStreams) {
    checkStream(objects, s, budget, decrypt);
    if (performance.now() - yielded > 50) {
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw new AllegatiError("limit", "interrupted", "extract");
      yielded = performance.now();
    }
  }
}
