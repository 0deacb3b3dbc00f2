/** `allegati ingest` as a batch job runs it: workers, one line per failure, exit codes, resuming. */
import { describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import { cli, ROOT, tempDir } from "../helpers.js";

describe("allegati ingest", () => {
  it("loads good files, fails bad ones alone with one clear line each, and skips what is stored", () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, "in");
      mkdirSync(join(dir, "sotto cartella con àccenti"), { recursive: true });
      copyFileSync(join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf"), join(dir, "cruscotto.pdf"));
      copyFileSync(
        join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf.p7m"),
        join(dir, "sotto cartella con àccenti", "firmato - copia.pdf.p7m"),
      );
      writeFileSync(join(dir, "errore.pdf"), "<html><body>404</body></html>");
      writeFileSync(join(dir, "vuoto.pdf"), "");
      writeFileSync(join(dir, "note.txt"), "not a candidate: neither extension nor content");
      const db = join(t.dir, "x.db");
      const r = cli(["ingest", dir, "--db", db, "--json", "--workers", "2"]);
      expect(r.code).toBe(1);
      const failed = r.stderr.split("\n").filter((l) => l.startsWith("FAILED "));
      expect(failed).toHaveLength(2);
      expect(r.stderr).toMatch(/FAILED .*errore\.pdf: not-pdf: an HTML page/);
      expect(r.stderr).toMatch(/FAILED .*vuoto\.pdf: not-pdf: the file is empty/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      const summary = JSON.parse(r.stdout);
      expect([summary.loaded, summary.failed, summary.skipped]).toEqual([2, 2, 0]);
      const s = new Store(db);
      expect(s.documentIds()).toHaveLength(2);
      expect(
        s
          .failures()
          .map((f) => f.reason)
          .sort(),
      ).toEqual(["not-pdf", "not-pdf"]);
      s.close();
      const again = cli(["ingest", join(dir, "cruscotto.pdf"), "--db", db, "--json"]);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).skipped).toBe(1);
    } finally {
      t.cleanup();
    }
  }, 120_000);
});
