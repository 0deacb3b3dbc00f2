/**
 * The one place that loads pdf.js (legacy build, for Node). Standard fonts, CMaps and the image
 * decoders' WebAssembly come from the installed package, nothing is fetched, JavaScript in documents
 * is never evaluated, and what pdf.js prints goes to the caller's log instead of the console.
 */
// first: keeps the engine's own push and JSON before pdf.js's core-js replaces them
import { restoreNatives } from "./natives.js";
// before pdf.js loads the canvas library: without the system fonts it has no use for
import "./nosystemfonts.js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { sep } from "node:path";
import type { ReaderNote } from "../model/index.js";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
// the parser, loaded now rather than by pdf.js's fake worker at the first document, so that its
// polyfills too are undone here (it sets globalThis.pdfjsWorker, which pdf.js then uses)
import "pdfjs-dist/legacy/build/pdf.worker.mjs";
import { MAX_IMAGE_PIXELS } from "./preflight.js";

restoreNatives();

type Listener = (e: { data: unknown }) => void;
type CloneOptions = Parameters<typeof structuredClone>[1];

/**
 * The channel between pdf.js's API and its parser when both run in this thread. pdf.js's own
 * (LoopbackPort) structured-clones every message, as a real worker boundary would; for operator
 * lists that is a deep copy of every glyph of every page, a quarter of pdf.js's time here. An
 * operator-list chunk is handed over by reference instead: the parser empties its two arrays right
 * after posting them (so those are copied) and never touches what they hold again (numbers, glyphs
 * from its fonts' caches, path buffers it gives away). So is a glyph's outline (`isFontPath`). Every
 * other message is cloned as before.
 */
/**
 * A glyph's outline sent to the API side ([name, "FontPath", buffer], the buffer transferred): the
 * parser sends one for every glyph it shows (fonts are drawn as paths here, without FontFace), each
 * a fresh copy that it never touches again, so it is handed over as it is.
 */
function isFontPath(
  obj: unknown,
  transfer: unknown[] | undefined,
): obj is { action: "commonobj"; data: [string, "FontPath", ArrayBuffer] } {
  const msg = obj as { action?: unknown; data?: unknown } | null;
  if (msg?.action !== "commonobj" || !Array.isArray(msg.data)) return false;
  const d = msg.data as unknown[];
  return (
    d.length === 3 &&
    d[1] === "FontPath" &&
    typeof d[0] === "string" &&
    d[2] instanceof ArrayBuffer &&
    transfer?.length === 1 &&
    transfer[0] === d[2]
  );
}

class SameThreadPort {
  #listeners = new Set<Listener>();
  #deferred = Promise.resolve();

  postMessage(obj: unknown, transfer?: unknown[]): void {
    const msg = obj as { chunk?: { fnArray?: unknown; argsArray?: unknown } } | null;
    const chunk = msg?.chunk;
    const data =
      chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)
        ? { ...msg, chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } }
        : isFontPath(obj, transfer)
          ? { ...obj, data: obj.data.slice() }
          : structuredClone(obj, transfer ? ({ transfer } as CloneOptions) : undefined);
    // delivered later, like a message event, so that the sender finishes first
    void this.#deferred.then(() => {
      for (const l of this.#listeners) l.call(this, { data });
    });
  }

  // pdf.js removes a document's handlers by aborting the signal they were added with: without
  // honouring it, every document would leave two listeners behind for good
  addEventListener(name: string, l: Listener, options?: { signal?: AbortSignal } | null): void {
    if (name !== "message") return;
    const signal = options?.signal;
    if (signal?.aborted) return;
    signal?.addEventListener("abort", () => this.#listeners.delete(l), { once: true });
    this.#listeners.add(l);
  }

  removeEventListener(name: string, l: Listener): void {
    if (name === "message") this.#listeners.delete(l);
  }

  terminate(): void {
    this.#listeners.clear();
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}

const port = new SameThreadPort();
const parser = (
  globalThis as { pdfjsWorker?: { WorkerMessageHandler: { initializeFromPort(p: unknown): void } } }
).pdfjsWorker!.WorkerMessageHandler;
parser.initializeFromPort(port);
/**
 * One parser for every document of this thread (pdf.js keeps documents apart by id). The parser
 * takes its verbosity from here, not from getDocument: warnings on, so that they reach the notes.
 */
const worker = new pdfjs.PDFWorker({
  port,
  verbosity: pdfjs.VerbosityLevel.WARNINGS,
} as unknown as ConstructorParameters<typeof pdfjs.PDFWorker>[0]);

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("pdfjs-dist/package.json"));
// pdf.js's Node reader hands these to fs.readFile: plain paths (a file:// string is read as a
// relative path and fails), each ending with a separator, which pdf.js requires
const dir = (name: string) => join(pkgDir, name) + sep;

