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

restoreNatives();

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
} as const;

export { pdfjs };
export type PDFDocumentProxy = pdfjs.PDFDocumentProxy;
export type PDFPageProxy = pdfjs.PDFPageProxy;
