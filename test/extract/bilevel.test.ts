/**
 * Bilevel scans at a resolution below the OCR's (a 200 dpi G4 copy): found by the image the page
 * draws, so that they are rendered pixel for pixel (pdf.js enlarges a 1-bit image without smoothing,
 * doubling every other pixel at 300 dpi) and enlarged smoothly after their screens are cleared.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openPdf } from "../../src/extract/index.js";
import { bilevelScan, isBilevel, renderPage } from "../../src/extract/image.js";
import { ROOT } from "../helpers.js";

async function firstPage(file: string, edit: (pdf: Buffer) => Buffer = (b) => b) {
  const pdf = await openPdf(new Uint8Array(edit(readFileSync(join(ROOT, "fixtures", file)))));
  const page = await pdf.pdfPage(1);
  // the page's images are decoded by a rendering
  await renderPage(page, 50);
  return page;
}

describe("bilevel scans", () => {
  it("are told by their image: 1 bit a pixel, over the page, and its resolution", async () => {
    const page = await firstPage("cciaa-fe-ra-allegato4-2021-g4-200.pdf");
    const scan = await bilevelScan(page);
    expect(scan?.dpi).toBeCloseTo(200, 3);
    expect(scan?.corner[0]).toBeCloseTo(0, 3);
    expect(scan?.corner[1]).toBeCloseTo(page.getViewport({ scale: 1 }).height, 1);
    // drawn at that resolution, the page is black and white only
    expect(isBilevel((await renderPage(page, 200)).canvas)).toBe(true);
    // at 300 dpi too (pdf.js enlarges it unsmoothed), but strokes of one pixel become one or two
    expect(isBilevel((await renderPage(page, 300)).canvas)).toBe(true);
  });

  it("are told as well when stored as a stencil mask (/ImageMask) painted black", async () => {
    // the same scan, its image's colour space swapped for /ImageMask in place (same length: the
    // cross-reference table stays right)
    const page = await firstPage("cciaa-fe-ra-allegato4-2021-g4-200.pdf", (b) =>
      Buffer.from(
        b.toString("latin1").replaceAll("/ColorSpace /DeviceGray", "/ImageMask true        "),
        "latin1",
      ),
    );
    const scan = await bilevelScan(page);
    expect(scan?.dpi).toBeCloseTo(200, 3);
    expect(isBilevel((await renderPage(page, 200)).canvas)).toBe(true);
  });

  it("are not a grey or colour scan", async () => {
    expect(await bilevelScan(await firstPage("cruscotto-strategico-2021-2026-scan.pdf"))).toBeNull();
    expect(await bilevelScan(await firstPage("scans/cciaa-ferrara-piano-2017-grey300.pdf"))).toBeNull();
  });
});
