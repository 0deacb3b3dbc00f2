/**
 * The acquire stage: reads the file as given, hashes it (the document id is the sha256 of these
 * bytes, the envelope when there is one), unwraps signed envelopes to the PDF, and reads every
 * signature (CAdES around it, PAdES inside it).
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Signature } from "../model/index.js";
import { AllegatiError } from "../errors.js";
import { describe, sniff, unwrap } from "./envelope.js";
import { padesSignatures } from "./pades.js";

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

export { sniff, describe };

export async function acquire(path: string, opts: { maxBytes?: number } = {}): Promise<Acquired> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new AllegatiError("unreadable", "is a directory", "acquire");
    size = st.size;
  } catch (e) {
    if (e instanceof AllegatiError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AllegatiError(
      "unreadable",
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : String((e as Error).message),
      "acquire",
    );
  }
  if (opts.maxBytes && size > opts.maxBytes)
    throw new AllegatiError("limit", `${size} bytes, more than the limit of ${opts.maxBytes}`, "acquire");
  const bytes = new Uint8Array(await readFile(path));
  return acquireBytes(bytes, basename(path), path);
}

export async function acquireBytes(bytes: Uint8Array, file: string, path = file): Promise<Acquired> {
  const id = createHash("sha256").update(bytes).digest("hex");
  if (!bytes.length) throw new AllegatiError("not-pdf", "the file is empty", "acquire");
  const u = await unwrap(bytes);
  const pades = await padesSignatures(u.pdf);
  return {
    path,
    file,
    id,
    size: bytes.length,
    pdf: u.pdf,
    envelopes: u.envelopes,
    signatures: [...u.signatures, ...pades.signatures],
    timestamps: u.timestamps,
    warnings: [...u.warnings, ...pades.warnings],
  };
}
