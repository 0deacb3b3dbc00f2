/**
 * The SQLite store (better-sqlite3, WAL). A document is written in one transaction, so a failure or a
 * kill leaves either the whole document or nothing. All SQL is parameterized.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type {
  ExportDocument,
  Indicator,
  Objective,
  Provenance,
  Result,
  StoredDocument,
  Target,
  Value,
} from "../model/index.js";
import { MIGRATIONS } from "./migrations.js";
import { retryBusy } from "./busy.js";

/** search_fts's row ids give each document 2^19 indicators and 2^19 objectives (migration 010). */
const SEARCH_ORDS = 524288;

export const DEFAULT_DB = "data/allegati.db";

export function defaultDbPath(): string {
  return process.env.ALLEGATI_DB || DEFAULT_DB;
}

/** A read-only store was asked for where there is no database: nothing is created. */
export class NoDatabaseError extends Error {
  override readonly name = "NoDatabaseError";
  constructor(readonly path: string) {
    super(`no database at ${path}`);
  }
}

/**
 * The database was written by a newer allegati (its `_migrations` names ones this version does not
 * know): writing into it could break what the newer version relies on, so it is opened only to read.
 */
export class NewerDatabaseError extends Error {
  override readonly name = "NewerDatabaseError";
  constructor(
    readonly path: string,
    readonly unknown: string[],
  ) {
    super(
      `the database at ${path} was written by a newer allegati (migrations ${unknown.join(", ")} are unknown to this one): ` +
        "nothing is written into it; update allegati, or read it with export, show or query",
    );
  }
}

export interface OpenStoreOptions {
  /**
   * Open an existing database for reading only: nothing is created (no file, no folder, no
   * migration), and SQLite itself refuses every write. Throws NoDatabaseError when there is none.
   */
  readonly?: boolean;
}

/**
 * Opens the store at `path` (default: $ALLEGATI_DB or data/allegati.db). For writing (the default),
 * the database and its folder are created when missing and the migrations applied; read-only, the
 * database must exist.
 */
export function openStore(path: string = defaultDbPath(), opts: OpenStoreOptions = {}): Store {
  if (opts.readonly && path !== ":memory:" && !existsSync(path)) throw new NoDatabaseError(path);
  return new Store(path, opts);
}

export interface Failure {
  file: string;
  path: string | null;
  sha256: string | null;
  reason: string;
  message: string;
  at: string;
}

type Row = Record<string, unknown>;

export class Store {
  readonly db: Database.Database;
  // statements are compiled once per connection: a document inserts thousands of rows
  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled on first use. */
  stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** true when opened read-only: SQLite refuses every write on this connection */
  readonly readonly: boolean;
  /** a private copy read instead of a database in a place this user cannot write (removed on close) */
  private readonly copyDir: string | null = null;

