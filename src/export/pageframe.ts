/**
 * Boxes in the page's own frame. A page whose text ran sideways was read turned (`pages.turn`), and
 * the store keeps its boxes in that view, as the review page shows it; the export contract's `bbox`
 * is in points from the top-left of the page as printed (its /Rotate applied), so exports and
 * `getDocument` turn those boxes back.
 */
import type { Box, ExportDocument } from "../model/index.js";

/** A page read turned: the clockwise turn, and its size in that turned view (as stored). */
export interface TurnedPage {
  page: number;
  turn: number;
  width: number;
  height: number;
}

/**
 * A box of the turned view (`width` × `height`, turned `turn` degrees clockwise from the page's own
 * view) in the page's own view.
 */
export function unturnBox(b: Box, turn: number, width: number, height: number): Box {
  const [x0, y0, x1, y1] = b;
  switch (((turn % 360) + 360) % 360) {
    case 90:
      return [y0, width - x1, y1, width - x0];
    case 180:
      return [width - x1, height - y1, width - x0, height - y0];
    case 270:
      return [height - y1, x0, height - y0, x1];
    default:
      return b;
  }
}

/**
 * The document with every source on a turned page (its records', and those a person corrected or
 * deleted) in the page's own frame. Sources are replaced, not changed in place.
 */
export function inPageFrame<D extends ExportDocument>(doc: D, turned: readonly TurnedPage[]): D {
  const byPage = new Map(turned.filter((p) => p.turn % 360 !== 0).map((p) => [p.page, p]));
  if (!byPage.size) return doc;
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (!v || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === "source" ? unturnSource(x) : visit(x);
    return out;
  };
  const unturnSource = (s: unknown): unknown => {
    const src = s as { page?: number; bbox?: Box | null } | null | undefined;
    const p = src?.page !== undefined ? byPage.get(src.page) : undefined;
    if (!p || !src?.bbox) return s;
    return { ...src, bbox: unturnBox(src.bbox, p.turn, p.width, p.height) };
  };
  return visit(doc) as D;
}
