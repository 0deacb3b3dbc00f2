/**
 * Two columns the layout read as one. A table's header prints each column's label over it; when the
 * data leave no clear gutter between two columns (a scan's tilt, a stamp's marks, a narrow weight
 * column set close to the names), the layout gives both one column, and its header cell holds two
 * labels far apart (`Ponderazione      KPI`, `Indicatore      Algoritmo`). Each label names a role
 * of its own, so the column is cut: the header where its labels part, the data at the gutter they
 * leave between the labels, every cell's words going to the side their middle falls on (a cell
 * whose phrase runs across the gutter, a comment, stays whole over both).
 */
import type { Box, Line, Word } from "../model/index.js";
import { union } from "../model/index.js";
import { fold } from "../normalize/index.js";
import { classifyHeader } from "./columns.js";
import type { CompiledLexicon } from "./lexicon.js";
import { headerCell, isNoteText, rowShape } from "./rows.js";
import { rowCells, type LRow, type LTable, type Slot } from "./tables.js";

/**
 * two labels of one header cell part by this many type sizes at least (a label's words by a space,
 * a third of one); a long label may reach out over its narrow column, close to the next one's
 */
const LABEL_GAP = 0.7;

/** a gutter no phrase of the data runs across is one this many type sizes wide at least */
const CLEAR_GUTTER = 0.3;

/** A column to cut: its index and the x it is cut at. */
export interface ColumnCut {
  col: number;
  x: number;
  /** the header rows the cut was read from, when the layout marked none (cut at `headerX` too) */
  heads?: ReadonlySet<LRow>;
  /** where the header's labels part (a long label reaches out past the data's gutter) */
  headerX: number;
}

const words = (s: Slot): Word[] => s.lines.flatMap((l) => l.words);
const middle = (w: Word) => (w.box[0] + w.box[2]) / 2;

/**
 * The columns of a table to cut, from its leading header rows: a header cell of one column whose
 * words part, across, by a gap wider than LABEL_GAP type sizes into two labels that name two roles
 * (neither unknown, not the same), or into stacks of labels each of a known role, side by side ones
 * of two roles or two years; cut where the data leave a gutter a type size wide between two labels
 * (a third of one where no phrase runs across it) and give words to both sides in a third of their
 * cells of that column at least (two, beside a column of codes).
 */
export function columnCuts(t: LTable, lx: CompiledLexicon): ColumnCut[] {
  const header = headerRows(t, lx);
  if (!header.length) return [];
  // (a header printed again over each group of rows is no data: its long labels reach over the gutter)
  // (rows above the header, a page top folded into the table, are none either)
  const from = t.rows.indexOf(header[0]!);
  const data = t.rows.filter((r, i) => i > from && !header.includes(r) && !headerShaped(r, t.nCols, lx));
  const cuts: ColumnCut[] = [];
  for (let k = 0; k < t.nCols; k++) {
    const heads = header.map((r) => r.slots[k]).filter((s): s is Slot => !!s && s.colSpan === 1 && !!s.text);
    if (heads.length !== 1) continue;
    const ws = [...words(heads[0]!)].sort((a, b) => a.box[0] - b.box[0]);
    if (ws.length < 2) continue;
    // the widest gap across the words' spans
    let reach = ws[0]!.box[2],
      gap = 0,
      at = 0;
    for (let i = 1; i < ws.length; i++) {
      const g = ws[i]!.box[0] - reach;
      if (g > gap) [gap, at] = [g, i];
      reach = Math.max(reach, ws[i]!.box[2]);
    }
    const labelSize = Math.max(...ws.map((w) => w.fontSize));
    if (!at || gap < labelSize * LABEL_GAP) continue;
    const left = ws.slice(0, at),
      right = ws.slice(at);
    const a = classifyHeader(labelText(left), lx),
      b = classifyHeader(labelText(right), lx);
    const cut =
      a.role !== "unknown" && b.role !== "unknown" && a.role !== b.role
        ? dataCut(data, k, left, right, a, b)
        : null;
    if (cut) {
      cuts.push(cut);
      continue;
    }
    // (or stacks of labels side by side, each a column's, `Consuntivo 2022 | Risultato atteso 2023 |
    // Risultato atteso 2024`: of two roles or two years, each pair cut where the data part)
    // (apart by LABEL_GAP of the words' middle type size: OCR reads a word's size too large at times)
    const mid = [...ws].map((w) => w.fontSize).sort((p, q) => p - q)[ws.length >> 1]!;
    const st = stacks(ws, mid * LABEL_GAP);
    if (st.length < 2) continue;
    const roles = st.map((x) => classifyHeader(labelText(x), lx));
    if (roles.some((r) => r.role === "unknown")) continue;
    for (let i = st.length - 1; i > 0; i--) {
      const [p, q] = [roles[i - 1]!, roles[i]!];
      if (p.role === q.role && (p.year === null || q.year === null || p.year === q.year)) continue;
      const c = dataCut(data, k, st[i - 1]!, st[i]!, p, q);
      if (c) cuts.push(c);
    }
  }
  // (a header the layout did not mark is cut where its labels part, as a marked one is)
  if (!header.some((r) => r.header)) {
    const heads = new Set(header);
    for (const c of cuts) c.heads = heads;
  }
  return cuts;
}

