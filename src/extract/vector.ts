/**
 * Rulings and filled rectangles from a page's operator list: paths are followed through the current
 * transformation matrix (save/restore/transform) into viewport space (top-left origin, rotation
 * applied). Straight horizontal/vertical strokes and thin filled rectangles are rulings (table
 * borders, strike-through lines); larger filled rectangles are shading.
 */
import type { Box, FilledRect, RawPage, Ruling } from "../model/index.js";
import type { GlyphReader } from "./glyphs.js";
import { pdfjs } from "./pdfjs.js";

type M = number[];
const { OPS, Util } = pdfjs;

const mul = (m1: M, m2: M): M => Util.transform(m1, m2) as M;
const apply = (p: [number, number], m: M): [number, number] => [
  p[0] * m[0]! + p[1] * m[2]! + m[4]!,
  p[0] * m[1]! + p[1] * m[3]! + m[5]!,
];

/** A filled rectangle thinner than this (points) is a ruling. */
const RULING_MAX = 2.5;
/** Strokes and rectangles shorter than this are ignored (glyph-like marks, dots). */
const MIN_LENGTH = 2;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);
const BOTH = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** Where the unit square lands under a matrix (an image's place on the page). */
function unitBox(m: M): Box {
  const xs: number[] = [],
    ys: number[] = [];
  for (const c of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as [number, number][]) {
    const [x, y] = apply(c, m);
    xs.push(x);
    ys.push(y);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The scale of a matrix, to turn line widths into points. */
const scaleOf = (m: M) => Math.sqrt(Math.abs(m[0]! * m[3]! - m[1]! * m[2]!)) || 1;

// the emitters are module functions, not closures of vectorsFromOperatorList: V8 keeps a closure's
// optimized code only while an instance of it lives, so a per-page closure is compiled again after
// every full garbage collection

/** Straight horizontal or vertical stroked segments are rulings. */
function emitSegments(points: [number, number][][], width: number, rulings: Ruling[]): void {
  for (const sub of points)
    for (let i = 1; i < sub.length; i++) {
      const [x0, y0] = sub[i - 1]!;
      const [x1, y1] = sub[i]!;
      const dx = Math.abs(x1 - x0),
        dy = Math.abs(y1 - y0);
      if (dy < 0.5 && dx >= MIN_LENGTH)
        rulings.push({
          x0: Math.min(x0, x1),
          x1: Math.max(x0, x1),
          y0: (y0 + y1) / 2,
          y1: (y0 + y1) / 2,
          orientation: "h",
          width,
        });
      else if (dx < 0.5 && dy >= MIN_LENGTH)
        rulings.push({
          x0: (x0 + x1) / 2,
          x1: (x0 + x1) / 2,
          y0: Math.min(y0, y1),
          y1: Math.max(y0, y1),
          orientation: "v",
          width,
        });
    }
}

/** Filled axis-aligned rectangles: thin ones are rulings, larger ones shading. */
function emitFill(
  points: [number, number][][],
  fill: string | null,
  rulings: Ruling[],
  rects: FilledRect[],
): void {
  for (const sub of points) {
    if (sub.length < 4) continue;
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const p of sub) {
      x0 = Math.min(x0, p[0]);
      x1 = Math.max(x1, p[0]);
      y0 = Math.min(y0, p[1]);
      y1 = Math.max(y1, p[1]);
    }
    // only axis-aligned rectangles: every point on the bounding box's corners
    let onCorners = true;
    for (const p of sub)
      if (!(
        (Math.abs(p[0] - x0) < 0.5 || Math.abs(p[0] - x1) < 0.5) &&
        (Math.abs(p[1] - y0) < 0.5 || Math.abs(p[1] - y1) < 0.5)
      )) {
        onCorners = false;
        break;
      }
    if (!onCorners) continue;
    const w = x1 - x0,
      h = y1 - y0;
    if (w < MIN_LENGTH && h < MIN_LENGTH) continue;
    if (h <= RULING_MAX && w >= MIN_LENGTH)
      rulings.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2, orientation: "h", width: h });
    else if (w <= RULING_MAX && h >= MIN_LENGTH)
      rulings.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1, orientation: "v", width: w });
    else rects.push({ box: [x0, y0, x1, y1], color: fill });
  }
}

export function vectorsFromOperatorList(
  ops: { fnArray: number[]; argsArray: unknown[] },
  viewportTransform: M,
  text?: GlyphReader,
): { rulings: Ruling[]; rects: FilledRect[]; paints: NonNullable<RawPage["paints"]> } {
  const paints = { images: 0, paths: 0, imageBoxes: [] as Box[] };
  const rulings: Ruling[] = [];
  const rects: FilledRect[] = [];
  let ctm: M = viewportTransform.slice();
  let lineWidth = 1;
  let fill: string | null = null;
  const stack: { ctm: M; lineWidth: number; fill: string | null }[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    if (IMAGES.has(fn)) {
      paints.images++;
      // an image fills the unit square of its matrix
      paints.imageBoxes.push(unitBox(ctm));
    } else if (fn === OPS.constructPath) paints.paths++;
    const args = ops.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, lineWidth, fill });
        text?.save();
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fill } = s);
        text?.restore();
        break;
      }
      case OPS.transform:
        ctm = mul(ctm, args as M);
        break;
      case OPS.paintFormXObjectBegin: {
        // a form XObject draws under its own matrix, like a save + cm
        stack.push({ ctm, lineWidth, fill });
        text?.save();
        const m = args?.[0] as M | null;
        if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = mul(ctm, Array.from(m as ArrayLike<number>));
        break;
      }
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fill } = s);
        text?.restore();
        break;
      }
      case OPS.setLineWidth:
        lineWidth = args![0] as number;
        break;
      case OPS.setFillRGBColor:
        fill = typeof args?.[0] === "string" ? (args[0] as string) : null;
        break;
      case OPS.constructPath: {
        const paintOp = args![0] as number;
        const data = (args![1] as unknown[])?.[0] as ArrayLike<number> | null;
        if (!data) break;
        const subpaths = readPath(data, ctm);
        if (STROKES.has(paintOp)) emitSegments(subpaths, lineWidth * scaleOf(ctm), rulings);
        else if (FILLS.has(paintOp)) emitFill(subpaths, fill, rulings, rects);
        else if (BOTH.has(paintOp)) {
          emitFill(subpaths, fill, rulings, rects);
          emitSegments(subpaths, lineWidth * scaleOf(ctm), rulings);
        }
        break;
      }
      default:
        text?.op(fn, args, ctm);
    }
  }
  return { rulings, rects, paints };
}

/** Decodes pdf.js's DrawOPS path (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function readPath(d: ArrayLike<number>, ctm: M): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < d.length;) {
    const op = d[i++];
    if (op === 0) {
      if (cur.length) out.push(cur);
      cur = [apply([d[i++]!, d[i++]!], ctm)];
    } else if (op === 1) cur.push(apply([d[i++]!, d[i++]!], ctm));
    else if (op === 2) {
      i += 4; // control points: curves are not rulings, keep the end point only
      cur.push(apply([d[i++]!, d[i++]!], ctm));
    } else if (op === 3) {
      i += 2;
      cur.push(apply([d[i++]!, d[i++]!], ctm));
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length) out.push(cur);
  return out;
}
