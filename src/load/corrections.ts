/**
 * The corrections table (migration 018): a log of what people corrected, by document sha256 and the
 * item's stable key. Applying corrections to what was read is the review stage's; this file only
 * writes and reads the rows.
 */
import type { Correction, NewCorrection } from "../model/index.js";
import type { Store } from "./store.js";

interface Row {
  id: number;
  document_id: string;
  item: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  author: string | null;
  at: string;
  note: string | null;
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function fromRow(r: Row): Correction {
  return {
    id: r.id,
    document: r.document_id,
    item: r.item,
    field: r.field,
    oldValue: parse(r.old_value),
    newValue: parse(r.new_value),
    author: r.author,
    at: r.at,
    note: r.note,
  };
}

/** Writes corrections in one transaction; resolves with them as stored (with their ids), in order. */
export function insertCorrections(store: Store, rows: readonly NewCorrection[]): Correction[] {
  hasTable.delete(store);
  const ins = store.stmt(
    `INSERT INTO corrections (document_id, item, field, old_value, new_value, author, at, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return store.writeTransaction(() =>
    rows.map((c) => {
      const id = ins.run(
        c.document,
        c.item,
        c.field,
        c.oldValue === null || c.oldValue === undefined ? null : JSON.stringify(c.oldValue),
        c.newValue === null || c.newValue === undefined ? null : JSON.stringify(c.newValue),
        c.author,
        c.at,
        c.note,
      ).lastInsertRowid;
      return { ...c, id: Number(id) };
    }),
  );
}

// a database opened read-only is not migrated: one made before migration 018 has no corrections table
const hasTable = new WeakMap<Store, boolean>();
/** Whether the store has the corrections table (a read-only one made before migration 018 has not). */
export function correctionsTableThere(store: Store): boolean {
  let there = hasTable.get(store);
  if (there === undefined) {
    there =
      store.stmt("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get() !==
      undefined;
    // a store open for writing has it (migrated); a read-only one may gain it from another process
    if (there || !store.readonly) hasTable.set(store, there);
  }
  return there;
}

/** Every correction of one document, oldest first. */
export function correctionsOf(store: Store, documentId: string): Correction[] {
  if (!correctionsTableThere(store)) return [];
  return (
    store.stmt("SELECT * FROM corrections WHERE document_id = ? ORDER BY id").all(documentId) as Row[]
  ).map(fromRow);
}

/** Whether a document has any correction (its sign-off included): one index probe. */
export function hasCorrections(store: Store, documentId: string): boolean {
  if (!correctionsTableThere(store)) return false;
  return store.stmt("SELECT 1 FROM corrections WHERE document_id = ? LIMIT 1").get(documentId) !== undefined;
}

/** Every correction in the store, oldest first (for listing; documents that are gone included). */
export function allCorrections(store: Store): Correction[] {
  if (!correctionsTableThere(store)) return [];
  return (store.stmt("SELECT * FROM corrections ORDER BY id").all() as Row[]).map(fromRow);
}

/** The ids of documents that have corrections but are not in the store (replaced by nothing, or deleted). */
export function correctedDocumentsGone(store: Store): string[] {
  if (!correctionsTableThere(store)) return [];
  return (
    store
      .stmt(
        "SELECT DISTINCT document_id AS id FROM corrections WHERE document_id NOT IN (SELECT id FROM documents) ORDER BY id",
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
}
