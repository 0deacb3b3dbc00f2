/** Expands the command line's files and folders into the files to ingest, in a stable order. */
import { openSync, readSync, closeSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const EXTENSIONS = /\.(pdf|p7m|p7s|tsd|m7m)$/i;

/** True when the first bytes look like a PDF or a signed/timestamped envelope (DER, base64 or PEM). */
export function looksIngestible(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if (head.includes("%PDF-")) return true;
    if (head[0] === 0x30 && head[1] !== undefined && head[1] >= 0x80) return true; // DER SEQUENCE
    const text = head.toString("latin1");
    if (/^-----BEGIN (PKCS7|CMS)/.test(text) || /^MI[A-Za-z0-9+/]/.test(text)) return true;
    return /^MIME-Version:/i.test(text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Files named on the command line are always taken (a bad one must fail loudly); inside folders, a
 * file is taken when its extension or its first bytes say PDF or envelope. Symlink loops are cut by
 * remembering real paths.
 */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  const taken = new Set<string>();
  const seen = new Set<string>();
  const visit = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      if (top) take(resolve(p)); // let acquire report it as unreadable
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        return;
      }
      if (seen.has(real)) return;
      seen.add(real);
      const names = readdirSync(p).sort();
      for (const name of names) visit(join(p, name), false);
      return;
    }
    if (!st.isFile()) return;
    if (top || EXTENSIONS.test(p) || looksIngestible(p)) take(resolve(p));
  };
  const take = (abs: string) => {
    if (taken.has(abs)) return;
    taken.add(abs);
    out.push(abs);
  };
  for (const i of inputs) visit(i, true);
  return out;
}
