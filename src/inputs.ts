/**
 * Expands the command line's files and folders into the files to ingest, in a stable order, and
 * the entries that cannot be ingested and must be said: a folder that cannot be listed, a name that
 * is not UTF-8, something named like a document that is not a regular file. Nothing is dropped
 * without a word, and one bad entry does not stop the walk.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { FailureReason } from "./errors.js";

const EXTENSIONS = /\.(pdf|p7m|p7s|tsd|m7m)$/i;

/** True when the first bytes look like a PDF or a signed/timestamped envelope (DER, base64 or PEM). */
export function looksIngestible(path: string | Buffer): boolean {
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

/** An entry of the walk that cannot be ingested: reported as a failed file. */
export interface InputFailure {
  /** the path as it can be shown (bytes that are not UTF-8 written `\xNN`) */
  path: string;
  reason: FailureReason;
  message: string;
}

export interface InputWalk {
  /** the files to ingest, as absolute paths */
  files: string[];
  failures: InputFailure[];
}

/** A file-system entry's kind, for a person ("a FIFO"). */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A name's bytes as text: UTF-8 where it is, `\xNN` for each byte that is not. */
export function showName(name: Buffer): string {
  let out = "";
  let i = 0;
  while (i < name.length) {
    const b = name[i]!;
    const len = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (len) {
      try {
        out += utf8.decode(name.subarray(i, i + len));
        i += len;
        continue;
      } catch {
        // not a whole character: shown as a byte
      }
    }
    out += `\\x${b.toString(16).padStart(2, "0")}`;
    i++;
  }
  return out;
}

const isUtf8 = (name: Buffer) => {
  try {
    utf8.decode(name);
    return true;
  } catch {
    return false;
  }
};

const errorMessage = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "no such file";
  if (code === "ELOOP") return "too many symbolic links";
  return (e as Error).message;
};

/**
 * Files named on the command line are always taken (a bad one must fail loudly); inside folders, a
 * file is taken when its extension or its first bytes say PDF or envelope. Symlink loops are cut by
 * remembering real paths. Entries that cannot be taken are returned as failures: a folder that
 * cannot be listed, a name that is not valid UTF-8 (a file or folder that would have been read), a
 * FIFO, socket or device named on the command line or named like a document.
 */
export function walkInputs(inputs: string[]): InputWalk {
  const files: string[] = [];
  const failures: InputFailure[] = [];
  const taken = new Set<string>();
  const seen = new Set<string>();
  const take = (abs: string) => {
    if (taken.has(abs)) return;
    taken.add(abs);
    files.push(abs);
  };
  const fail = (path: string, reason: FailureReason, message: string) =>
    failures.push({ path: resolve(path), reason, message });

  const visitDir = (p: string) => {
    let real: string;
    try {
      real = realpathSync(p);
    } catch (e) {
      return fail(p, "unreadable", `the folder cannot be read: ${errorMessage(e)}`);
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: Buffer[];
    try {
      names = readdirSync(p, { encoding: "buffer" });
    } catch (e) {
      return fail(p, "unreadable", `the folder cannot be listed: ${errorMessage(e)}`);
    }
    names.sort(Buffer.compare);
    for (const name of names) {
      if (isUtf8(name)) {
        visit(join(p, name.toString("utf8")), false);
        continue;
      }
      // a name that is not UTF-8 cannot be passed on as text: said, when it would have been read
      const raw = Buffer.concat([Buffer.from(p + sep), name]);
      const shown = join(p, showName(name));
      let st: Stats;
      try {
        st = statSync(raw);
      } catch {
        continue;
      }
      if (st.isDirectory()) fail(shown, "unreadable", "a folder whose name is not valid UTF-8: not walked");
      else if (st.isFile() && (EXTENSIONS.test(name.toString("latin1")) || looksIngestible(raw)))
        fail(shown, "unreadable", "the file name is not valid UTF-8: rename the file to read it");
    }
  };

  const visit = (p: string, top: boolean) => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      // named on the command line, or named like a document (a broken link): said
      if (top || EXTENSIONS.test(p)) fail(p, "unreadable", errorMessage(e));
      return;
    }
    if (st.isDirectory()) return visitDir(p);
    if (!st.isFile()) {
      // never opened: reading a FIFO waits for a writer that may never come
      if (top || EXTENSIONS.test(p)) fail(p, "unreadable", `${kindOf(st)}, not a file`);
      return;
    }
    if (top || EXTENSIONS.test(p) || looksIngestible(p)) take(resolve(p));
  };
  for (const i of inputs) visit(i, true);
  return { files, failures };
}

/** The files a walk of `inputs` finds (see walkInputs, which also returns what cannot be read). */
export function expandInputs(inputs: string[]): string[] {
  return walkInputs(inputs).files;
}