export const PDFJS_OPTIONS = {
  standardFontDataUrl: dir("standard_fonts"),
  cMapUrl: dir("cmaps"),
  cMapPacked: true,
  // JBIG2 and CCITT fax images are decoded by jbig2.wasm, JPEG 2000 by openjpeg.wasm
  wasmUrl: dir("wasm"),
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  enableXfa: false,
  stopAtErrors: false,
  verbosity: pdfjs.VerbosityLevel.WARNINGS,
  // inline images are not seen by the preflight check: pdf.js drops one larger than any page's image
  maxImageSize: MAX_IMAGE_PIXELS,
  worker,
} as const;

/**
 * pdf.js has no logger of its own: it prints with console.warn ("Warning: …"), console.info
 * ("Info: …"), console.log ("Deprecated API usage: …"), and its OpenJPEG decoder with console.warn
 * ("OpenJPEG: …"). Those calls, and only those (told by pdf.js's own prefixes), are taken from the
 * console and handed to whoever listens (the reader of the current document); with no listener they
 * are dropped. Everything else still reaches the console.
 */
type NoteListener = (level: ReaderNote["level"], message: string) => void;
const noteListeners = new Set<NoteListener>();
const PDFJS_PREFIXES: Record<
  "warn" | "info" | "log",
  [prefix: string, keep: boolean, level: ReaderNote["level"]][]
> = {
  warn: [
    ["Warning: ", false, "warn"],
    ["OpenJPEG: ", true, "warn"],
  ],
  info: [["Info: ", false, "info"]],
  log: [["Deprecated API usage: ", true, "warn"]],
};
for (const method of ["warn", "info", "log"] as const) {
  const original = console[method];
  console[method] = function (this: Console, ...args: unknown[]) {
    const first = args[0];
    if (typeof first === "string")
      for (const [prefix, keep, level] of PDFJS_PREFIXES[method])
        if (first.startsWith(prefix)) {
          const message = (keep ? first : first.slice(prefix.length)).trim();
          for (const l of noteListeners) l(level, message);
          return;
        }
    return original.apply(this, args);
  };
}

/**
 * Collects what pdf.js prints from now until `stop()`, the same message counted once. Documents are
 * read one at a time in a thread, so what comes in between belongs to the document being read.
 */
export function collectReaderNotes(): { stop(): ReaderNote[] } {
  const notes = new Map<string, ReaderNote>();
  const listener: NoteListener = (level, message) => {
    const key = `${level}\u0000${message}`;
    const n = notes.get(key);
    if (n) n.count++;
    else notes.set(key, { level, message, count: 1 });
  };
  noteListeners.add(listener);
  return {
    stop() {
      noteListeners.delete(listener);
      return [...notes.values()];
    },
  };
}

/** Handlers listening on the channel: two for the thread, whatever the number of documents read. */
export const channelListeners = (): number => port.listeners;

export { pdfjs };
export type PDFDocumentProxy = pdfjs.PDFDocumentProxy;
export type PDFPageProxy = pdfjs.PDFPageProxy;
