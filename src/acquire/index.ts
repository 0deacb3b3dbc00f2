/**
 * The acquire stage: reads the file as given, hashes it (the document id), and hands the PDF on.
 * Signed envelopes and embedded signatures are read by the signature modules.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Signature } from "../model/index.js";
import { AllegatiError } from "../errors.js";

export interface Acquired {
  path: string;
  file: string;
  id: string;
  size: number;
  pdf: Uint8Array;
  envelopes: ("cades" | "tsd" | "m7m")[];
  signatures: Signature[];
  timestamps: string[];
  warnings: string[];
}

export type Sniffed = "pdf" | "cms-der" | "cms-base64" | "pem" | "tsd" | "m7m" | "unknown";

export function sniff(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (head.includes("%PDF-")) return "pdf";
  if (/^-----BEGIN (PKCS7|CMS)/.test(head)) return "pem";
  if (/^MIME-Version:/i.test(head)) return "m7m";
  if (bytes[0] === 0x30) return "cms-der";
  if (/^\s*MI[A-Za-z0-9+/]/.test(head)) return "cms-base64";
  return "unknown";
}

function describe(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  if (!bytes.length) return "the file is empty";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "an HTML page, not a PDF";
  if (bytes[0] === 0x89 && head.startsWith("\x89png")) return "a PNG image, not a PDF";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "a ZIP archive, not a PDF";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "a JPEG image, not a PDF";
  return "not a PDF (no %PDF- header)";
}

export async function acquire(path: string, opts: { maxBytes?: number } = {}): Promise<Acquired> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new AllegatiError("unreadable", "is a directory", "acquire");
    size = st.size;
  } catch (e) {
    if (e instanceof AllegatiError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AllegatiError("unreadable", code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String((e as Error).message), "acquire");
  }
  if (opts.maxBytes && size > opts.maxBytes) throw new AllegatiError("limit", `${size} bytes, more than the limit of ${opts.maxBytes}`, "acquire");
  const bytes = new Uint8Array(await readFile(path));
  return acquireBytes(bytes, basename(path), path);
}

export async function acquireBytes(bytes: Uint8Array, file: string, path = file): Promise<Acquired> {
  const id = createHash("sha256").update(bytes).digest("hex");
  const kind = sniff(bytes);
  if (kind !== "pdf") throw new AllegatiError("not-pdf", describe(bytes), "acquire");
  return { path, file, id, size: bytes.length, pdf: bytes, envelopes: [], signatures: [], timestamps: [], warnings: [] };
}
