/**
 * Header cells set sideways (narrow year and weight columns whose labels are turned a quarter, as
 * spreadsheets print them): their words are read along their direction, so "Peso %" is not "% Peso"
 * and the page is not turned for them. sideways-headers.pdf: Chromium, `writing-mode: vertical-rl`
 * turned half round (text reading upwards), made for this test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
import { runsToWords, wordsToLines } from "../../src/layout/words.js";
import { layoutPages } from "../../src/pipeline.js";
import type { TextRun } from "../../src/model/index.js";
import { ROOT } from "../helpers.js";

const run = (text: string, box: [number, number, number, number], dir?: number): TextRun => ({
  text,
  box,
  fontName: "F",
  fontSize: 8,
  bold: false,
  italic: false,
  ...(dir ? { dir } : {}),
});

describe("text set sideways", () => {
  it("reads words that run upwards bottom to top, as one line of their own", () => {
    // "Target 2025" drawn upwards as two runs, the lower one first in reading order
    const words = runsToWords([
      run("Target", [100, 160, 108, 190], 3),
      run("2025", [100, 135, 108, 155], 3),
      run("Indicatore", [20, 170, 60, 178]),
    ]);
    const lines = wordsToLines(words);
    expect(lines.map((l) => l.text).sort()).toEqual(["Indicatore", "Target 2025"]);
  });

  it("splits a run that reads upwards from the bottom of its box", () => {
    const words = runsToWords([run("Peso %", [100, 100, 108, 160], 3)]);
    const peso = words.find((w) => w.text === "Peso")!;
    const pct = words.find((w) => w.text === "%")!;
    expect(peso.box[1]).toBeGreaterThan(pct.box[1]);
    expect(wordsToLines(words)[0]!.text).toBe("Peso %");
  });

  it("reads a table's sideways header cells in their reading order", async () => {
    const src = await openPdf(
      new Uint8Array(readFileSync(join(ROOT, "test", "extract", "sideways-headers.pdf"))),
    );
    const [p] = await layoutPages(src, { ocr: "never" });
    await src.close();
    expect(p!.turn ?? 0).toBe(0);
    const header = p!.tables[0]!.cells.filter((c) => c.row === 0).map((c) => c.text);
    expect(header).toEqual([
      "Obiettivo di gestione",
      "Indicatore",
      "Peso %",
      "Valore 2024",
      "Target 2025",
      "Target 2026",
      "Target 2027",
      "Responsabile",
    ]);
  });
});
