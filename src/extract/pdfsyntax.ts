/**
 * Just enough of PDF's object syntax to read stream dictionaries before pdf.js does: numbers, names,
 * strings (as bytes: an encrypted file's keys are strings), references, arrays and dictionaries. The
 * parser is iterative (no recursion: a file may nest arrays a hundred thousand deep) and never reads
 * past the end it is given.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** a string, literal or hexadecimal, as the bytes it stands for */
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfDict | PdfValue[];

/** A keyword the parser stopped at (`stream`, `endobj`, `R`, …). */
export class PdfKeyword {
  constructor(readonly word: string) {}
}

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIM[c.charCodeAt(0)] = 1;

export const isWhite = (c: number | undefined): boolean => c !== undefined && WHITE[c] === 1;
const isRegular = (c: number | undefined): boolean => c !== undefined && !WHITE[c] && !DELIM[c];

type Token =
  | { t: "num"; v: number; int: boolean }
  | { t: "name"; v: string }
  | { t: "kw"; v: string }
  | { t: "str"; v: Uint8Array }
  | { t: "open"; v: "[" | "<<" }
  | { t: "close"; v: "]" | ">>" }
  | { t: "end" };

/** A lexer over `buf` from `pos` to `end`. */
export class Lexer {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number = buf.length,
  ) {}

  /** Skips white space and comments. */
  skip(): void {
    const b = this.buf;
    while (this.pos < this.end) {
      const c = b[this.pos]!;
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** A literal string: balanced parentheses, backslash escapes (octal, line continuations). */
  private literal(): Token {
    const b = this.buf;
    const out: number[] = [];
    let depth = 0;
    let i = this.pos;
    for (; i < this.end; i++) {
      const d = b[i]!;
      if (d === 0x5c) {
        const e = b[++i];
        if (e === undefined) break;
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[i + 1]! >= 0x30 && b[i + 1]! <= 0x37; k++) v = v * 8 + (b[++i]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[i + 1] === 0x0a) i++;
        } else if (e !== 0x0a) out.push(ESCAPES[e] ?? e);
        continue;
      }
      if (d === 0x28 && depth++ === 0) continue;
      if (d === 0x29 && --depth === 0) break;
      out.push(d);
    }
    this.pos = Math.min(this.end, i + 1);
    return { t: "str", v: Uint8Array.from(out) };
  }

  next(): Token {
    this.skip();
    const b = this.buf;
    if (this.pos >= this.end) return { t: "end" };
    const c = b[this.pos]!;
    if (c === 0x2f) {
      // a name, with #xx escapes
      let i = this.pos + 1;
      let s = "";
      while (i < this.end && isRegular(b[i])) {
        if (b[i] === 0x23 && i + 2 < this.end) {
          const h = Number.parseInt(String.fromCharCode(b[i + 1]!, b[i + 2]!), 16);
          if (!Number.isNaN(h)) {
            s += String.fromCharCode(h);
            i += 3;
            continue;
          }
        }
        s += String.fromCharCode(b[i]!);
        i++;
      }
      this.pos = i;
      return { t: "name", v: s };
    }
    if (c === 0x5b) {
      this.pos++;
      return { t: "open", v: "[" };
    }
    if (c === 0x5d) {
      this.pos++;
      return { t: "close", v: "]" };
    }
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { t: "open", v: "<<" };
      }
      // a hex string: white space ignored, an odd last digit followed by 0
      const close = indexOfByte(b, 0x3e, this.pos + 1, this.end);
      const end = close < 0 ? this.end : close;
      const digits = latin1(b, this.pos + 1, end).replace(/[^0-9a-fA-F]/g, "");
      this.pos = close < 0 ? this.end : close + 1;
      return { t: "str", v: Buffer.from(digits.length % 2 ? digits + "0" : digits, "hex") };
    }
    if (c === 0x3e) {
      this.pos += b[this.pos + 1] === 0x3e ? 2 : 1;
      return { t: "close", v: ">>" };
    }
    if (c === 0x28) return this.literal();
    if (c === 0x29 || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { t: "kw", v: String.fromCharCode(c) };
    }
    let i = this.pos;
    while (i < this.end && isRegular(b[i])) i++;
    const word = latin1(b, this.pos, i);
    this.pos = i;
    if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(word)) {
      const v = Number(word);
      return { t: "num", v, int: Number.isInteger(v) && !word.includes(".") };
    }
    return { t: "kw", v: word };
  }
}

const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };

export const latin1 = (b: Uint8Array, from: number, to: number): string =>
  Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, to - from)).toString("latin1");

export function indexOfByte(b: Uint8Array, byte: number, from: number, end: number): number {
  const i = b.indexOf(byte, from);
  return i < 0 || i >= end ? -1 : i;
}

/**
 * Reads one object at the lexer's position. Returns the object, or a PdfKeyword when the first token
 * is a keyword (`stream`, `endobj`), or undefined at the end of the input or on broken syntax.
 * `N G R` is read as a reference.
 */
export function parseObject(lx: Lexer): PdfValue | PdfKeyword | undefined {
  // containers being filled: an array, or a dictionary with the key waiting for its value
  const stack: ({ arr: PdfValue[] } | { dict: PdfDict; key: string | null })[] = [];
  const put = (v: PdfValue): PdfValue | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return v;
    if ("arr" in top) top.arr.push(v);
    else if (top.key !== null) {
      top.dict.set(top.key, v);
      top.key = null;
    }
    return undefined;
  };
  for (;;) {
    const tok = lx.next();
    let value: PdfValue;
    switch (tok.t) {
      case "end":
        return undefined;
      case "open":
        stack.push(tok.v === "[" ? { arr: [] } : { dict: new Map(), key: null });
        continue;
      case "close": {
        const top = stack.pop();
        if (!top) return undefined;
        value = "arr" in top ? top.arr : top.dict;
        break;
      }
      case "name": {
        const top = stack[stack.length - 1];
        if (top && "dict" in top && top.key === null) {
          top.key = tok.v;
          continue;
        }
        value = new PdfName(tok.v);
        break;
      }
      case "str":
        value = new PdfString(tok.v);
        break;
      case "num": {
        value = tok.v;
        if (tok.int && tok.v >= 0) {
          // N G R: look ahead two tokens, and step back when they are not a reference
          const save = lx.pos;
          const g = lx.next();
          if (g.t === "num" && g.int) {
            const r = lx.next();
            if (r.t === "kw" && r.v === "R") {
              value = new PdfRef(tok.v, g.v);
              break;
            }
          }
          lx.pos = save;
        }
        break;
      }
      case "kw":
        if (tok.v === "true" || tok.v === "false") value = tok.v === "true";
        else if (tok.v === "null") value = null;
        else if (!stack.length) return new PdfKeyword(tok.v);
        // a stray keyword inside a container (a broken file): pdf.js skips it too
        else continue;
        break;
    }
    const done = put(value);
    if (done !== undefined || !stack.length) return value;
  }
}

export const isDict = (v: unknown): v is PdfDict => v instanceof Map;
export const nameOf = (v: unknown): string | null => (v instanceof PdfName ? v.name : null);
