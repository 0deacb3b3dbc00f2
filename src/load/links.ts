/**
 * The links table: what the link stage reads to compare two documents' indicators, and where it
 * writes the links it decides. Linking itself (who links to whom) is the link stage's.
 */
import type { IndicatorLink, LinkCandidate, LinkSide, ObjectiveCandidate } from "../model/index.js";
import type { Store } from "./store.js";

/** A document's indicators as linking compares them, in the document's order. */
export function linkCandidates(store: Store, documentId: string): LinkCandidate[] {
  return (
    store
      .stmt(
        `SELECT i.id, i.code, i.name, i.objective_code AS objective, i.formula,
                group_concat(DISTINCT t.unit) AS units, group_concat(DISTINCT t.op) AS ops
         FROM indicators i LEFT JOIN targets t ON t.indicator_id = i.id
         WHERE i.document_id = ? GROUP BY i.id ORDER BY i.ord`,
      )
      .all(documentId) as (LinkCandidate & { units: string | null; ops: string | null })[]
  ).map((r) => ({ ...r, units: r.units ?? "", ops: r.ops ?? "" }));
}

/** A document's objectives as linking compares them: the key its indicators use (code, else title). */
export function linkObjectives(store: Store, documentId: string): ObjectiveCandidate[] {
  return store
    .stmt("SELECT coalesce(code, title) AS key, title FROM objectives WHERE document_id = ? ORDER BY ord")
    .all(documentId) as ObjectiveCandidate[];
}

/** What linking reads of one document: its indicators and its objectives. */
export function linkSide(store: Store, documentId: string): LinkSide {
  return { indicators: linkCandidates(store, documentId), objectives: linkObjectives(store, documentId) };
}

/** The issuer of a stored document: null when it has none, undefined when there is no such document. */
export function issuerOf(store: Store, documentId: string): string | null | undefined {
  const row = store.stmt("SELECT issuer FROM documents WHERE id = ?").get(documentId) as
    { issuer: string | null } | undefined;
  return row ? row.issuer : undefined;
}

/** Every issuer in the store (null for documents without one). */
export function issuers(store: Store): (string | null)[] {
  return (store.stmt("SELECT DISTINCT issuer FROM documents").all() as { issuer: string | null }[]).map(
    (r) => r.issuer,
  );
}

/** The documents of one issuer, oldest first: by their first target year, then by ingest time. */
export function documentsOfIssuer(store: Store, issuer: string | null): string[] {
  return (
    store
      .stmt(
        `SELECT id FROM documents WHERE issuer IS ? ORDER BY (SELECT min(value) FROM json_each(years)), ingested_at, id`,
      )
      .all(issuer) as { id: string }[]
  ).map((r) => r.id);
}

/** Drops every link from or to a document. */
export function deleteLinksOf(store: Store, documentId: string): void {
  store.stmt("DELETE FROM links WHERE from_document = ? OR to_document = ?").run(documentId, documentId);
}

/** Drops the links from one document to another (one direction). */
export function deleteLinksBetween(store: Store, from: string, to: string): void {
  store.stmt("DELETE FROM links WHERE from_document = ? AND to_document = ?").run(from, to);
}

/** Writes the links from one document's indicators to another's; returns how many. */
export function insertLinks(
  store: Store,
  fromDocument: string,
  toDocument: string,
  links: IndicatorLink[],
  createdAt: string,
): number {
  const ins = store.stmt(
    "INSERT INTO links (from_indicator, to_indicator, from_document, to_document, method, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  for (const l of links) ins.run(l.from, l.to, fromDocument, toDocument, l.method, l.score, createdAt);
  return links.length;
}

/** A stored link between two documents, by the indicators' positions in their documents. */
export interface StoredLink {
  method: string;
  score: number;
  fromOrd: number;
  toOrd: number;
}

/** The links stored from one document to another (one direction), in the order they were written. */
export function storedLinks(store: Store, from: string, to: string): StoredLink[] {
  return store
    .stmt(
      `SELECT l.method, l.score, fa.ord AS fromOrd, fb.ord AS toOrd
       FROM links l JOIN indicators fa ON fa.id = l.from_indicator JOIN indicators fb ON fb.id = l.to_indicator
       WHERE l.from_document = ? AND l.to_document = ?`,
    )
    .all(from, to) as StoredLink[];
}
