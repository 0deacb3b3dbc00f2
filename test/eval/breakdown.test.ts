import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { breakdown, type GoldMeta } from "../../src/eval/breakdown.js";
import { readMeta } from "../../src/eval/meta.js";
import { emptyScores, type Scores } from "../../src/eval/compare.js";
import { evalJson, formatEval, type EvalReport } from "../../src/eval/run.js";
import { tempDir } from "../helpers.js";

const meta = (family: string, producer: string, layoutKind: string): GoldMeta => ({
  seed: 1,
  split: "test",
  family,
  producer,
  layoutKind,
  features: {},
});

const scores = (tp: number, fp: number, fn: number): Scores => {
  const s = emptyScores();
  s.targets = { tp, fp, fn };
  s.indicators = { tp: tp + fn, fp: 0, fn: 0 };
  return s;
};

describe("breakdown", () => {
  it("sums counts per family, producer and layout kind, not averages of F1", () => {
    const b = breakdown([
      { meta: meta("cruscotto", "calc", "banner-rows"), scores: scores(8, 2, 0) },
      { meta: meta("cruscotto", "writer", "merged-cells"), scores: scores(0, 0, 10) },
      { meta: meta("piao", "calc", "heading-tables"), scores: scores(5, 0, 5) },
    ])!;
    expect(Object.keys(b.family)).toEqual(["cruscotto", "piao"]);
    expect(b.family.cruscotto!.documents).toBe(2);
    expect(b.family.cruscotto!.scores.targets).toEqual({ tp: 8, fp: 2, fn: 10 });
    expect(b.producer.calc!.scores.targets).toEqual({ tp: 13, fp: 2, fn: 5 });
    expect(b.producer.writer!.documents).toBe(1);
    expect(Object.keys(b.layoutKind)).toEqual(["banner-rows", "heading-tables", "merged-cells"]);
  });

  it("leaves out documents without a meta file, and is null when none has one", () => {
    expect(breakdown([{ meta: null, scores: scores(1, 0, 0) }])).toBeNull();
    const b = breakdown([
      { meta: null, scores: scores(1, 0, 0) },
      { meta: meta("lista", "pdfkit", "lists"), scores: scores(0, 1, 1) },
    ])!;
    expect(b.family.lista!.scores.targets).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(Object.keys(b.family)).toEqual(["lista"]);
  });
});

describe("readMeta", () => {
  const t = tempDir();
  afterAll(t.cleanup);

  it("reads the meta file beside a source, null when there is none, and rejects a malformed one", () => {
    mkdirSync(t.dir, { recursive: true });
    const src = join(t.dir, "a.pdf");
    expect(readMeta(src)).toBeNull();
    writeFileSync(`${src}.meta.json`, JSON.stringify(meta("relazione", "chromium", "banner-rows")));
    expect(readMeta(src)?.family).toBe("relazione");
    writeFileSync(
      `${src}.meta.json`,
      JSON.stringify({ seed: 1, split: "train", family: "x", producer: "y", layoutKind: "z", features: {} }),
    );
    expect(() => readMeta(src)).toThrow(/split/);
  });
});

describe("eval report with meta", () => {
  const report: EvalReport = {
    documents: [
      { file: "a.pdf", scores: scores(9, 1, 0), ms: 1, meta: meta("cruscotto", "calc", "banner-rows") },
      { file: "b.pdf", scores: scores(0, 0, 4), ms: 1, meta: meta("lista", "pdfkit", "lists") },
    ],
    overall: scores(9, 1, 4),
    breakdown: null,
  };
  report.breakdown = breakdown(report.documents);

  it("prints an F1 table per dimension after the overall block", () => {
    const text = formatEval(report);
    expect(text).toMatch(/F1 by family\n\s+family\s+docs\s+indicators\s+targets/);
    expect(text).toMatch(/cruscotto\s+1\s+1\.00\s+0\.95/);
    expect(text).toMatch(/lista\s+1\s+1\.00\s+0\.00/);
    expect(text).toMatch(/F1 by producer[\s\S]*calc[\s\S]*pdfkit/);
    expect(text).toMatch(/F1 by layoutKind[\s\S]*banner-rows[\s\S]*lists/);
  });

  it("gives the same breakdown in JSON, and each document's family, producer and layout kind", () => {
    const j = evalJson(report) as ReturnType<typeof evalJson> & {
      breakdown: Record<
        string,
        Record<string, { documents: number; scores: Record<string, { f1: number | null }> }>
      >;
    };
    expect(j.breakdown.family!.cruscotto!.scores.targets!.f1).toBeCloseTo(0.947, 3);
    expect(j.breakdown.producer!.pdfkit!.documents).toBe(1);
    expect(j.breakdown.layoutKind!.lists!.scores.targets!.f1).toBe(0);
    expect(j.documents[0]).toMatchObject({
      file: "a.pdf",
      family: "cruscotto",
      producer: "calc",
      layoutKind: "banner-rows",
    });
  });

  it("prints no breakdown for gold files without meta", () => {
    const plain: EvalReport = {
      ...report,
      documents: report.documents.map((d) => ({ ...d, meta: null })),
      breakdown: null,
    };
    expect(formatEval(plain)).not.toMatch(/F1 by/);
    expect(evalJson(plain)).not.toHaveProperty("breakdown");
  });
});
