import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf } from "../../src/extract/index.js";
import {
  lastStemRuns,
  likeness,
  overlap,
  readGlyph,
  references,
  shapeOf,
  shifted,
} from "../../src/extract/glyphcheck.js";

/** an outline of rectangles [x0, y0, x1, y1] in ems, as pdf.js compiles paths (0 moveTo, 1 lineTo, 4 close) */
const rects = (...rs: [number, number, number, number][]): number[] =>
  rs.flatMap(([x0, y0, x1, y1]) => [0, x0, y0, 1, x1, y0, 1, x1, y1, 1, x0, y1, 4]);

// a PIAO of the variety corpus's dev split (pdfkit, DejaVu and Liberation fonts) passed through
// Ghostscript 10.00's pdfwrite: its ToUnicode maps claim `g` for ≥, `f` for ≤, `¬` for €, `3` for –
const GS = readFileSync(join(import.meta.dirname, "ghostscript-lossy.pdf"));

async function pageText(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes);
  const page = await pdf.page(1);
  return page.runs.map((r) => r.text).join(" ");
}

describe("glyph shapes", () => {
  it("finds a stem with a dot apart from a stem alone", () => {
    expect(lastStemRuns(rects([0.1, 0, 0.2, 0.72]))).toBe(1);
    expect(lastStemRuns(rects([0.1, 0, 0.2, 0.52], [0.1, 0.62, 0.2, 0.72]))).toBe(2);
    // the last stem is the rightmost: an f's bar and stem before it do not count
    expect(lastStemRuns(rects([0, 0, 0.08, 0.7], [0, 0.45, 0.25, 0.52], [0.3, 0, 0.38, 0.72]))).toBe(1);
  });

  it("moves an outline along the baseline", () => {
    const r = rects([0, 0, 0.1, 0.5]);
    const s = shifted(r, 0.3);
    expect(s.length).toBe(r.length);
    expect(s.slice(0, 3)).toEqual([0, 0.3, 0]);
  });

  it("scores a shape like itself above an unlike one", () => {
    const bar = shapeOf(rects([0, 0.25, 0.5, 0.32]))!;
    const stem = shapeOf(rects([0, 0, 0.08, 0.7]))!;
    expect(likeness(bar, bar)).toBe(1);
    expect(overlap(bar, bar)).toBe(1);
    expect(likeness(bar, stem)).toBeLessThan(0.5);
    expect(overlap(bar, stem)).toBeLessThan(0.2);
    expect(shapeOf([])).toBeNull();
  });
});

describe("reading glyphs again where a producer's Unicode map is lossy", () => {
  it("reads the relations, the euro and the dash of a Ghostscript copy from their outlines", async () => {
    const text = await pageText(new Uint8Array(GS));
    expect(text).toContain("≥");
    expect(text).toContain("≤");
    expect(text).toContain("€");
    expect(text).toContain("2025-2027 – Sezione");
    // the letters the map claimed for them stay letters elsewhere
    expect(text).toContain("Digitalizzare");
    expect(text).not.toMatch(/\dg\b/);
  });

  it("leaves the map alone for other producers", async () => {
    const bytes = Buffer.from(GS);
    const at = bytes.indexOf("GPL Ghostscript");
    expect(at).toBeGreaterThan(0);
    // the same file, its producer renamed (same length: offsets hold) in both places it is written
    let from = 0;
    for (let i = bytes.indexOf("GPL Ghostscript", from); i >= 0; i = bytes.indexOf("GPL Ghostscript", from)) {
      bytes.write("GPL Xhostscript", i, "latin1");
      from = i + 1;
    }
    const text = await pageText(new Uint8Array(bytes));
    expect(text).not.toContain("≥");
    expect(text).toMatch(/2025g/);
  });

  it("keeps a claim whose outline is its own", async () => {
    const refs = await references();
    expect(refs.hidden.get("≥")?.length).toBeGreaterThan(0);
    expect(refs.hidden.get("ﬃ")?.length).toBeGreaterThan(0);
    // an l-like stem claimed as l stays l; a wide bar on the baseline claimed as 3 is a dash
    expect(readGlyph(refs, "l", rects([0.1, 0, 0.2, 0.73]))).toBe("l");
    expect(readGlyph(refs, "3", rects([0, 0.22, 0.55, 0.3]))).toBe("–");
    // no outline, a claim past Latin-1, several characters: as claimed
    expect(readGlyph(refs, "g", null)).toBe("g");
    expect(readGlyph(refs, "ж", rects([0, 0.22, 0.55, 0.3]))).toBe("ж");
  });
});
