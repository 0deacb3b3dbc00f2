/**
 * PDF's general filters as push decoders that keep nothing but their state: each takes its input a
 * chunk at a time and hands its output on, so that a chain of them can be run to count how much a
 * stream decodes to without holding it. They follow pdf.js's readers (what pdf.js would decode is
 * what is counted): Flate (fflate), LZW with EarlyChange, ASCIIHex, ASCII85, RunLength, Brotli, and
 * the PNG and TIFF predictors of Flate and LZW.
 */
import { Unzlib } from "fflate";
import { brotliDecompressSync, constants, inflateSync } from "node:zlib";

/** Where a decoder hands its output. */
export interface ByteSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/** Decode parameters of one filter (DecodeParms), resolved to numbers. */
export interface DecodeParams {
  predictor?: number;
  colors?: number;
  bitsPerComponent?: number;
  columns?: number;
  earlyChange?: number;
}

/** The filters decoded here, by their full and abbreviated names. */
export const GENERAL_FILTERS: Record<string, string> = {
  FlateDecode: "FlateDecode",
  Fl: "FlateDecode",
  LZWDecode: "LZWDecode",
  LZW: "LZWDecode",
  ASCIIHexDecode: "ASCIIHexDecode",
  AHx: "ASCIIHexDecode",
  ASCII85Decode: "ASCII85Decode",
  A85: "ASCII85Decode",
  RunLengthDecode: "RunLengthDecode",
  RL: "RunLengthDecode",
  BrotliDecode: "BrotliDecode",
};

/** Image filters: their output is bounded by the image's size, not decoded here. */
export const IMAGE_FILTERS: Record<string, string> = {
  DCTDecode: "DCTDecode",
  DCT: "DCTDecode",
  JPXDecode: "JPXDecode",
  JPX: "JPXDecode",
  JBIG2Decode: "JBIG2Decode",
  CCITTFaxDecode: "CCITTFaxDecode",
  CCF: "CCITTFaxDecode",
};

/**
 * The most a filter's output can be per byte of input (deflate's ~1032:1, LZW's longest string per
 * 9-bit code, RunLength's 128 bytes per 2), used to skip counting streams that cannot reach a limit.
 * Brotli has no useful bound.
 */
export const MAX_EXPANSION: Record<string, number> = {
  FlateDecode: 1032,
  LZWDecode: 4096 / (9 / 8),
  ASCIIHexDecode: 0.5,
  ASCII85Decode: 4,
  RunLengthDecode: 64,
  BrotliDecode: Infinity,
};

/**
 * Flate: a stream's input is gathered (up to 1 MB) and inflated at once by zlib when its output is
 * under 32 MB, which is most streams and ten times faster than inflating in JavaScript; a longer
 * input, a larger output or damaged data are inflated by fflate a slice at a time, so that nothing
 * larger than a slice's output is ever held (a bomb's few kilobytes inflate to gigabytes).
 */
class Flate implements ByteSink {
  private static readonly GATHER = 1 << 20;
  private static readonly AT_ONCE = 32 << 20;
  private static readonly SLICE = 16 << 10;
  private z: Unzlib | null = null;
  private gathered: Uint8Array[] = [];
  private size = 0;
  private dead = false;
  constructor(private readonly next: ByteSink) {}
  write(chunk: Uint8Array): void {
    if (this.z) return this.stream(chunk, false);
    this.gathered.push(chunk.slice());
    this.size += chunk.length;
    if (this.size > Flate.GATHER) this.stream(this.takeGathered(), false);
  }
  private takeGathered(): Uint8Array {
    const all = Buffer.concat(this.gathered);
    this.gathered = [];
    return all;
  }
  /** Inflates by fflate, a slice at a time; damaged or cut data ends the stream, as in pdf.js. */
  private stream(chunk: Uint8Array, final: boolean): void {
    this.z ??= new Unzlib((out) => this.next.write(out));
    for (let i = 0; i < chunk.length || (final && i === 0); i += Flate.SLICE) {
      if (this.dead) return;
      const slice = chunk.subarray(i, i + Flate.SLICE);
      try {
        this.z.push(slice, final && i + Flate.SLICE >= chunk.length);
      } catch (e) {
        if (e instanceof Error && "code" in e) this.dead = true;
        else throw e;
      }
    }
  }
  end(): void {
    if (!this.z) {
      const input = this.takeGathered();
      let out: Buffer | null = null;
      try {
        out = inflateSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Flate.AT_ONCE });
      } catch {
        // too large at once, or damaged: fflate keeps what comes before the damage
      }
      if (out) this.next.write(out);
      else this.stream(input, true);
    } else this.stream(new Uint8Array(0), true);
    this.next.end();
  }
}

