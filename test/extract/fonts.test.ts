/**
 * Fonts that are not embedded: pdf.js must load its standard font files (Helvetica, Times, Courier,
 * Arial by name) and a predefined CMap (UniJIS-UCS2-H) from the installed package. The words read
 * must sit where poppler's `pdftotext -bbox` puts them (recorded beside each fixture by
 * fixtures/generate/fonts.ts), and pdf.js must have nothing to complain about.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { collectReaderNotes, openPdf } from "../../src/extract/index.js";
import { layoutPages } from "../../src/pipeline.js";
import type { ReaderNote, Word } from "../../src/model/index.js";
import { ROOT } from "../helpers.js";

interface Reference {
  pages: { page: number; words: { text: string; box: [number, number, number, number] }[] }[];
}

async function read(file: string): Promise<{ words: Word[][]; notes: ReaderNote[] }> {
  const notes = collectReaderNotes();
  const pdf = await openPdf(new Uint8Array(readFileSync(join(ROOT, "fixtures", file))));
  try {
    const pages = await layoutPages(pdf, { ocr: "never" });
    return { words: pages.map((p) => p.lines.flatMap((l) => l.words)), notes: notes.stop() };
  } finally {
    await pdf.close();
    notes.stop();
  }
}

describe.each(["standard-fonts.pdf", "cid-cmap.pdf"])("%s", (file) => {
  const ref = JSON.parse(readFileSync(join(ROOT, "fixtures", `${file}.bbox.json`), "utf8")) as Reference;

  it("is read without a warning from pdf.js", async () => {
    expect((await read(file)).notes).toEqual([]);
  });

  it("has poppler's words, each where poppler puts it", async () => {
    const { words } = await read(file);
    for (const refPage of ref.pages) {
      const ours = [...(words[refPage.page - 1] ?? [])];
      // the same words (the two readers order lines differently), each matched to the nearest of ours
      expect(ours.map((w) => w.text).sort()).toEqual(refPage.words.map((w) => w.text).sort());
      for (const r of refPage.words) {
        const at = (w: Word) => Math.abs(w.box[0] - r.box[0]) + Math.abs(w.box[3] - r.box[3]);
        const w = ours.filter((o) => o.text === r.text).sort((a, b) => at(a) - at(b))[0]!;
        // left and right edges come from the glyph widths: within a tenth of a point
        expect(Math.abs(w.box[0] - r.box[0]), `${r.text} left`).toBeLessThan(0.1);
        expect(Math.abs(w.box[2] - r.box[2]), `${r.text} right`).toBeLessThan(0.1);
        // the vertical extent is each reader's own estimate of ascent and descent: the baseline side
        // agrees within a point
        expect(Math.abs(w.box[3] - r.box[3]), `${r.text} bottom`).toBeLessThan(1);
        ours.splice(ours.indexOf(w), 1);
      }
    }
  });
});
