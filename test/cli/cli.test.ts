import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import { cli, contractValidator, ROOT, sampleDocument, tempDir } from "../helpers.js";

describe("allegati CLI", () => {
  it("exports an empty database as a valid contract document", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "empty.db");
      new Store(db).close();
      const r = cli(["export", "--format", "json", "--db", db]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toEqual({ version: 1, documents: [] });
      expect(contractValidator()(out)).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it("exports stored documents as valid JSON and as CSV", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "x.db");
      const s = new Store(db);
      s.insertDocument(sampleDocument());
      s.close();
      const j = cli(["export", "--db", db]);
      expect(j.code).toBe(0);
      const validate = contractValidator();
      expect(validate(JSON.parse(j.stdout)), JSON.stringify(validate.errors)).toBe(true);
      const c = cli(["export", "--format", "csv", "--db", db]);
      expect(c.stdout.split("\n")[0]).toContain("document_id,file");
      expect(c.stdout).toContain(">= 75,00 %");
    } finally {
      t.cleanup();
    }
  });

  it("exits 2 on usage errors", () => {
    expect(cli(["export", "--format", "pdf"]).code).toBe(2);
    expect(cli(["no-such-command"]).code).toBe(2);
    expect(cli(["ingest"]).code).toBe(2);
  });

  it("runs read-only SQL and refuses statements that write", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "x.db");
      const s = new Store(db);
      s.insertDocument(sampleDocument());
      s.close();
      const ok = cli(["query", "SELECT file, kind FROM documents", "--json", "--db", db]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual([{ file: "piano.pdf", kind: "plan" }]);
      for (const sql of [
        "DELETE FROM documents",
        "DROP TABLE documents",
        "ATTACH DATABASE 'x' AS y",
        "PRAGMA journal_mode = DELETE",
        "INSERT INTO failures VALUES (1,'a','b','c','d','e','f')",
        // SQLite calls this one read-only, and a comment hides it from a prefix check
        "/**/PRAGMA writable_schema=1",
        "/* a comment */\n  attach database ':memory:' as y",
        "BEGIN",
        "VACUUM",
      ]) {
        const r = cli(["query", sql, "--db", db]);
        expect(r.code, sql).toBe(1);
        expect(r.stderr).toMatch(/refused|readonly|read-only/i);
      }
      const again = new Store(db);
      expect(again.documentIds()).toHaveLength(1);
      again.close();
    } finally {
      t.cleanup();
    }
  });

  it("read commands never create a database: exit 1 and one line when there is none", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "missing", "new.db");
      for (const args of [
        ["export"],
        ["export", "--format", "csv"],
        ["show", "x"],
        ["diff", "a", "b"],
        ["history", "x"],
        ["query", "SELECT 1"],
      ]) {
        const r = cli([...args, "--db", db]);
        expect(r.code, args.join(" ")).toBe(1);
        expect(r.stderr, args.join(" ")).toBe(`allegati: no database at ${db}\n`);
        expect(r.stdout).toBe("");
      }
      expect(existsSync(join(t.dir, "missing"))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it("refuses an unknown profile at once, naming the known ones, before reading or creating anything", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "x.db");
      const started = Date.now();
      const r = cli([
        "ingest",
        "--profile",
        "nosuch",
        join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf"),
        "--db",
        db,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^allegati: unknown profile 'nosuch' \(known: .*generic\)\n$/);
      expect(r.stderr).not.toMatch(/FAILED/);
      expect(existsSync(db)).toBe(false);
      // no page was read: the CLI's own start-up is most of it
      expect(Date.now() - started).toBeLessThan(20_000);
      for (const args of [
        ["--workers", "-1"],
        ["--max-pages", "0"],
        ["--timeout", "1.5"],
        ["--ocr", "sometimes"],
      ]) {
        const bad = cli([
          "ingest",
          ...args,
          join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf"),
          "--db",
          db,
        ]);
        expect(bad.code, args.join(" ")).toBe(2);
      }
      expect(existsSync(db)).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