class AsciiHex implements ByteSink {
  private first = -1;
  private done = false;
  constructor(private readonly next: ByteSink) {}
  write(chunk: Uint8Array): void {
    if (this.done) return;
    const out = new Uint8Array((chunk.length + 1) >> 1);
    let n = 0;
    for (const ch of chunk) {
      let d: number;
      if (ch >= 0x30 && ch <= 0x39) d = ch & 0x0f;
      else if ((ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66)) d = (ch & 0x0f) + 9;
      else if (ch === 0x3e) {
        this.done = true;
        break;
      } else continue;
      if (this.first < 0) this.first = d;
      else {
        out[n++] = (this.first << 4) | d;
        this.first = -1;
      }
    }
    if (this.done && this.first >= 0) {
      out[n++] = this.first << 4;
      this.first = -1;
    }
    if (n) this.next.write(out.subarray(0, n));
  }
  end(): void {
    if (!this.done && this.first >= 0) this.next.write(Uint8Array.of(this.first << 4));
    this.next.end();
  }
}

const isPdfWhite = (c: number) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;

class Ascii85 implements ByteSink {
  private readonly group = new Uint8Array(5);
  private n = 0;
  private done = false;
  constructor(private readonly next: ByteSink) {}
  private flush(count: number): Uint8Array {
    for (let i = count; i < 5; i++) this.group[i] = 0x21 + 84;
    let t = 0;
    for (let i = 0; i < 5; i++) t = t * 85 + (this.group[i]! - 0x21);
    const out = new Uint8Array(4);
    for (let i = 3; i >= 0; i--) {
      out[i] = t & 0xff;
      t = Math.floor(t / 256);
    }
    return out.subarray(0, count - 1);
  }
  write(chunk: Uint8Array): void {
    if (this.done) return;
    const out = new Uint8Array(chunk.length * 4 + 4);
    let k = 0;
    for (const c of chunk) {
      if (isPdfWhite(c)) continue;
      if (c === 0x7e) {
        this.done = true;
        break;
      }
      if (c === 0x7a && this.n === 0) {
        k += 4; // four zero bytes
        continue;
      }
      this.group[this.n++] = c;
      if (this.n === 5) {
        out.set(this.flush(5), k);
        k += 4;
        this.n = 0;
      }
    }
    if (this.done && this.n > 0) {
      const tail = this.flush(this.n);
      out.set(tail, k);
      k += tail.length;
      this.n = 0;
    }
    if (k) this.next.write(out.subarray(0, k));
  }
  end(): void {
    if (this.n > 0) this.next.write(this.flush(this.n));
    this.n = 0;
    this.next.end();
  }
}

class RunLength implements ByteSink {
  /** bytes still to copy literally, or the run length waiting for its byte (negative) */
  private literal = 0;
  private run = 0;
  private done = false;
  constructor(private readonly next: ByteSink) {}
  write(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.literal > 0) {
        const take = Math.min(this.literal, chunk.length - i);
        this.next.write(chunk.subarray(i, i + take));
        this.literal -= take;
        i += take;
      } else if (this.run > 0) {
        this.next.write(new Uint8Array(this.run).fill(chunk[i]!));
        this.run = 0;
        i++;
      } else {
        const h = chunk[i++]!;
        if (h === 128) this.done = true;
        else if (h < 128) this.literal = h + 1;
        else this.run = 257 - h;
      }
    }
  }
  end(): void {
    this.next.end();
  }
}

