/**
 * Ruled tables (pdfplumber's lattice idea as named steps): rulings → merged edges → connected
 * groups → grid lines → elementary cells → cells merged where no edge separates them (row and column
 * spans) → words assigned by their centre.
 */
import type { Box, Cell, Ruling, Table, Word } from "../model/index.js";
import { wordsToLines } from "./words.js";

export interface LatticeSettings {
  /** rulings closer than this (points) on the other axis are the same line */
  snap: number;
  /** gaps shorter than this along a line are joined */
  join: number;
  /** a table needs at least this many rows and columns */
  minRows: number;
  minCols: number;
}

export const DEFAULT_LATTICE: LatticeSettings = { snap: 1.5, join: 2, minRows: 2, minCols: 2 };

export interface Edge {
  o: "h" | "v";
  /** position on the fixed axis (y for h, x for v) */
  at: number;
  from: number;
  to: number;
}

// comparators and helpers live at module level: V8 keeps a closure's optimized code only while an
// instance of it lives, and these run for every ruled table of every page
const ascending = (a: number, b: number) => a - b;
const byAtFrom = (a: Edge, b: Edge) => a.at - b.at || a.from - b.from;
const byFrom = (a: Edge, b: Edge) => a.from - b.from;
const byRowCol = (a: Cell, b: Cell) => a.row - b.row || a.col - b.col;
const byTop = (a: Table, b: Table) => a.box[1] - b.box[1];
const lineText = (l: { text: string }) => l.text;

export function mergeEdges(rulings: Ruling[], s: LatticeSettings): Edge[] {
  const out: Edge[] = [];
  for (const o of ["h", "v"] as const) {
    const list: Edge[] = [];
    for (const r of rulings)
      if (r.orientation === o)
        list.push(o === "h" ? { o, at: r.y0, from: r.x0, to: r.x1 } : { o, at: r.x0, from: r.y0, to: r.y1 });
    list.sort(byAtFrom);
    // cluster by position, then join overlapping spans inside each cluster
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      while (j < list.length && list[j]!.at - list[j - 1]!.at <= s.snap) j++;
      const group = list.slice(i, j).sort(byFrom);
      let sum = 0;
      for (const e of group) sum += e.at;
      const at = sum / group.length;
      let cur: Edge | null = null;
      for (const e of group) {
        if (cur && e.from <= cur.to + s.join) cur.to = Math.max(cur.to, e.to);
        else {
          if (cur) out.push(cur);
          cur = { o, at, from: e.from, to: e.to };
        }
      }
      if (cur) out.push(cur);
      i = j;
    }
  }
  return out;
}

const touches = (h: Edge, v: Edge, tol: number) =>
  v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;

