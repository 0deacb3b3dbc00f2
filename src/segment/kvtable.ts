/**
 * Key-value tables ("schede"): one objective or indicator per table, its fields down the first column
 * ("Obiettivo strategico | …", "Indicatore | …", "Formula | …", "Target 2024 | …", "Peso | 20%").
 * The header words are in the rows, not above the columns, so each row is read as a list's field line.
 */
import { fold } from "../normalize/index.js";
import type { CompiledLexicon } from "./lexicon.js";
import { classifyHeader } from "./columns.js";
import type { BlockReader, Item } from "./blockreader.js";
import { rowCells, type LTable, type Slot } from "./tables.js";

import { segmentsOf } from "./values.js";
import { union } from "../model/index.js";

const hasText = (s: Slot) => !!s.text;

/**
 * Whether most rows open with a field label in their first cell and hold a value beside it. The
 * counts that need no label reading come first, and labels are read only until the verdict is
 * settled either way: most tables are ordinary ones whose first cells are names (each a header
 * classification, the costly part).
 */
export function isKeyValueTable(t: LTable, lx: CompiledLexicon): boolean {
  if (t.nCols < 2) return false;
  // rows with text, and the first cells that could be labels (a value beside them, in column 0)
  let rows = 0;
  const firsts: string[] = [];
  for (const r of t.rows) {
    const cells = rowCells(r).filter(hasText);
    if (!cells.length) continue;
    rows++;
    const first = cells[0]!;
    // a year down the first column is a table of years, not of fields
    if (/^(?:19|20)\d\d$/.test(first.text)) return false;
    if (cells.length >= 2 && r.slots.indexOf(first) === 0) firsts.push(first.text);
  }
  if (rows < 3) return false;
  const needed = Math.max(3, rows * 0.6);
  let labelled = 0;
  for (let i = 0; i < firsts.length && labelled < needed; i++) {
    // too few left to reach the share
    if (labelled + (firsts.length - i) < needed) return false;
    if (labelLike(firsts[i]!, lx)) labelled++;
  }
  if (labelled < needed) return false;
  // a table whose first row is a header over columns is an ordinary table
  const head = t.rows[0] ? rowCells(t.rows[0]).filter(hasText) : [];
  return !(head.length >= 3 && head.every((s) => labelLike(s.text, lx)));
}

export function labelLike(text: string, lx: CompiledLexicon): boolean {
  const t = fold(text).replace(/[:.]$/, "");
  if (!t || t.split(/\s+/).length > 6) return false;
  return classifyHeader(t, lx).role !== "unknown";
}

/** Reads each row as a field of the objective or indicator the table describes. */
export function readKeyValueTable(t: LTable, br: BlockReader, lx: CompiledLexicon): void {
  br.breakList();
  for (const r of t.rows) {
    const cells = rowCells(r).filter(hasText);
    if (!cells.length) continue;
    const [first, ...rest] = cells;
    const label = fold(first!.text).replace(/[:.]$/, "");
    const role = rest.length ? classifyHeader(label, lx) : null;
    const lines = rest.flatMap((s) => s.lines);
    const valueText = fold(rest.map((s) => s.text).join(" "));
    const item: Item = {
      text: rest.length ? `${label}: ${valueText}` : label,
      lines: cells.flatMap((s) => s.lines),
      segments: segmentsOf(lines, valueText),
      bold: false,
      bullet: false,
      page: first!.page,
      box: union(cells.map((s) => s.box)),
    };
    if (role && role.role !== "unknown") br.field(item, { role, value: valueText, at: 0 });
    else br.readItem(item);
  }
  br.breakList();
}
