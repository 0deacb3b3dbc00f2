/** `allegati review` and `allegati correct`: the review queue and the corrections, for a person at a terminal. */
import type { CorrectionEntry, DocumentReview } from "../index.js";
import { table } from "./output.js";

/** The review queue: flagged records first, each with its key (what `allegati correct` takes). */
export function reviewTable(r: DocumentReview, opts: { flaggedOnly?: boolean } = {}): string {
  const d = r.document;
  const out: string[] = [];
  const mark = d.reviewed?.reviewed
    ? `reviewed by ${d.reviewed.author ?? "?"} at ${d.reviewed.at}${d.reviewed.note ? ` (${d.reviewed.note})` : ""}`
    : "not reviewed";
  out.push(`${d.file}  ${d.id}`, `${mark}; ${r.flagged} flagged of ${r.queue.length} records`);
  const items = opts.flaggedOnly ? r.queue.filter((x) => x.reasons.length && !x.corrected) : r.queue;
  // the key last and whole (the table cuts long cells): it is what `allegati correct` takes
  const lines = table(
    ["record", "as printed", "page", "flags"],
    items.map((x) => [
      x.label,
      x.raw,
      x.page,
      [...x.reasons, ...(x.corrected ? ["corrected"] : [])].join(" "),
    ]),
    [2],
  ).split("\n");
  const width = Math.max(...lines.map((l) => l.length));
  const keys = ["key", "---", ...items.map((x) => x.key)];
  out.push(lines.map((l, i) => `${l.padEnd(width)}  ${keys[i]}`).join("\n"));
  for (const g of d.deleted ?? []) out.push(`deleted: ${g.item}${g.note ? ` (${g.note})` : ""}`);
  for (const o of d.orphanedCorrections ?? [])
    out.push(
      `ORPHANED correction ${o.id}: ${o.item} ${o.field} → ${JSON.stringify(o.newValue)} (${o.reason})`,
    );
  return out.join("\n");
}

const show = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);

/** Stored corrections, oldest first, each with what became of it. */
export function correctionsTable(rows: CorrectionEntry[]): string {
  return table(
    ["id", "document", "item", "field", "as read", "corrected", "author", "at", "status", "note"],
    rows.map((c) => [
      c.id,
      c.file ?? c.document.slice(0, 12),
      c.item,
      c.field,
      c.field === "*" ? (c.oldValue ? "(item)" : "") : show(c.oldValue),
      c.field === "*" ? (c.newValue ? "(added)" : "(deleted)") : show(c.newValue),
      c.author,
      c.at,
      c.status,
      c.note,
    ]),
    [0],
  );
}
