/**
 * The second hostile corpus (test/hostile/round2/corpus, built by build.ts) ingested as one batch
 * with a good fixture and with the cases a folder holds that cannot be committed: a name with a
 * newline, a name that is not UTF-8, a folder that cannot be listed, a FIFO in the folder and one on
 * the command line, a 60 GB sparse file, a link to nowhere. Every one ends loaded or failed with its
 * reason in exactly one line; the values that are no Italian numbers stay text, flagged; the good
 * fixture holds what it holds alone. The batch runs as an unprivileged user (a folder's permissions
 * mean nothing to root).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../../src/load/index.js";
import { exportDocuments } from "../../../src/index.js";
import { quoteName } from "../../../src/cli/output.js";
import { builtCli, cli, ROOT, tempDir, nobodyCannotRun } from "../../helpers.js";

const HERE = join(ROOT, "test/hostile/round2");
const expected = JSON.parse(readFileSync(join(HERE, "expected.json"), "utf8")) as Record<string, string>;
const GOOD = "cruscotto-strategico-2022-2027.pdf";

/** The built CLI (see builtCli), as nobody when run by root (so that permissions hold). */
function cliAs(args: string[], home: string) {
  const node = [process.execPath, builtCli(), ...args];
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  const r = spawnSync(cmd[0]!, cmd.slice(1), {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, HOME: home },
    timeout: 540_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Event {
  durationMs: number;
  file: string;
  path: string;
  outcome: string;
  reason?: string;
  message?: string;
  warnings?: string[];
}

if (nobodyCannotRun()) console.warn(`skipped as nobody: ${nobodyCannotRun()}`);

describe("hostile input, round two", () => {
  it.skipIf(nobodyCannotRun() !== null)(
    "ends every entry loaded or failed with its reason in one line, and reads no value wrong",
    () => {
      const t = tempDir("allegati-hostile2-");
      try {
        chmodSync(t.dir, 0o755);
        const dir = join(t.dir, "batch");
        cpSync(join(HERE, "corpus"), dir, { recursive: true });
        cpSync(join(ROOT, "fixtures", GOOD), join(dir, GOOD));
        const want: Record<string, string> = { ...expected, [GOOD]: "loaded" };
        // a name with a newline that would forge a second FAILED line
        const forged = "rotto\nFAILED finto.pdf";
        writeFileSync(join(dir, forged), "non è un PDF\n");
        want[forged] = "failed:not-pdf";
        // a name that is not UTF-8 (Latin-1 "è")
        writeFileSync(
          Buffer.concat([Buffer.from(`${dir}/Piano`), Buffer.from([0xe8]), Buffer.from(".pdf")]),
          "%PDF-1.4\n",
        );
        want["Piano\\xe8.pdf"] = "failed:unreadable";
        // a folder that cannot be listed
        mkdirSync(join(dir, "chiusa"));
        cpSync(join(ROOT, "fixtures", GOOD), join(dir, "chiusa", "dentro.pdf"));
        chmodSync(join(dir, "chiusa"), 0o000);
        want["chiusa"] = "failed:unreadable";
        // a FIFO named like a document, in the folder and on the command line (reading one waits for ever)
        spawnSync("mkfifo", [join(dir, "coda.pdf")]);
        const fifo = join(t.dir, "coda-comando");
        spawnSync("mkfifo", [fifo]);
        want["coda.pdf"] = "failed:unreadable";
        want["coda-comando"] = "failed:unreadable";
        // 60 GB that take no room: refused before a byte is hashed
        spawnSync("truncate", ["-s", "60G", join(dir, "enorme.pdf")]);
        want["enorme.pdf"] = "failed:limit";
        symlinkSync(join(t.dir, "non-esiste.pdf"), join(dir, "perso.pdf"));
        want["perso.pdf"] = "failed:unreadable";
        const dbDir = join(t.dir, "db");
        mkdirSync(dbDir, { mode: 0o777 });
        chmodSync(dbDir, 0o777);
        const db = join(dbDir, "batch.db");

        const started = Date.now();
        const r = cliAs(
          [
            "ingest",
            dir,
            fifo,
            "--db",
            db,
            "--json",
            "--workers",
            "2",
            "--timeout",
            "240",
            "--max-memory",
            "768",
          ],
          t.dir,
        );
        const seconds = (Date.now() - started) / 1000;
        chmodSync(join(dir, "chiusa"), 0o755);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/); // no stack trace
        const summary = JSON.parse(r.stdout) as { events: Event[]; warnings: number; peakRssMb: number };
        console.log(
          `round two: ${summary.events.length} entries in ${seconds.toFixed(0)} s, peak ${summary.peakRssMb} MB`,
        );
        for (const e of summary.events)
          console.log(`${e.durationMs} ms ${e.outcome} ${e.reason ?? ""} ${e.file}`);
        // bombs (an encrypted one too) and a 60 GB file: bounded all the same
        expect(summary.peakRssMb).toBeLessThan(1024);
        const byFile = new Map(summary.events.map((e) => [e.file, e]));
        const failedLines = r.stderr.split("\n").filter((l) => l.startsWith("FAILED "));
        for (const [file, w] of Object.entries(want)) {
          const e = byFile.get(file);
          expect(e, file).toBeDefined();
          if (w === "loaded") expect(e!.outcome, `${file}: ${e!.reason}: ${e!.message}`).toBe("loaded");
          else {
            expect(e!.outcome, file).toBe("failed");
            expect(`${e!.reason}`, `${file}: ${e!.message}`).toBe(w.split(":")[1]);
            // one line, whatever the name holds
            expect(
              failedLines.filter((l) => l.startsWith(`FAILED ${quoteName(e!.path)}: ${e!.reason}: `)),
              file,
            ).toHaveLength(1);
          }
        }
        expect(failedLines).toHaveLength(summary.events.filter((e) => e.outcome === "failed").length);
        expect(r.stderr).not.toMatch(/^FAILED finto\.pdf/m);
        expect(byFile.get("bomba-flate-flate.pdf")!.message).toMatch(/decodes to more than 192 MB/);
        expect(byFile.get("bomba-cifrata.pdf")!.message).toMatch(/decodes to more than 192 MB/);
        expect(byFile.get("bomba-molti-flussi.pdf")!.message).toMatch(/in all/);
        // silent loss made loud: in the event, on stderr, in the summary
        expect(byFile.get("piano-senza-indicatori.pdf")!.warnings).toEqual([
          "no indicator was read from this plan",
        ]);
        expect(byFile.get("valori-non-numeri.pdf")!.warnings).toEqual([
          "page 1: a table of 3 rows and 2 columns yielded no record",
        ]);
        expect(r.stderr).toMatch(
          /^WARNING \S*piano-senza-indicatori\.pdf: no indicator was read from this plan$/m,
        );
        expect(summary.warnings).toBeGreaterThanOrEqual(2);

        const store = new Store(db, { readonly: true });
        try {
          expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
          expect(store.failures()).toHaveLength(failedLines.length);
          const docs = [...exportDocuments(store)];
          const values = docs.find((d) => d.file === "valori-non-numeri.pdf")!;
          const target = (code: string) => values.indicators.find((i) => i.code === code)?.targets[0];
          // no Italian number: text, flagged for review, never a number
          for (const [code, raw] of [
            ["A.01", "1e308"],
            ["A.02", "NaN"],
            ["A.03", "∞"],
            ["A.04", "Infinity"],
            ["A.05", "0x1F"],
            ["A.06", "--1"],
            ["A.07", "1/0"],
          ] as const) {
            const tg = target(code);
            expect(tg, code).toBeDefined();
            expect(tg!.value, code).toBe(raw);
            expect(tg!.lowConfidence, code).toBe(true);
            expect(tg!.review, code).toBe(true);
          }
          // Italian multipliers
          expect([target("A.08")?.value, target("A.08")?.unit]).toEqual([1.5e9, null]);
          expect([target("A.09")?.value, target("A.09")?.unit]).toEqual([10_000, "EUR"]);
          expect([target("A.10")?.value, target("A.10")?.unit]).toEqual([2e6, "EUR"]);
          expect(target("A.11")?.value).toBe(3000);
          expect(target("A.12")?.value).toBe(2.5e6);
          // the good fixture holds exactly what it holds alone
          const alone = join(t.dir, "alone.db");
          expect(cli(["ingest", join(ROOT, "fixtures", GOOD), "--db", alone, "--workers", "0"]).code).toBe(0);
          const a = new Store(alone, { readonly: true });
          const strip = ({ file: _f, ...rest }: { file: string }) => rest;
          expect(strip(docs.find((d) => d.file === GOOD)!)).toEqual(strip([...exportDocuments(a)][0]!));
          a.close();
        } finally {
          store.close();
        }
      } finally {
        t.cleanup();
      }
    },
    600_000,
  );
});
