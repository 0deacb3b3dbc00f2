/**
 * The segmentation's reasons as text: per page, each block's reading and each table's column roles
 * and row kinds, in reading order, as `allegati layout` shows cells. For a person to see where a
 * reading went wrong.
 */
import type { SegmentTrace } from "./trace.js";

export function renderTrace(trace: SegmentTrace, page?: number): string {
  const out: string[] = [];
  type Line = { page: number; top: number; text: string };
  const lines: Line[] = [];
  for (const b of trace.blocks)
    if (page === undefined || b.page === page)
      lines.push({
        page: b.page,
        top: b.top,
        text: `block  ${b.kind.padEnd(11)} ${b.text}\n       (${b.reason})`,
      });
  for (const t of trace.tables) {
    for (const r of t.roles) {
      if (page !== undefined && r.page !== page) continue;
      const cols = r.columns
        .map(
          (c) =>
            `  col ${c.col}: ${c.role}${c.year ? ` ${c.year}` : ""}${c.unit ? ` (${c.unit})` : ""}` +
            `  header "${c.header}"  (${c.reason})`,
        )
        .join("\n");
      lines.push({
        page: r.page,
        top: r.top - 0.5,
        text: `table #${t.index + 1} (${t.method}) columns:\n${cols}`,
      });
    }
    for (const r of t.rows)
      if (page === undefined || r.page === page)
        lines.push({
          page: r.page,
          top: r.top,
          text: `  row  ${r.kind.padEnd(12)} ${r.text}\n       (${r.reason})`,
        });
  }
  lines.sort((a, b) => a.page - b.page || a.top - b.top);
  let cur = -1;
  for (const l of lines) {
    if (l.page !== cur) {
      out.push(`=== page ${l.page} ===`);
      cur = l.page;
    }
    out.push(l.text);
  }
  return out.join("\n") + "\n";
}
