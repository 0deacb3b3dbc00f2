/**
 * The one place that loads pdf.js (legacy build, for Node). Fonts and CMaps come from the installed
 * package, nothing is fetched, and JavaScript in documents is never evaluated.
 */
// first: keeps the engine's own push and JSON before pdf.js's core-js replaces them
import { restoreNatives } from "./natives.js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
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
 * from its fonts' caches, path buffers it gives away). Every other message is cloned as before.
 */
class SameThreadPort {
  #listeners = new Set<Listener>();
  #deferred = Promise.resolve();

  postMessage(obj: unknown, transfer?: unknown[]): void {
    const msg = obj as { chunk?: { fnArray?: unknown; argsArray?: unknown } } | null;
    const chunk = msg?.chunk;
    const data =
      chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)
        ? { ...msg, chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } }
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
/** One parser for every document of this thread (pdf.js keeps documents apart by id). */
const worker = new pdfjs.PDFWorker({ port } as unknown as ConstructorParameters<typeof pdfjs.PDFWorker>[0]);

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("pdfjs-dist/package.json"));

export const PDFJS_OPTIONS = {
  standardFontDataUrl: pathToFileURL(join(pkgDir, "standard_fonts") + "/").href,
  cMapUrl: pathToFileURL(join(pkgDir, "cmaps") + "/").href,
  cMapPacked: true,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  enableXfa: false,
  stopAtErrors: false,
  verbosity: 0,
  // inline images are not seen by the preflight check: pdf.js drops one larger than any page's image
  maxImageSize: MAX_IMAGE_PIXELS,
  worker,
} as const;

/** Handlers listening on the channel: two for the thread, whatever the number of documents read. */
export const channelListeners = (): number => port.listeners;

export { pdfjs };
export type PDFDocumentProxy = pdfjs.PDFDocumentProxy;
export type PDFPageProxy = pdfjs.PDFPageProxy;
