/**
 * The files as given, kept beside the database and named by their sha256 (the document id), so that
 * a page can be shown where a value was read after the folder it was ingested from is gone:
 * `<database's folder>/originals/<first two hex digits>/<sha256>`. The same bytes are kept once,
 * whatever their names, and by any database in that folder.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Store } from "./store.js";

const SHA256 = /^[0-9a-f]{64}$/;

/** The folder of kept files, or null for a database in memory (nothing is kept). */
export function originalsDir(store: Store): string | null {
  return store.path === ":memory:" ? null : join(dirname(resolve(store.path)), "originals");
}

function pathFor(store: Store, id: string): string | null {
  const dir = originalsDir(store);
  // the id names a file: only a sha256 may (no path can be smuggled in)
  if (!dir || !SHA256.test(id)) return null;
  return join(dir, id.slice(0, 2), id);
}

/** Where a document's file is kept, or null when it is not. */
export function originalPath(store: Store, id: string): string | null {
  const p = pathFor(store, id);
  return p && existsSync(p) ? p : null;
}

/** A document's file as given (the envelope when there is one), or null when it is not kept. */
export async function readOriginal(store: Store, id: string): Promise<Uint8Array | null> {
  const p = originalPath(store, id);
  return p ? new Uint8Array(await readFile(p)) : null;
}

/**
 * Keeps a file's bytes (from its path, or given) under its sha256, unless already kept; resolves
 * with whether it wrote. Written to a temporary name and renamed, so that a kept file is whole.
 */
export async function keepOriginal(store: Store, id: string, source: string | Uint8Array): Promise<boolean> {
  const p = pathFor(store, id);
  if (!p || existsSync(p)) return false;
  await mkdir(dirname(p), { recursive: true });
  const tmp = `${p}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    if (typeof source === "string") await copyFile(source, tmp);
    else await writeFile(tmp, source);
    await rename(tmp, p);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return true;
}
