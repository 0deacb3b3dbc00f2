/**
 * One indicator across all documents: found by code or by words of its name (FTS), followed through
 * the links to every document that has it, with its baselines, targets and results per year.
 */
import type { Store } from "../load/index.js";

export interface HistoryEntry {
  document: string;
  file: string;
  years: number[];
  name: string;
  code: string | null;
  values: {
    kind: "baseline" | "target" | "result";
    year: number | null;
    raw: string;
    value: number | string | null;
    unit: string | null;
    superseded: boolean;
    page: number | null;
  }[];
}

function findIndicator(store: Store, ref: string): number | null {
  const byCode = store.db.prepare("SELECT id FROM indicators WHERE code = ? ORDER BY id LIMIT 1").get(ref) as
    { id: number } | undefined;
  if (byCode) return byCode.id;
  const q = ref
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"`)
    .join(" ");
  const hit = store.db
    .prepare("SELECT rowid AS id FROM indicators_fts WHERE indicators_fts MATCH ? ORDER BY rank LIMIT 1")
    .get(q) as { id: number } | undefined;
  return hit?.id ?? null;
}

export function indicatorHistory(store: Store, ref: string): HistoryEntry[] {
  const start = findIndicator(store, ref);
  if (start === null) throw new Error(`no indicator matches '${ref}'`);
  // every indicator connected to it through links, in any direction
  const seen = new Set<number>([start]);
  const queue = [start];
  const next = store.db.prepare(
    "SELECT to_indicator AS o FROM links WHERE from_indicator = ? UNION SELECT from_indicator FROM links WHERE to_indicator = ?",
  );
  while (queue.length) {
    const id = queue.shift()!;
    for (const r of next.all(id, id) as { o: number }[])
      if (!seen.has(r.o)) {
        seen.add(r.o);
        queue.push(r.o);
      }
  }
  const rows: HistoryEntry[] = [];
  for (const id of seen) {
    const i = store.db
      .prepare(
        "SELECT i.name, i.code, d.id AS doc, d.file, d.years FROM indicators i JOIN documents d ON d.id = i.document_id WHERE i.id = ?",
      )
      .get(id) as { name: string; code: string | null; doc: string; file: string; years: string };
    const values: HistoryEntry["values"] = [];
    const read = (table: string, kind: HistoryEntry["values"][number]["kind"]) => {
      const sup = table === "targets" ? "superseded" : "0 AS superseded";
      for (const r of store.db
        .prepare(
          `SELECT year, raw, value_num, value_text, unit, ${sup}, page FROM ${table} WHERE indicator_id = ? ORDER BY year, ord`,
        )
        .all(id) as {
        year: number | null;
        raw: string;
        value_num: number | null;
        value_text: string | null;
        unit: string | null;
        superseded: number;
        page: number | null;
      }[])
        values.push({
          kind,
          year: r.year,
          raw: r.raw,
          value: r.value_num ?? r.value_text,
          unit: r.unit,
          superseded: r.superseded === 1,
          page: r.page,
        });
    };
    read("baselines", "baseline");
    read("targets", "target");
    read("results", "result");
    rows.push({
      document: i.doc,
      file: i.file,
      years: JSON.parse(i.years),
      name: i.name,
      code: i.code,
      values,
    });
  }
  return rows.sort((a, b) => (a.years[0] ?? 0) - (b.years[0] ?? 0) || a.file.localeCompare(b.file));
}
