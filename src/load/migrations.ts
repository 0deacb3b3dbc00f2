/**
 * Named, ordered schema migrations (as sqlite-utils records them): each runs once, in a transaction,
 * and is recorded in _migrations. Never edit a released migration; add a new one.
 */
export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: "001_initial",
    sql: `
CREATE TABLE documents (
  id TEXT PRIMARY KEY,               -- sha256 of the file as given (the envelope when signed)
  file TEXT NOT NULL,                -- base name as given
  path TEXT,                         -- path it was ingested from
  kind TEXT NOT NULL CHECK (kind IN ('plan','report','dashboard','other')),
  issuer TEXT,
  title TEXT,
  act_type TEXT, act_number TEXT, act_date TEXT,
  years TEXT NOT NULL DEFAULT '[]',  -- JSON array of years that carry targets
  pages INTEGER NOT NULL,
  ocr_pages INTEGER NOT NULL DEFAULT 0,
  profile TEXT,
  producer TEXT,
  signatories TEXT NOT NULL DEFAULT '[]',
  warnings TEXT NOT NULL DEFAULT '[]',
  ingested_at TEXT NOT NULL
);
CREATE TABLE pages (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  width REAL, height REAL,
  ocr INTEGER NOT NULL DEFAULT 0,
  text TEXT,                         -- body text in reading order, for search and review
  PRIMARY KEY (document_id, page)
);
CREATE TABLE signatures (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  format TEXT NOT NULL, signer TEXT, signed_at TEXT, integrity TEXT
);
CREATE TABLE objectives (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  code TEXT, title TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
  weight REAL, owner TEXT,
  page INTEGER, bbox TEXT
);
CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  code TEXT, name TEXT NOT NULL, description TEXT, objective_code TEXT, formula TEXT,
  weight REAL, owner TEXT,
  page INTEGER NOT NULL, bbox TEXT
);
CREATE INDEX indicators_document ON indicators(document_id);
CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  year INTEGER, op TEXT NOT NULL,
  value_num REAL, value_text TEXT,   -- one of the two, or neither for a missing value
  max REAL, unit TEXT, raw TEXT NOT NULL,
  change_pct REAL, base TEXT, relative INTEGER NOT NULL DEFAULT 0,
  superseded INTEGER NOT NULL DEFAULT 0,
  low_confidence INTEGER NOT NULL DEFAULT 0,
  page INTEGER, bbox TEXT
);
CREATE INDEX targets_indicator ON targets(indicator_id);
CREATE TABLE baselines (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  year INTEGER, value_num REAL, value_text TEXT, unit TEXT, raw TEXT NOT NULL,
  low_confidence INTEGER NOT NULL DEFAULT 0,
  page INTEGER, bbox TEXT
);
CREATE INDEX baselines_indicator ON baselines(indicator_id);
CREATE TABLE results (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  year INTEGER, value_num REAL, value_text TEXT, unit TEXT, raw TEXT NOT NULL,
  achievement_pct REAL,
  low_confidence INTEGER NOT NULL DEFAULT 0,
  page INTEGER, bbox TEXT
);
CREATE INDEX results_indicator ON results(indicator_id);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE failures (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL, path TEXT, sha256 TEXT,
  reason TEXT NOT NULL, message TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE VIRTUAL TABLE indicators_fts USING fts5(
  name, description, formula, content='indicators', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER indicators_ai AFTER INSERT ON indicators BEGIN
  INSERT INTO indicators_fts(rowid, name, description, formula) VALUES (new.id, new.name, new.description, new.formula);
END;
CREATE TRIGGER indicators_ad AFTER DELETE ON indicators BEGIN
  INSERT INTO indicators_fts(indicators_fts, rowid, name, description, formula)
  VALUES ('delete', old.id, old.name, old.description, old.formula);
END;
CREATE VIRTUAL TABLE objectives_fts USING fts5(
  title, content='objectives', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER objectives_ai AFTER INSERT ON objectives BEGIN
  INSERT INTO objectives_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER objectives_ad AFTER DELETE ON objectives BEGIN
  INSERT INTO objectives_fts(objectives_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
`,
  },
  {
    name: "002_links",
    sql: `
CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  from_indicator INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  to_indicator INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  from_document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  to_document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN ('code', 'name', 'similarity')),
  score REAL NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX links_from ON links(from_indicator);
CREATE INDEX links_to ON links(to_indicator);
CREATE INDEX links_documents ON links(from_document, to_document);
`,
  },
  {
    name: "003_timestamps",
    sql: `
-- ISO 8601 times of the RFC 3161 timestamps of the envelope (.tsd, .m7m), as a JSON array
ALTER TABLE documents ADD COLUMN timestamps TEXT NOT NULL DEFAULT '[]';
`,
  },
  {
    name: "004_fts_per_document",
    sql: `
-- the full-text indexes are filled once per document, by Store.insertDocument in the same
-- transaction, instead of by a trigger per row (the index takes a document's rows in half the time);
-- the delete triggers stay
DROP TRIGGER indicators_ai;
DROP TRIGGER objectives_ai;
`,
  },
  {
    name: "005_lookup_indexes",
    sql: `
-- a document's objectives, notes and signatures are read (export, show) and deleted (a replaced
-- document's rows cascade) by document and by indicator: without these indexes each read or delete
-- scanned the whole table, so that exporting 3000 documents took 300 s instead of 30
CREATE INDEX objectives_document ON objectives(document_id);
CREATE INDEX notes_indicator ON notes(indicator_id);
CREATE INDEX signatures_document ON signatures(document_id);
`,
  },
  {
    name: "006_confidence_review",
    sql: `
-- how sure the reading is (0..1, from its evidence: header word, row kind, value parsed), and whether
-- a person should check it first (low confidence or unsure OCR)
ALTER TABLE objectives ADD COLUMN confidence REAL;
ALTER TABLE objectives ADD COLUMN review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN confidence REAL;
ALTER TABLE indicators ADD COLUMN review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN confidence REAL;
ALTER TABLE targets ADD COLUMN review INTEGER NOT NULL DEFAULT 0;
CREATE INDEX indicators_review ON indicators(document_id) WHERE review = 1;
`,
  },
  {
    name: "007_link_state",
    sql: `
-- linking is its own step, after the document's transaction: a document is 'pending' from the moment
-- it is written (the trigger below, in the same transaction, so a kill between the two steps leaves
-- it pending and the next run links it), 'linked' once its links to its neighbours are written, or
-- 'partial' when the time budget stopped linking it (note says what was left)
CREATE TABLE link_state (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'linked', 'partial')),
  updated_at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX link_state_pending ON link_state(state) WHERE state = 'pending';
-- a document's links are dropped and rewritten from both ends (links_documents covers from_document)
CREATE INDEX links_to_document ON links(to_document);
CREATE TRIGGER documents_link_pending AFTER INSERT ON documents BEGIN
  INSERT OR REPLACE INTO link_state (document_id, state, updated_at) VALUES (new.id, 'pending', new.ingested_at);
END;
-- a document that goes leaves its two neighbours to be joined: those it was linked with are pending
CREATE TRIGGER documents_link_neighbours BEFORE DELETE ON documents BEGIN
  UPDATE link_state SET state = 'pending', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE document_id IN (SELECT to_document FROM links WHERE from_document = old.id
                        UNION SELECT from_document FROM links WHERE to_document = old.id);
END;
-- documents stored before: linked again by the evidence-checking linker on the next run
INSERT INTO link_state (document_id, state, updated_at) SELECT id, 'pending', ingested_at FROM documents;
`,
  },
  {
    name: "008_corrections",
    sql: `
-- what a person corrected (issue 18), kept apart from the rows read from the file and applied on every
-- read. An item is named by a stable key made from what was read (codes, names, years, order of
-- appearance), not by row ids, and there is no foreign key: replacing a document (ingest --force)
-- deletes its rows, not its corrections. The table is a log: the latest row for an item's field wins.
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL,   -- sha256 of the file as given (documents.id), kept when the document is replaced or gone
  item TEXT NOT NULL,          -- the item's stable key: 'doc', 'ind:C1.1_04', 'ind:C1.1_04/target:2024', 'ind:+3f9a…' (added)
  field TEXT NOT NULL,         -- the field ('value', 'name', ...), '*' for the whole item (added or deleted), 'reviewed' on 'doc'
  old_value TEXT,              -- JSON: the value as read when the correction was made (null for an added item)
  new_value TEXT,              -- JSON: the corrected value (null for a deleted item)
  author TEXT,
  at TEXT NOT NULL,            -- ISO 8601
  note TEXT
);
CREATE INDEX corrections_item ON corrections(document_id, item, field, id);
`,
  },
  {
    name: "009_failures_cleanup",
    sql: `
-- a file's failures are deleted when it loads (by its sha256, or by its path: the file there now
-- loaded), so that a file that failed once (a full disk, a bug since fixed) is not listed for good
CREATE INDEX failures_sha256 ON failures(sha256);
CREATE INDEX failures_path ON failures(path);
DELETE FROM failures
 WHERE sha256 IN (SELECT id FROM documents)
    OR path IN (SELECT path FROM documents WHERE path IS NOT NULL);
`,
  },
  {
    name: "010_search_by_document",
    sql: `
-- the documents list's full-text search (issue 18): indicators_fts and objectives_fts give an item's
-- row id, and finding its document meant one lookup per matching item (35,000 lookups, 0.8 s, for a
-- word in every one of 5,000 documents). search_fts indexes the same texts, one row per item as
-- before (the words of a query must all be in one item), under a row id that holds its document:
-- search_key * 2^20 + ord for an indicator, search_key * 2^20 + 2^19 + ord for an objective, so that
-- a document is found from the index alone (rowid >> 20). Contentless: the texts stay in their tables.
ALTER TABLE documents ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX documents_search_key ON documents(search_key);
UPDATE documents SET search_key = rowid;
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, description, formula, title, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO search_fts(rowid, name, description, formula, title)
  SELECT d.search_key * 1048576 + i.ord, i.name, i.description, i.formula, NULL
    FROM indicators i JOIN documents d ON d.id = i.document_id;
INSERT INTO search_fts(rowid, name, description, formula, title)
  SELECT d.search_key * 1048576 + 524288 + o.ord, NULL, NULL, NULL, o.title
    FROM objectives o JOIN documents d ON d.id = o.document_id;
-- a document that goes takes its entries (before its items cascade: their ords name the entries)
CREATE TRIGGER documents_search_bd BEFORE DELETE ON documents BEGIN
  DELETE FROM search_fts WHERE rowid IN (
    SELECT old.search_key * 1048576 + ord FROM indicators WHERE document_id = old.id
    UNION ALL SELECT old.search_key * 1048576 + 524288 + ord FROM objectives WHERE document_id = old.id);
END;
`,
  },
  {
    name: "011_page_turn",
    sql: `
-- a page whose text runs sideways (a landscape table set on a portrait page) is read turned so that
-- its text is level, and its boxes are in that turned view: a viewer turns the page the same way
ALTER TABLE pages ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
`,
  },
];
