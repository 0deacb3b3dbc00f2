/**
 * How heavy a font is, from its glyphs' outlines: the width of its vertical stems in ems. A font's
 * name is the usual sign of bold ("Arial-Bold"), but some producers rename every font they embed
 * (Cairo writes "CairoFont-1-0", others "F2" or "T1_0"), and a header row or an objective's title
 * then loses the bold that tells it apart. Measured on the fonts of the fixtures and the variety
 * corpus: regular and italic faces 0.057-0.099 em (Courier to DejaVu Sans Oblique), bold faces
 * 0.098-0.188 em (Courier-Bold to DejaVu Serif Bold); each bold face 1.56-1.94 times its regular one.
 */

/** letters whose middle is vertical stems (no diagonals, no bar across the middle) */
export const STEM_LETTERS = /^[bdhilmnpquIHLNTU]$/;

/** a flattened outline: one [x0, y0, x1, y1] segment after another */
export function flatten(path: ArrayLike<number>): number[] {
  const segs: number[] = [];
  let cx = 0,
    cy = 0,
    sx = 0,
    sy = 0;
  const to = (x: number, y: number) => {
    segs.push(cx, cy, x, y);
    cx = x;
    cy = y;
  };
  const STEPS = 8;
  const cubic = (x1: number, y1: number, x2: number, y2: number, x3: number, y3: number) => {
    const x0 = cx,
      y0 = cy;
    for (let k = 1; k <= STEPS; k++) {
      const u = k / STEPS,
        v = 1 - u;
      to(
        v * v * v * x0 + 3 * v * v * u * x1 + 3 * v * u * u * x2 + u * u * u * x3,
        v * v * v * y0 + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u * u * u * y3,
      );
    }
  };
  for (let i = 0; i < path.length;) {
    switch (path[i++]) {
      case 0: // moveTo
        cx = sx = path[i++]!;
        cy = sy = path[i++]!;
        break;
      case 1: // lineTo
        to(path[i++]!, path[i++]!);
        break;
      case 2: // curveTo (cubic)
        cubic(path[i++]!, path[i++]!, path[i++]!, path[i++]!, path[i++]!, path[i++]!);
        break;
      case 3: {
        // quadraticCurveTo: the same curve as a cubic (degree elevation), point for point
        const qx = path[i++]!,
          qy = path[i++]!,
          x = path[i++]!,
          y = path[i++]!;
        cubic(
          cx + (2 / 3) * (qx - cx),
          cy + (2 / 3) * (qy - cy),
          x + (2 / 3) * (qx - x),
          y + (2 / 3) * (qy - y),
          x,
          y,
        );
        break;
      }
      case 4: // closePath
        to(sx, sy);
        break;
      default:
        return segs; // an operator this reader does not know: what came before is kept
    }
  }
  return segs;
}

/**
 * Where a flattened outline's segments cross the line y = `at` (or x = `at`, `vertical`), along the
 * other axis, in order: even-odd pairs of them give the ink.
 */
export function crossings(segs: number[], at: number, vertical: boolean): number[] {
  const [a, b] = vertical ? [0, 1] : [1, 0];
  const out: number[] = [];
  for (let i = 0; i < segs.length; i += 4) {
    const p0 = segs[i + a]!,
      p1 = segs[i + 2 + a]!;
    if (p0 <= at !== p1 <= at)
      out.push(segs[i + b]! + ((at - p0) * (segs[i + 2 + b]! - segs[i + b]!)) / (p1 - p0));
  }
  return out.sort((x, y) => x - y);
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/**
 * The median width of the ink runs across a glyph at 40, 50 and 60 % of its height (even-odd), in
 * the outline's units (ems, as pdf.js compiles them); null for an empty outline.
 */
export function glyphStem(path: ArrayLike<number>): number | null {
  const s = flatten(path);
  if (s.length < 12) return null;
  let ymin = Infinity,
    ymax = -Infinity;
  for (let i = 1; i < s.length; i += 2) {
    if (s[i]! < ymin) ymin = s[i]!;
    if (s[i]! > ymax) ymax = s[i]!;
  }
  if (!(ymax > ymin)) return null;
  const widths: number[] = [];
  for (const f of [0.4, 0.5, 0.6]) {
    const xs = crossings(s, ymin + (ymax - ymin) * f + 1e-7, false);
    for (let k = 0; k + 1 < xs.length; k += 2) widths.push(xs[k + 1]! - xs[k]!);
  }
  return median(widths);
}

/** A font's stem: the median of its sampled glyphs' stems (null without samples). */
export const fontStem = (glyphStems: number[]): number | null => median(glyphStems);

/** A face is bold beside the page's main text when its stems are this much wider... */
export const BOLD_RATIO = 1.3;
/** ...and at least this wide (ems), so that a light face beside a lighter one is not bold */
export const BOLD_MIN_STEM = 0.095;

/** Whether a face of stem `stem` reads as bold beside body text of stem `body`. */
export const heavier = (stem: number, body: number): boolean =>
  stem >= BOLD_MIN_STEM && stem >= body * BOLD_RATIO;
