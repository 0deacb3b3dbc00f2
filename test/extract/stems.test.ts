/**
 * Bold told by the width of a font's stems, where its name does not say it: a producer that renames
 * the fonts it embeds (pdftocairo: "CairoFont-1-0"; the Venezia act: "CIDFont+F2").
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
import { glyphStem, heavier } from "../../src/extract/stems.js";
import type { TextRun } from "../../src/model/index.js";
import { ROOT, SHARED } from "../helpers.js";

const M = 0,
  L = 1,
  C = 2,
  Z = 4;
/** a rectangle outline, in ems */
const rect = (x0: number, y0: number, x1: number, y1: number) => [
  M,
  x0,
  y0,
  L,
  x1,
  y0,
  L,
  x1,
  y1,
  L,
  x0,
  y1,
  Z,
];

async function runsOf(file: string): Promise<TextRun[]> {
  const src = await openPdf(new Uint8Array(readFileSync(file)));
  const runs: TextRun[] = [];
  for await (const p of src.pages()) runs.push(...p.runs);
  await src.close();
  return runs;
}
const boldTexts = (runs: TextRun[]) =>
  runs
    .filter((r) => r.bold)
    .map((r) => r.text)
    .sort();

describe("stems", () => {
  it("measures the width of a glyph's vertical strokes", () => {
    // an "l": one stem 0.09 wide
    expect(glyphStem(rect(0.1, 0, 0.19, 0.7))).toBeCloseTo(0.09, 5);
    // an "n" drawn as two stems and an arch (a cubic): the stems, not the arch, at mid height
    const n = [
      ...rect(0.05, 0, 0.2, 0.5),
      ...rect(0.4, 0, 0.55, 0.4),
      M,
      0.2,
      0.4,
      C,
      0.25,
      0.55,
      0.4,
      0.55,
      0.4,
      0.4,
      Z,
    ];
    expect(glyphStem(n)).toBeCloseTo(0.15, 5);
    expect(glyphStem([])).toBeNull();
  });

  it("calls a face bold only when clearly heavier than the main text", () => {
    expect(heavier(0.144, 0.088)).toBe(true); // Liberation Sans Bold beside Regular
    expect(heavier(0.098, 0.057)).toBe(true); // Courier-Bold beside Courier
    expect(heavier(0.094, 0.081)).toBe(false); // an italic beside its roman
    expect(heavier(0.09, 0.0723)).toBe(false); // a regular face beside a narrow one
  });

  it("finds the same bold words in a document whose fonts were renamed (pdftocairo)", async () => {
    const original = await runsOf(
      join(ROOT, "fixtures", "variety", "dev", "allegato-pdfkit-merged-c6fa5d4f.pdf"),
    );
    const renamed = await runsOf(join(ROOT, "test", "extract", "renamed-fonts.pdf"));
    expect(renamed.every((r) => /CairoFont/.test(r.fontName))).toBe(true);
    const bold = boldTexts(original);
    expect(bold).toContain("Indicatori");
    expect(boldTexts(renamed)).toEqual(bold);
  });

  const venezia = join(SHARED, "realdocs", "alicepdf_Venezia_PATRIMONIO_pages1-5.pdf");
  it.runIf(existsSync(venezia))("reads a real act's bold title under fonts named F1 and F2", async () => {
    const runs = await runsOf(venezia);
    const title = runs.filter((r) => r.text === "RESIDENZA");
    expect(title.length).toBeGreaterThan(0);
    expect(title.every((r) => r.bold)).toBe(true);
    // the table's cells, in the same family, stay regular
    expect(runs.filter((r) => r.text === "Venezia").every((r) => !r.bold)).toBe(true);
  });
});
