/**
 * Text read from the operator list's glyphs against pdf.js's own getTextContent, and against pages
 * drawn here where every word's place is known (spacing, scaling, kerning, rotation).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { openPdf } from "../../src/extract/index.js";
import { runsToWords } from "../../src/layout/words.js";
import type { Word } from "../../src/model/index.js";
import { ROOT, SHARED } from "../helpers.js";

async function wordsOf(bytes: Uint8Array, text: "glyphs" | "content"): Promise<Word[][]> {
  const src = await openPdf(bytes, { text });
  const out: Word[][] = [];
  for await (const p of src.pages()) out.push(runsToWords(p.runs));
  await src.close();
  return out;
}

const DOCS = [
  join(ROOT, "fixtures", "cciaa-fe-ra-allegato4-2021.pdf"),
  join(ROOT, "fixtures", "cciaa-ferrara-piano-2017.pdf"),
  join(ROOT, "fixtures", "cciaa-riviere-liguria-relazione-2023.pdf"),
  join(ROOT, "fixtures", "cruscotto-strategico-2022-2027.pdf"),
  join(SHARED, "realdocs", "CCIAA_Firenze_Determinazione_41_2024.pdf"),
  join(SHARED, "realdocs", "alicepdf_Venezia_PATRIMONIO_pages1-5.pdf"),
].filter((f) => existsSync(f));

describe("text from glyphs", () => {
  it.each(DOCS.map((f) => [basename(f), f]))(
    "%s: the same words as getTextContent, on the same lines",
    async (_, file) => {
      const bytes = new Uint8Array(readFileSync(file));
      const [mine, theirs] = [await wordsOf(bytes, "glyphs"), await wordsOf(bytes, "content")];
      expect(mine.length).toBe(theirs.length);
      let words = 0,
        unmatched = 0;
      mine.forEach((page, i) => {
        // getTextContent's word boxes are shares of a phrase's width (20 points off in justified text),
        // so only the line is compared here; places are checked on the drawn page below
        const pool = new Map<string, Word[]>();
        for (const w of theirs[i]!) (pool.get(w.text) ?? pool.set(w.text, []).get(w.text)!).push(w);
        for (const w of page) {
          words++;
          const cands = pool.get(w.text) ?? [];
          const yc = (w.box[1] + w.box[3]) / 2;
          const k = cands.findIndex((t) => Math.abs((t.box[1] + t.box[3]) / 2 - yc) < 1.5);
          if (k < 0) unmatched++;
          else cands.splice(k, 1);
        }
      });
      expect(words).toBeGreaterThan(100);
      // a word or two may split differently where a gap sits at the break threshold
      expect(unmatched / words).toBeLessThan(0.005);
    },
  );

  it("places words where they were drawn: spacing, scaling, kerning, rotation", async () => {
    const d = new PDFDocument({ size: "A4", margin: 20 });
    const chunks: Buffer[] = [];
    d.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => d.on("end", () => r()));
    const drawn: { text: string; x: number; y: number; width: number }[] = [];
    const put = (text: string, x: number, y: number, opts: PDFKit.Mixins.TextOptions = {}) => {
      d.text(text, x, y, { lineBreak: false, ...opts });
      drawn.push({ text, x, y, width: d.widthOfString(text, opts) });
    };
    d.font("Helvetica").fontSize(10);
    put("Indicatore", 50, 100);
    put("WAVE", 200, 100); // kerned pair AV: a TJ adjustment inside the word
    put("spaziato", 50, 140, { characterSpacing: 1.5 });
    put("largo", 200, 140, { horizontalScaling: 150 } as PDFKit.Mixins.TextOptions);
    d.font("Times-Bold").fontSize(18);
    put("75,00%", 300, 180);
    d.save().rotate(-90, { origin: [100, 400] });
    d.font("Helvetica").fontSize(10).text("ruotato", 100, 400, { lineBreak: false });
    d.restore();
    d.end();
    await done;
    const [page] = await wordsOf(new Uint8Array(Buffer.concat(chunks)), "glyphs");
    for (const w of drawn) {
      const got = page!.find((p) => p.text === w.text);
      expect(got, w.text).toBeDefined();
      // pdfkit's y is the top of the line box, at the AFM ascender (0.718 em for Helvetica); the
      // glyph box runs up to the ascent of the font pdf.js loads for a standard font
      // (LiberationSans, 0.905 em): up to 0.19 em above it
      expect(got!.box[0]).toBeCloseTo(w.x, 0);
      expect(Math.abs(got!.box[2] - (w.x + w.width))).toBeLessThan(2);
      expect(got!.box[1]).toBeGreaterThanOrEqual(w.y - 0.2 * 18);
      expect(got!.box[1]).toBeLessThan(w.y + 6);
    }
    // drawn upwards from (100, 400): a tall, narrow box ending at the origin
    const r = page!.find((p) => p.text === "ruotato")!;
    expect(r.box[3] - r.box[1]).toBeGreaterThan(r.box[2] - r.box[0]);
    expect(r.box[3]).toBeCloseTo(400, 0);
    expect(page!.find((p) => p.text === "Times-Bold")).toBeUndefined();
    expect(page!.find((p) => p.text === "75,00%")!.bold).toBe(true);
  });
});
