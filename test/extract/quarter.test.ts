/**
 * A page scanned a quarter turned (a landscape table on a portrait sheet) is told by its lines of
 * text running down, confirmed by reading, and read level.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { linesRunDown, turnImage } from "../../src/extract/image.js";
import { openPdf } from "../../src/extract/index.js";
import { layoutPages } from "../../src/pipeline.js";
import { ROOT } from "../helpers.js";

/** A page of "text": lines of word-sized blots, in a ruled frame. */
function page() {
  const c = createCanvas(850, 1100);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, 850, 1100);
  ctx.fillStyle = "black";
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let y = 100; y < 1000; y += 28)
    for (let x = 80; x < 760;) {
      const w = 20 + rnd() * 60;
      ctx.fillRect(x, y, Math.min(w, 770 - x), 12);
      x += w + 10;
    }
  ctx.strokeStyle = "black";
  ctx.lineWidth = 3;
  ctx.strokeRect(60, 80, 730, 940);
  for (let x = 200; x < 790; x += 150) ctx.strokeRect(x, 80, 0.1, 940);
  return c;
}

describe("pages scanned a quarter turned", () => {
  it("tells lines that run down from lines that run across, whatever the rulings", () => {
    const upright = page();
    expect(linesRunDown(upright)).toBe(false);
    expect(linesRunDown(turnImage(upright, 90))).toBe(true);
    expect(linesRunDown(turnImage(upright, 270))).toBe(true);
    // a blank page runs no way
    const blank = createCanvas(850, 1100);
    blank.getContext("2d").fillStyle = "white";
    expect(linesRunDown(blank)).toBe(false);
  });

  it("reads a sideways scanned dashboard level, its boxes in the turned view", async () => {
    const src = await openPdf(
      new Uint8Array(readFileSync(join(ROOT, "test", "extract", "sideways-scan.pdf"))),
    );
    const [p] = await layoutPages(src, { ocr: "auto", ocrWorkers: 1 });
    await src.close();
    expect(p!.ocr).toBe(true);
    expect([90, 270]).toContain(p!.turn);
    expect(p!.width).toBeGreaterThan(p!.height);
    const cells = p!.tables.flatMap((t) => t.cells.map((c) => c.text));
    expect(cells.some((t) => /Percentuale di servizi "Full Digital"/.test(t))).toBe(true);
  }, 240_000);
});
