/** `allegati query`: read-only SQL on a read-only connection; statements that write are refused. */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { table } from "./output.js";

export class QueryRefused extends Error {}

export function runQuery(dbPath: string, sql: string, opts: { json?: boolean } = {}): string {
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}`);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 30000");
    let stmt;
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      throw new QueryRefused(`query refused: ${(e as Error).message}`);
    }
    // better-sqlite3 asks SQLite whether the statement writes (sqlite3_stmt_readonly)
    if (!stmt.readonly) throw new QueryRefused("query refused: only read-only statements are allowed");
    if (/^\s*(attach|detach|pragma|vacuum)\b/i.test(sql))
      throw new QueryRefused("query refused: ATTACH, DETACH, PRAGMA and VACUUM are not allowed");
    if (!stmt.reader) return "";
    const rows = stmt.all() as Record<string, unknown>[];
    if (opts.json) return JSON.stringify(rows, null, 2);
    const cols = stmt.columns().map((c) => c.name);
    return table(
      cols,
      rows.map((r) => cols.map((c) => r[c] as string | number | null)),
    );
  } finally {
    db.close();
  }
}
