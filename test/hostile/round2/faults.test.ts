/**
 * Store faults and limits that were not limits (hostile input, round two): a full disk stops the
 * batch, a file's failures go when it loads, a database written by a newer allegati is not written
 * into, a database in a folder the user cannot write is still read, hashing and in-thread reads
 * keep to --timeout.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ingest, NewerDatabaseError, openStore } from "../../../src/index.js";
import { cli, ROOT, tempDir, nobodyCannotRun } from "../../helpers.js";

const fixture = (f: string) => join(ROOT, "fixtures", f);
const SMALL = ["cruscotto-strategico-2021-2026.pdf", "cruscotto-strategico-2022-2027.pdf"].map(fixture);

if (nobodyCannotRun()) console.warn(`skipped as nobody: ${nobodyCannotRun()}`);

describe("store faults", () => {
  it("stops the batch at a full disk, and clears a file's failures when it loads", async () => {
    const t = tempDir();
    try {
      const path = join(t.dir, "x.db");
      const store = openStore(path);
      // a file that fails for a reason of its own leaves a failure row
      const first = await ingest(store, SMALL[0]!, { workers: 0, maxPages: 1 });
      expect(first.events[0]).toMatchObject({ outcome: "failed", reason: "limit" });
      expect(store.failures()).toHaveLength(1);
      // no room left for another page: the first document cannot be written, the batch stops there
      const pages = store.db.pragma("page_count", { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
      const full = await ingest(store, SMALL, { workers: 0 });
      expect(full.stopped?.reason).toBe("disk-full");
      expect(full.events).toHaveLength(1);
      expect(full.events[0]).toMatchObject({ outcome: "failed", reason: "disk-full" });
      // room again: the rerun loads both, and the old failure goes with the first file's load
      store.db.pragma("max_page_count = 1073741823");
      const again = await ingest(store, SMALL, { workers: 0 });
      expect(again.stopped).toBeUndefined();
      expect(again.events.map((e) => e.outcome)).toEqual(["loaded", "loaded"]);
      expect(store.failures()).toEqual([]);
      store.close();
    } finally {
      t.cleanup();
    }
  }, 120_000);

  it("refuses to write into a database written by a newer allegati, and still reads it", () => {
    const t = tempDir();
    try {
      const path = join(t.dir, "x.db");
      const store = openStore(path);
      store.db.prepare("INSERT INTO _migrations VALUES ('999_from_a_newer_allegati', '2099-01-01')").run();
      store.close();
      expect(() => openStore(path)).toThrow(NewerDatabaseError);
      const r = cli(["ingest", SMALL[0]!, "--db", path, "--workers", "0"]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(
        /^allegati: the database at .* was written by a newer allegati \(migrations 999_from_a_newer_allegati are unknown to this one\)/,
      );
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(cli(["export", "--db", path]).code).toBe(0);
    } finally {
      t.cleanup();
    }
  }, 120_000);

  it.skipIf(nobodyCannotRun() !== null)(
    "reads a database in a folder the user cannot write",
    () => {
      const t = tempDir();
      try {
        chmodSync(t.dir, 0o755);
        const dir = join(t.dir, "sola-lettura");
        mkdirSync(dir);
        const path = join(dir, "x.db");
        expect(cli(["ingest", SMALL[0]!, "--db", path, "--workers", "0"]).code).toBe(0);
        chmodSync(path, 0o644);
        chmodSync(dir, 0o555);
        // as an unprivileged user (root writes anywhere)
        const asUser = (args: string[]) => {
          const node = [process.execPath, "--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args];
          const cmd =
            process.getuid?.() === 0
              ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node]
              : node;
          return spawnSync(cmd[0]!, cmd.slice(1), {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, HOME: t.dir },
          });
        };
        const q = asUser(["query", "SELECT count(*) AS n FROM indicators", "--json", "--db", path]);
        expect(q.stderr).toBe("");
        expect(JSON.parse(q.stdout)).toEqual([{ n: expect.any(Number) }]);
        expect((JSON.parse(q.stdout) as { n: number }[])[0]!.n).toBeGreaterThan(10);
        const e = asUser(["export", "--db", path]);
        expect(e.status, e.stderr).toBe(0);
        expect(JSON.parse(e.stdout).documents).toHaveLength(1);
        chmodSync(dir, 0o755);
      } finally {
        t.cleanup();
      }
    },
    120_000,
  );
});

describe("limits that are limits", () => {
  it("bounds hashing by the time limit", async () => {
    const t = tempDir();
    try {
      const big = join(t.dir, "grande.pdf");
      spawnSync("truncate", ["-s", "30G", big]);
      const store = openStore(join(t.dir, "x.db"));
      const started = Date.now();
      const s = await ingest(store, big, { workers: 0, maxBytes: 40_000_000_000, timeoutMs: 1000 });
      expect(s.events[0]).toMatchObject({
        outcome: "failed",
        reason: "limit",
        message: "took longer than 1 s (--timeout)",
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      store.close();
    } finally {
      t.cleanup();
    }
  }, 60_000);

  it("ends as soon as its files do when a file is refused before hashing (no timer left waiting)", () => {
    const t = tempDir();
    try {
      const big = join(t.dir, "enorme.pdf");
      spawnSync("truncate", ["-s", "60G", big]);
      const started = Date.now();
      const r = cli(["ingest", big, "--db", join(t.dir, "x.db"), "--workers", "0", "--timeout", "300"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`FAILED ${big}: limit: `);
      // before, the hashing timer of a file refused by its size kept the process for --timeout
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      t.cleanup();
    }
  }, 120_000);

  it("keeps --timeout with --workers 0", () => {
    const t = tempDir();
    try {
      // a file whose check before parsing alone takes seconds (eight streams of 150 MB to count)
      const slow = join(ROOT, "test/hostile/round2/corpus/bomba-molti-flussi.pdf");
      const started = Date.now();
      const r = cli(["ingest", slow, "--db", join(t.dir, "x.db"), "--workers", "0", "--timeout", "1"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`FAILED ${slow}: limit: took longer than 1 s (--timeout)`);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
