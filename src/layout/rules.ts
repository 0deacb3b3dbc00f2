/**
 * Tables ruled with horizontal lines only (a rule under each row, or booktabs' top, middle and bottom
 * rules), as LibreOffice, Word and HTML exports often draw them. The lattice needs vertical rulings to
 * see columns, and alignment alone takes in the text around the table (headings, a paragraph): here
 * the stacked rules bound the table, their joins (rules drawn cell by cell, as HTML, Writer and Word
 * draw them) give the columns, and only the words between them are read by alignment.
 */
import type { Box, Ruling, Table, Word } from "../model/index.js";
import type { Line } from "../model/index.js";
import { DEFAULT_STREAM, alignedTable, type StreamSettings } from "./stream.js";
import { wordsToLines } from "./words.js";

export interface HRule {
  y: number;
  x0: number;
  x1: number;
  /** where a rule drawn cell by cell is joined: the column bounds */
  breaks: number[];
}

const byY = (a: HRule, b: HRule) => a.y - b.y || a.x0 - b.x0;

/**
 * Stacks of horizontal rules of about the same extent, each a candidate table. `joins`: whether
 * where a rule's pieces meet says where its cells do. On a page read from an image it does not: the
 * rulings found in a scan come in pieces where noise, a letter touching it or the steps of a
 * slight slant broke them, at places no two rules share by design (a scan shows no joins at all).
 */
export function ruleStacks(rulings: Ruling[], exclude: Box[], maxGap = 160, joins = true): HRule[][] {
  const hs: HRule[] = [];
  for (const r of rulings) {
    if (r.orientation !== "h") continue;
    const inside = exclude.some(
      (b) => r.y0 >= b[1] - 2 && r.y0 <= b[3] + 2 && r.x0 >= b[0] - 2 && r.x1 <= b[2] + 2,
    );
    if (!inside) hs.push({ y: r.y0, x0: r.x0, x1: r.x1, breaks: [] });
  }
  hs.sort(byY);
  // rules drawn per cell ("border-bottom" of each cell) are joined along their line first: the
  // pieces at one height (within 1.5 pt), left to right
  const lines: HRule[] = [];
  for (let i = 0; i < hs.length;) {
    let j = i + 1;
    while (j < hs.length && hs[j]!.y - hs[j - 1]!.y <= 1.5) j++;
    const row = hs.slice(i, j).sort((a, b) => a.x0 - b.x0);
    let cur: HRule | null = null;
    for (const h of row) {
      if (cur && h.x0 <= cur.x1 + 3) {
        if (joins && h.x0 > cur.x1 - 3) cur.breaks.push((cur.x1 + h.x0) / 2);
        cur.x1 = Math.max(cur.x1, h.x1);
      } else {
        if (cur) lines.push(cur);
        cur = { ...h, breaks: [] };
      }
    }
    if (cur) lines.push(cur);
    i = j;
  }
  // (a short piece left alone is an underline, not a rule across a table)
  for (let k = lines.length - 1; k >= 0; k--) if (lines[k]!.x1 - lines[k]!.x0 < 60) lines.splice(k, 1);
  lines.sort(byY);
  const stacks: HRule[][] = [];
  for (const l of lines) {
    const s = stacks.find((st) => {
      const last = st[st.length - 1]!;
      const overlap = Math.min(last.x1, l.x1) - Math.max(last.x0, l.x0);
      const shorter = Math.min(last.x1 - last.x0, l.x1 - l.x0);
      return l.y - last.y <= maxGap && l.y - last.y > 2 && overlap >= shorter * 0.85;
    });
    if (s) s.push(l);
    else stacks.push([l]);
  }
  // a stack runs on over rows: it ends where the joins change (another table), and, for rules drawn
  // whole, where a gap much wider than its rows' holds the text between two tables (rules drawn cell
  // by cell are cut by the text that crosses their joins instead: see rulesTables)
  const out: HRule[][] = [];
  for (const st of stacks) {
    const gaps = st
      .slice(1)
      .map((r, i) => r.y - st[i]!.y)
      .sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
    let cur: HRule[] = [st[0]!];
    for (let i = 1; i < st.length; i++) {
      const gap = st[i]!.y - st[i - 1]!.y;
      const whole = !st[i - 1]!.breaks.length && !st[i]!.breaks.length;
      if (
        (whole && gaps.length >= 3 && gap > Math.max(median * 2.5, median + 30)) ||
        !sameBreaks(inside(st[i - 1]!, st[i]!), inside(st[i]!, st[i - 1]!))
      ) {
        out.push(cur);
        cur = [];
      }
      cur.push(st[i]!);
    }
    out.push(cur);
  }
  return out.filter((s) => s.length >= 2);
}

