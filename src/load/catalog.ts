/**
 * The documents list a person pages through (the web app's first page): one row per document with
 * what it holds and whether it was reviewed, filtered and searched (FTS5) and paginated in SQL, so
 * that a page costs the same with fifty documents or thousands.
 */
import { DOCUMENT_ITEM } from "../model/constants.js";
import { correctionsTableThere } from "./corrections.js";
import type { Store } from "./store.js";

export const DOCUMENT_SORTS = ["file", "issuer", "ingested", "pages"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
export const REVIEW_STATUSES = ["reviewed", "unreviewed", "corrected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface DocumentListQuery {
  /** words of an indicator's name, description or formula, an objective's title, or the file, issuer or title */
  q?: string;
  kind?: string;
  issuer?: string;
  status?: ReviewStatus;
  sort?: DocumentSort;
  /** rows to skip (default 0) */
  offset?: number;
  /** rows to return (default 50, at most 500) */
  limit?: number;
}

/** One document as the list shows it. */
export interface DocumentSummary {
  id: string;
  file: string;
  issuer: string | null;
  kind: string;
  title: string | null;
  years: number[];
  pages: number;
  ocrPages: number;
  /** the signatures' integrity, worst first: invalid, unknown, valid; null when unsigned */
  integrity: "valid" | "invalid" | "unknown" | null;
  signatures: number;
  objectives: number;
  indicators: number;
  targets: number;
  /** records flagged for a person to check first (low confidence, unsure OCR, superseded, no box): the review queue's head */
  flagged: number;
  /** corrections made to its items (the sign-off not counted) */
  corrections: number;
  /** the latest sign-off: true reviewed, false un-marked, null never marked */
  reviewed: boolean | null;
  ingestedAt: string;
}

export interface DocumentList {
  total: number;
  offset: number;
  limit: number;
  documents: DocumentSummary[];
}

/** An FTS5 query matching every word (each quoted, so operators in them are words), the last as a prefix. */
export function ftsQuery(q: string): string | null {
  const words = q
    .split(/[\s"]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}._-]/gu, ""))
    .filter(Boolean);
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

const hasSearch = new WeakMap<Store, boolean>();
/** Whether the store has the documents' search index (migration 010): a read-only store may predate it. */
function searchIndexThere(store: Store): boolean {
  let there = hasSearch.get(store);
  if (there === undefined) {
    there =
      store.stmt("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").get() !==
      undefined;
    // a store open for writing has it (migrated); a read-only one may gain it from another process
    if (there || !store.readonly) hasSearch.set(store, there);
  }
  return there;
}

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;

const ORDER: Record<DocumentSort, string> = {
  file: "d.file, d.id",
  issuer: "d.issuer IS NULL, d.issuer, d.file, d.id",
  ingested: "d.ingested_at DESC, d.id",
  pages: "d.pages DESC, d.file, d.id",
};

/** One page of the documents list, with how many documents match in all. */
export function listDocuments(store: Store, query: DocumentListQuery = {}): DocumentList {
  const limit = Math.max(1, Math.min(500, Math.floor(query.limit ?? 50)));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const corrections = correctionsTableThere(store);
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.kind) {
    where.push("d.kind = ?");
    params.push(query.kind);
  }
  if (query.issuer) {
    where.push("d.issuer = ?");
    params.push(query.issuer);
  }
  const fts = query.q ? ftsQuery(query.q) : null;
  if (query.q?.trim()) {
    const like = likeOf(query.q.trim());
    const any = ["d.file LIKE ? ESCAPE '\\'", "d.issuer LIKE ? ESCAPE '\\'", "d.title LIKE ? ESCAPE '\\'"];
    params.push(like, like, like);
    if (fts && searchIndexThere(store)) {
      // the documents from the index's row ids alone, never a lookup per matching item (migration 010)
      any.push("d.search_key IN (SELECT rowid >> 20 FROM search_fts WHERE search_fts MATCH ?)");
      params.push(fts);
    } else if (fts) {
      // a database opened read-only before migration 010: the same documents, one lookup per item
      any.push(
        "d.id IN (SELECT document_id FROM indicators WHERE id IN (SELECT rowid FROM indicators_fts WHERE indicators_fts MATCH ?))",
        "d.id IN (SELECT document_id FROM objectives WHERE id IN (SELECT rowid FROM objectives_fts WHERE objectives_fts MATCH ?))",
      );
      params.push(fts, fts);
    }
    where.push(`(${any.join(" OR ")})`);
  }
  const signoff = corrections
    ? `(SELECT c.new_value FROM corrections c WHERE c.document_id = d.id AND c.item = '${DOCUMENT_ITEM}' AND c.field = 'reviewed' ORDER BY c.id DESC LIMIT 1)`
    : "NULL";
  const corrected = corrections
    ? `(SELECT count(*) FROM corrections c WHERE c.document_id = d.id AND c.item <> '${DOCUMENT_ITEM}')`
    : "0";
  if (query.status === "reviewed") where.push(`${signoff} = 'true'`);
  else if (query.status === "unreviewed") where.push(`coalesce(${signoff}, 'false') <> 'true'`);
  else if (query.status === "corrected") where.push(`${corrected} > 0`);
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  // the page's ids first, with the number of matches in the same pass; the counts and the sign-off
  // are then read for those rows only (computed for every row, a page deep in 5,000 took seconds)
  const page = store
    .stmt(
      `SELECT d.id, count(*) OVER () AS total FROM documents d ${filter}
       ORDER BY ${ORDER[query.sort ?? "file"] ?? ORDER.file} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as { id: string; total: number }[];
  const total = page.length
    ? page[0]!.total
    : (store.stmt(`SELECT count(*) AS n FROM documents d ${filter}`).get(...params) as { n: number }).n;
  const rows = page.length
    ? (store
        .stmt(
          `SELECT d.id, d.file, d.issuer, d.kind, d.title, d.years, d.pages, d.ocr_pages, d.ingested_at,
         (SELECT count(*) FROM signatures s WHERE s.document_id = d.id) AS signatures,
         (SELECT min(CASE s.integrity WHEN 'invalid' THEN 0 WHEN 'valid' THEN 2 ELSE 1 END)
            FROM signatures s WHERE s.document_id = d.id) AS integrity,
         (SELECT count(*) FROM objectives o WHERE o.document_id = d.id) AS objectives,
         (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators,
         (SELECT count(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.document_id = d.id) AS targets,
         (SELECT count(*) FROM objectives o WHERE o.document_id = d.id AND (o.review = 1 OR o.bbox IS NULL))
         + (SELECT count(*) FROM indicators i WHERE i.document_id = d.id AND (i.review = 1 OR i.bbox IS NULL))
         + (SELECT count(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.document_id = d.id
              AND (t.review = 1 OR t.low_confidence = 1 OR t.superseded = 1 OR t.bbox IS NULL))
         + (SELECT count(*) FROM baselines b JOIN indicators i ON i.id = b.indicator_id
              WHERE i.document_id = d.id AND (b.low_confidence = 1 OR b.bbox IS NULL))
         + (SELECT count(*) FROM results r JOIN indicators i ON i.id = r.indicator_id
              WHERE i.document_id = d.id AND (r.low_confidence = 1 OR r.bbox IS NULL)) AS flagged,
         ${corrected} AS corrections,
         ${signoff} AS reviewed
       FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(page.map((p) => p.id))) as Record<string, unknown>[])
    : [];
  const order = new Map(page.map((p, i) => [p.id, i]));
  rows.sort((a, b) => order.get(a.id as string)! - order.get(b.id as string)!);
  const integrity = ["invalid", "unknown", "valid"] as const;
  return {
    total,
    offset,
    limit,
    documents: rows.map((r) => ({
      id: r.id as string,
      file: r.file as string,
      issuer: r.issuer as string | null,
      kind: r.kind as string,
      title: r.title as string | null,
      years: JSON.parse(r.years as string) as number[],
      pages: r.pages as number,
      ocrPages: r.ocr_pages as number,
      integrity: r.integrity === null ? null : integrity[r.integrity as number]!,
      signatures: r.signatures as number,
      objectives: r.objectives as number,
      indicators: r.indicators as number,
      targets: r.targets as number,
      flagged: r.flagged as number,
      corrections: r.corrections as number,
      reviewed: r.reviewed === null ? null : r.reviewed === "true",
      ingestedAt: r.ingested_at as string,
    })),
  };
}

/** The issuers in the store with how many documents each has, for a filter's choices. */
export function issuerCounts(store: Store): { issuer: string | null; documents: number }[] {
  return store
    .stmt(
      "SELECT issuer, count(*) AS documents FROM documents GROUP BY issuer ORDER BY issuer IS NULL, issuer",
    )
    .all() as { issuer: string | null; documents: number }[];
}

/** A stored document's pages read turned (their boxes are in that view), with their size in it. */
export function turnedPages(
  store: Store,
  id: string,
): { page: number; turn: number; width: number; height: number }[] {
  return store
    .stmt("SELECT page, turn, width, height FROM pages WHERE document_id = ? AND turn != 0 ORDER BY page")
    .all(id) as { page: number; turn: number; width: number; height: number }[];
}

/**
 * A stored document's pages: size in points (scale 1, rotation applied), the turn it was read in
 * (degrees beyond its own /Rotate; its boxes are in that view) and whether OCR read it.
 */
export function pageSizes(
  store: Store,
  id: string,
): { page: number; width: number; height: number; turn: number; ocr: boolean }[] {
  return (
    store
      .stmt("SELECT page, width, height, turn, ocr FROM pages WHERE document_id = ? ORDER BY page")
      .all(id) as {
      page: number;
      width: number;
      height: number;
      turn: number;
      ocr: number;
    }[]
  ).map((p) => ({ ...p, ocr: p.ocr === 1 }));
}
