/**
 * A long document crosses from the parse worker packed (handover.ts): one buffer of its own, moved
 * rather than copied, that unpacks to the same document; and ingest through a worker stores what the
 * same document read in this thread gives.
 */
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { createWriteStream } from "node:fs";
import PDFDocument from "pdfkit";
import { packDocument, PACK_PAGES, unpackDocument } from "../../src/batch/handover.js";
import { getDocument, ingest, openStore, readDocument } from "../../src/index.js";
import { tempDir } from "../helpers.js";

const t = tempDir("allegati-handover-");
afterAll(() => t.cleanup());

/** A plan of `pages` pages, each with a small ruled table of two indicators and their targets. */
async function longPlan(path: string, pages: number): Promise<void> {
  const pdf = new PDFDocument({ size: "A4", layout: "landscape", autoFirstPage: false });
  const done = new Promise<void>((r) => pdf.pipe(createWriteStream(path)).on("finish", () => r()));
  const cols = [60, 340, 560, 680];
  for (let p = 1; p <= pages; p++) {
    pdf.addPage();
    pdf.font("Helvetica-Bold").fontSize(9);
    ["Indicatore", "Algoritmo di calcolo", "Target 2025"].forEach((h, i) => pdf.text(h, cols[i]! + 4, 64));
    pdf.font("Helvetica");
    for (let r = 0; r < 2; r++) {
      const y = 84 + r * 20;
      const n = (p - 1) * 2 + r + 1;
      pdf.text(`Pratiche evase nel lotto ${n}`, cols[0]! + 4, y);
      pdf.text(`pratiche evase / pratiche ricevute ${n}`, cols[1]! + 4, y);
      pdf.text(`>= ${50 + (n % 40)},00 %`, cols[2]! + 4, y);
    }
    for (let y = 58; y <= 118; y += 20) pdf.moveTo(cols[0]!, y).lineTo(cols[3]!, y).stroke();
    for (const x of cols) pdf.moveTo(x, 58).lineTo(x, 118).stroke();
  }
  pdf.end();
  await done;
}

describe("packed hand-over", () => {
  it("moves one buffer of its own that unpacks to the same document", () => {
    const doc = { id: "a".repeat(64), file: "x.pdf", pages: 1, indicators: [{ name: "è", targets: [1.5] }] };
    const packed = packDocument(doc as never);
    // a small serialization sits in Node's shared pool: it is copied out so that it can be moved
    const moved = structuredClone(packed, { transfer: [packed] });
    expect(packed.byteLength).toBe(0);
    expect(unpackDocument(moved)).toEqual(doc);
  });

  it(`stores a document of more than ${PACK_PAGES} pages read in a worker as read in this thread`, async () => {
    const file = join(t.dir, "lungo.pdf");
    await longPlan(file, PACK_PAGES + 6);
    const here = await readDocument(file);
    expect(here.pages).toBe(PACK_PAGES + 6);
    expect(here.indicators.length).toBeGreaterThanOrEqual(2 * here.pages - 2);
    const stored = async (workers: number) => {
      const store = openStore(join(t.dir, `workers-${workers}.db`));
      try {
        const s = await ingest(store, [file], { workers });
        expect([s.loaded, s.failed]).toEqual([1, 0]);
        return getDocument(store, "lungo.pdf");
      } finally {
        store.close();
      }
    };
    const inWorker = await stored(1);
    expect(inWorker.indicators.length).toBe(here.indicators.length);
    expect(inWorker).toEqual(await stored(0));
  }, 120_000);
});
