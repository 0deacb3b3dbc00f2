/**
 * What the segment steps decided and why, for `allegati segment`: each table row's kind, each
 * column's role, each block's reading. Collected only when asked for.
 */
import type { Role } from "./columns.js";

export interface RowTrace {
  page: number;
  top: number;
  kind: string;
  reason: string;
  text: string;
}

export interface ColumnTrace {
  col: number;
  role: Role;
  year: number | null;
  unit: string | null;
  header: string;
  reason: string;
}

export interface TableTrace {
  index: number;
  page: number;
  method: "lattice" | "stream";
  /** the column roles, each time a header row set them */
  roles: { page: number; top: number; columns: ColumnTrace[] }[];
  rows: RowTrace[];
}

export interface BlockTrace {
  page: number;
  top: number;
  kind: string;
  reason: string;
  text: string;
}

export interface SegmentTrace {
  tables: TableTrace[];
  blocks: BlockTrace[];
}

export function emptyTrace(): SegmentTrace {
  return { tables: [], blocks: [] };
}

/** Short text of a row or block for a person reading the trace. */
export function clip(text: string, n = 90): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}
