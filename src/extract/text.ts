/**
 * Text runs from pdf.js's getTextContent (for vertical writing, and to check glyphs.ts against), with
 * boxes in viewport space (points, top-left origin, page rotation applied): the item's baseline frame
 * is mapped corner by corner, so rotated text and rotated pages come out right. Bold and italic come
 * from the embedded font's name.
 */
import type { TextRun } from "../model/index.js";
import { BOLD, fontLabel, ITALIC, type FontLike } from "./glyphs.js";
import type { PDFPageProxy } from "./pdfjs.js";
import { repairShiftedLatin } from "./unicode.js";

type M = number[];

interface Item {
  str: string;
  transform: M;
  width: number;
  height: number;
  fontName: string;
}

export async function textRuns(page: PDFPageProxy, viewportTransform: M): Promise<TextRun[]> {
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const styles = content.styles as Record<string, { ascent?: number; descent?: number; fontFamily?: string }>;
  const runs: TextRun[] = [];
  for (const raw of content.items) {
    const it = raw as Item;
    if (!("str" in it) || !it.str || !it.str.trim()) continue;
    const [a, b, c, d, e, f] = it.transform as [number, number, number, number, number, number];
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
    const len = Math.hypot(a, b) || 1;
    const style = styles[it.fontName] ?? {};
    const ascent = style.ascent && style.ascent > 0.2 ? style.ascent : 0.8;
    const descent = style.descent && style.descent < 0 ? style.descent : -0.2;
    // unit vectors along and up the baseline, in user space
    const ux = a / len,
      uy = b / len,
      vx = c / size,
      vy = d / size;
    const w = it.width;
    const corners: [number, number][] = [
      [e + vx * descent * size, f + vy * descent * size],
      [e + vx * ascent * size, f + vy * ascent * size],
      [e + ux * w + vx * descent * size, f + uy * w + vy * descent * size],
      [e + ux * w + vx * ascent * size, f + uy * w + vy * ascent * size],
    ];
    const m = viewportTransform;
    const pts = corners.map(
      ([x, y]) => [x * m[0]! + y * m[2]! + m[4]!, x * m[1]! + y * m[3]! + m[5]!] as const,
    );
    const xs = pts.map((p) => p[0]),
      ys = pts.map((p) => p[1]);
    const fontName = fontNameOf(page, it.fontName, style.fontFamily);
    runs.push({
      text: repairShiftedLatin(it.str),
      box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      fontName,
      fontSize: size * Math.hypot(viewportTransform[0]!, viewportTransform[1]!),
      bold: BOLD.test(fontName),
      italic: ITALIC.test(fontName),
    });
  }
  return runs;
}

/** The embedded font's real name (e.g. "ABCDEF+LiberationSans-Bold"), once the operator list loaded it. */
function fontNameOf(page: PDFPageProxy, id: string, family: string | undefined): string {
  try {
    if (page.commonObjs.has(id)) return fontLabel(id, page.commonObjs.get(id) as FontLike, family);
  } catch {
    // font not resolved: fall back to the style's family
  }
  return family ?? id;
}
