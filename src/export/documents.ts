/** The stored documents in the export contract's shape (`../shared/contract/export.schema.json`, v1). */
import { turnedPages, type Store } from "../load/index.js";
import type { CorrectionNote, ExportDocument } from "../model/index.js";
import { correctedDocument } from "../review/index.js";
import { inPageFrame } from "./pageframe.js";

export interface ExportOptions {
  /** only these documents (ids), in this order; default: every document, by file name then id */
  ids?: string[];
}

/**
 * Every stored document as the contract's document, read from the store one at a time as the
 * iterator is advanced, so that a store of any size is exported in the memory of one document.
 * The ids too are read as the iterator goes, so that the whole export reads one snapshot of the store
 * (a document another process deletes meanwhile is still exported) and a write on the same store
 * before the iterator ends throws. What only the store keeps (the path read from, the warnings) is
 * left out. A document a person
 * corrected is exported corrected, each corrected record listing its values as read (`corrections`),
 * with its deleted items, orphaned corrections and sign-off.
 */
export function* exportDocuments(store: Store, opts: ExportOptions = {}): Generator<ExportDocument> {
  for (const id of opts.ids ?? store.eachDocumentId()) {
    const { path: _p, warnings: _w, ...doc } = documentInPageFrame(store, id);
    yield doc;
  }
}

/**
 * A stored document with its corrections, or as read, its boxes in each page's own frame (a page read
 * turned keeps its boxes in the turned view in the store: pageframe.ts).
 */
export function documentInPageFrame(
  store: Store,
  id: string,
  asRead = false,
): ReturnType<typeof correctedDocument> {
  return inPageFrame(
    asRead ? store.exportDocument(id) : correctedDocument(store, id),
    turnedPages(store, id),
  );
}

export const CSV_HEADER = [
  "document_id",
  "file",
  "issuer",
  "kind",
  "objective_code",
  "indicator_code",
  "indicator",
  "formula",
  "record",
  "year",
  "op",
  "value",
  "max",
  "unit",
  "raw",
  "superseded",
  "achievement_pct",
  "page",
  "bbox",
  "confidence",
  "review",
  "corrected",
  "original",
] as const;

type Row = (string | number | boolean | null | undefined)[];

const bbox = (b: { bbox: number[] | null } | undefined) => (b?.bbox ? b.bbox.join(" ") : null);

type Noted = { corrections?: CorrectionNote[] };

/**
 * The two correction columns of a row: the fields a person corrected on its record and on its
 * indicator (`indicator.name`; `*` for a record a person added), and their values as read (JSON).
 */
function corrected(rec: Noted | null, ind: Noted): [string | null, string | null] {
  const notes = [
    ...(rec?.corrections ?? []).map((c) => [c.field, c.original] as const),
    ...(ind.corrections ?? []).map((c) => [`indicator.${c.field}`, c.original] as const),
  ];
  if (!notes.length) return [null, null];
  return [notes.map(([f]) => f).join(" "), JSON.stringify(Object.fromEntries(notes))];
}

/**
 * A document's CSV rows (columns as CSV_HEADER): one per target, baseline and result, each with its
 * indicator's columns; an indicator without any value gets one row of its own.
 */
export function csvRows(d: ExportDocument): Row[] {
  const rows: Row[] = [];
  for (const i of d.indicators) {
    const base = [d.id, d.file, d.issuer, d.kind, i.objectiveCode, i.code, i.name, i.formula];
    for (const t of i.targets)
      rows.push([
        ...base,
        "target",
        t.year,
        t.op,
        t.value,
        t.max,
        t.unit,
        t.raw,
        t.superseded,
        null,
        t.source?.page,
        bbox(t.source),
        t.confidence ?? i.confidence,
        t.review || i.review ? true : null,
        ...corrected(t, i),
      ]);
    for (const b of i.baselines)
      rows.push([
        ...base,
        "baseline",
        b.year,
        null,
        b.value,
        null,
        b.unit,
        b.raw,
        null,
        null,
        b.source?.page,
        bbox(b.source),
        i.confidence,
        i.review ? true : null,
        ...corrected(b, i),
      ]);
    for (const r of i.results)
      rows.push([
        ...base,
        "result",
        r.year,
        null,
        r.value,
        null,
        r.unit,
        r.raw,
        null,
        r.achievementPct,
        r.source?.page,
        bbox(r.source),
        i.confidence,
        i.review ? true : null,
        ...corrected(r, i),
      ]);
    if (!i.targets.length && !i.baselines.length && !i.results.length)
      rows.push([
        ...base,
        "indicator",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        i.source.page,
        bbox(i.source),
        i.confidence,
        i.review ? true : null,
        ...corrected(null, i),
      ]);
  }
  return rows;
}