/** The root of i in a union-find forest (halving the path on the way). */
function root(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Groups of edges connected through intersections: each group is a candidate table. */
export function edgeGroups(edges: Edge[], tol: number): Edge[][] {
  const parent: number[] = [];
  for (let i = 0; i < edges.length; i++) parent.push(i);
  for (let hi = 0; hi < edges.length; hi++) {
    if (edges[hi]!.o !== "h") continue;
    for (let vi = 0; vi < edges.length; vi++)
      if (edges[vi]!.o === "v" && touches(edges[hi]!, edges[vi]!, tol))
        parent[root(parent, hi)] = root(parent, vi);
  }
  const groups = new Map<number, Edge[]>();
  for (let i = 0; i < edges.length; i++) {
    const r = root(parent, i);
    const g = groups.get(r);
    if (g) g.push(edges[i]!);
    else groups.set(r, [edges[i]!]);
  }
  return [...groups.values()];
}

function cluster(values: number[], tol: number): number[] {
  const v = [...values].sort(ascending);
  const out: number[] = [];
  for (const x of v) if (!out.length || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/** rules closer than this (points) with no text between them are one rule drawn or found twice */
const DOUBLE_RULE = 3;

/**
 * Row lines without those that double a neighbour: two rules closer than any line of type, with no
 * word between them, are one rule drawn twice, or found twice on a scan (a shaded header's edge beside
 * its rule): the shorter goes, else the row between would be a row of empty cells cutting the header.
 */
export function withoutDoubles(ys: number[], hs: Edge[], words: readonly Word[], snap: number): number[] {
  const length = (y: number) => {
    let n = 0;
    for (const e of hs) if (e.at >= y - 0.01 && e.at <= y + snap + 0.01) n += e.to - e.from;
    return n;
  };
  const out = [...ys];
  for (let i = 0; i + 1 < out.length;) {
    const a = out[i]!,
      b = out[i + 1]!;
    const between = words.some((w) => {
      const cy = (w.box[1] + w.box[3]) / 2;
      return cy > a && cy < b;
    });
    if (b - a < DOUBLE_RULE && !between) out.splice(length(a) >= length(b) ? i + 1 : i, 1);
    else i++;
  }
  return out;
}

/** Fraction of [a, b] covered by edges at position `at` (within snap). */
function coverage(edges: Edge[], at: number, a: number, b: number, snap: number): number {
  const spans: [number, number][] = [];
  for (const e of edges)
    if (Math.abs(e.at - at) <= snap + 0.5 && e.to > a && e.from < b)
      spans.push([Math.max(a, e.from), Math.min(b, e.to)]);
  spans.sort(byFirst);
  let covered = 0,
    end = a;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return b > a ? covered / (b - a) : 0;
}

const byFirst = (x: [number, number], y: [number, number]) => x[0] - y[0];

/** The interval i (0 … bounds.length - 2) with bounds[i] <= v < bounds[i + 1], or -1. */
function intervalOf(bounds: number[], v: number): number {
  for (let i = 0; i + 1 < bounds.length; i++) if (v >= bounds[i]! && v < bounds[i + 1]!) return i;
  return -1;
}

/** a column left open is at least this wide (points) */
const OPEN_MIN_WIDTH = 8;

/**
 * A grid's outer column whose border is not drawn (a table set without side borders, or a scan whose
 * edge cut the border off): the horizontal rulings of most of the grid's lines (half, and three at
 * least) run on past the outermost vertical ruling, over words. The grid is closed where those
 * rulings end (their median end), so the column's words are read into the table instead of being
 * left as lines beside it.
 */
export function openSides(
  hs: Edge[],
  xs: number[],
  ys: number[],
  words: Word[],
  s: LatticeSettings,
): number[] {
  if (xs.length < 2 || ys.length < 3) return xs;
  const out = [...xs];
  for (const side of [1, -1] as const) {
    const border = side === 1 ? out[out.length - 1]! : out[0]!;
    const ends: number[] = [];
    for (const y of ys) {
      // how far the rulings of this line run past the border (joined over the border itself)
      let reach = 0;
      for (const e of hs) {
        if (Math.abs(e.at - y) > s.snap + 0.5) continue;
        if (side === 1 && e.from <= border + s.snap + 1) reach = Math.max(reach, e.to - border);
        if (side === -1 && e.to >= border - s.snap - 1) reach = Math.max(reach, border - e.from);
      }
      if (reach >= OPEN_MIN_WIDTH) ends.push(border + side * reach);
    }
    if (ends.length < 3 || ends.length * 2 < ys.length) continue;
    ends.sort(ascending);
    const edge = ends[Math.floor(ends.length / 2)]!;
    if (Math.abs(edge - border) < OPEN_MIN_WIDTH) continue;
    const [a, b] = side === 1 ? [border, edge] : [edge, border];
    const top = ys[0]!,
      bottom = ys[ys.length - 1]!;
    // words in the strip, inside the grid's rows: a column, not a ruling drawn on past the table
    const held = words.some((w) => {
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = (w.box[1] + w.box[3]) / 2;
      return cx > a && cx < b && cy > top && cy < bottom && w.box[0] >= a - 1 && w.box[2] <= b + 1;
    });
    if (!held) continue;
    if (side === 1) out.push(edge);
    else out.unshift(edge);
  }
  return out;
}

export function latticeTables(
  rulings: Ruling[],
  words: Word[],
  page: number,
  s: LatticeSettings = DEFAULT_LATTICE,
): { tables: Table[]; used: Set<Word> } {
  const tables: Table[] = [];
  const used = new Set<Word>();
  const edges = mergeEdges(rulings, s);
  for (const group of edgeGroups(edges, s.snap + 1)) {
    const hs: Edge[] = [];
    const vs: Edge[] = [];
    for (const e of group) (e.o === "h" ? hs : vs).push(e);
    if (hs.length < s.minRows + 1 || vs.length < 2) continue;
    const ys = withoutDoubles(
      cluster(
        hs.map((e) => e.at),
        s.snap,
      ),
      hs,
      words,
      s.snap,
    );
    const sides = openSides(
      hs,
      cluster(
        vs.map((e) => e.at),
        s.snap,
      ),
      ys,
      words,
      s,
    );
    // a line no row is cut at is no column's: a scan's short stroke over the grid (a signature's)
    const xs = sides.filter(
      (x, i) =>
        i === 0 ||
        i === sides.length - 1 ||
        ys.some((y, r) => r > 0 && coverage(vs, x, ys[r - 1]!, y, s.snap) >= 0.5),
    );
    if (ys.length < s.minRows + 1 || xs.length < s.minCols + 1) continue;
    const R = ys.length - 1,
      C = xs.length - 1;
    // elementary cell (r, c) is r * C + c; it joins its right / lower neighbour when no edge
    // separates them
    const parent: number[] = [];
    for (let i = 0; i < R * C; i++) parent.push(i);
    // (a scan loses a column's line where the row is shaded, a banner beside its weight: the line
    // drawn on most rows, and a wide white at it between two texts of the row, part the cells still)
    const drawnAt = new Map<number, boolean>();
    const drawn = (c: number) => {
      let d = drawnAt.get(c);
      if (d === undefined) {
        d =
          ys.filter((y, r) => r > 0 && coverage(vs, xs[c + 1]!, ys[r - 1]!, y, s.snap) >= 0.5).length >=
          R / 2;
        drawnAt.set(c, d);
      }
      return d;
    };
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        if (
          c + 1 < C &&
          coverage(vs, xs[c + 1]!, ys[r]!, ys[r + 1]!, s.snap) < 0.5 &&
          !(drawn(c) && apartAt(words, xs, c + 1, ys[r]!, ys[r + 1]!))
        )
          parent[root(parent, r * C + c + 1)] = root(parent, r * C + c);
        if (r + 1 < R && coverage(hs, ys[r + 1]!, xs[c]!, xs[c + 1]!, s.snap) < 0.5)
          parent[root(parent, (r + 1) * C + c)] = root(parent, r * C + c);
      }
    const extents = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const k = root(parent, r * C + c);
        const e = extents.get(k);
        if (!e) extents.set(k, { r0: r, r1: r, c0: c, c1: c });
        else {
          e.r0 = Math.min(e.r0, r);
          e.r1 = Math.max(e.r1, r);
          e.c0 = Math.min(e.c0, c);
          e.c1 = Math.max(e.c1, c);
        }
      }
    const tbox: Box = [xs[0]!, ys[0]!, xs[C]!, ys[R]!];
    const inside: Word[] = [];
    const byCell = new Map<number, Word[]>();
    for (const w of words) {
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = (w.box[1] + w.box[3]) / 2;
      if (!(cx > tbox[0] && cx < tbox[2] && cy > tbox[1] && cy < tbox[3])) continue;
      inside.push(w);
      const c = intervalOf(xs, cx);
      const r = intervalOf(ys, cy);
      if (r < 0 || c < 0) continue;
      const k = root(parent, r * C + c);
      const ws = byCell.get(k);
      if (ws) ws.push(w);
      else byCell.set(k, [w]);
      used.add(w);
    }
    const cells: Cell[] = [];
    let withText = 0;
    for (const [k, e] of extents) {
      const lines = wordsToLines(byCell.get(k) ?? []);
      const text = lines.map(lineText).join("\n");
      if (text) withText++;
      cells.push({
        row: e.r0,
        col: e.c0,
        rowSpan: e.r1 - e.r0 + 1,
        colSpan: e.c1 - e.c0 + 1,
        box: [xs[e.c0]!, ys[e.r0]!, xs[e.c1 + 1]!, ys[e.r1 + 1]!],
        text,
        lines,
      });
    }
    // a "table" of one big cell is a frame around text, not a table
    if (withText < 2) {
      for (const w of inside) used.delete(w);
      continue;
    }
    cells.sort(byRowCol);
    tables.push({
      page,
      box: tbox,
      method: "lattice",
      nRows: R,
      nCols: C,
      headerRows: 0,
      cells,
      continues: null,
    });
  }
  return { tables: tables.sort(byTop), used };
}

/**
 * Whether OCR'd words of the band from `y0` to `y1` stand on both sides of the column line `xs[k]`,
 * none across it, with white between them wider than a word's space by far (1.5 type sizes) and no
 * other column line in that white, and only figures in the cell right of the line: a banner and its
 * weight, not one text run over a column's line (nor a title whose middle OCR lost), nor a banner
 * across the columns with its weight at the far end. Marks within 2 pt of the line are its remains,
 * no text; so are words of one or two letters (specks read `i`, `sz`).
 */
export function apartAt(
  words: readonly Word[],
  xs: readonly number[],
  k: number,
  y0: number,
  y1: number,
): boolean {
  const x = xs[k]!;
  let left = -Infinity,
    right = Infinity,
    size = 0,
    ocr = false;
  for (const w of words) {
    const cy = (w.box[1] + w.box[3]) / 2;
    if (cy <= y0 || cy >= y1) continue;
    if (w.confidence !== undefined) ocr = true;
    // (marks on the line's place are what the scan left of it: `:` a point wide)
    if (!/[\p{L}\p{N}]/u.test(w.text) && w.box[0] > x - 2 && w.box[2] < x + 2) continue;
    if (w.box[0] < x && w.box[2] > x) return false;
    // (a text is a figure or a word of three letters: a scan's specks read `i`, `sz` are none)
    if (w.confidence !== undefined && (w.confidence < 15 || !/\p{N}|\p{L}{3}/u.test(w.text))) continue;
    if (w.box[2] <= x) left = Math.max(left, w.box[2]);
    else {
      right = Math.min(right, w.box[0]);
      // (the cell right of the line holds a figure, a weight: words there are a title's, its first
      // words lost to the shade, `AREA STRATEGICA 1 [— Organizzazione] e risorse dell'ente`)
      if (w.box[0] < (xs[k + 1] ?? Infinity) && !/\p{N}/u.test(w.text)) return false;
    }
    size = Math.max(size, w.fontSize);
  }
  if (!ocr || !Number.isFinite(left) || !Number.isFinite(right) || right - left < size * 1.5) return false;
  return xs.every((o, j) => j === k || o <= left + 2 || o >= right - 2);
}
