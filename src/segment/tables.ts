/**
 * Logical tables: a table continued across pages becomes one list of rows; every row is a list of
 * slots aligned to the table's columns, a slot being the cell that covers that column in that row
 * (a cell merged over several rows appears in each, with `first` only on its first row).
 */
import type { Box, Cell, Line, Table } from "../model/index.js";
import { fold } from "../normalize/index.js";

export interface Slot {
  text: string;
  lines: Line[];
  box: Box;
  page: number;
  /** unique per cell, so a merged cell is recognised in every row it covers */
  key: string;
  first: boolean;
  colSpan: number;
  rowSpan: number;
}

export interface LRow {
  page: number;
  top: number;
  slots: (Slot | null)[];
  /** true for the table's own leading header rows */
  header: boolean;
}

export interface LTable {
  index: number;
  page: number;
  nCols: number;
  rows: LRow[];
  /** how the first part was found: ruled (lattice) or by alignment (stream) */
  method: Table["method"];
}

function tableRows(t: Table, tableIndex: number, headerRows: number): LRow[] {
  const cover: (Cell | null)[][] = [];
  for (let r = 0; r < t.nRows; r++) cover.push(Array<Cell | null>(t.nCols).fill(null));
  for (const c of t.cells)
    for (let r = c.row; r < Math.min(t.nRows, c.row + c.rowSpan); r++)
      for (let k = c.col; k < Math.min(t.nCols, c.col + c.colSpan); k++) cover[r]![k] = c;
  // loops, not closures: this runs for every table, and V8 drops the optimized code of a per-call
  // closure at each full garbage collection
  const rows: LRow[] = [];
  for (let r = 0; r < cover.length; r++) {
    const row = cover[r]!;
    let top = Infinity;
    for (const c of row) if (c !== null && c.row === r) top = Math.min(top, c.box[1]);
    const slots: (Slot | null)[] = [];
    for (const c of row)
      slots.push(
        c
          ? {
              text: fold(c.text),
              lines: c.lines,
              box: c.box,
              page: t.page,
              key: `${tableIndex}:${c.row}:${c.col}`,
              first: c.row === r,
              colSpan: c.colSpan,
              rowSpan: c.rowSpan,
            }
          : null,
      );
    rows.push({ page: t.page, top: Number.isFinite(top) ? top : t.box[1], header: r < headerRows, slots });
  }
  return rows;
}

/** Column x-ranges of a table, from its single-column cells. */
function columnRanges(t: Table): [number, number][] {
  const ranges: [number, number][] = Array.from({ length: t.nCols }, () => [Infinity, -Infinity]);
  for (const c of t.cells) {
    if (c.colSpan !== 1) continue;
    const r = ranges[c.col]!;
    r[0] = Math.min(r[0], c.box[0]);
    r[1] = Math.max(r[1], c.box[2]);
  }
  return ranges;
}

function headerKey(rows: LRow[]): string {
  const parts: string[] = [];
  for (const r of rows) if (r.header) parts.push(r.slots.map(slotText).join("|"));
  return parts.join("/");
}

const slotText = (s: Slot | null) => s?.text ?? "";

/**
 * Joins continued tables, one table at a time in document order: a table continues the previous one
 * when the layout linked it (`continues`) or when it repeats its header rows on the next page. Rows of
 * a continuation are re-aligned to the first part's columns by x position. Only the table that can
 * still be continued is kept, so a long document streams through.
 */
export class TableJoiner {
  /** the position of the next table among all the document's tables */
  private index = 0;
  private prev: {
    lt: LTable;
    ranges: [number, number][];
    key: string;
    root: number;
    page: number;
    /** where its continued rows go instead of its `rows`, once it is read as a stream */
    sink?: (rows: LRow[]) => void;
  } | null = null;

  /**
   * The continued rows of `lt` (the table that can still be continued) go to `sink` from now on,
   * instead of being added to its rows.
   */
  stream(lt: LTable, sink: (rows: LRow[]) => void): void {
    if (this.prev?.lt !== lt) throw new Error(`table ${lt.index} can no longer be continued`);
    this.prev.sink = sink;
  }

  /** Adds the next table; returns the logical table it starts, or null when it continued one. */
  add(t: Table): LTable | null {
    const index = this.index++;
    const rows = tableRows(t, index, t.headerRows);
    const key = headerKey(rows);
    const prev = this.prev;
    // one continuation rule, the layout's (Assembler): a table at the top of the next page with the
    // same header or the same columns, and no heading above it
    const joins = prev !== null && t.continues !== null && t.continues === prev.root;
    if (prev && joins) {
      const map = columnRanges(t).map(([x0, x1]) => {
        const mid = (x0 + x1) / 2;
        const at = prev.ranges.findIndex(([a, b]) => mid >= a - 2 && mid <= b + 2);
        // (a cell wider than any of that column's above, a target with its redefinition run on to
        // the right, goes to the column it overlaps most)
        if (at >= 0) return at;
        let best = -1,
          most = 0;
        prev.ranges.forEach(([a, b], k) => {
          const o = Math.min(b, x1) - Math.max(a, x0);
          if (o > most) [best, most] = [k, o];
        });
        return best;
      });
      const into = prev.sink ? [] : prev.lt.rows;
      for (const row of rows) {
        if (row.header) continue;
        const slots: (Slot | null)[] = Array(prev.lt.nCols).fill(null);
        row.slots.forEach((s, k) => {
          const j = map[k] ?? -1;
          if (s && j >= 0 && !slots[j]) slots[j] = s;
        });
        into.push({ ...row, slots });
      }
      prev.page = t.page;
      if (prev.sink) prev.sink(into);
      return null;
    }
    const ranges = columnRanges(t);
    // a header printed once as a table of its own, then small tables under headings without one
    // (a plan's objectives as headings between the parts of one table): each takes that header
    if (rows.length && rows.every((r) => r.header)) this.header = { rows, ranges };
    else if (this.header && !t.headerRows && sameColumns(ranges, this.header.ranges))
      rows.unshift(...this.header.rows.map((r) => ({ ...r, page: t.page, top: rows[0]?.top ?? r.top })));
    else if (t.headerRows) this.header = null;
    const lt: LTable = { index, page: t.page, nCols: t.nCols, rows, method: t.method };
    this.prev = { lt, ranges, key, root: index, page: t.page };
    return lt;
  }

  /** the last table made only of header rows, and its columns */
  private header: { rows: LRow[]; ranges: [number, number][] } | null = null;
}

/** Two tables' columns, one for one: each column's middle inside the other's column, in order. */
function sameColumns(a: [number, number][], b: [number, number][]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  return a.every(([x0, x1], k) => {
    const [y0, y1] = b[k]!;
    if (!Number.isFinite(x0) || !Number.isFinite(y0)) return true;
    const mid = (x0 + x1) / 2;
    return mid >= y0 - 2 && mid <= y1 + 2;
  });
}

/** The distinct cells of a row, left to right (a cell spanning columns once). */
export function rowCells(row: LRow): Slot[] {
  const seen = new Set<string>();
  const out: Slot[] = [];
  for (const s of row.slots)
    if (s && !seen.has(s.key)) {
      seen.add(s.key);
      out.push(s);
    }
  return out;
}
