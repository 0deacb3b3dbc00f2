/**
 * The office scans kept out of the default run (fixtures/scans/: OCR costs some 20 s a page on CI,
 * whose run has a time budget) scored against their floors (test/eval/scans.floors.json), as
 * floors.test.ts does for fixtures/. On demand: `npm run eval:scans` (ALLEGATI_EVAL_SCANS=1).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runEval, formatEval, goldFiles } from "../../src/eval/run.js";
import { prf, type Category } from "../../src/eval/compare.js";
import { ROOT } from "../helpers.js";

const DIR = join(ROOT, "fixtures", "scans");
const floors = JSON.parse(readFileSync(join(ROOT, "test/eval/scans.floors.json"), "utf8")) as Record<
  string,
  Partial<Record<Category, number>>
>;

describe("the office scans on demand", () => {
  it("has a floor for every scan and a scan for every floor", () => {
    const files = goldFiles(DIR).map((g) => g.source.split("/").pop());
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(floors).sort()).toEqual(files.sort());
  });

  it.skipIf(!process.env.ALLEGATI_EVAL_SCANS)(
    "keeps every figure at or above its floor",
    async () => {
      const report = await runEval(DIR);
      console.log(formatEval(report));
      const below: string[] = [];
      for (const [file, cats] of Object.entries(floors)) {
        const doc = report.documents.find((d) => d.file === file);
        if (!doc) {
          below.push(`${file}: not evaluated`);
          continue;
        }
        for (const [cat, floor] of Object.entries(cats)) {
          const f1 = prf(doc.scores[cat as Category]).f1 ?? 0;
          if (f1 + 1e-9 < floor!) below.push(`${file} ${cat}: F1 ${f1.toFixed(3)} < floor ${floor}`);
        }
      }
      expect(below).toEqual([]);
    },
    600_000,
  );
});
