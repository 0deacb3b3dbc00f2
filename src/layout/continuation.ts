/**
 * Whether a table at the top of a page runs on from the last table of the previous page: its header
 * rows read the same (and only notes were printed under the previous part), or it has no header of
 * its own and the same columns.
 */
import type { Table } from "../model/index.js";

const rowText = (t: Table, r: number) =>
  t.cells
    .filter((c) => c.row === r)
    .map((c) => c.text.replace(/\s+/g, " ").trim())
    .join("|");

/** how far apart (points) two gaps between columns may lie and still be the same rule or gutter */
const SLACK = 1.5;

/**
 * The gutters between a table's adjacent columns: from the right end of column k's cells to the left
 * start of column k+1's, null where either column has no cell of its own (empty, or only merged
 * cells). In a ruled table a gutter is the rule itself; in an unruled one it is the white between
 * the columns' text (its cells' boxes are drawn from that same text, so they say little more).
 */
export function columnGutters(t: Table): ([number, number] | null)[] {
  const lo: number[] = Array(t.nCols).fill(Infinity);
  const hi: number[] = Array(t.nCols).fill(-Infinity);
  for (const c of t.cells) {
    if (c.colSpan !== 1) continue;
    if (t.method === "lattice") {
      lo[c.col] = Math.min(lo[c.col]!, c.box[0]);
      hi[c.col] = Math.max(hi[c.col]!, c.box[2]);
    } else
      for (const l of c.lines) {
        lo[c.col] = Math.min(lo[c.col]!, l.box[0]);
        hi[c.col] = Math.max(hi[c.col]!, l.box[2]);
      }
  }
  const out: ([number, number] | null)[] = [];
  for (let k = 0; k + 1 < t.nCols; k++)
    out.push(Number.isFinite(hi[k]!) && Number.isFinite(lo[k + 1]!) ? [hi[k]!, lo[k + 1]!] : null);
  return out;
}

/**
 * Two tables have the same columns: as many, spanning the same width, and every gutter both show
 * lying over the other's (a right-aligned figure and a wider one below it share a column, not its
 * left edge); at least half the gutters must be seen in both.
 */
export function sameColumns(a: Table, b: Table): boolean {
  if (a.nCols !== b.nCols) return false;
  const overlap = Math.min(a.box[2], b.box[2]) - Math.max(a.box[0], b.box[0]);
  const narrower = Math.min(a.box[2] - a.box[0], b.box[2] - b.box[0]);
  if (overlap < 0.9 * narrower) return false;
  const ga = columnGutters(a),
    gb = columnGutters(b);
  let seen = 0;
  for (let k = 0; k < ga.length; k++) {
    const x = ga[k],
      y = gb[k];
    if (!x || !y) continue;
    if (Math.max(x[0], y[0]) - SLACK > Math.min(x[1], y[1]) + SLACK) return false;
    seen++;
  }
  return seen * 2 >= ga.length;
}

/**
 * A table at the top of a page continues the last table of the previous page when their header rows
 * read the same and nothing but notes was printed under the previous part, or, without header rows,
 * when they have the same columns.
 */
export function continues(prev: Table, first: Table, textBelow: boolean): boolean {
  // a repeated header after text under the previous part (a heading): a new table of the same
  // columns, read with its own header; without a header of its own it can only be the same table
  const sameHeader =
    !textBelow &&
    prev.headerRows > 0 &&
    first.headerRows === prev.headerRows &&
    Array.from({ length: prev.headerRows }, (_, r) => rowText(prev, r) === rowText(first, r)).every(Boolean);
  // a table that runs on without repeating its header
  return sameHeader || (first.headerRows === 0 && sameColumns(prev, first));
}

/**
 * The x bounds of a table's columns (left edge, then the middle of each gutter, then the right edge),
 * for reading lines that run on from it; null when a gutter is not seen.
 */
export function columnBoundsOf(t: Table): number[] | null {
  const gutters = columnGutters(t);
  if (gutters.some((g) => g === null)) return null;
  return [t.box[0], ...gutters.map((g) => (g![0] + g![1]) / 2), t.box[2]];
}
