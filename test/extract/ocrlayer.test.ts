/**
 * A scan carrying another program's OCR: its invisible words are kept, the table's rulings and the
 * header's bold are found in the image under them, and vertical rulings read as text are dropped.
 */
import { createCanvas } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
import { withoutRulingMarks } from "../../src/extract/ocrlayer.js";
import type { Ruling, TextRun } from "../../src/model/index.js";
import { layoutPages } from "../../src/pipeline.js";
import { SIDEWAYS_ROWS as ROWS } from "./sideways.js";

const run = (text: string, box: [number, number, number, number]): TextRun => ({
  text,
  box,
  fontName: "GlyphLessFont",
  fontSize: 10,
  bold: false,
  italic: false,
});
const vRule = (x: number): Ruling => ({ orientation: "v", x0: x, x1: x, y0: 0, y1: 100, width: 1 });

/** A4 at 100 dpi: the scan's pixels per point */
const K = 100 / 72;
const X = [60, 320, 420, 560],
  Y = [100, 124, 148, 172];

/** A "searchable PDF": a scanned table (an image) with its words drawn invisible over it. */
async function searchable(): Promise<Uint8Array> {
  const canvas = createCanvas(Math.round(595.28 * K), Math.round(841.89 * K));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "black";
  ctx.strokeStyle = "black";
  ctx.lineWidth = 2;
  for (const y of Y) ctx.strokeRect(X[0]! * K, y * K, (X[3]! - X[0]!) * K, 0.01);
  for (const x of X) ctx.strokeRect(x * K, Y[0]! * K, 0.01, (Y[3]! - Y[0]!) * K);
  ROWS.forEach((row, r) =>
    row.forEach((cell, c) => {
      ctx.font = `${r ? "" : "bold "}${Math.round(10 * K)}px sans-serif`;
      ctx.fillText(cell, (X[c]! + 4) * K, (Y[r]! + 16) * K);
    }),
  );
  const d = new PDFDocument({ size: "A4", margin: 0 });
  const chunks: Buffer[] = [];
  d.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => d.on("end", () => r()));
  d.image(canvas.toBuffer("image/png"), 0, 0, { width: 595.28, height: 841.89 });
  d.addContent("3 Tr"); // invisible: the OCR program's words
  d.font("Helvetica").fontSize(10);
  ROWS.forEach((row, r) =>
    row.forEach((cell, c) => d.text(cell, X[c]! + 4, Y[r]! + 7, { lineBreak: false })),
  );
  // a vertical ruling the program read as a word of its own
  d.text("|", X[1]! - 1, Y[1]! + 7, { lineBreak: false });
  d.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe("a scan with another program's OCR", () => {
  it("reads its table from the words laid over it and the lines and bold in the image", async () => {
    const src = await openPdf(await searchable());
    const [page] = await layoutPages(src, { ocr: "auto" });
    await src.close();
    expect(page!.ocr).toBe(true);
    expect(page!.tables).toHaveLength(1);
    const t = page!.tables[0]!;
    expect([t.nRows, t.nCols]).toEqual([3, 3]);
    const text = (r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c)?.text;
    ROWS.forEach((row, r) => row.forEach((cell, c) => expect(text(r, c)).toBe(cell)));
    expect(t.headerRows).toBe(1);
  });

  it("drops vertical rulings read as text, at a word's edge or alone", () => {
    const rules = [vRule(100), vRule(200)];
    expect(withoutRulingMarks(run("|", [99, 10, 102, 20]), rules)).toBeNull();
    expect(withoutRulingMarks(run("4,5[", [170, 10, 201, 20]), rules)?.text).toBe("4,5");
    expect(withoutRulingMarks(run("|espressi", [99, 10, 150, 20]), rules)?.text).toBe("espressi");
    // away from any ruling, or inside the word, the marks stay
    expect(withoutRulingMarks(run("[a]", [130, 10, 150, 20]), rules)?.text).toBe("[a]");
    expect(withoutRulingMarks(run("1", [99, 10, 104, 20]), rules)?.text).toBe("1");
  });
});
