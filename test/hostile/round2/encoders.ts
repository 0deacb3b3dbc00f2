/**
 * Writers for the second hostile corpus and its tests: minimal PDFs from object bodies, and PDF's
 * filters as encoders (Flate, ASCIIHex, ASCII85, RunLength, LZW with EarlyChange, PNG predictor rows),
 * so that the decoders of the preflight check can be tested against data made independently.
 */
import { createDeflate, deflateSync } from "node:zlib";

/** A PDF from object bodies (a body is a string, or a dictionary and its stream data), with its xref. */
export function pdf(objects: Body[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  const add = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(size);
    if (typeof o === "string") add(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, "latin1"));
    else {
      add(Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`, "latin1"));
      add(o.data);
      add(Buffer.from("\nendstream\nendobj\n", "latin1"));
    }
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`;
  add(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

/** One page whose content is object 4 (given), with Helvetica as F1 and Symbol as F2. */
export type Body = string | { dict: string; data: Buffer };
export const onePage = (content: Body, extra: Body[] = [], resources = ""): Body[] => [
  "<< /Type /Catalog /Pages 2 0 R >>",
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /Symbol >> >> ${resources} >> >>`,
  typeof content === "string" ? { dict: "", data: Buffer.from(content, "latin1") } : content,
  ...extra,
];

/** deflate of `n` bytes of white space, streamed (gigabytes are never held) */
export async function deflatedSpaces(n: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => z.on("end", r));
  const chunk = Buffer.alloc(1 << 24, 0x20);
  for (let left = n; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
      await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

export const flate = (b: Buffer) => deflateSync(b, { level: 9 });
export const hex = (b: Buffer) => Buffer.from(b.toString("hex") + ">", "latin1");

export function ascii85(b: Buffer): Buffer {
  let s = "";
  for (let i = 0; i < b.length; i += 4) {
    const chunk = Buffer.alloc(4);
    b.copy(chunk, 0, i, i + 4);
    const n = Math.min(4, b.length - i);
    let v = chunk.readUInt32BE(0);
    if (v === 0 && n === 4) {
      s += "z";
      continue;
    }
    const d: string[] = [];
    for (let k = 0; k < 5; k++) {
      d.unshift(String.fromCharCode(0x21 + (v % 85)));
      v = Math.floor(v / 85);
    }
    s += d.slice(0, n + 1).join("");
  }
  return Buffer.from(s + "~>", "latin1");
}

export function runLength(b: Buffer): Buffer {
  const out: number[] = [];
  let i = 0;
  while (i < b.length) {
    let run = 1;
    while (i + run < b.length && run < 128 && b[i + run] === b[i]) run++;
    if (run >= 2) {
      out.push(257 - run, b[i]!);
      i += run;
      continue;
    }
    let lit = 1;
    while (i + lit < b.length && lit < 128 && b[i + lit] !== b[i + lit - 1]) lit++;
    out.push(lit - 1, ...b.subarray(i, i + lit));
    i += lit;
  }
  out.push(128);
  return Buffer.from(out);
}

/** LZW as PDF has it (EarlyChange 1): 9 to 12 bit codes, a clear code before the table fills. */
export function lzw(b: Buffer): Buffer {
  const bytes: number[] = [];
  let acc = 0,
    nbits = 0;
  const emit = (code: number, width: number) => {
    acc = (acc << width) | code;
    nbits += width;
    while (nbits >= 8) {
      bytes.push((acc >>> (nbits - 8)) & 0xff);
      nbits -= 8;
    }
    acc &= (1 << nbits) - 1;
  };
  let dict = new Map<string, number>();
  // the reader's next code: it adds an entry on every code but the first after a clear, and its
  // codes are one bit wider once that entry's number plus one needs it
  let readerNext = 258;
  let first = true;
  const width = () => Math.min(12, Math.floor(Math.log2(readerNext + 1)) + 1);
  const codeOf = (w: string) => (w.length === 1 ? w.charCodeAt(0) : dict.get(w)!);
  const emitCode = (w: string) => {
    emit(codeOf(w), width());
    if (first) first = false;
    else readerNext++;
  };
  emit(256, 9);
  let w = "";
  for (const byte of b) {
    const c = String.fromCharCode(byte);
    if (!w || dict.has(w + c)) {
      w += c;
      continue;
    }
    emitCode(w);
    dict.set(w + c, 258 + dict.size);
    w = c;
    if (258 + dict.size >= 4000) {
      emit(256, width());
      dict = new Map();
      readerNext = 258;
      first = true;
    }
  }
  if (w) emitCode(w);
  emit(257, width());
  if (nbits) bytes.push((acc << (8 - nbits)) & 0xff);
  return Buffer.from(bytes);
}

/** PNG predictor rows of type 0 (none): each row a tag byte and `columns` bytes. */
export function pngRows(b: Buffer, columns: number): Buffer {
  const rows: Buffer[] = [];
  for (let i = 0; i < b.length; i += columns) {
    const row = Buffer.alloc(columns + 1);
    b.copy(row, 1, i, i + columns);
    rows.push(row);
  }
  return Buffer.concat(rows);
}