/**
 * Tables in the regions bounded by stacks of horizontal rules. `words` are the page's words not in a
 * ruled (lattice) table; the ones read into a table are returned in `used`.
 */
export function rulesTables(
  rulings: Ruling[],
  words: Word[],
  page: number,
  exclude: Box[],
  s: StreamSettings = DEFAULT_STREAM,
  /** the rulings were found in a page image (see ruleStacks) */
  fromImage = false,
): { tables: Table[]; used: Set<Word> } {
  const tables: Table[] = [];
  const used = new Set<Word>();
  const stacks = ruleStacks(rulings, exclude, 160, !fromImage).flatMap((st) => splitAtCrossings(st, words));
  for (const stack of stacks) {
    let x0 = Infinity,
      x1 = -Infinity;
    for (const r of stack) {
      x0 = Math.min(x0, r.x0);
      x1 = Math.max(x1, r.x1);
    }
    const y0 = stack[0]!.y;
    const y1 = stack[stack.length - 1]!.y;
    const inside: Word[] = [];
    for (const w of words) {
      if (used.has(w)) continue;
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = (w.box[1] + w.box[3]) / 2;
      if (cx > x0 - 1 && cx < x1 + 1 && cy > y0 && cy < y1) inside.push(w);
    }
    if (inside.length < 4) continue;
    // inside rules a table is known to be there: cells padded by a few points split segments
    const tight = { ...s, segmentGap: Math.min(s.segmentGap, 0.35) };
    const body = wordsToLines(inside, { splitGap: tight.segmentGap });
    // columns: where the rules are drawn cell by cell, their joins; else the gutters no line crosses
    // (two rules at least must agree on them: one rule drawn in pieces proves nothing)
    const breaks = stackBreaks(stack);
    // rules drawn whole give no columns: such a stack (group separators, a booktabs table) is left to
    // the reading by alignment, which finds its columns from the lines themselves
    if (!breaks?.length) continue;
    const bounds = [x0 - 1, ...breaks, x1 + 1];
    // a header drawn above the first rule (rules under each row, none above the header): the bands
    // just above, while each of their segments stays inside one column
    const above = headerAbove(words, used, x0, x1, y0, bounds, tight);
    const segs = above.lines.length ? [...above.lines, ...body] : body;
    const ruleYs = above.lines.length ? [above.top - 0.5, ...stack.map((r) => r.y)] : stack.map((r) => r.y);
    // two rules round one row: a table only when that row is a header (bold labels) printed once
    // over a table of the same columns drawn further down (objectives' banners between its parts
    // cut its rules), which it heads
    if (stack.length < 3 && !above.lines.length && !headsStackBelow(stack, stacks, body)) continue;
    // (a rule drawn under each indicator but not under the objective merged beside them stops short)
    const spans = new Map<number, [number, number]>(stack.map((r) => [r.y, [r.x0, r.x1]]));
    const r = alignedTable(segs, page, { ...tight, minMultiLines: 1 }, ruleYs, bounds, spans);
    if (!r) continue;
    spanGroupLabels(r.table, stack, bounds);
    r.table.box = [
      Math.min(r.table.box[0], x0),
      Math.min(y0, r.table.box[1]),
      Math.max(r.table.box[2], x1),
      y1,
    ];
    tables.push(r.table);
    for (const w of r.used) used.add(w);
  }
  return { tables, used };
}

