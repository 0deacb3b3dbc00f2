/**
 * Unruled tables (stream): columns from the gutters that whitespace leaves between line segments,
 * rows from the blocks of the busiest column (the one with most separate entries, usually the
 * indicators), and cells of other columns that reach over several of those rows become row spans
 * (an objective written beside its indicators).
 */
import type { Box, Cell, Line, Table, Word } from "../model/index.js";
import { union } from "../model/index.js";
import { wordsToLines } from "./words.js";

export interface StreamSettings {
  /** a gap wider than this many em splits a line into segments */
  segmentGap: number;
  /** a gutter must be at least this wide (points) */
  minGutter: number;
  /** lines with two or more segments needed to call a region a table */
  minMultiLines: number;
}

export const DEFAULT_STREAM: StreamSettings = { segmentGap: 0.6, minGutter: 3, minMultiLines: 3 };

interface Seg {
  line: Line;
  c0: number;
  c1: number;
}

/**
 * Unruled tables on a page. A bold row of several labels below the first one starts a new table (a
 * summary table under the main one has other columns), so each part finds its own gutters; so does a
 * ruled table across the text's width (`barriers`): tables do not interleave, and text above one and
 * text below it are not rows of one unruled table.
 */
export function streamTables(
  words: Word[],
  page: number,
  s: StreamSettings = DEFAULT_STREAM,
  barriers: Box[] = [],
): { tables: Table[]; used: Set<Word> } {
  const used = new Set<Word>();
  if (words.length < 6) return { tables: [], used };
  const segs = wordsToLines(words, { splitGap: s.segmentGap });
  const bold = (l: Line) => l.words.every((w) => w.bold);
  const bandsAt = new Map<number, Line[]>();
  for (const l of segs) {
    const k = Math.round((l.box[1] + l.box[3]) / 4);
    (bandsAt.get(k) ?? bandsAt.set(k, []).get(k)!).push(l);
  }
  const headerTops = [...bandsAt.values()]
    .filter((b) => b.length >= 3 && b.every(bold))
    .map((b) => Math.min(...b.map((l) => l.box[1])))
    .sort((a, b) => a - b);
  const cuts = headerTops.filter((y, i) => i === 0 || y - headerTops[i - 1]! > 20);
  const tx0 = Math.min(...segs.map((l) => l.box[0])),
    tx1 = Math.max(...segs.map((l) => l.box[2]));
  const walls = barriers
    .filter((b) => Math.min(b[2], tx1) - Math.max(b[0], tx0) > (tx1 - tx0) * 0.5)
    .map((b) => b[1]);
  const parts: Line[][] = [];
  const edges = [
    -Infinity,
    ...[...cuts.slice(1).map((y) => y - 0.5), ...walls].sort((a, b) => a - b),
    Infinity,
  ];
  for (let i = 0; i + 1 < edges.length; i++)
    parts.push(segs.filter((l) => l.box[1] >= edges[i]! && l.box[1] < edges[i + 1]!));
  const tables: Table[] = [];
  for (const part of parts) {
    const r = streamTable(part, page, s);
    if (!r) continue;
    tables.push(r.table);
    for (const w of r.used) used.add(w);
  }
  return { tables, used };
}