/**
 * A header cell's words in stacks side by side: the words of its lines whose spans overlap or stand
 * closer than `gap` across.
 */
function stacks(ws: Word[], gap: number): Word[][] {
  const out: Word[][] = [];
  let reach = -Infinity;
  for (const w of ws) {
    if (!out.length || w.box[0] - reach >= gap) out.push([]);
    out[out.length - 1]!.push(w);
    reach = Math.max(reach, w.box[2]);
  }
  return out;
}

/**
 * The cut between two labels of column `k`'s header, where the data part: null where they leave no
 * gutter between the labels (a type size wide, a third of one where no phrase runs across it), or
 * give words to both sides in too few cells.
 */
function dataCut(
  data: LRow[],
  k: number,
  left: Word[],
  right: Word[],
  a: { role: string },
  b: { role: string },
): ColumnCut | null {
  const cells = data.map((r) => r.slots[k]).filter((s): s is Slot => !!s && s.first && s.colSpan === 1);
  // (looked for from the left label's middle: a long label reaches out over its narrow column)
  const leftMid = (Math.min(...left.map((w) => w.box[0])) + Math.max(...left.map((w) => w.box[2]))) / 2;
  const rightX = Math.min(...right.map((w) => w.box[0]));
  const g = gutter(cells, leftMid, rightX);
  // (a gutter as wide as a type size at least: a space between a name's words is no gutter; or,
  // where no phrase runs across it at all, a third of one: two columns of wrapped text set close)
  const sizes = cells
    .flatMap(words)
    .map((w) => w.fontSize)
    .sort((p, q) => p - q);
  const size = sizes[sizes.length >> 1];
  // (a stray phrase or two across it, of a stamp or a long value, in eight cells or more, leave it clear)
  const clear = g.crossing <= Math.floor(cells.length / 8);
  if (!size || g.width < size * (clear ? CLEAR_GUTTER : 1)) return null;
  const x = g.x;
  // (the data give words to both sides in a third of the column's cells at least that none runs
  // across: two columns' worth; a comment across both stays whole)
  let both = 0,
    filled = 0;
  for (const r of data) {
    const s = r.slots[k];
    if (!s || !s.first || s.colSpan !== 1 || !s.text || across(s, x)) continue;
    filled++;
    const ps = phrases(s);
    if (ps.some(([, b]) => b <= x) && ps.some(([a]) => a >= x)) both++;
  }
  // (a column of codes is sparse, a code printed for some rows only: two rows of both will do)
  const sparse = a.role === "code" || b.role === "code";
  if (both >= 1 && (both * 3 >= filled || (sparse && both >= 2))) return { col: k, x, headerX: rightX - 0.5 };
  return null;
}

/**
 * The table's header rows: those the layout marked, or else (a scan's header, its bold not told) its
 * first row of its first three with text whose cells read as a header's labels.
 */
function headerRows(t: LTable, lx: CompiledLexicon): LRow[] {
  const marked = t.rows.filter((r) => r.header);
  if (marked.length) return marked;
  // (within its first three rows with text: a scan's page top may be folded into the first)
  const leading = t.rows.filter((r) => r.slots.some((s) => s?.text)).slice(0, 3);
  const first = leading.find((r) => headerShaped(r, t.nCols, lx));
  return first ? [first] : [];
}

/**
 * A header's row: a header's shape, or header labels in every cell but one, four cells at least, that
 * one a soup of labels of a known role (the cell of columns read as one: `Risultato Risultato atteso
 * atteso 2023 2024`).
 */
function headerShaped(r: LRow, nCols: number, lx: CompiledLexicon): boolean {
  const shape = rowShape(r, nCols, lx).kind;
  if (shape === "header" || shape === "titled-header") return true;
  const cells = rowCells(r).filter((s) => s.text);
  if (cells.length < 4) return false;
  const odd = cells.filter((s) => !headerCell(s, lx));
  return odd.length === 1 && classifyHeader(odd[0]!.text, lx).role !== "unknown";
}

/**
 * Where the data part between two labels: of the x's from the left label's middle to the right
 * one's start, those the fewest phrases of the cells run across; of their widest run, the middle (a
 * long name reaches out under the gap between the labels, up to its own gutter; a comment written
 * across both columns runs across every x).
 */