class Lzw implements ByteSink {
  private readonly values = new Uint8Array(4096);
  private readonly lengths = new Uint16Array(4096);
  private readonly prevCodes = new Uint16Array(4096);
  private readonly seq = new Uint8Array(4096);
  private seqLength = 0;
  private nextCode = 258;
  private codeLength = 9;
  private prevCode = 0;
  private cached = 0;
  private bits = 0;
  private done = false;
  constructor(
    private readonly next: ByteSink,
    private readonly earlyChange: number,
  ) {
    for (let i = 0; i < 256; i++) {
      this.values[i] = i;
      this.lengths[i] = 1;
    }
  }
  write(chunk: Uint8Array): void {
    const out: Uint8Array[] = [];
    let pending = 0;
    for (let i = 0; i < chunk.length && !this.done; i++) {
      this.cached = ((this.cached << 8) | chunk[i]!) & 0xffffff;
      this.bits += 8;
      while (this.bits >= this.codeLength && !this.done) {
        this.bits -= this.codeLength;
        const code = (this.cached >>> this.bits) & ((1 << this.codeLength) - 1);
        const emitted = this.decode(code);
        if (emitted) {
          out.push(emitted);
          pending += emitted.length;
          if (pending >= 65536) {
            this.emit(out, pending);
            pending = 0;
          }
        }
      }
    }
    if (pending) this.emit(out, pending);
  }
  private emit(parts: Uint8Array[], total: number): void {
    const buf = new Uint8Array(total);
    let k = 0;
    for (const p of parts) {
      buf.set(p, k);
      k += p.length;
    }
    parts.length = 0;
    this.next.write(buf);
  }
  /** One code, as pdf.js's LZWStream reads it; the bytes it stands for, or null. */
  private decode(code: number): Uint8Array | null {
    const hasPrev = this.seqLength > 0;
    if (code < 256) {
      this.seq[0] = code;
      this.seqLength = 1;
    } else if (code >= 258) {
      if (code < this.nextCode) {
        this.seqLength = this.lengths[code]!;
        for (let j = this.seqLength - 1, q = code; j >= 0; j--) {
          this.seq[j] = this.values[q]!;
          q = this.prevCodes[q]!;
        }
      } else if (this.seqLength < 4096) this.seq[this.seqLength++] = this.seq[0]!;
    } else if (code === 256) {
      this.codeLength = 9;
      this.nextCode = 258;
      this.seqLength = 0;
      return null;
    } else {
      this.done = true;
      return null;
    }
    if (hasPrev && this.nextCode < 4096) {
      this.prevCodes[this.nextCode] = this.prevCode;
      this.lengths[this.nextCode] = Math.min(4095, this.lengths[this.prevCode]! + 1);
      this.values[this.nextCode] = this.seq[0]!;
      this.nextCode++;
      const n = this.nextCode + this.earlyChange;
      if (!(n & (n - 1))) this.codeLength = Math.min(Math.floor(Math.log2(n)) + 1, 12);
    }
    this.prevCode = code;
    return this.seq.slice(0, this.seqLength);
  }
  end(): void {
    this.next.end();
  }
}