  constructor(
    readonly path: string,
    opts: OpenStoreOptions = {},
  ) {
    this.readonly = opts.readonly ?? false;
    if (opts.readonly) {
      const ro = openReadOnly(path);
      this.db = ro.db;
      this.copyDir = ro.copyDir;
      this.db.pragma("busy_timeout = 30000");
      return;
    }
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      this.db.pragma("busy_timeout = 30000");
      // a fresh database opened by two processes at once: see busy.ts
      retryBusy(() => this.db.pragma("journal_mode = WAL"));
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      retryBusy(() => this.migrate());
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  close(): void {
    this.db.close();
    if (this.copyDir) rmSync(this.copyDir, { recursive: true, force: true });
  }

  /**
   * Runs `fn` in one write transaction, taken at once (BEGIN IMMEDIATE) so that two writers wait for
   * each other instead of failing half-way; nested calls join the outer transaction.
   */
  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
    const done = new Set(
      (this.stmt("SELECT name FROM _migrations").all() as { name: string }[]).map((r) => r.name),
    );
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = [...done].filter((n) => !known.has(n));
    if (unknown.length) throw new NewerDatabaseError(this.path, unknown.sort());
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      // IMMEDIATE: two processes opening a fresh database must not both apply a migration
      this.db
        .transaction(() => {
          const again = this.stmt("SELECT 1 FROM _migrations WHERE name = ?").get(m.name);
          if (again) return;
          this.db.exec(m.sql);
          this.stmt("INSERT INTO _migrations VALUES (?, ?)").run(m.name, new Date().toISOString());
        })
        .immediate();
    }
  }

  hasDocument(id: string): boolean {
    return this.stmt("SELECT 1 FROM documents WHERE id = ?").get(id) !== undefined;
  }

  deleteDocument(id: string): void {
    this.stmt("DELETE FROM documents WHERE id = ?").run(id);
  }

  /**
   * Writes a document and everything read from it in one transaction. With `replace`, an existing
   * document with the same id is replaced; without it, an existing one is kept and false returned.
   */
  insertDocument(doc: StoredDocument, opts: { replace?: boolean } = {}): boolean {
    return this.db
      .transaction((): boolean => {
        if (this.hasDocument(doc.id)) {
          if (!opts.replace) return false;
          this.deleteDocument(doc.id);
        }
        // the file loads: what it failed with before (and what failed at its path) is over
        this.stmt("DELETE FROM failures WHERE sha256 = ? OR path = ?").run(doc.id, doc.path ?? null);
        this.stmt(
          `INSERT INTO documents (id, file, path, kind, issuer, title, act_type, act_number, act_date, years,
               pages, ocr_pages, profile, producer, signatories, timestamps, warnings, ingested_at, search_key)
             VALUES (@id, @file, @path, @kind, @issuer, @title, @act_type, @act_number, @act_date, @years,
               @pages, @ocr_pages, @profile, @producer, @signatories, @timestamps, @warnings, @ingested_at,
               (SELECT coalesce(max(search_key), 0) + 1 FROM documents))`,
        ).run({
          id: doc.id,
          file: doc.file,
          path: doc.path ?? null,
          kind: doc.kind,
          issuer: doc.issuer,
          title: doc.title ?? null,
          act_type: doc.act?.type ?? null,
          act_number: doc.act?.number ?? null,
          act_date: doc.act?.date ?? null,
          years: JSON.stringify(doc.years),
          pages: doc.pages,
          ocr_pages: doc.ocrPages,
          profile: doc.profile ?? null,
          producer: doc.producer ?? null,
          signatories: JSON.stringify(doc.signatories ?? []),
          timestamps: JSON.stringify(doc.timestamps ?? []),
          warnings: JSON.stringify(doc.warnings ?? []),
          ingested_at: new Date().toISOString(),
        });
        const page = this.stmt(
          "INSERT INTO pages (document_id, page, width, height, turn, ocr, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        );
        for (const p of doc.pageInfo ?? [])
          page.run(doc.id, p.page, p.width, p.height, p.turn ?? 0, p.ocr ? 1 : 0, p.text);
        const sig = this.stmt(
          "INSERT INTO signatures (document_id, format, signer, signed_at, integrity) VALUES (?, ?, ?, ?, ?)",
        );
        for (const s of doc.signatures)
          sig.run(doc.id, s.format, s.signer, s.signedAt ?? null, s.integrity ?? null);
        doc.objectives.forEach((o, i) => this.insertObjective(doc.id, i, o));
        doc.indicators.forEach((ind, i) => this.insertIndicator(doc.id, i, ind));
        // full-text search, for the whole document at once (migration 004)
        this.stmt(
          "INSERT INTO objectives_fts(rowid, title) SELECT id, title FROM objectives WHERE document_id = ?",
        ).run(doc.id);
        this.stmt(
          `INSERT INTO indicators_fts(rowid, name, description, formula)
             SELECT id, name, description, formula FROM indicators WHERE document_id = ?`,
        ).run(doc.id);
        // the documents list's search, whose row ids hold the document (migration 010)
        if (Math.max(doc.indicators.length, doc.objectives.length) > SEARCH_ORDS)
          throw new Error(
            `a document of more than ${SEARCH_ORDS} indicators or objectives cannot be indexed`,
          );
        this.stmt(
          `INSERT INTO search_fts(rowid, name, description, formula, title)
             SELECT d.search_key * 1048576 + i.ord, i.name, i.description, i.formula, NULL
               FROM indicators i JOIN documents d ON d.id = i.document_id WHERE i.document_id = ?
             UNION ALL
             SELECT d.search_key * 1048576 + 524288 + o.ord, NULL, NULL, NULL, o.title
               FROM objectives o JOIN documents d ON d.id = o.document_id WHERE o.document_id = ?`,
        ).run(doc.id, doc.id);
        return true;
      })
      .immediate();
  }

  private insertObjective(docId: string, ord: number, o: Objective): void {
    this.stmt(
      `INSERT INTO objectives (document_id, ord, code, title, level, parent_code, weight, owner, page, bbox,
         confidence, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      docId,
      ord,
      o.code,
      o.title,
      o.level,
      o.parentCode,
      o.weight ?? null,
      o.owner ?? null,
      ...prov(o.source),
      o.confidence ?? null,
      o.review ? 1 : 0,
    );
  }

  private insertIndicator(docId: string, ord: number, ind: Indicator): void {
    const id = this.stmt(
      `INSERT INTO indicators (document_id, ord, code, name, description, objective_code, formula, weight, owner, page, bbox,
         confidence, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      docId,
      ord,
      ind.code,
      ind.name,
      ind.description ?? null,
      ind.objectiveCode,
      ind.formula,
      ind.weight ?? null,
      ind.owner ?? null,
      ...prov(ind.source),
      ind.confidence ?? null,
      ind.review ? 1 : 0,
    ).lastInsertRowid;
    const target = this.stmt(
      `INSERT INTO targets (indicator_id, ord, year, op, value_num, value_text, max, unit, raw, change_pct, base, relative,
         superseded, low_confidence, page, bbox, confidence, review)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    ind.targets.forEach((t: Target, i) =>
      target.run(
        id,
        i,
        t.year,
        t.op,
        ...splitValue(t.value),
        t.max ?? null,
        t.unit,
        t.raw,
        t.relative?.changePct ?? null,
        t.relative?.base ?? null,
        t.relative ? 1 : 0,
        t.superseded ? 1 : 0,
        t.lowConfidence ? 1 : 0,
        ...prov(t.source),
        t.confidence ?? null,
        t.review ? 1 : 0,
      ),
    );
    const baseline = this.stmt(
      `INSERT INTO baselines (indicator_id, ord, year, value_num, value_text, unit, raw, low_confidence, page, bbox)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    ind.baselines.forEach((b: Value, i) =>
      baseline.run(
        id,
        i,
        b.year,
        ...splitValue(b.value),
        b.unit,
        b.raw,
        b.lowConfidence ? 1 : 0,
        ...prov(b.source),
      ),
    );
    const result = this.stmt(
      `INSERT INTO results (indicator_id, ord, year, value_num, value_text, unit, raw, achievement_pct, low_confidence, page, bbox)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    ind.results.forEach((r: Result, i) =>
      result.run(
        id,
        i,
        r.year,
        ...splitValue(r.value),
        r.unit,
        r.raw,
        r.achievementPct ?? null,
        r.lowConfidence ? 1 : 0,
        ...prov(r.source),
      ),
    );
    const note = this.stmt("INSERT INTO notes (indicator_id, ord, text) VALUES (?, ?, ?)");
    (ind.notes ?? []).forEach((n, i) => note.run(id, i, n));
  }

  recordFailure(f: Failure): void {
    this.stmt("INSERT INTO failures (file, path, sha256, reason, message, at) VALUES (?, ?, ?, ?, ?, ?)").run(
      f.file,
      f.path,
      f.sha256,
      f.reason,
      f.message,
      f.at,
    );
  }

  failures(): Failure[] {
    return this.stmt(
      "SELECT file, path, sha256, reason, message, at FROM failures ORDER BY id",
    ).all() as Failure[];
  }

  documentIds(): string[] {
    return this.stmt("SELECT id FROM documents ORDER BY file, id").pluck().all() as string[];
  }

  /**
   * The documents' ids as documentIds orders them, read from SQLite as they are iterated (an export
   * of any size never holds them all). Until the iterator ends, this connection reads one snapshot:
   * other reads on it see that snapshot, and a write on it throws (better-sqlite3: "connection is
   * busy"). Its own statement, so that two such iterations can run at once.
   */
  *eachDocumentId(): Generator<string> {
    yield* this.db
      .prepare("SELECT id FROM documents ORDER BY file, id")
      .pluck()
      .iterate() as Iterable<string>;
  }

  /** Finds documents by id prefix, exact file name, or path. */
  findDocuments(ref: string): string[] {
    const rows = this.stmt(
      "SELECT id FROM documents WHERE id LIKE ? || '%' OR file = ? OR path = ? ORDER BY file",
    ).all(ref.toLowerCase(), ref, ref) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Reads one document back in the export contract's shape (plus extensions). */
  exportDocument(id: string): ExportDocument & { path: string | null; warnings: string[] } {
    const d = this.stmt("SELECT * FROM documents WHERE id = ?").get(id) as Row | undefined;
    if (!d) throw new Error(`no document ${id}`);
    const sigs = this.stmt(
      "SELECT format, signer, signed_at, integrity FROM signatures WHERE document_id = ? ORDER BY id",
    ).all(id) as Row[];
    const objectives = (
      this.stmt("SELECT * FROM objectives WHERE document_id = ? ORDER BY ord").all(id) as Row[]
    ).map((o): Objective => ({
      code: o.code as string | null,
      title: o.title as string,
      level: o.level as Objective["level"],
      parentCode: o.parent_code as string | null,
      weight: o.weight as number | null,
      owner: o.owner as string | null,
      source: readProv(o),
      ...confidenceOf(o),
    }));
    const byIndicator = <T>(sql: string, map: (r: Row) => T): Map<number, T[]> => {
      const m = new Map<number, T[]>();
      for (const r of this.stmt(sql).all(id) as Row[]) {
        const k = r.indicator_id as number;
        let list = m.get(k);
        if (!list) m.set(k, (list = []));
        list.push(map(r));
      }
      return m;
    };
    const join = (t: string) =>
      `SELECT x.* FROM ${t} x JOIN indicators i ON i.id = x.indicator_id WHERE i.document_id = ? ORDER BY x.indicator_id, x.ord`;
    const targets = byIndicator(join("targets"), (t): Target => ({
      year: t.year as number | null,
      op: t.op as Target["op"],
      value: joinValue(t),
      max: t.max as number | null,
      unit: t.unit as Target["unit"],
      raw: t.raw as string,
      relative: t.relative
        ? { changePct: t.change_pct as number | null, base: t.base as string | null }
        : null,
      superseded: t.superseded === 1,
      source: readProv(t),
      ...(t.low_confidence ? { lowConfidence: true } : {}),
      ...confidenceOf(t),
    }));
    const baselines = byIndicator(join("baselines"), (b): Value => ({
      year: b.year as number | null,
      value: joinValue(b),
      unit: b.unit as Value["unit"],
      raw: b.raw as string,
      source: readProv(b),
      ...(b.low_confidence ? { lowConfidence: true } : {}),
    }));
    const results = byIndicator(join("results"), (r): Result => ({
      year: r.year as number | null,
      value: joinValue(r),
      unit: r.unit as Result["unit"],
      raw: r.raw as string,
      achievementPct: r.achievement_pct as number | null,
      source: readProv(r),
      ...(r.low_confidence ? { lowConfidence: true } : {}),
    }));
    const notes = byIndicator(join("notes"), (n) => n.text as string);
    const indicators = (
      this.stmt("SELECT * FROM indicators WHERE document_id = ? ORDER BY ord").all(id) as Row[]
    ).map((i): Indicator => {
      const k = i.id as number;
      return {
        code: i.code as string | null,
        name: i.name as string,
        description: i.description as string | null,
        objectiveCode: i.objective_code as string | null,
        formula: i.formula as string | null,
        weight: i.weight as number | null,
        owner: i.owner as string | null,
        baselines: baselines.get(k) ?? [],
        targets: targets.get(k) ?? [],
        results: results.get(k) ?? [],
        notes: notes.get(k) ?? [],
        source: readProv(i) ?? { page: 1, bbox: null },
        ...confidenceOf(i),
      };
    });
    const hasAct = d.act_type !== null || d.act_number !== null || d.act_date !== null;
    return {
      id: d.id as string,
      file: d.file as string,
      path: d.path as string | null,
      kind: d.kind as ExportDocument["kind"],
      issuer: d.issuer as string | null,
      title: d.title as string | null,
      act: hasAct
        ? {
            type: d.act_type as string | null,
            number: d.act_number as string | null,
            date: d.act_date as string | null,
          }
        : null,
      years: JSON.parse(d.years as string) as number[],
      pages: d.pages as number,
      ocrPages: d.ocr_pages as number,
      profile: (d.profile as string | null) ?? undefined,
      signatories: JSON.parse(d.signatories as string) as string[],
      ...timestampsOf(d.timestamps as string),
      warnings: JSON.parse(d.warnings as string) as string[],
      signatures: sigs.map((s) => ({
        format: s.format as "CAdES" | "PAdES",
        signer: s.signer as string | null,
        signedAt: s.signed_at as string | null,
        integrity: (s.integrity as "valid" | "invalid" | "unknown" | null) ?? "unknown",
      })),
      objectives,
      indicators,
    };
  }
}

/**
 * A read-only connection. SQLite reads a WAL database only beside its shared-memory file (-shm),
 * which it cannot create in a folder this user cannot write: there, a private copy of the database
 * (and of its write-ahead log, so nothing committed is missed) is read instead.
 */
function openReadOnly(path: string): { db: Database.Database; copyDir: string | null } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
    return { db, copyDir: null };
  } catch (e) {
    db.close();
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(String((e as { code?: unknown }).code))) throw e;
  }
  const copyDir = mkdtempSync(join(tmpdir(), "allegati-readonly-"));
  try {
    const copy = join(copyDir, basename(path));
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    return { db: new Database(copy, { readonly: true, fileMustExist: true }), copyDir };
  } catch (e) {
    rmSync(copyDir, { recursive: true, force: true });
    throw e;
  }
}

function splitValue(v: number | string | null): [number | null, string | null] {
  return typeof v === "number" ? [v, null] : [null, v];
}

function joinValue(r: Row): number | string | null {
  return (r.value_num as number | null) ?? (r.value_text as string | null);
}

function prov(p: Provenance | undefined): [number | null, string | null] {
  return [p?.page ?? null, p?.bbox ? JSON.stringify(p.bbox) : null];
}

function readProv(r: Row): Provenance | undefined {
  if (r.page === null || r.page === undefined) return undefined;
  return {
    page: r.page as number,
    bbox: r.bbox ? (JSON.parse(r.bbox as string) as Provenance["bbox"]) : null,
  };
}

/** The extension appears only on documents that have timestamps, so other exports stay as they were. */
function timestampsOf(json: string): { timestamps?: string[] } {
  const t = JSON.parse(json) as string[];
  return t.length ? { timestamps: t } : {};
}

/** The confidence and review flag of a row, as the export's optional fields (absent when not read). */
function confidenceOf(r: Row): { confidence?: number; review?: boolean } {
  return {
    ...(r.confidence !== null && r.confidence !== undefined ? { confidence: r.confidence as number } : {}),
    ...(r.review ? { review: true } : {}),
  };
}
