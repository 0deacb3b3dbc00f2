/** Text outside tables grouped into blocks: consecutive lines close in y and overlapping in x. */
import type { Block, Line } from "../model/index.js";
import { union } from "../model/index.js";

export function linesToBlocks(lines: Line[]): Block[] {
  const sorted = [...lines].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  const blocks: Line[][] = [];
  for (const l of sorted) {
    const fs = Math.max(...l.words.map((w) => w.fontSize), 1);
    const target = blocks.find((b) => {
      const last = b[b.length - 1]!;
      const gap = l.box[1] - last.box[3];
      const overlapX = Math.min(l.box[2], last.box[2]) - Math.max(l.box[0], last.box[0]);
      const sameStyle = l.words[0]?.bold === last.words[0]?.bold;
      return gap < fs * 0.6 && gap > -fs && overlapX > 0 && sameStyle;
    });
    if (target) target.push(l);
    else blocks.push([l]);
  }
  return blocks.map((ls) => ({
    box: union(ls.map((l) => l.box)),
    lines: ls,
    text: ls.map((l) => l.text).join("\n"),
  }));
}
