/**
 * Where linking stands for each document (migration 007): 'pending' from the moment it is written
 * (a trigger, in the document's own transaction), 'linked' or 'partial' once its links are written.
 * The link step reads what is pending, links outside any transaction, and writes each issuer's links
 * in one short transaction checked against the sequence it linked.
 */
import type { Store } from "./store.js";

export type LinkState = "pending" | "linked" | "partial";

/** One document in its issuer's sequence, as the link step saw it. */
export interface SequenceEntry {
  id: string;
  file: string;
  /** changes when the document is replaced: links computed before are then stale */
  ingestedAt: string;
}

/** The issuers that have documents waiting for links (null: documents without an issuer). */
export function pendingIssuers(store: Store): (string | null)[] {
  return (
    store
      .stmt(
        `SELECT DISTINCT d.issuer FROM link_state s JOIN documents d ON d.id = s.document_id
         WHERE s.state = 'pending'`,
      )
      .all() as { issuer: string | null }[]
  ).map((r) => r.issuer);
}

/** The documents of one issuer waiting for links. */
export function pendingDocuments(store: Store, issuer: string | null): string[] {
  return (
    store
      .stmt(
        `SELECT d.id FROM link_state s JOIN documents d ON d.id = s.document_id
         WHERE s.state = 'pending' AND d.issuer IS ?`,
      )
      .all(issuer) as { id: string }[]
  ).map((r) => r.id);
}

/** The documents of one issuer, oldest first (as documentsOfIssuer), with what tells a replaced one. */
export function issuerSequence(store: Store, issuer: string | null): SequenceEntry[] {
  return store
    .stmt(
      `SELECT id, file, ingested_at AS ingestedAt FROM documents WHERE issuer IS ?
       ORDER BY (SELECT min(value) FROM json_each(years)), ingested_at, id`,
    )
    .all(issuer) as SequenceEntry[];
}

/** Sets where linking stands for documents (a document without a row gets one). */
export function setLinkState(
  store: Store,
  documentIds: string[],
  state: LinkState,
  note: string | null = null,
): void {
  const at = new Date().toISOString();
  const st = store.stmt(
    `INSERT INTO link_state (document_id, state, updated_at, note) VALUES (?, ?, ?, ?)
     ON CONFLICT(document_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, note = excluded.note`,
  );
  for (const id of documentIds) st.run(id, state, at, note);
}

/** Where linking stands for one document (undefined when there is no such document). */
export function linkStateOf(
  store: Store,
  documentId: string,
): { state: LinkState; note: string | null } | undefined {
  return store.stmt("SELECT state, note FROM link_state WHERE document_id = ?").get(documentId) as
    { state: LinkState; note: string | null } | undefined;
}

/**
 * Drops a document's links to anything but its neighbours (`prev` → it → `next`, null when it has
 * none), and the direct links between those two: they are joined through it now.
 */
export function pruneLinks(store: Store, documentId: string, prev: string | null, next: string | null): void {
  store.stmt("DELETE FROM links WHERE from_document = ? AND to_document IS NOT ?").run(documentId, next);
  store.stmt("DELETE FROM links WHERE to_document = ? AND from_document IS NOT ?").run(documentId, prev);
  if (prev && next) {
    store.stmt("DELETE FROM links WHERE from_document = ? AND to_document = ?").run(prev, next);
    store.stmt("DELETE FROM links WHERE from_document = ? AND to_document = ?").run(next, prev);
  }
}
