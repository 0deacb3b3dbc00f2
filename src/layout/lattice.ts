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

interface Edge {
  o: "h" | "v";
  /** position on the fixed axis (y for h, x for v) */
  at: number;
  from: number;
  to: number;
}

export function mergeEdges(rulings: Ruling[], s: LatticeSettings): Edge[] {
  const edges: Edge[] = rulings.map((r) =>
    r.orientation === "h"
      ? { o: "h", at: r.y0, from: r.x0, to: r.x1 }
      : { o: "v", at: r.x0, from: r.y0, to: r.y1 },
  );
  const out: Edge[] = [];
  for (const o of ["h", "v"] as const) {
    const list = edges.filter((e) => e.o === o).sort((a, b) => a.at - b.at || a.from - b.from);
    // cluster by position, then join overlapping spans inside each cluster
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      while (j < list.length && list[j]!.at - list[j - 1]!.at <= s.snap) j++;
      const group = list.slice(i, j).sort((a, b) => a.from - b.from);
      const at = group.reduce((n, e) => n + e.at, 0) / group.length;
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

/** Groups of edges connected through intersections: each group is a candidate table. */
export function edgeGroups(edges: Edge[], tol: number): Edge[][] {
  const parent = edges.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const hs = edges.map((e, i) => [e, i] as const).filter(([e]) => e.o === "h");
  const vs = edges.map((e, i) => [e, i] as const).filter(([e]) => e.o === "v");
  for (const [h, hi] of hs) for (const [v, vi] of vs) if (touches(h, v, tol)) parent[find(hi)] = find(vi);
  const groups = new Map<number, Edge[]>();
  edges.forEach((e, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(e);
  });
  return [...groups.values()];
}

function cluster(values: number[], tol: number): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of v) if (!out.length || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/** Fraction of [a, b] covered by edges at position `at` (within snap). */
function coverage(edges: Edge[], at: number, a: number, b: number, snap: number): number {
  const spans = edges
    .filter((e) => Math.abs(e.at - at) <= snap + 0.5 && e.to > a && e.from < b)
    .map((e) => [Math.max(a, e.from), Math.min(b, e.to)] as const);
  spans.sort((x, y) => x[0] - y[0]);
  let covered = 0,
    end = a;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return b > a ? covered / (b - a) : 0;
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
    const hs = group.filter((e) => e.o === "h");
    const vs = group.filter((e) => e.o === "v");
    if (hs.length < s.minRows + 1 || vs.length < 2) continue;
    const ys = cluster(
      hs.map((e) => e.at),
      s.snap,
    );
    const xs = cluster(
      vs.map((e) => e.at),
      s.snap,
    );
    if (ys.length < s.minRows + 1 || xs.length < s.minCols + 1) continue;
    const R = ys.length - 1,
      C = xs.length - 1;
    // elementary cell (r, c) joins its right / lower neighbour when no edge separates them
    const id = Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => r * C + c));
    const parent = Array.from({ length: R * C }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        if (c + 1 < C && coverage(vs, xs[c + 1]!, ys[r]!, ys[r + 1]!, s.snap) < 0.5)
          parent[find(id[r]![c + 1]!)] = find(id[r]![c]!);
        if (r + 1 < R && coverage(hs, ys[r + 1]!, xs[c]!, xs[c + 1]!, s.snap) < 0.5)
          parent[find(id[r + 1]![c]!)] = find(id[r]![c]!);
      }
    const extents = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const k = find(id[r]![c]!);
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
    const inside = words.filter((w) => {
      const cx = (w.box[0] + w.box[2]) / 2,
        cy = (w.box[1] + w.box[3]) / 2;
      return cx > tbox[0] && cx < tbox[2] && cy > tbox[1] && cy < tbox[3];
    });
    const cells: Cell[] = [];
    const byCell = new Map<number, Word[]>();
    const cellAt = (cx: number, cy: number): number | null => {
      const c = xs.findIndex((x, i) => i < C && cx >= x && cx < xs[i + 1]!);
      const r = ys.findIndex((y, i) => i < R && cy >= y && cy < ys[i + 1]!);
      return r < 0 || c < 0 ? null : find(id[r]![c]!);
    };
    for (const w of inside) {
      const k = cellAt((w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2);
      if (k === null) continue;
      (byCell.get(k) ?? byCell.set(k, []).get(k)!).push(w);
      used.add(w);
    }
    for (const [k, e] of extents) {
      const ws = byCell.get(k) ?? [];
      const lines = wordsToLines(ws);
      cells.push({
        row: e.r0,
        col: e.c0,
        rowSpan: e.r1 - e.r0 + 1,
        colSpan: e.c1 - e.c0 + 1,
        box: [xs[e.c0]!, ys[e.r0]!, xs[e.c1 + 1]!, ys[e.r1 + 1]!],
        text: lines.map((l) => l.text).join("\n"),
        lines,
      });
    }
    // a "table" of one big cell is a frame around text, not a table
    if (cells.filter((c) => c.text).length < 2) {
      for (const w of inside) used.delete(w);
      continue;
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
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
  return { tables: tables.sort((a, b) => a.box[1] - b.box[1]), used };
}
