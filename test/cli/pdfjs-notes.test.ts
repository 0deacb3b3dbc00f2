/**
 * What pdf.js prints (fonts it cannot load, decoders it falls back from, damaged objects) never
 * reaches stderr: `layout` and `ingest` (in this thread and in parse workers) hand it to the machine
 * log, where `--log-format json` shows it as `event: "pdfjs"` lines.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, ROOT, tempDir } from "../helpers.js";

const FIX = join(ROOT, "fixtures");

/** the JSON log lines of a run's stderr that came from pdf.js */
const pdfjsLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { event?: string; msg?: string })
    .filter((l) => l.event === "pdfjs");

describe("pdf.js's messages", () => {
  it("are not printed for fonts and CMaps that are not embedded", () => {
    const r = cli(["layout", join(FIX, "cid-cmap.pdf"), "--log-format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("go to the machine log, never to stderr, from layout and from ingest", () => {
    const t = tempDir();
    try {
      // a wrong startxref: pdf.js rebuilds the cross-reference table and says so
      const bytes = readFileSync(join(FIX, "standard-fonts.pdf"), "latin1");
      const broken = join(t.dir, "broken-xref.pdf");
      writeFileSync(broken, bytes.replace(/startxref\s+\d+/, "startxref\n12"), "latin1");

      const quiet = cli(["layout", broken]);
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe("");
      const logged = cli(["layout", broken, "--log-format", "json"]);
      expect(pdfjsLines(logged.stderr).map((l) => l.msg)).toContain("Indexing all PDF objects");

      // in this thread and in a parse worker: stderr holds the log's JSON lines and nothing else
      for (const workers of ["0", "1"]) {
        const db = join(t.dir, `w${workers}.db`);
        const r = cli(["ingest", broken, "--db", db, "--workers", workers, "--log-format", "json"]);
        expect(r.code).toBe(0);
        // (a WARNING line says what was not read from the document: no pdf.js message)
        expect(
          r.stderr.split("\n").filter((l) => l && !l.startsWith("{") && !l.startsWith("WARNING ")),
        ).toEqual([]);
        expect(
          pdfjsLines(r.stderr).map((l) => l.msg),
          `--workers ${workers}`,
        ).toContain("Indexing all PDF objects");
      }
    } finally {
      t.cleanup();
    }
  }, 120_000);
});
