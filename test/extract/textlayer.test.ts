/**
 * When a page's text layer is enough, and which large images it leaves bare (read by OCR in part).
 */
import { describe, expect, it } from "vitest";
import type { Box, RawPage, TextRun } from "../../src/model/index.js";
import { bareImages, needsOcr, ocrLayerOverScan } from "../../src/extract/textlayer.js";

const run = (text: string, box: Box): TextRun => ({
  text,
  box,
  fontName: "F1",
  fontSize: 10,
  bold: false,
  italic: false,
});

function page(runs: TextRun[], imageBoxes: Box[]): RawPage {
  return {
    page: 1,
    width: 842,
    height: 595,
    rotation: 0,
    runs,
    rulings: [],
    rects: [],
    ocr: false,
    paints: { images: imageBoxes.length, paths: 0, imageBoxes },
  };
}

const FULL: Box = [0, 0, 842, 595];
const stamp = [
  run("CCIAA RIVIERE - PROTOCOLLO", [682, 7, 800, 15]),
  run("PCM194", [682, 16, 730, 28]),
  run("N. 0004517 del 12/03/2024", [682, 31, 770, 38]),
];
/** a text layer over every line of the page's body, 14 points apart */
const body: TextRun[] = [];
for (let y = 40; y < 560; y += 14)
  for (let x = 30; x < 800; x += 60) body.push(run("parola", [x, y, x + 50, y + 10]));

describe("text layer", () => {
  it("is enough with a stamp over a scanned body, so the page is not OCR'd whole", () => {
    expect(needsOcr(page(stamp, [FULL]))).toBe(false);
    expect(needsOcr(page([], [FULL]))).toBe(true);
  });

  it("tells a scan whose words are another program's invisible OCR, not an invisible word here and there", () => {
    const ocrd = { ...page(body, [FULL]), hiddenText: 1 };
    expect(ocrLayerOverScan(ocrd)).toBe(true);
    expect(needsOcr(ocrd)).toBe(false); // its words are kept
    // the same words visible (a born-digital page over a background image) are the page's text
    expect(ocrLayerOverScan(page(body, [FULL]))).toBe(false);
    // a few hidden words (a search aid) on a born-digital page, or hidden words without a scan under them
    expect(ocrLayerOverScan({ ...page(body, [FULL]), hiddenText: 0.1 })).toBe(false);
    expect(ocrLayerOverScan({ ...page(body, [[30, 500, 130, 560]]), hiddenText: 1 })).toBe(false);
  });

  it("reads again a page whose glyphs give control codes for letters (a font without a Unicode map)", () => {
    const codes = body.map((r) => ({ ...r, text: "\u0007\u0006\u0002\u0005\u0010\u0008" }));
    expect(needsOcr(page(codes, []))).toBe(true);
    expect(needsOcr(page(body, []))).toBe(false);
    // letters shifted by a font's glyph order ("parola" 29 codes down): words without vowels
    const shifted = body.map((r) => ({
      ...r,
      text: [...r.text].map((c) => String.fromCharCode(c.charCodeAt(0) - 29)).join(""),
    }));
    expect(shifted[0]!.text).toBe("SDUROD");
    expect(needsOcr(page(shifted, []))).toBe(true);
    // capitals, codes and acronyms among words keep their text layer
    const caps = body.map((r, i) => ({ ...r, text: i % 3 ? "PAROLA" : "KPI" }));
    expect(needsOcr(page(caps, []))).toBe(false);
  });

  it("leaves a scanned body under a small stamp bare: that image is to be read", () => {
    expect(bareImages(page(stamp, [FULL]))).toEqual([FULL]);
  });

  it("covers a searchable scan's body, and small images are never candidates", () => {
    expect(bareImages(page([...stamp, ...body], [FULL]))).toEqual([]);
    expect(bareImages(page(stamp, [[30, 500, 130, 560]]))).toEqual([]);
  });

  it("clips an image to the page and reads an image drawn twice once", () => {
    expect(bareImages(page(stamp, [[-10, -10, 900, 700], FULL]))).toEqual([FULL]);
  });
});
