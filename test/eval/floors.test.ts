/**
 * Runs `allegati eval` on the fixtures and fails when a figure drops below its recorded floor
 * (test/eval/floors.json: per file, per category, minimum F1). Raise the floors as the pipeline
 * improves; never lower one to make a change pass without saying why in the commit.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runEval, formatEval, goldFiles } from "../../src/eval/run.js";
import { prf, type Category } from "../../src/eval/compare.js";
import { ROOT } from "../helpers.js";

const floors = JSON.parse(readFileSync(join(ROOT, "test/eval/floors.json"), "utf8")) as Record<
  string,
  Partial<Record<Category, number>>
>;

describe("eval against the fixtures' gold files", () => {
  it("has gold files to score", () => {
    expect(goldFiles(join(ROOT, "fixtures")).length).toBeGreaterThanOrEqual(4);
  });

  it("keeps every figure at or above its floor", async () => {
    const report = await runEval(join(ROOT, "fixtures"));
    console.log(formatEval(report));
    const below: string[] = [];
    for (const [file, cats] of Object.entries(floors)) {
      const doc = report.documents.find((d) => d.file === file);
      if (!doc) {
        below.push(`${file}: not evaluated (no gold file or source)`);
        continue;
      }
      for (const [cat, floor] of Object.entries(cats)) {
        const f1 = prf(doc.scores[cat as Category]).f1 ?? 0;
        if (f1 + 1e-9 < floor!) below.push(`${file} ${cat}: F1 ${f1.toFixed(3)} < floor ${floor}`);
      }
    }
    expect(below).toEqual([]);
    // pdf.js loaded every font, CMap and image decoder it needed: nothing for `layout` or `ingest`
    // to log (`CCITTFaxStream: Falling back to JS CCITTFax decoder`, `Unable to load font data`)
    const warned = report.documents.flatMap((d) =>
      (d.readerNotes ?? []).filter((n) => n.level === "warn").map((n) => `${d.file}: ${n.message}`),
    );
    expect(warned).toEqual([]);
    // the title is the document's heading, never a protocol stamp (`PCM194` on the text-stamp scan):
    // most of its words are the gold title's (OCR may misread one)
    const words = (t: string | null | undefined) =>
      new Set(
        (t ?? "")
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean),
      );
    const wrongTitles = report.documents
      .filter((d) => d.title?.gold)
      .filter((d) => {
        const read = words(d.title!.read),
          gold = words(d.title!.gold);
        const shared = [...gold].filter((w) => read.has(w)).length;
        return shared / new Set([...read, ...gold]).size < 0.75;
      })
      .map((d) => `${d.file}: '${d.title!.read}' for '${d.title!.gold}'`);
    expect(wrongTitles).toEqual([]);
  }, 600_000);
});
