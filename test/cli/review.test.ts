/** `allegati review` and `allegati correct`: the queue with keys, corrections by key, sign-off, listing. */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openStore } from "../../src/index.js";
import { Store } from "../../src/load/index.js";
import { cli, sampleDocument, tempDir } from "../helpers.js";

describe("allegati review and correct", () => {
  it("lists the queue with keys, corrects by key, adds, deletes, signs off and lists the corrections", () => {
    const t = tempDir();
    try {
      const db = join(t.dir, "x.db");
      const s = new Store(db);
      s.insertDocument(sampleDocument());
      s.close();
      const q = cli(["review", "piano.pdf", "--flagged", "--db", db]);
      expect(q.code, q.stderr).toBe(0);
      expect(q.stdout).toContain("ind:C1.1_04/target:2025");
      expect(q.stdout).toContain("superseded");
      const env = { ALLEGATI_AUTHOR: "anna" };
      const c = cli(
        ["correct", "piano.pdf", "ind:C1.1_04/target:2024", "text=≥ 80%", "--note", "misread", "--db", db],
        env,
      );
      expect(c.code, c.stderr).toBe(0);
      expect(c.stdout).toMatch(/2 field\(s\) corrected: raw, value/);
      expect(cli(["correct", "piano.pdf", "ind:C1.1_04/target:2024", "year=20x", "--db", db]).code).toBe(2);
      expect(cli(["correct", "piano.pdf", "ind:NOPE", "name=x", "--db", db]).code).toBe(2);
      const add = cli(
        ["correct", "piano.pdf", "ind:C1.1_04", "year=2026", "text=≥ 90%", "--add", "target", "--db", db],
        env,
      );
      expect(add.stdout).toMatch(/^added ind:C1\.1_04\/target:\+[0-9a-f]{8}/);
      expect(cli(["correct", "piano.pdf", "obj:A01.01", "--delete", "--db", db], env).code).toBe(0);
      expect(cli(["review", "piano.pdf", "--done", "--note", "ok", "--db", db], env).code).toBe(0);
      const list = cli(["correct", "-", "--list", "--json", "--db", db]);
      const rows = JSON.parse(list.stdout) as { field: string; status: string; author: string }[];
      expect(rows.map((r) => [r.field, r.status, r.author])).toEqual([
        ["raw", "applied", "anna"],
        ["value", "applied", "anna"],
        ["*", "applied", "anna"],
        ["*", "applied", "anna"],
        ["reviewed", "applied", "anna"],
      ]);
      const store = openStore(db, { readonly: true });
      const show = cli(["show", "piano.pdf", "--db", db]);
      expect(show.stdout).toContain("≥ 80% [corrected]");
      expect(show.stdout).toContain("reviewed by anna");
      store.close();
      // a missing database is an error, never created
      expect(
        cli(["correct", "piano.pdf", "ind:C1.1_04", "name=x", "--db", join(t.dir, "none.db")]).code,
      ).toBe(1);
    } finally {
      t.cleanup();
    }
  });
});
