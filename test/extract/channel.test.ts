/** pdf.js's same-thread channel: documents come and go, the channel's handlers do not pile up. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
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
});
