import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import { cli, contractValidator, sampleDocument, tempDir } from "../helpers.js";

describe("allegati CLI", () => {
  it("exports an empty database as a valid contract document", () => {
    const t = tempDir();
    try {
      const r = cli(["export", "--format", "json", "--db", join(t.dir, "empty.db")]);
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
});