function streamTable(
  segs: Line[],
  page: number,
  s: StreamSettings,
): { table: Table; used: Set<Word> } | null {
  const used = new Set<Word>();
  // a line (same band) with several segments is evidence of columns
  const bands = new Map<number, Line[]>();
  for (const l of segs) {
    const key = Math.round((l.box[1] + l.box[3]) / 2);
    const k = [...bands.keys()].find((y) => Math.abs(y - key) <= 2) ?? key;
    (bands.get(k) ?? bands.set(k, []).get(k)!).push(l);
  }
  // lines in a much larger type than the table's (a heading between tables) are not table rows; on
  // an OCR'd page a size is only a word box's height (capitals, descenders, noise), so only a much
  // larger one counts
  const sizes = segs.map((l) => Math.max(...l.words.map((w) => w.fontSize))).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const ocr = segs.some((l) => l.words.some((w) => w.confidence !== undefined));
  const heading = body * (ocr ? 2 : 1.3);
  for (const [k, b] of bands)
    if (b.some((l) => Math.max(...l.words.map((w) => w.fontSize)) > heading)) bands.delete(k);
  const multi = [...bands.values()].filter((b) => b.length >= 2);
  if (multi.length < s.minMultiLines) return null;
  const top = Math.min(...multi.map((b) => Math.min(...b.map((l) => l.box[1]))));
  const bottom = Math.max(...multi.map((b) => Math.max(...b.map((l) => l.box[3]))));
  const big = (l: Line) => Math.max(...l.words.map((w) => w.fontSize)) > heading;
  const region = segs.filter((l) => l.box[3] > top - 1 && l.box[1] < bottom + 40 && !big(l));
  // gutters: x ranges covered by no segment of a multi-segment line
  const evidence = multi.flat();
  const x0 = Math.floor(Math.min(...region.map((l) => l.box[0])));
  const x1 = Math.ceil(Math.max(...region.map((l) => l.box[2])));
  const cover = new Uint16Array(x1 - x0 + 2);
  for (const l of evidence)
    for (let x = Math.floor(l.box[0]) - x0; x <= Math.ceil(l.box[2]) - x0; x++) cover[x]!++;
  const cuts: number[] = [];
  let runStart = -1;
  for (let x = 0; x < cover.length; x++) {
    if (cover[x] === 0) {
      if (runStart < 0) runStart = x;
    } else if (runStart >= 0) {
      if (x - runStart >= s.minGutter && runStart > 0) cuts.push(x0 + (runStart + x) / 2);
      runStart = -1;
    }
  }
  if (!cuts.length) return null;
  const bounds = [x0 - 1, ...cuts, x1 + 1];
  const C = bounds.length - 1;
  const colOf = (x: number) =>
    Math.max(
      0,
      Math.min(
        C - 1,
        bounds.findIndex((b, i) => i < C && x >= b && x < bounds[i + 1]!),
      ),
    );
  // each segment in the columns it covers
  const placed: Seg[] = region.map((line) => ({
    line,
    c0: colOf(line.box[0] + 0.5),
    c1: colOf(line.box[2] - 0.5),
  }));
  // blocks per column: vertically close segments in the same column
  const blocksByCol: Line[][][] = Array.from({ length: C }, () => []);
  const sortedSegs = [...placed].filter((p) => p.c0 === p.c1).sort((a, b) => a.line.box[1] - b.line.box[1]);
  for (const p of sortedSegs) {
    const col = blocksByCol[p.c0]!;
    const last = col[col.length - 1];
    const prev = last?.[last.length - 1];
    const fs = Math.max(...p.line.words.map((w) => w.fontSize));
    if (prev && p.line.box[1] - prev.box[3] < fs * 0.55) last!.push(p.line);
    else col.push([p.line]);
  }
  // the anchor column: most blocks; its blocks define the rows
  let anchor = 0;
  blocksByCol.forEach((b, i) => {
    if (b.length > blocksByCol[anchor]!.length) anchor = i;
  });
  const anchorBlocks = blocksByCol[anchor]!;
  if (anchorBlocks.length < 2) return null;
  const rowTops = anchorBlocks.map((b) => b[0]!.box[1]);
  const firstTop = rowTops[0]!;
  // rows: a header row for what stands above the first anchor block, then one per anchor block
  const hasHeader = placed.some((p) => p.line.box[3] <= firstTop + 0.5);
  const starts = hasHeader ? [top - 1, ...rowTops] : rowTops;
  const R = starts.length;
  const rowOf = (y: number) => {
    let r = 0;
    for (let i = 0; i < R; i++) if (y >= starts[i]! - 1) r = i;
    return r;
  };
  type Acc = { r0: number; r1: number; c0: number; c1: number; lines: Line[] };
  const cells = new Map<string, Acc>();
  const add = (r0: number, r1: number, c0: number, c1: number, lines: Line[]) => {
    const key = `${r0}:${c0}`;
    const acc = cells.get(key);
    if (acc) {
      acc.lines.push(...lines);
      acc.r1 = Math.max(acc.r1, r1);
      acc.c1 = Math.max(acc.c1, c1);
    } else cells.set(key, { r0, r1, c0, c1, lines: [...lines] });
  };
  // a block reaching over several rows is split where its lines start exactly at those rows (a column of
  // per-row entries printed without gaps, like a "serie storica"); a long text beside them stays whole
  const splitAtRows = (b: Line[]): Line[][] => {
    if (b.length < 2) return [b];
    const at = (l: Line) => starts.findIndex((y, i) => i > 0 && Math.abs(l.box[1] - y) < 1.5);
    const bb = union(b.map((l) => l.box));
    const spanned = starts.filter((y, i) => i > 0 && y > bb[1] + 1 && y < bb[3] - 1).length;
    const hits = b.filter((l, i) => i > 0 && at(l) > 0).length;
    // one aligned line is enough when the aligned lines start alike with a number ("2020: …")
    const shape = (l: Line) => (l.words[0]?.text ?? "").replace(/\d/g, "#");
    const aligned = b.filter((l, i) => i > 0 && at(l) > 0);
    const sameShape =
      aligned.length > 0 && aligned.every((l) => shape(l) === shape(aligned[0]!) && /#/.test(shape(l)));
    if (!spanned || hits < Math.max(sameShape ? 1 : 2, spanned * 0.6)) return [b];
    const out: Line[][] = [[]];
    b.forEach((l, i) => {
      if (i > 0 && at(l) > 0) out.push([]);
      out[out.length - 1]!.push(l);
    });
    return out;
  };
  blocksByCol.forEach((blocks, c) => {
    for (const b of c === anchor ? blocks : blocks.flatMap(splitAtRows)) {
      const bb = union(b.map((l) => l.box));
      const r0 = rowOf(bb[1]);
      // the block reaches into the following rows when it extends past their starts by a line or more
      let r1 = r0;
      const lh = b[0]!.box[3] - b[0]!.box[1];
      while (r1 + 1 < R && bb[3] > starts[r1 + 1]! + lh * 0.6 && c !== anchor) r1++;
      add(r0, r1, c, c, b);
    }
  });
  for (const p of placed)
    if (p.c0 !== p.c1) add(rowOf(p.line.box[1]), rowOf(p.line.box[1]), p.c0, p.c1, [p.line]);
  const out: Cell[] = [];
  const tableBottom = Math.max(...[...cells.values()].flatMap((a) => a.lines.map((l) => l.box[3]))) + 1;
  for (const a of cells.values()) {
    const lines = a.lines.sort((x, y) => x.box[1] - y.box[1] || x.box[0] - y.box[0]);
    const merged = wordsToLines(lines.flatMap((l) => l.words));
    for (const l of merged) for (const w of l.words) used.add(w);
    // a cell is its share of the grid (column bounds × row bounds), not just its text's box
    const text = union(merged.map((l) => l.box));
    const rowEnd = (r: number) => (r + 1 < R ? starts[r + 1]! : tableBottom);
    out.push({
      row: a.r0,
      col: a.c0,
      rowSpan: a.r1 - a.r0 + 1,
      colSpan: a.c1 - a.c0 + 1,
      box: [
        Math.min(text[0], bounds[a.c0]!),
        Math.min(text[1], starts[a.r0]!),
        Math.max(text[2], bounds[a.c1 + 1]!),
        Math.max(text[3], rowEnd(a.r1)),
      ],
      text: merged.map((l) => l.text).join("\n"),
      lines: merged,
    });
  }
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  const box: Box = union(out.map((c) => c.box));
  const headerRows =
    hasHeader &&
    out
      .filter((c) => c.row === 0)
      .every((c) => c.lines.every((l) => l.words.filter((w) => w.bold).length >= l.words.length / 2))
      ? 1
      : 0;
  return {
    table: { page, box, method: "stream", nRows: R, nCols: C, headerRows, cells: out, continues: null },
    used,
  };
}
