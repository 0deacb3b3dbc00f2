/**
 * A scan that carries another program's OCR (textlayer.ts, ocrLayerOverScan): its words are kept,
 * but what the layout stage reads tables by is only in the image: the tables' rulings, and which
 * words are bold (the layer's font is a stand-in, "GlyphLessFont", the same for every word). Both
 * are found in the pixels as the OCR stage finds them (ocr.ts), without reading the words again, on
 * the page as it is (not straightened: the words laid over it are placed on it as it is).
 */
import type { Ruling, TextRun } from "../model/index.js";
import { findHalftone, inkMask, removeHalftone } from "./halftone.js";
import {
  boldStems,
  imageRulings,
  markWeights,
  renderPage,
  RULING_GREY,
  stemWidth,
  typicalStem,
} from "./image.js";
import type { PDFPageProxy } from "./pdfjs.js";

/** enough for lines a point thick and for stems, at half the OCR stage's pixels */
const SCAN_DPI = 200;

export async function readScanUnderText(
  page: PDFPageProxy,
  runs: TextRun[],
): Promise<{ rulings: Ruling[]; runs: TextRun[] }> {
  const { canvas, scale } = await renderPage(page, SCAN_DPI);
  const w = canvas.width,
    h = canvas.height;
  // a shaded row of a bilevel scan is a screen of dots or lines, which would pass for rulings
  const ink = inkMask(canvas);
  const descreened = removeHalftone(canvas, ink, findHalftone(ink, w, h, scale), scale);
  const lineInk = descreened === canvas ? ink : inkMask(descreened, 3 * RULING_GREY);
  const rulings = imageRulings({ across: lineInk, down: lineInk }, w, h, scale);
  // each word's stems over its box's height, against the page's typical word (counted per letter)
  const stems = runs.map((r) => {
    const px = { x0: r.box[0] * scale, y0: r.box[1] * scale, x1: r.box[2] * scale, y1: r.box[3] * scale };
    return stemWidth(descreened, px) / (px.y1 - px.y0);
  });
  const typical = typicalStem(runs.map((r, i) => ({ text: r.text, stems: stems[i]! })));
  const out: TextRun[] = [];
  runs.forEach((r, i) => {
    const run = withoutRulingMarks(r, rulings);
    if (run) out.push(boldStems(stems[i]!, typical) ? { ...run, bold: true } : run);
  });
  markWeights(out);
  return { rulings, runs: out };
}

/** how near (points) a mark at a word's edge must be to a vertical ruling to be taken for it */
const NEAR = 3;

/**
 * A vertical ruling that the other program read as text: `|`, `[`, `]` (a word of its own, or at a
 * word's edge: "Almeno 4,5 [", "|espressi") where a ruling found in the image runs. Removed, and the
 * word's box cut by the marks' share of its letters; null when nothing is left.
 */
export function withoutRulingMarks(run: TextRun, rulings: Ruling[]): TextRun | null {
  const m = /^([|[\]{}]*)(.*?)([|[\]{}]*)$/su.exec(run.text)!;
  if (!m[1] && !m[3]) return run;
  const [x0, y0, x1, y1] = run.box;
  const per = (x1 - x0) / Math.max(1, run.text.length);
  const onRuling = (x: number) =>
    rulings.some(
      (g) => g.orientation === "v" && Math.abs(g.x0 - x) <= NEAR + per && g.y0 <= y1 && g.y1 >= y0,
    );
  const cutLeft = m[1] && onRuling(x0 + (per * m[1].length) / 2) ? m[1].length : 0;
  const cutRight = m[3] && onRuling(x1 - (per * m[3].length) / 2) ? m[3].length : 0;
  if (!cutLeft && !cutRight) return run;
  const text = run.text.slice(cutLeft, run.text.length - cutRight).trim();
  if (!text) return null;
  return { ...run, text, box: [x0 + per * cutLeft, y0, x1 - per * cutRight, y1] };
}