/** PNG predictors (10-15: a tag byte before each row) and the TIFF predictor (2), as pdf.js has them. */
class Predictor implements ByteSink {
  private readonly pixBytes: number;
  private readonly rowBytes: number;
  private readonly inRow: number;
  private readonly row: Uint8Array;
  private prev: Uint8Array;
  private fill = 0;
  constructor(
    private readonly next: ByteSink,
    private readonly predictor: number,
    private readonly colors: number,
    private readonly bits: number,
    private readonly columns: number,
  ) {
    this.pixBytes = (colors * bits + 7) >> 3;
    this.rowBytes = (columns * colors * bits + 7) >> 3;
    this.inRow = this.rowBytes + (predictor >= 10 ? 1 : 0);
    this.row = new Uint8Array(this.inRow);
    this.prev = new Uint8Array(this.rowBytes);
  }
  write(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      const take = Math.min(this.inRow - this.fill, chunk.length - i);
      this.row.set(chunk.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
      if (this.fill === this.inRow) {
        this.next.write(this.decodeRow(this.row, this.inRow));
        this.fill = 0;
      }
    }
  }
  end(): void {
    // a last short row is decoded as far as it goes, as pdf.js does
    if (this.fill > (this.predictor >= 10 ? 1 : 0)) this.next.write(this.decodeRow(this.row, this.fill));
    this.next.end();
  }
  private decodeRow(row: Uint8Array, n: number): Uint8Array {
    const out = this.predictor >= 10 ? this.png(row[0]!, row.subarray(1, n)) : this.tiff(row.subarray(0, n));
    this.prev = out;
    return out;
  }
  private png(tag: number, raw: Uint8Array): Uint8Array {
    const { pixBytes: px, rowBytes } = this;
    const out = new Uint8Array(rowBytes);
    const up = this.prev;
    const at = (i: number) => raw[i] ?? 0;
    switch (tag) {
      case 0:
        out.set(raw.subarray(0, rowBytes));
        break;
      case 1:
        for (let i = 0; i < rowBytes; i++) out[i] = (i < px ? 0 : out[i - px]!) + at(i);
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) out[i] = up[i]! + at(i);
        break;
      case 3:
        for (let i = 0; i < rowBytes; i++) out[i] = ((up[i]! + (i < px ? 0 : out[i - px]!)) >> 1) + at(i);
        break;
      case 4:
        for (let i = 0; i < rowBytes; i++) {
          const left = i < px ? 0 : out[i - px]!;
          const u = up[i]!;
          const ul = i < px ? 0 : up[i - px]!;
          const p = left + u - ul;
          const pa = Math.abs(p - left),
            pb = Math.abs(p - u),
            pc = Math.abs(p - ul);
          out[i] = (pa <= pb && pa <= pc ? left : pb <= pc ? u : ul) + at(i);
        }
        break;
      default:
        // pdf.js stops the stream at an unknown row tag
        return new Uint8Array(0);
    }
    return out;
  }
  private tiff(raw: Uint8Array): Uint8Array {
    const { colors, bits, rowBytes } = this;
    const out = new Uint8Array(rowBytes);
    if (bits === 8) {
      for (let i = 0; i < rowBytes; i++) out[i] = (i < colors ? 0 : out[i - colors]!) + (raw[i] ?? 0);
    } else if (bits === 16) {
      const bpp = colors * 2;
      for (let i = 0; i < rowBytes; i += 2) {
        const left = i < bpp ? 0 : (out[i - bpp]! << 8) + out[i - bpp + 1]!;
        const sum = ((raw[i] ?? 0) << 8) + (raw[i + 1] ?? 0) + left;
        out[i] = (sum >> 8) & 0xff;
        out[i + 1] = sum & 0xff;
      }
    } else {
      // other depths: each component is the sum of its left neighbour and the raw one, bit by bit
      const comp = new Uint8Array(colors);
      const mask = (1 << bits) - 1;
      let inbuf = 0,
        inbits = 0,
        outbuf = 0,
        outbits = 0,
        j = 0,
        k = 0;
      for (let c = 0; c < this.columns; c++)
        for (let kk = 0; kk < colors; kk++) {
          if (inbits < bits) {
            inbuf = ((inbuf << 8) | (raw[j++] ?? 0)) & 0xffff;
            inbits += 8;
          }
          comp[kk] = (comp[kk]! + (inbuf >> (inbits - bits))) & mask;
          inbits -= bits;
          outbuf = ((outbuf << bits) | comp[kk]!) & 0xffff;
          outbits += bits;
          if (outbits >= 8) {
            out[k++] = (outbuf >> (outbits - 8)) & 0xff;
            outbits -= 8;
          }
        }
      if (outbits > 0 && k < rowBytes) out[k] = (outbuf << (8 - outbits)) & 0xff;
    }
    return out;
  }
}

/** Brotli has no streaming decoder here: its input is gathered, then decoded up to `limit` + 1 bytes. */
class Brotli implements ByteSink {
  private readonly parts: Uint8Array[] = [];
  constructor(
    private readonly next: ByteSink,
    private readonly limit: number,
  ) {}
  write(chunk: Uint8Array): void {
    this.parts.push(chunk.slice());
  }
  end(): void {
    let out: Uint8Array | null = null;
    try {
      out = brotliDecompressSync(Buffer.concat(this.parts), { maxOutputLength: this.limit + 1 });
    } catch (e) {
      // past the limit: as much as the limit allows and one byte more, so the count fails
      if (e instanceof RangeError) out = new Uint8Array(this.limit + 1);
    }
    this.parts.length = 0;
    if (out) for (let i = 0; i < out.length; i += 1 << 20) this.next.write(out.subarray(i, i + (1 << 20)));
    this.next.end();
  }
}

/**
 * The decoder of one general filter (its canonical name) feeding `next`, with the predictor its
 * parameters ask for; null for a filter that is not decoded here.
 */
export function decoder(
  filter: string,
  params: DecodeParams,
  next: ByteSink,
  limit: number,
): ByteSink | null {
  const predicted = (): ByteSink => {
    const p = params.predictor ?? 1;
    if (p <= 1) return next;
    if (p !== 2 && (p < 10 || p > 15)) throw new RangeError(`unsupported predictor ${p}`);
    return new Predictor(
      next,
      p,
      Math.max(1, params.colors ?? 1),
      Math.max(1, params.bitsPerComponent ?? 8),
      Math.max(1, params.columns ?? 1),
    );
  };
  switch (filter) {
    case "FlateDecode":
      return new Flate(predicted());
    case "LZWDecode":
      return new Lzw(predicted(), params.earlyChange ?? 1);
    case "ASCIIHexDecode":
      return new AsciiHex(next);
    case "ASCII85Decode":
      return new Ascii85(next);
    case "RunLengthDecode":
      return new RunLength(next);
    case "BrotliDecode":
      return new Brotli(next, limit);
    default:
      return null;
  }
}
