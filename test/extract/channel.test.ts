/** pdf.js's same-thread channel: documents come and go, the channel's handlers do not pile up. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
import { inkIn, renderPage } from "../../src/extract/image.js";
import { channelListeners } from "../../src/extract/pdfjs.js";
import { ROOT } from "../helpers.js";

describe("same-thread channel", () => {
  it("leaves no handler behind when a document is closed", async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf")));
    const read = async () => {
      const src = await openPdf(bytes);
      let runs = 0;
      for await (const p of src.pages()) runs += p.runs.length;
      await src.close();
      return runs;
    };
    const first = await read();
    const before = channelListeners();
    for (let i = 0; i < 5; i++) expect(await read()).toBe(first);
    expect(channelListeners()).toBe(before);
    expect(first).toBeGreaterThan(100);
  });

  it("draws a page's text from the glyph outlines handed over by reference", async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf")));
    const src = await openPdf(bytes);
    try {
      const page = await src.page(1);
      const words = page.runs.filter((r) => r.text.trim().length >= 4 && r.fontSize >= 8).slice(0, 20);
      expect(words.length).toBeGreaterThan(5);
      const { canvas, scale } = await renderPage(await src.pdfPage(1), 100);
      const ink = ([x0, y0, x1, y1]: number[]) =>
        inkIn(
          canvas,
          Math.floor(x0! * scale),
          Math.floor(y0! * scale),
          Math.ceil((x1! - x0!) * scale),
          Math.ceil((y1! - y0!) * scale),
        );
      // every word is drawn where it was read: its box has ink (a glyph with no outline is left out)
      for (const w of words) expect(ink(w.box), w.text).toBeGreaterThan(0.03);
      // and a blank stretch has none: the measure tells drawn from not drawn
      expect(ink([0, 0, 20, 20])).toBe(0);
    } finally {
      await src.close();
    }
  });
});
