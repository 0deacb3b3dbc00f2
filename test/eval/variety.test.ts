/**
 * The held-out half of the variety corpus (fixtures/variety/test): documents of every family, by
 * four producers, in layouts the segmentation was not tuned on (tuning is on fixtures/variety/dev
 * only). Fails when a figure drops below its floor (test/eval/variety-floors.json: overall, and per
 * family, producer and layout kind). Raise the floors as the reading improves; never lower one to
 * make a change pass without saying why in the commit.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatEval, runEval } from "../../src/eval/run.js";
import { addScores, emptyScores, prf, type Category } from "../../src/eval/compare.js";
import { ROOT } from "../helpers.js";

type Figures = Partial<Record<Category, number>>;
const floors = JSON.parse(readFileSync(join(ROOT, "test/eval/variety-floors.json"), "utf8")) as {
  overall: Figures;
  family: Record<string, Figures>;
  producer: Record<string, Figures>;
  layoutKind: Record<string, Figures>;
};

describe("the variety corpus's test split", () => {
  it("keeps every figure at or above its floor", async () => {
    const report = await runEval(join(ROOT, "fixtures/variety/test"));
    console.log(formatEval(report).split("\n").slice(-40).join("\n"));
    expect(report.documents.length).toBeGreaterThanOrEqual(40);
    const below: string[] = [];
    const check = (what: string, scores: ReturnType<typeof emptyScores>, f: Figures) => {
      for (const [cat, floor] of Object.entries(f)) {
        const f1 = prf(scores[cat as Category]).f1 ?? 0;
        if (f1 + 1e-9 < floor!) below.push(`${what} ${cat}: F1 ${f1.toFixed(3)} < floor ${floor}`);
      }
    };
    const all = emptyScores();
    for (const d of report.documents) addScores(all, d.scores);
    check("overall", all, floors.overall);
    for (const dim of ["family", "producer", "layoutKind"] as const)
      for (const [name, f] of Object.entries(floors[dim])) {
        const group = report.breakdown?.[dim][name];
        if (!group) below.push(`${dim} ${name}: no documents`);
        else check(`${dim} ${name}`, group.scores, f);
      }
    expect(below).toEqual([]);
  }, 900_000);
});