/**
 * A header's group labels ("Obiettivi" over 2024 | 2025 | 2026) set over the columns that the piece of
 * rule drawn under them spans: a rule under a header row that runs over only some columns, drawn in
 * pieces (one a group), gives each label over a piece its span, where the label's text fits in one
 * column of it and the row is empty in the others.
 */
export function spanGroupLabels(t: Table, stack: HRule[], bounds: number[]): void {
  const W = bounds[bounds.length - 1]! - bounds[0]!;
  for (const rule of stack) {
    if (rule.x1 - rule.x0 > W * 0.9 || rule.x1 - rule.x0 < 20) continue;
    const edges = [rule.x0, ...rule.breaks, rule.x1];
    for (const c of [...t.cells]) {
      if (c.colSpan !== 1 || !c.lines.length) continue;
      let bottom = -Infinity;
      for (const l of c.lines) bottom = Math.max(bottom, l.box[3]);
      const h = c.lines[0]!.box[3] - c.lines[0]!.box[1];
      // (the label stands just above the rule)
      if (bottom > rule.y + 1 || bottom < rule.y - h * 1.5) continue;
      const mid = (c.lines[0]!.box[0] + c.lines[0]!.box[2]) / 2;
      const k = edges.findIndex((x, i) => i + 1 < edges.length && mid > x && mid < edges[i + 1]!);
      if (k < 0) continue;
      const cols: number[] = [];
      for (let j = 0; j + 1 < bounds.length; j++) {
        const m = (bounds[j]! + bounds[j + 1]!) / 2;
        if (m > edges[k]! && m < edges[k + 1]!) cols.push(j);
      }
      if (cols.length < 2 || !cols.includes(c.col)) continue;
      if (t.cells.some((o) => o !== c && o.row === c.row && cols.includes(o.col) && o.text.trim())) continue;
      t.cells = t.cells.filter((o) => o === c || o.row !== c.row || !cols.includes(o.col));
      c.col = cols[0]!;
      c.colSpan = cols.length;
      c.box = [Math.min(c.box[0], edges[k]!), c.box[1], Math.max(c.box[2], edges[k + 1]!), c.box[3]];
    }
  }
}

/**
 * A stack of two rules holding one band of bold labels in three columns or more (a header row) over
 * another stack drawn cell by cell over the same columns.
 */
export function headsStackBelow(stack: HRule[], stacks: HRule[][], body: Line[]): boolean {
  if (stack.length !== 2 || body.length < 3 || !body.every((l) => l.words.every((w) => w.bold))) return false;
  // both rules across the same width, drawn cell by cell at the same joins (a rule under a group
  // label of a header of two rows runs over that group's columns only)
  const [a, b] = stack as [HRule, HRule];
  if (a.breaks.length < 2 || a.breaks.length !== b.breaks.length || !sameBreaks(a.breaks, b.breaks))
    return false;
  if (Math.abs(a.x0 - b.x0) > 3 || Math.abs(a.x1 - b.x1) > 3) return false;
  const breaks = stackBreaks(stack);
  const first = body.reduce((m, l) => Math.min(m, l.box[1]), Infinity);
  // (a label wrapped under the first band, as "(2024)" under "Valore di partenza", is the same row)
  if (body.filter((l) => Math.abs(l.box[1] - first) < 2).length < 3) return false;
  const bottom = stack[1]!.y;
  return stacks.some(
    (st) =>
      st !== stack &&
      st[0]!.y > bottom &&
      st.length >= 2 &&
      Math.abs(st[0]!.x0 - stack[0]!.x0) < 3 &&
      Math.abs(st[0]!.x1 - stack[0]!.x1) < 3 &&
      sameBreaks(stackBreaks(st), breaks),
  );
}

/**
 * A rule's joins within the other rule's extent: a rule that stops at a column's edge (under the
 * rows beside an objective merged over them in the first column) has no join there, and says
 * nothing of it.
 */
function inside(r: HRule, other: HRule): number[] {
  return r.breaks.filter((x) => x > other.x0 + 3 && x < other.x1 - 3);
}

