import { afterAll, describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { listDocuments, MIGRATIONS, Store } from "../../src/load/index.js";
import type { StoredDocument } from "../../src/model/index.js";
import { sampleDocument, tempDir } from "../helpers.js";

// The documents list's full-text search reads search_fts (migration 010), whose row ids hold the
// document; before it, each matching indicator or objective was looked up in its table. These tests
// keep the old way as the oracle: a copy of the database taken back to before migration 010 and
// opened read-only searches as before, and must find the same documents, in the same order.

const t = tempDir("allegati-search-");
afterAll(() => t.cleanup());

const base = sampleDocument();
const ind0 = base.indicators[0]!;
const obj = base.objectives;

/** Document i: every one speaks of "imprese", one in three of "digitalizzazione", one only of "unicorno". */
function doc(i: number): StoredDocument {
  const names = [
    "Grado di coinvolgimento delle imprese",
    i % 3 === 0 ? "Servizi per la digitalizzazione delle imprese" : "Tempi medi di pagamento",
    // "digitale" and "sportello" in two different indicators here, in one indicator in doc 4
    i === 5
      ? "Pratiche allo sportello"
      : i === 4
        ? "Sportello digitale per le imprese"
        : "Azioni di formazione",
    i === 5 ? "Cassetto digitale" : `Indicatore numero ${i}`,
    i === 7 ? "Unicorno società partecipate" : "Qualità percepita",
  ];
  return {
    ...base,
    id: i.toString(16).padStart(64, "0"),
    file: `allegato-${i}.pdf`,
    path: `/archive/allegato-${i}.pdf`,
    issuer: `Ente ${i % 4}`,
    kind: (["plan", "report", "dashboard", "other"] as const)[i % 4]!,
    objectives: [
      obj[0]!,
      {
        ...obj[1]!,
        title: i === 2 ? "Efficienza energetica degli uffici" : "Aumentare le imprese informate",
      },
    ],
    indicators: names.map((name, k) => ({
      ...ind0,
      code: `C${i}.${k}`,
      name,
      formula: k === 1 && i === 6 ? "N. pratiche telematiche / N. pratiche" : ind0.formula,
      description: k === 0 && i === 8 ? "Qualità del servizio (società in house)" : null,
    })),
  };
}

const QUERIES = [
  "imprese", // every document, in several items each
  "impr", // a prefix of it
  "Imprèse", // case and diacritics folded
  "unicorno", // one document
  "unic", // a rare prefix
  "energetica", // one objective's title only
  "telematiche", // one formula only
  "societa", // a description and a name, without the accent
  "digitale sportello", // both words in one indicator (doc 4), not in doc 5 where they are apart
  "digitale", // in an objective of every document
  "digitalizz", // a prefix found in four
  "pratiche teleM", // a word and a prefix in one formula
  "allegato-3", // a file name (LIKE) and no indicator
  "Ente 2", // an issuer
  "nessuna parola", // nothing
  '"NEAR(', // FTS5 syntax taken as words
];

function build(path: string, n: number): Store {
  const store = new Store(path);
  for (let i = 0; i < n; i++) store.insertDocument(doc(i));
  return store;
}

/** A copy of the database as it was before migration 010 (what a database written by an older allegati holds). */
function before010(from: string, to: string): void {
  copyFileSync(from, to);
  const db = new Database(to);
  db.exec(`DROP TRIGGER documents_search_bd; DROP TABLE search_fts; DROP INDEX documents_search_key;
           ALTER TABLE documents DROP COLUMN search_key;
           DELETE FROM _migrations WHERE name = '010_search_by_document';`);
  db.close();
}

const found = (store: Store, q: string, more: object = {}) => {
  const l = listDocuments(store, { q, limit: 500, ...more });
  return { total: l.total, files: l.documents.map((d) => d.file) };
};

describe("the documents list's search (search_fts)", () => {
  it("finds the same documents as the per-item indexes did, for common and rare words and prefixes", () => {
    const path = join(t.dir, "a.db");
    const store = build(path, 12);
    // the WAL's pages into the file before it is copied
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    before010(path, join(t.dir, "old.db"));
    const old = new Store(join(t.dir, "old.db"), { readonly: true });
    expect(old.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").get()).toBeUndefined();
    for (const q of QUERIES) {
      expect(found(store, q), q).toEqual(found(old, q));
      // paged and filtered alike
      expect(found(store, q, { limit: 2, offset: 1, sort: "pages" }), q).toEqual(
        found(old, q, { limit: 2, offset: 1, sort: "pages" }),
      );
      expect(found(store, q, { kind: "report" }), q).toEqual(found(old, q, { kind: "report" }));
    }
    // the cases are what they say: not all the same answer
    expect(found(store, "imprese").total).toBe(12);
    expect(found(store, "impr").total).toBe(12);
    expect(found(store, "unicorno").files).toEqual(["allegato-7.pdf"]);
    expect(found(store, "unic").files).toEqual(["allegato-7.pdf"]);
    expect(found(store, "energetica").files).toEqual(["allegato-2.pdf"]);
    expect(found(store, "telematiche").files).toEqual(["allegato-6.pdf"]);
    expect(found(store, "societa").files).toEqual(["allegato-7.pdf", "allegato-8.pdf"]);
    expect(found(store, "digitale sportello").files).toEqual(["allegato-4.pdf"]);
    expect(found(store, "pratiche teleM").files).toEqual(["allegato-6.pdf"]);
    expect(found(store, "digitale").total).toBe(12);
    expect(found(store, "digitalizz").files).toEqual([
      "allegato-0.pdf",
      "allegato-3.pdf",
      "allegato-6.pdf",
      "allegato-9.pdf",
    ]);
    expect(found(store, "nessuna parola").total).toBe(0);
    old.close();
    store.close();
  });

  it("follows documents replaced and deleted, and fills itself in a database from before it", () => {
    const path = join(t.dir, "b.db");
    const store = build(path, 9);
    // doc 7 read again without its rare word; doc 4 gone; doc 2 replaced as it was
    store.insertDocument({ ...doc(7), indicators: doc(7).indicators.slice(0, 4) }, { replace: true });
    store.deleteDocument(doc(4).id);
    store.insertDocument(doc(2), { replace: true });
    expect(found(store, "unicorno").total).toBe(0);
    expect(found(store, "digitale sportello").total).toBe(0);
    expect(found(store, "energetica").files).toEqual(["allegato-2.pdf"]);
    expect(found(store, "imprese").total).toBe(8);
    // no entry is left of what went: one per indicator and objective stored
    const entries = store.db
      .prepare(
        "SELECT count(*) n FROM search_fts WHERE search_fts MATCH 'imprese OR qualita OR favorire OR efficienza OR unicorno'",
      )
      .get() as { n: number };
    const items = store.db
      .prepare(
        `SELECT (SELECT count(*) FROM indicators WHERE id IN (SELECT rowid FROM indicators_fts WHERE indicators_fts MATCH 'imprese OR qualita OR unicorno'))
              + (SELECT count(*) FROM objectives WHERE id IN (SELECT rowid FROM objectives_fts WHERE objectives_fts MATCH 'imprese OR favorire OR efficienza')) n`,
      )
      .get() as { n: number };
    expect(entries.n).toBe(items.n);
    const answers = QUERIES.map((q) => found(store, q));
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    store.close();

    // the database as an older allegati left it: opening it for writing runs migration 010
    before010(path, join(t.dir, "c.db"));
    const migrated = new Store(join(t.dir, "c.db"));
    expect(migrated.db.prepare("SELECT count(*) n FROM _migrations").get()).toEqual({ n: MIGRATIONS.length });
    expect(QUERIES.map((q) => found(migrated, q))).toEqual(answers);
    // and the documents written after it get keys of their own
    migrated.insertDocument(doc(10));
    expect(found(migrated, "imprese").total).toBe(9);
    expect(found(migrated, "unicorno").total).toBe(0);
    migrated.close();
  });
});
