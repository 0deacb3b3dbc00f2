/** Text outside tables grouped into blocks: consecutive lines close in y and overlapping in x. */
import type { Block, Line } from "../model/index.js";
import { union } from "../model/index.js";

// module-level helpers and loops rather than closures: this runs for every line of every page, and V8
// drops the optimized code of a per-call closure at each full garbage collection
const byTopLeft = (a: Line, b: Line) => a.box[1] - b.box[1] || a.box[0] - b.box[0];
const lineBox = (l: Line) => l.box;
const lineText = (l: Line) => l.text;

/** Whether a line continues a block: just below its last line, overlapping it, in the same style. */
function continuesBlock(b: Line[], l: Line, fs: number): boolean {
  const last = b[b.length - 1]!;
  const gap = l.box[1] - last.box[3];
  const overlapX = Math.min(l.box[2], last.box[2]) - Math.max(l.box[0], last.box[0]);
  const sameStyle = l.words[0]?.bold === last.words[0]?.bold;
  return gap < fs * 0.6 && gap > -fs && overlapX > 0 && sameStyle;
}

export function linesToBlocks(lines: Line[]): Block[] {
  const sorted = [...lines].sort(byTopLeft);
  const blocks: Line[][] = [];
  for (const l of sorted) {
    let fs = 1;
    for (const w of l.words) fs = Math.max(fs, w.fontSize);
    let target: Line[] | undefined;
    for (const b of blocks)
      if (continuesBlock(b, l, fs)) {
        target = b;
        break;
      }
    if (target) target.push(l);
    else blocks.push([l]);
  }
  const out: Block[] = [];
  for (const ls of blocks)
    out.push({ box: union(ls.map(lineBox)), lines: ls, text: ls.map(lineText).join("\n") });
  return out;
}
