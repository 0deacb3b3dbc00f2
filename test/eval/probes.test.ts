/**
 * The hand-written probes (fixtures/probes, sources in fixtures/generate/probes): layouts the variety
 * sampler does not draw, written as other administrations lay them out. Each taught a general rule
 * (README, "Layouts the sampler does not draw"), so they were tuned on: this guards those rules
 * end to end. Fails when a document's figure drops below 0.98.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { runEval } from "../../src/eval/run.js";
import { CATEGORIES, prf } from "../../src/eval/compare.js";
import { ROOT } from "../helpers.js";

const FLOOR = 0.98;

describe("the hand-written probes", () => {
  it("read as their gold says", async () => {
    const report = await runEval(join(ROOT, "fixtures/probes"));
    expect(report.documents.length).toBeGreaterThanOrEqual(12);
    const below: string[] = [];
    for (const d of report.documents)
      for (const cat of CATEGORIES) {
        const f1 = prf(d.scores[cat]).f1;
        if (f1 !== null && f1 + 1e-9 < FLOOR) below.push(`${d.file} ${cat}: F1 ${f1.toFixed(3)}`);
      }
    expect(below).toEqual([]);
  }, 300_000);
});
