/**
 * Read queries behind `show`, `diff` and `history`: documents found by a reference a person types,
 * indicators found by code or by words of their name, and an indicator's values across the tables.
 */
import type { Store } from "./store.js";

/** A document a person named: its id and file name. */
export interface DocumentRef {
  id: string;
  file: string;
}

/**
 * The one document an id prefix, file name or path names. Throws when none does, or when several
 * do (then more of the id is needed).
 */
export function resolveDocument(store: Store, ref: string): DocumentRef {
  const ids = store.findDocuments(ref);
  if (!ids.length) throw new Error(`no document matches '${ref}'`);
  if (ids.length > 1) throw new Error(`'${ref}' matches ${ids.length} documents: give more of the id`);
  return store.stmt("SELECT id, file FROM documents WHERE id = ?").get(ids[0]) as DocumentRef;
}

/**
 * The indicator a person named: the first with that exact code, else the best full-text match of
 * the words (each word quoted, so FTS5 operators in them are read as words). Null when none.
 */
export function findIndicator(store: Store, ref: string): number | null {
  const byCode = store.stmt("SELECT id FROM indicators WHERE code = ? ORDER BY id LIMIT 1").get(ref) as
    { id: number } | undefined;
  if (byCode) return byCode.id;
  const q = ref
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"`)
    .join(" ");
  const hit = store
    .stmt("SELECT rowid AS id FROM indicators_fts WHERE indicators_fts MATCH ? ORDER BY rank LIMIT 1")
    .get(q) as { id: number } | undefined;
  return hit?.id ?? null;
}

/** The indicators linked to one, in either direction. */
export function linkedIndicators(store: Store, indicatorId: number): number[] {
  return (
    store
      .stmt(
        "SELECT to_indicator AS o FROM links WHERE from_indicator = ? UNION SELECT from_indicator FROM links WHERE to_indicator = ?",
      )
      .all(indicatorId, indicatorId) as { o: number }[]
  ).map((r) => r.o);
}

/** An indicator with the document it belongs to. */
export interface IndicatorInDocument {
  name: string;
  code: string | null;
  document: string;
  file: string;
  years: number[];
  /** its order in the document as read */
  ord: number;
}

export function indicatorInDocument(store: Store, indicatorId: number): IndicatorInDocument {
  const r = store
    .stmt(
      "SELECT i.name, i.code, i.ord, d.id AS doc, d.file, d.years FROM indicators i JOIN documents d ON d.id = i.document_id WHERE i.id = ?",
    )
    .get(indicatorId) as {
    name: string;
    code: string | null;
    ord: number;
    doc: string;
    file: string;
    years: string;
  };
  return {
    name: r.name,
    code: r.code,
    document: r.doc,
    file: r.file,
    years: JSON.parse(r.years),
    ord: r.ord,
  };
}

export type IndicatorValueKind = "baseline" | "target" | "result";

/** One baseline, target or result of an indicator, as history lists it. */
export interface IndicatorValue {
  kind: IndicatorValueKind;
  year: number | null;
  raw: string;
  value: number | string | null;
  unit: string | null;
  superseded: boolean;
  page: number | null;
}

const VALUE_TABLES: [string, IndicatorValueKind][] = [
  ["baselines", "baseline"],
  ["targets", "target"],
  ["results", "result"],
];

/** An indicator's baselines, then targets, then results, each by year and printed order. */
export function indicatorValues(store: Store, indicatorId: number): IndicatorValue[] {
  const values: IndicatorValue[] = [];
  for (const [table, kind] of VALUE_TABLES) {
    const sup = table === "targets" ? "superseded" : "0 AS superseded";
    const rows = store
      .stmt(
        `SELECT year, raw, value_num, value_text, unit, ${sup}, page FROM ${table} WHERE indicator_id = ? ORDER BY year, ord`,
      )
      .all(indicatorId) as {
      year: number | null;
      raw: string;
      value_num: number | null;
      value_text: string | null;
      unit: string | null;
      superseded: number;
      page: number | null;
    }[];
    for (const r of rows)
      values.push({
        kind,
        year: r.year,
        raw: r.raw,
        value: r.value_num ?? r.value_text,
        unit: r.unit,
        superseded: r.superseded === 1,
        page: r.page,
      });
  }
  return values;
}
