/**
 * A page scanned upside down (fed into the scanner the wrong way round) is told by its letters
 * hanging from their lines (ascenders below the cores), confirmed by reading, and read turned.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { ascenderRatio, turnImage } from "../../src/extract/image.js";
import { openPdf } from "../../src/extract/index.js";
import { layoutPages } from "../../src/pipeline.js";
import { ROOT } from "../helpers.js";

/** A page of Italian print at 300 dpi (scale: pixels a point). */
function page(text: string) {
  const c = createCanvas(2480, 3508);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.fillStyle = "black";
  ctx.font = "36px DejaVu Sans";
  for (let y = 300; y < 3200; y += 60) ctx.fillText(text, 200, y);
  return c;
}

describe("pages scanned upside down", () => {
  it("tells letters that hang from their lines from letters that stand on them", () => {
    const scale = 300 / 72;
    const upright = page("Grado di soddisfazione degli utenti del servizio (rilevazione)");
    expect(ascenderRatio(upright, scale)).toBeGreaterThan(1.5);
    expect(ascenderRatio(turnImage(upright, 180), scale)).toBeLessThan(0.7);
    // too few lines to tell
    const blank = createCanvas(2480, 3508);
    blank.getContext("2d").fillStyle = "white";
    expect(ascenderRatio(blank, scale)).toBeNaN();
  });

  it("reads a G4 scan fed upside down turned half round, its boxes in the turned view", async () => {
    const src = await openPdf(
      new Uint8Array(readFileSync(join(ROOT, "test", "extract", "upside-down-scan.pdf"))),
    );
    const [p] = await layoutPages(src, { ocr: "auto", ocrWorkers: 1 });
    await src.close();
    expect(p!.ocr).toBe(true);
    expect(p!.turn).toBe(180);
    const cells = p!.tables.flatMap((t) => t.cells.map((c) => c.text));
    expect(cells.some((t) => /Percentuale di servizi "Full Digital"/.test(t))).toBe(true);
  }, 240_000);
});