/**
 * Two rules drawn cell by cell over the same columns (or one drawn whole): the joins of one are among
 * the other's (a row with a merged cell has fewer joins than the rows around it).
 */
function sameBreaks(a: number[], b: number[]): boolean {
  if (!a.length || !b.length) return true;
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  return few.every((x) => many.some((y) => Math.abs(x - y) < 3));
}

/** The column bounds a stack's rules give: the joins found on two rules or more. */
function stackBreaks(stack: HRule[]): number[] {
  const all = stack.flatMap((r) => r.breaks).sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < all.length;) {
    let j = i + 1;
    while (j < all.length && all[j]! - all[i]! < 3) j++;
    if (j - i >= 2) out.push(all.slice(i, j).reduce((s, x) => s + x, 0) / (j - i));
    i = j;
  }
  return out;
}

/** The header lines printed just above a table's first rule: up to three bands that keep to its columns. */
function headerAbove(
  words: Word[],
  used: Set<Word>,
  x0: number,
  x1: number,
  y0: number,
  bounds: number[],
  s: StreamSettings,
): { lines: Line[]; top: number } {
  const near: Word[] = [];
  for (const w of words) {
    if (used.has(w)) continue;
    const cx = (w.box[0] + w.box[2]) / 2;
    if (cx > x0 - 1 && cx < x1 + 1 && w.box[3] <= y0 + 1 && w.box[3] > y0 - 60) near.push(w);
  }
  if (!near.length) return { lines: [], top: y0 };
  const lines = wordsToLines(near, { splitGap: s.segmentGap }).sort((a, b) => b.box[1] - a.box[1]);
  const taken: Line[] = [];
  let edge = y0;
  let multi = false;
  for (const l of lines) {
    const h = l.box[3] - l.box[1];
    // the next band up must touch the one below it (a header wrapped over lines), not a paragraph apart
    if (edge - l.box[3] > h * 0.9) break;
    const inOne = bounds.some(
      (b, i) => i + 1 < bounds.length && l.box[0] >= b - 2 && l.box[2] <= bounds[i + 1]! + 2,
    );
    if (!inOne) break;
    taken.push(l);
    edge = Math.min(edge, l.box[1]);
    if (taken.filter((t) => Math.abs(t.box[1] - l.box[1]) < 2).length >= 2) multi = true;
    if (taken.length >= 12) break;
  }
  if (!multi) return { lines: [], top: y0 };
  return { lines: taken, top: edge };
}

/**
 * A stack of rules drawn cell by cell cut where the text between two rules crosses a join of the
 * lower rule: a paragraph or heading between two tables, not a row (a banner's cell spans columns,
 * but then the rule under it has no join there).
 */
function splitAtCrossings(stack: HRule[], words: Word[]): HRule[][] {
  if (stack.length < 2 || !stack.some((r) => r.breaks.length)) return [stack];
  const gaps = stack
    .slice(1)
    .map((r, i) => r.y - stack[i]!.y)
    .sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
  const out: HRule[][] = [];
  let cur: HRule[] = [stack[0]!];
  for (let i = 1; i < stack.length; i++) {
    const a = stack[i - 1]!,
      b = stack[i]!;
    // a banner row spans the columns too, in one line and no taller than the rows: only a wider
    // stretch of text across the joins is something between two tables
    let crossed = false;
    const lines = new Set<number>();
    for (const w of words) {
      const cy = (w.box[1] + w.box[3]) / 2;
      if (cy <= a.y || cy >= b.y || w.box[2] < b.x0 || w.box[0] > b.x1) continue;
      if (b.breaks.some((x) => w.box[0] < x - 1 && w.box[2] > x + 1)) {
        crossed = true;
        lines.add(Math.round(cy / 3));
      }
    }
    if (crossed && lines.size < 2 && b.y - a.y <= median * 1.6) crossed = false;
    if (crossed) {
      out.push(cur);
      cur = [];
    }
    cur.push(b);
  }
  out.push(cur);
  return out.filter((s) => s.length >= 2);
}
