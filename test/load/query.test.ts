/** A person's SQL runs read-only: SQLite's own readonly flag, plus the statements that change the connection. */
import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { leadingKeyword, readOnlyQuery, QueryRefused } from "../../src/load/query.js";
import { limitedQuery, openStore, NoDatabaseError, Store, type LimitedQuery } from "../../src/load/index.js";
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

describe("limitedQuery", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));
  const db = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, "x.db");
    const s = new Store(path);
    s.insertDocument(sampleDocument());
    s.close();
    return path;
  };
  const rows = async (q: Promise<LimitedQuery>) => {
    const out: unknown[] = [];
    for await (const r of (await q).rows) out.push(r);
    return out;
  };

  it("streams the rows of a read-only statement from its own process", async () => {
    const path = db();
    const q = await limitedQuery(
      path,
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1234) SELECT x FROM c",
    );
    expect(q.columns).toEqual(["x"]);
    let n = 0;
    for await (const r of q.rows) expect(r).toEqual({ x: ++n });
    expect(n).toBe(1234);
    expect(await rows(limitedQuery(path, "SELECT file FROM documents"))).toEqual([{ file: "piano.pdf" }]);
    await expect(limitedQuery(path, "DELETE FROM documents")).rejects.toThrow(QueryRefused);
    await expect(limitedQuery(join(path, "..", "none.db"), "SELECT 1")).rejects.toThrow(NoDatabaseError);
  });

  it("stops a query that never ends at the time limit, and one that grows at the memory limit", async () => {
    const path = db();
    const started = Date.now();
    const endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    await expect(rows(limitedQuery(path, endless, { timeoutMs: 1500 }))).rejects.toThrow(
      /query stopped: it ran longer than 2 s/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    // a UNION keeps every row seen, in memory
    const growing = "WITH RECURSIVE c(x) AS (SELECT 1 UNION SELECT x + 1 FROM c) SELECT count(*) FROM c";
    await expect(rows(limitedQuery(path, growing, { maxMemoryMb: 300, timeoutMs: 120_000 }))).rejects.toThrow(
      /needed more than 300 MB/,
    );
  }, 180_000);
});
