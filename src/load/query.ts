/**
 * A person's own SQL, read-only: on a connection opened read-only (SQLite refuses every write on
 * it), a statement runs only when SQLite says it does not write (`sqlite3_stmt_readonly`) and it is
 * not one of the statements that change the connection instead of the data (ATTACH, DETACH, PRAGMA,
 * VACUUM, transaction control), found by the statement's first keyword after any comments.
 */
import Database from "better-sqlite3";
import type { Store } from "./store.js";

export class QueryRefused extends Error {
  override readonly name = "QueryRefused";
}

export interface QueryResult {
  /** the result's column names, in order (empty for a statement that returns no rows) */
  columns: string[];
  /**
   * the rows, read one at a time as they are iterated; iterate to the end (or call `rows.return()`)
   * so that the read-only connection opened for them is closed
   */
  rows: Generator<Record<string, unknown>>;
}

const CONNECTION_STATEMENTS = new Set([
  "ATTACH",
  "DETACH",
  "PRAGMA",
  "VACUUM",
  "BEGIN",
  "COMMIT",
  "END",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
]);

/**
 * The statement's first keyword, upper-cased, after white space and comments (`-- …` to the end of
 * the line, `/* … *\/`), as SQLite's tokenizer skips them; "" when there is none.
 */
export function leadingKeyword(sql: string): string {
  let i = 0;
  while (i < sql.length) {
    if (/\s/.test(sql[i]!)) i++;
    else if (sql.startsWith("--", i)) {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else break;
  }
  return /^[A-Za-z_]+/.exec(sql.slice(i))?.[0].toUpperCase() ?? "";
}

/**
 * Prepares one statement of the person's SQL and refuses it, before anything runs, when it would
 * write or change the connection. The rows are read lazily; the read-only connection opened for it
 * (when the store itself is writable) is closed once they are all read or the iteration stops.
 */
export function readOnlyQuery(store: Store, sql: string): QueryResult {
  // a store opened for writing is not used to run a stranger's SQL: a read-only connection is
  const own = !store.readonly && store.path !== ":memory:";
  const db = own ? new Database(store.path, { readonly: true, fileMustExist: true }) : store.db;
  let stmt: Database.Statement;
  try {
    if (own) db.pragma("busy_timeout = 30000");
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      throw new QueryRefused(`query refused: ${(e as Error).message}`);
    }
    // better-sqlite3 asks SQLite whether the statement writes (sqlite3_stmt_readonly)
    if (!stmt.readonly) throw new QueryRefused("query refused: only read-only statements are allowed");
    const keyword = leadingKeyword(sql);
    if (CONNECTION_STATEMENTS.has(keyword))
      throw new QueryRefused(
        `query refused: ${keyword} is not allowed (ATTACH, DETACH, PRAGMA, VACUUM, transactions)`,
      );
  } catch (e) {
    if (own) db.close();
    throw e;
  }
  if (!stmt.reader) {
    // a read-only statement that returns no rows has nothing to show: it is not run
    if (own) db.close();
    return { columns: [], rows: (function* () {})() };
  }
  const columns = stmt.columns().map((c) => c.name);
  function* rows(): Generator<Record<string, unknown>> {
    try {
      yield* stmt.iterate() as IterableIterator<Record<string, unknown>>;
    } finally {
      if (own) db.close();
    }
  }
  return { columns, rows: rows() };
}
