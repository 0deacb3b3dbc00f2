/** Lines for the stream-table tests, built by hand. */
import type { Line, Word } from "../../src/model/index.js";

/**
 * A line of one segment: words of 5 pt a character from x0, at y, 9 pt type, a 3 pt space (or
 * `space`); with `confidence`, as OCR reads them.
 */
export function seg(
  text: string,
  x0: number,
  y: number,
  bold = false,
  opts: { space?: number; confidence?: number } = {},
): Line {
  const space = opts.space ?? 3;
  const words: Word[] = [];
  let x = x0;
  for (const t of text.split(" ")) {
    words.push({
      text: t,
      box: [x, y, x + t.length * 5, y + 9],
      fontSize: 9,
      bold,
      italic: false,
      struck: false,
      ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}),
    });
    x += t.length * 5 + space;
  }
  return { text, box: [x0, y, x - space, y + 9], words };
}
