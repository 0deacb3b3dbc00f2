/**
 * The one place that loads pdf.js (legacy build, for Node). Fonts and CMaps come from the installed
 * package, nothing is fetched, and JavaScript in documents is never evaluated.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

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
