/**
 * Small page models for segment tests: tables from rows of cell texts (a `{bold}` prefix makes a
 * cell bold, `~~x~~` strikes words, `^N` after a text merges the cell over N rows, `>N` over N
 * columns), and text blocks from lines.
 */
import type { Block, Cell, Line, PageLayout, Table, Word } from "../../src/model/index.js";

function words(text: string, x: number, y: number, opts: { bold?: boolean; size?: number } = {}): Word[] {
  const out: Word[] = [];
  let cx = x;
  const size = opts.size ?? 9;
  let struck = false;
  for (let raw of text.split(/\s+/).filter(Boolean)) {
    if (raw.startsWith("~~")) {
      struck = true;
      raw = raw.slice(2);
    }
    const end = raw.endsWith("~~");
    if (end) raw = raw.slice(0, -2);
    const w = raw.length * size * 0.5;
    if (raw)
      out.push({
        text: raw,
        box: [cx, y, cx + w, y + size],
        fontSize: size,
        bold: !!opts.bold,
        italic: false,
        struck,
      });
    cx += w + size * 0.3;
    if (end) struck = false;
  }
  return out;
}

export function line(text: string, x = 40, y = 40, opts: { bold?: boolean; size?: number } = {}): Line {
  const ws = words(text, x, y, opts);
  const x1 = ws.length ? ws[ws.length - 1]!.box[2] : x;
  return { text: ws.map((w) => w.text).join(" "), box: [x, y, x1, y + (opts.size ?? 9)], words: ws };
}

/** A block of lines stacked from `y`. */
export function block(lines: string[], y = 40, opts: { bold?: boolean; size?: number } = {}): Block {
  const ls = lines.map((t, i) => line(t, 40, y + i * 12, opts));
  return {
    box: [40, y, Math.max(...ls.map((l) => l.box[2])), y + lines.length * 12],
    lines: ls,
    text: ls.map((l) => l.text).join("\n"),
  };
}

/**
 * A table: `rows` of cell texts; a cell "" is empty; null is covered by a merge from above or the
 * left. `headerRows` leading rows are the header.
 */
export function table(
  rows: (string | null)[][],
  opts: { page?: number; y?: number; headerRows?: number; method?: Table["method"]; colWidth?: number } = {},
): Table {
  const y0 = opts.y ?? 100;
  const cw = opts.colWidth ?? 90;
  const rh = 20;
  const cells: Cell[] = [];
  const nCols = Math.max(...rows.map((r) => r.length));
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (c === null) return;
      let text = c;
      let rowSpan = 1,
        colSpan = 1,
        bold = ri < (opts.headerRows ?? 0);
      const span = /\s*\^(\d+)$/.exec(text);
      if (span) {
        rowSpan = Number(span[1]);
        text = text.slice(0, span.index);
      }
      const cspan = /\s*>(\d+)$/.exec(text);
      if (cspan) {
        colSpan = Number(cspan[1]);
        text = text.slice(0, cspan.index);
      }
      if (text.startsWith("{bold}")) {
        bold = true;
        text = text.slice(6);
      }
      const box: Cell["box"] = [
        40 + ci * cw,
        y0 + ri * rh,
        40 + (ci + colSpan) * cw,
        y0 + (ri + rowSpan) * rh,
      ];
      const lines = text
        ? text.split("\n").map((t, i) => line(t, box[0] + 2, box[1] + 2 + i * 10, { bold }))
        : [];
      cells.push({
        row: ri,
        col: ci,
        rowSpan,
        colSpan,
        box,
        text: lines.map((l) => l.text).join("\n"),
        lines,
      });
    }),
  );
  return {
    page: opts.page ?? 1,
    box: [40, y0, 40 + nCols * cw, y0 + rows.length * rh],
    method: opts.method ?? "lattice",
    nRows: rows.length,
    nCols,
    headerRows: opts.headerRows ?? 0,
    cells,
    continues: null,
  };
}

export function page(n: number, parts: { blocks?: Block[]; tables?: Table[] }): PageLayout {
  const blocks = parts.blocks ?? [];
  const tables = (parts.tables ?? []).map((t) => ({ ...t, page: n }));
  return {
    page: n,
    width: 842,
    height: 595,
    ocr: false,
    lines: blocks.flatMap((b) => b.lines),
    blocks,
    tables,
    furniture: [],
  };
}
