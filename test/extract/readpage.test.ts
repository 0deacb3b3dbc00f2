/**
 * A page whose text runs sideways (a landscape table set on a portrait page, or a page turned by
 * /Rotate) is read in the view where its text is level, and says so (`turn`); a page whose words are
 * drawn invisible over a scan says how much of its text is so (`hiddenText`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { levelTurn } from "../../src/extract/glyphs.js";
import { openPdf } from "../../src/extract/index.js";
import { layoutPage } from "../../src/layout/index.js";
import { ocrLayerOverScan } from "../../src/extract/textlayer.js";
import PDFDocument from "pdfkit";
import type { RawPage } from "../../src/model/index.js";
import { ROOT } from "../helpers.js";
import { SIDEWAYS_ROWS as ROWS, sidewaysTable as sideways } from "./sideways.js";

async function firstPage(bytes: Uint8Array): Promise<RawPage> {
  const src = await openPdf(bytes);
  try {
    return await src.page(1);
  } finally {
    await src.close();
  }
}

describe("pages read level", () => {
  it("names the turn that levels most of the glyphs", () => {
    expect(levelTurn([100, 0, 0, 0])).toBe(0);
    expect(levelTurn([10, 90, 0, 0])).toBe(270); // running down: a quarter counterclockwise
    expect(levelTurn([0, 0, 0, 90])).toBe(90);
    expect(levelTurn([0, 0, 80, 0])).toBe(180);
    expect(levelTurn([50, 50, 0, 0])).toBe(0); // no clear majority
    expect(levelTurn([0, 10, 0, 0])).toBe(0); // too little text to tell
  });

  it.each([
    [90, 0],
    [-90, 0],
    [0, 90],
    [0, 270],
    [90, 90],
  ])("reads a table drawn at %i° on a page with /Rotate %i as level rows", async (angle, rotate) => {
    const page = await firstPage(await sideways(angle, rotate));
    const layout = layoutPage(page);
    expect(layout.tables).toHaveLength(1);
    const t = layout.tables[0]!;
    expect([t.nRows, t.nCols]).toEqual([3, 3]);
    const text = (r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c)?.text;
    ROWS.forEach((row, r) => row.forEach((cell, c) => expect(text(r, c)).toBe(cell)));
    expect(t.headerRows).toBe(1);
    // turned only when the text was not level in the page's own view, and saying so
    expect(page.rotation).toBe((rotate + (page.turn ?? 0)) % 360);
    expect(Boolean(page.turn)).toBe((angle + rotate + 360) % 360 !== 0);
  });

  it("leaves a level page as it is", async () => {
    const page = await firstPage(
      new Uint8Array(readFileSync(join(ROOT, "fixtures", "cciaa-fe-ra-allegato4-2021.pdf"))),
    );
    expect(page.turn).toBeUndefined();
  });
});

describe("an OCR program's words laid over a scan", () => {
  it("counts the glyphs drawn invisible, and a scan under them makes the page one to read again", async () => {
    const { createCanvas } = await import("@napi-rs/canvas");
    const canvas = createCanvas(120, 170);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#eee";
    ctx.fillRect(0, 0, 120, 170);
    const png = canvas.toBuffer("image/png");
    const make = async (hidden: boolean) => {
      const d = new PDFDocument({ size: "A4", margin: 0 });
      const chunks: Buffer[] = [];
      d.on("data", (c: Buffer) => chunks.push(c));
      const done = new Promise<void>((r) => d.on("end", () => r()));
      d.image(png, 0, 0, { width: 595.28, height: 841.89 });
      // Tr is a text state operator: set outside the text object, it holds for the words after it
      if (hidden) d.addContent("3 Tr");
      d.font("Helvetica").fontSize(10);
      for (let y = 60; y < 700; y += 20)
        d.text("Percentuale di pratiche concluse >= 75,00 %", 50, y, { lineBreak: false });
      d.end();
      await done;
      return firstPage(new Uint8Array(Buffer.concat(chunks)));
    };
    const hidden = await make(true);
    expect(hidden.hiddenText).toBe(1);
    expect(ocrLayerOverScan(hidden)).toBe(true);
    const shown = await make(false);
    expect(shown.hiddenText).toBeUndefined();
    expect(ocrLayerOverScan(shown)).toBe(false);
  });
});
