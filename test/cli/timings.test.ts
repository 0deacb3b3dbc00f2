/** `allegati ingest --json` and `--log-format json` say where each document's time went, stage by stage. */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { addTimings, emptyTimings, STAGES, type StageTimings } from "../../src/model/index.js";
import { cli, ROOT, tempDir } from "../helpers.js";

const FILES = ["cruscotto-strategico-2021-2026.pdf", "cciaa-riviere-liguria-relazione-2023.pdf"];

function plausible(t: StageTimings, durationMs: number): void {
  expect(Object.keys(t).sort()).toEqual([...STAGES].sort());
  for (const s of STAGES) expect(t[s]).toBeGreaterThanOrEqual(0);
  // a born-digital document: parsed, laid out, segmented, written; no OCR
  for (const s of ["extract", "layout", "segment", "load"] as const) expect(t[s]).toBeGreaterThan(0);
  expect(t.ocr).toBe(0);
  // the stages run one after the other inside the document's own time
  const sum = STAGES.reduce((n, s) => n + t[s], 0);
  expect(sum).toBeLessThanOrEqual(durationMs + 5);
}

describe("per-stage timings", () => {
  it("are in each document's event, its pino line, and added up in the summary", () => {
    const t = tempDir();
    try {
      const r = cli([
        "ingest",
        ...FILES.map((f) => join(ROOT, "fixtures", f)),
        "--db",
        join(t.dir, "x.db"),
        "--json",
        "--log-format",
        "json",
        "--workers",
        "1",
      ]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as {
        timings: StageTimings;
        events: { file: string; durationMs: number; timings: StageTimings }[];
      };
      expect(summary.events).toHaveLength(2);
      for (const e of summary.events) plausible(e.timings, e.durationMs);
      const total = summary.events.reduce((a, e) => addTimings(a, e.timings), emptyTimings());
      for (const s of STAGES) expect(summary.timings[s]).toBeCloseTo(total[s], 0);
      const logged = r.stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { event: string; file: string; timings?: StageTimings })
        .filter((l) => l.event === "document");
      expect(logged.map((l) => l.file).sort()).toEqual([...FILES].sort());
      for (const l of logged)
        expect(l.timings).toEqual(summary.events.find((e) => e.file === l.file)!.timings);
    } finally {
      t.cleanup();
    }
  }, 120_000);
});
