/** A person's SQL runs read-only: SQLite's own readonly flag, plus the statements that change the connection. */
import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { leadingKeyword, readOnlyQuery, QueryRefused } from "../../src/load/query.js";
import { openStore, NoDatabaseError, Store } from "../../src/load/index.js";
import { sampleDocument, tempDir } from "../helpers.js";

describe("leadingKeyword", () => {
  it.each([
    ["SELECT 1", "SELECT"],
    ["  \n\tpragma x", "PRAGMA"],
    ["/**/PRAGMA writable_schema=1", "PRAGMA"],
    ["/* a */ -- b\n /* c\n d */ Attach 'x' as y", "ATTACH"],
    ["-- only a comment", ""],
    ["/* unterminated", ""],
    ["WITH x AS (SELECT 1) SELECT * FROM x", "WITH"],
  ])("%j → %j", (sql, want) => expect(leadingKeyword(sql)).toBe(want));
});

describe("readOnlyQuery", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));
  const store = (readonly = false) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, "x.db");
    const s = new Store(path);
    s.insertDocument(sampleDocument());
    if (!readonly) return s;
    s.close();
    return openStore(path, { readonly: true });
  };

  it("reads rows lazily, with their columns", () => {
    const s = store();
    const r = readOnlyQuery(s, "SELECT file, kind FROM documents");
    expect(r.columns).toEqual(["file", "kind"]);
    expect([...r.rows]).toEqual([{ file: "piano.pdf", kind: "plan" }]);
    s.close();
  });

  it.each([
    "DELETE FROM documents",
    "UPDATE documents SET file = 'x'",
    "CREATE TABLE t (x)",
    "/**/PRAGMA writable_schema=1",
    "PRAGMA user_version = 7",
    "ATTACH DATABASE ':memory:' AS y",
    "DETACH y",
    "VACUUM",
    "BEGIN",
    "SAVEPOINT x",
    "SELECT * FROM no_such_table",
  ])("refuses %j before it runs, on a writable store and on a read-only one", (sql) => {
    for (const readonly of [false, true]) {
      const s = store(readonly);
      expect(() => readOnlyQuery(s, sql)).toThrow(QueryRefused);
      expect(s.documentIds()).toHaveLength(1);
      expect([...readOnlyQuery(s, "SELECT count(*) n FROM documents").rows]).toEqual([{ n: 1 }]);
      s.close();
    }
  });

  it("opens a missing database read-only as an error, creating nothing", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, "no", "such.db");
    expect(() => openStore(path, { readonly: true })).toThrow(NoDatabaseError);
    expect(() => openStore(path, { readonly: true })).toThrow(`no database at ${path}`);
  });

  it("a read-only store cannot be written, whatever the caller does", () => {
    const s = store(true);
    expect(() => s.insertDocument(sampleDocument({ id: "b".repeat(64) }))).toThrow(/readonly/i);
    s.close();
  });
});
