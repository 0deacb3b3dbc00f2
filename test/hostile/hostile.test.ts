/**
 * The hostile corpus (test/hostile/corpus, built by build.ts) ingested as one batch with two good
 * fixtures: every file ends loaded or failed with its expected reason, in one line each; the good
 * fixtures hold exactly the records they get alone; the database passes its integrity check.
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import { exportDocuments } from "../../src/index.js";
import { cli, ROOT, tempDir } from "../helpers.js";

const expected = JSON.parse(readFileSync(join(ROOT, "test/hostile/expected.json"), "utf8")) as Record<
  string,
  string
>;
const GOOD = ["cciaa-ferrara-piano-2017.pdf", "cruscotto-strategico-2022-2027.pdf"];

describe("hostile input", () => {
  it("ends every file loaded or failed with a reason, and loses nothing else", () => {
    const t = tempDir("allegati-hostile-");
    try {
      const dir = join(t.dir, "batch");
      cpSync(join(ROOT, "test/hostile/corpus"), dir, { recursive: true });
      for (const g of GOOD) cpSync(join(ROOT, "fixtures", g), join(dir, g));
      // a folder that links back to its parent
      mkdirSync(join(dir, "giro"));
      symlinkSync(dir, join(dir, "giro", "indietro"));
      const db = join(t.dir, "batch.db");
      const r = cli(["ingest", dir, "--db", db, "--json", "--workers", "2", "--timeout", "180"]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/); // no stack trace
      const summary = JSON.parse(r.stdout) as {
        events: { file: string; outcome: string; reason?: string }[];
        peakRssMb: number;
      };
      // the whole batch, both workers included, within 1 GB
      expect(summary.peakRssMb).toBeLessThan(1024);
      const byFile = new Map(summary.events.map((e) => [e.file, e]));
      for (const [file, want] of Object.entries(expected)) {
        const e = byFile.get(file);
        expect(e, file).toBeDefined();
        if (want === "loaded") expect(e!.outcome, file).toBe("loaded");
        else if (want === "any") expect(["loaded", "failed"], file).toContain(e!.outcome);
        else {
          expect(e!.outcome, file).toBe("failed");
          const reason = want.split(":")[1];
          if (reason) expect(e!.reason, file).toBe(reason);
        }
        if (e!.outcome === "failed") expect(r.stderr).toContain(`FAILED ${join(dir, file)}: ${e!.reason}: `);
      }
      for (const g of GOOD) expect(byFile.get(g)?.outcome).toBe("loaded");
      // the good fixtures hold exactly what they hold when ingested alone
      const alone = join(t.dir, "alone.db");
      expect(
        cli(["ingest", ...GOOD.map((g) => join(ROOT, "fixtures", g)), "--db", alone, "--workers", "0"]).code,
      ).toBe(0);
      const pick = (path: string) => {
        const s = new Store(path);
        const docs = [...exportDocuments(s)].filter((d) => GOOD.includes(d.file));
        const check = s.db.pragma("integrity_check", { simple: true });
        s.close();
        return { docs: docs.map(({ file: _f, ...rest }) => rest), check };
      };
      const a = pick(db),
        b = pick(alone);
      expect(a.check).toBe("ok");
      expect(a.docs).toEqual(b.docs);
    } finally {
      t.cleanup();
    }
  }, 600_000);
});