function gutter(cells: Slot[], from: number, to: number): { x: number; width: number; crossing: number } {
  const spans = cells.flatMap(phrases);
  let best = Infinity,
    run: [number, number] = [from, from],
    cur: [number, number] | null = null;
  for (let x = Math.ceil(from); x <= Math.floor(to); x++) {
    const n = spans.filter(([a, b]) => a < x && b > x).length;
    if (n < best) {
      best = n;
      cur = [x, x];
      run = cur;
    } else if (n === best) {
      cur = cur && cur[1] === x - 1 ? [cur[0], x] : [x, x];
      if (cur[1] - cur[0] > run[1] - run[0]) run = cur;
    } else cur = null;
  }
  return { x: (run[0] + run[1]) / 2, width: run[1] - run[0], crossing: best };
}

/** a line's words this close (in type sizes) are of one phrase */
const PHRASE_GAP = 0.6;

/**
 * A cell's phrases: the spans across of its lines' words set a space apart. (A note's line, `Note:
 * Fonte: …`, is written across the columns whatever their gutters: it has none.)
 */
function phrases(s: Slot): [number, number][] {
  const out: [number, number][] = [];
  for (const l of s.lines) {
    if (isNoteText(l.text)) continue;
    const ws = [...l.words].sort((a, b) => a.box[0] - b.box[0]);
    let span: [number, number] | null = null;
    let size = 0;
    for (const w of ws) {
      // (by the smaller of two words' sizes: OCR reads a word's size too large at times)
      if (span && w.box[0] - span[1] <= Math.min(size, w.fontSize) * PHRASE_GAP)
        span[1] = Math.max(span[1], w.box[2]);
      else out.push((span = [w.box[0], w.box[2]]));
      size = w.fontSize;
    }
  }
  return out;
}

/** The words of a label in reading order: by line, then across. */
function labelText(ws: Word[]): string {
  const sorted = [...ws].sort((a, b) =>
    Math.abs(a.box[1] - b.box[1]) > 2 ? a.box[1] - b.box[1] : a.box[0] - b.box[0],
  );
  return fold(sorted.map((w) => w.text).join(" "));
}

/**
 * Rows with each cut column made two: a cell's words go to the side their middle falls on. The cuts
 * are made in their order, each on the columns the ones before it left (`withCutColumns` gives them
 * so).
 */
export function cutRows(rows: LRow[], cuts: readonly ColumnCut[]): LRow[] {
  if (!cuts.length) return rows;
  return rows.map((row) => {
    const slots = [...row.slots];
    for (const cut of cuts) {
      const col = cut.col,
        x = row.header || cut.heads?.has(row) ? cut.headerX : cut.x;
      const s = slots[col] ?? null;
      // (a cell spanning columns spans both halves of the one it covers; so does one whose words
      // run across the cut, a comment written over both)
      if (!s || s.colSpan > 1 || across(s, x)) {
        slots.splice(col + 1, 0, s);
        if (s)
          for (let i = 0; i < slots.length; i++) {
            const o = slots[i];
            if (o && o.key === s.key) slots[i] = { ...o, colSpan: o.colSpan + 1 };
          }
        continue;
      }
      const [l, r] = halves(s, x);
      slots.splice(col, 1, l, r);
    }
    return { ...row, slots };
  });
}

/** Whether a phrase of the cell runs across `x`. */
const across = (s: Slot, x: number) => phrases(s).some(([a, b]) => a < x - 1 && b > x + 1);

/** A cell cut at `x`: the lines' words left of it, and right of it; an empty side is no cell. */
function halves(s: Slot, x: number): [Slot | null, Slot | null] {
  const side = (left: boolean): Slot | null => {
    const lines: Line[] = [];
    for (const l of s.lines) {
      // (a note's line stays whole, on the side it starts on)
      const note = isNoteText(l.text);
      const ws = l.words.filter((w) => (note ? l.box[0] : middle(w)) < x === left);
      if (!ws.length) continue;
      const box: Box = union(ws.map((w) => w.box));
      lines.push({ text: ws.map((w) => w.text).join(" "), box, words: ws });
    }
    if (!lines.length) return null;
    return {
      ...s,
      text: fold(lines.map((l) => l.text).join("\n")),
      lines,
      box: union(lines.map((l) => l.box)),
      key: `${s.key}${left ? "<" : ">"}`,
      colSpan: 1,
    };
  };
  return [side(true), side(false)];
}

/** rounds of cuts at most: a header cell of three labels is cut twice (`Codice Indicatore Unità di misura`) */
const ROUNDS = 3;

/**
 * The table with its cut columns made two (the same table when there is none), and the cuts in the
 * order they are made: the columns of one round right to left, so each leaves the others' indices
 * as they were, then the next round's on the columns the last one made.
 */
export function withCutColumns(t: LTable, lx: CompiledLexicon): { table: LTable; cuts: ColumnCut[] } {
  const all: ColumnCut[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // (right to left: a column cut twice in a round is cut at its rightmost x first)
    const cuts = columnCuts(t, lx).sort((a, b) => b.col - a.col || b.x - a.x);
    if (!cuts.length) break;
    all.push(...cuts);
    t = { ...t, nCols: t.nCols + cuts.length, rows: cutRows(t.rows, cuts) };
  }
  return { table: t, cuts: all };
}
