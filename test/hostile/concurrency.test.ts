/**
 * kill -9 at seeded random moments never leaves half a document, and a rerun ends with the same
 * store as a clean run; two ingests on one database at once both succeed without duplicates.
 */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import { exportDocuments } from "../../src/index.js";
import { ROOT, tempDir } from "../helpers.js";

const MAIN = join(ROOT, "src/cli/main.ts");
const FILES = [
  "cciaa-fe-ra-allegato4-2021.pdf",
  "cciaa-ferrara-piano-2017.pdf",
  "cruscotto-strategico-2021-2026.pdf",
  "cruscotto-strategico-2022-2027.pdf",
  "cruscotto-strategico-2021-2026.pdf.p7m",
];

function run(
  args: string[],
  killAfterMs?: number,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs !== undefined ? setTimeout(() => p.kill("SIGKILL"), killAfterMs) : null;
    p.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function snapshot(db: string) {
  const s = new Store(db);
  const check = s.db.pragma("integrity_check", { simple: true });
  // a document is whole: every document row has its pages
  const partial = s.db
    .prepare(
      "SELECT count(*) n FROM documents d WHERE (SELECT count(*) FROM pages p WHERE p.document_id = d.id) <> d.pages",
    )
    .get() as { n: number };
  const docs = [...exportDocuments(s)];
  s.close();
  return { check, partial: partial.n, docs };
}

function corpus(dir: string): string {
  const d = join(dir, "in");
  mkdirSync(d, { recursive: true });
  for (const f of FILES) cpSync(join(ROOT, "fixtures", f), join(d, f));
  return d;
}

describe("crashes and concurrent writers", () => {
  it("survives kill -9 at random moments and resumes to the same store as a clean run", async () => {
    const t = tempDir("allegati-kill-");
    try {
      const input = corpus(t.dir);
      const clean = join(t.dir, "clean.db");
      expect((await run(["ingest", input, "--db", clean, "--workers", "2"])).code).toBe(0);
      const killed = join(t.dir, "killed.db");
      // seeded moments between 0.3 s and 4 s
      let seed = 7;
      const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), 300 + (seed % 3700));
      for (let i = 0; i < 10; i++) {
        await run(["ingest", input, "--db", killed, "--workers", "2"], next());
        const s = snapshot(killed);
        expect(s.check).toBe("ok");
        expect(s.partial).toBe(0);
      }
      expect((await run(["ingest", input, "--db", killed, "--workers", "2"])).code).toBe(0);
      const a = snapshot(killed),
        b = snapshot(clean);
      expect(a.docs.map((d) => d.id).sort()).toEqual(b.docs.map((d) => d.id).sort());
      const byId = (xs: typeof a.docs) => Object.fromEntries(xs.map((d) => [d.id, d]));
      expect(byId(a.docs)).toEqual(byId(b.docs));
    } finally {
      t.cleanup();
    }
  }, 600_000);

  it("lets two ingests write one database at once", async () => {
    const t = tempDir("allegati-writers-");
    try {
      const input = corpus(t.dir);
      const db = join(t.dir, "shared.db");
      const [x, y] = await Promise.all([
        run(["ingest", input, "--db", db, "--workers", "1"]),
        run([
          "ingest",
          join(input, FILES[2]!),
          join(input, FILES[3]!),
          join(input, FILES[0]!),
          "--db",
          db,
          "--workers",
          "1",
        ]),
      ]);
      expect(x.stderr).not.toMatch(/locked/i);
      expect(y.stderr).not.toMatch(/locked/i);
      expect([x.code, y.code]).toEqual([0, 0]);
      const s = snapshot(db);
      expect(s.check).toBe("ok");
      expect(s.docs).toHaveLength(FILES.length);
    } finally {
      t.cleanup();
    }
  }, 600_000);
});
