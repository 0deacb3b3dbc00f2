/**
 * Whether the parts of a page that its text layer leaves bare hold print: the page is rendered at
 * a low resolution with its text runs and vector rulings painted white, and the ink left inside
 * each candidate region is measured. A blank letterhead image behind real text holds little; a
 * scanned body under a small text-layer stamp holds its whole text.
 */
import type { Box, RawPage } from "../model/index.js";
import { inkIn, renderPage } from "./image.js";
import type { PDFPageProxy } from "./pdfjs.js";

/** resolution of the look, in dots per inch: enough to tell print from a blank */
const LOOK_DPI = 50;
/** a region with less ink than this share of its area, once the text layer is painted out, is bare */
const MIN_INK = 0.03;

/** The regions (PDF points) that hold print beyond the page's text layer. */
export async function regionsWithPrint(page: PDFPageProxy, raw: RawPage, regions: Box[]): Promise<Box[]> {
  if (!regions.length) return [];
  const { canvas, scale } = await renderPage(page, LOOK_DPI);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  const pad = 2;
  for (const r of raw.runs)
    if (r.text.trim())
      ctx.fillRect(
        (r.box[0] - pad) * scale,
        (r.box[1] - pad) * scale,
        (r.box[2] - r.box[0] + 2 * pad) * scale,
        (r.box[3] - r.box[1] + 2 * pad) * scale,
      );
  ctx.strokeStyle = "white";
  ctx.lineWidth = Math.max(2, 2 * scale);
  for (const l of raw.rulings) {
    ctx.beginPath();
    ctx.moveTo(l.x0 * scale, l.y0 * scale);
    ctx.lineTo(l.x1 * scale, l.y1 * scale);
    ctx.stroke();
  }
  return regions.filter((b) => {
    const x = Math.max(0, Math.floor(b[0] * scale)),
      y = Math.max(0, Math.floor(b[1] * scale));
    const w = Math.min(canvas.width, Math.ceil(b[2] * scale)) - x,
      h = Math.min(canvas.height, Math.ceil(b[3] * scale)) - y;
    return w > 0 && h > 0 && inkIn(canvas, x, y, w, h) >= MIN_INK;
  });
}
