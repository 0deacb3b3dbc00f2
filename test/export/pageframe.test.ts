/**
 * A page read turned keeps its boxes in the turned view in the store (as the review page shows it);
 * exports and getDocument give them in the page's own frame, as the contract's bbox says.
 */
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { unturnBox } from "../../src/export/index.js";
import { pdfjs, PDFJS_OPTIONS } from "../../src/extract/pdfjs.js";
import { exportDocuments, getDocument, ingest, openStore, type Box } from "../../src/index.js";
import { sidewaysTable } from "../extract/sideways.js";
import { tempDir } from "../helpers.js";
import { writeFileSync } from "node:fs";

const t = tempDir("allegati-pageframe-");
afterAll(() => t.cleanup());

const norm = (a: number[], b: number[]): Box => [
  Math.min(a[0]!, b[0]!),
  Math.min(a[1]!, b[1]!),
  Math.max(a[0]!, b[0]!),
  Math.max(a[1]!, b[1]!),
];

describe("boxes turned back to the page's frame", () => {
  it("agree with pdf.js's own viewports for every /Rotate and turn", async () => {
    const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: await sidewaysTable(0) }).promise;
    try {
      const page = await doc.getPage(1);
      const box: Box = [40.5, 100.25, 180, 130];
      for (const rotate of [0, 90, 180, 270])
        for (const turn of [90, 180, 270]) {
          const own = page.getViewport({ scale: 1, rotation: rotate });
          const turned = page.getViewport({ scale: 1, rotation: (rotate + turn) % 360 });
          const corner = (x: number, y: number) => {
            const [px, py] = turned.convertToPdfPoint(x, y) as [number, number];
            return own.convertToViewportPoint(px, py) as number[];
          };
          const expected = norm(corner(box[0], box[1]), corner(box[2], box[3]));
          const got = unturnBox(box, turn, turned.width, turned.height);
          got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
        }
      expect(unturnBox([1, 2, 3, 4], 0, 10, 10)).toEqual([1, 2, 3, 4]);
    } finally {
      await doc.destroy();
    }
  });

  it("exports a table set sideways with its boxes on the page as printed", async () => {
    const file = join(t.dir, "di-traverso.pdf");
    writeFileSync(file, await sidewaysTable(90));
    const store = openStore(join(t.dir, "x.db"));
    try {
      expect((await ingest(store, [file], { workers: 0 })).loaded).toBe(1);
      const target = (d: { indicators: { targets: { raw: string; source?: { bbox: Box | null } }[] }[] }) =>
        d.indicators.flatMap((i) => i.targets).find((x) => x.raw.includes("75,00"))!.source!.bbox!;
      const id = getDocument(store, "di-traverso.pdf").id;
      // stored as read, level: a line of text is wider than tall
      const [a0, b0, a1, b1] = target(store.exportDocument(id));
      expect(a1 - a0).toBeGreaterThan(b1 - b0);
      // where pdf.js puts that text on the page as printed
      const pdf = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: await sidewaysTable(90) }).promise;
      const page = await pdf.getPage(1);
      const vp = page.getViewport({ scale: 1 });
      const item = (await page.getTextContent()).items.find((i) => "str" in i && i.str.includes("75,00"))!;
      const [px, py] = vp.convertToViewportPoint(
        ...((item as { transform: number[] }).transform.slice(4, 6) as [number, number]),
      ) as number[];
      await pdf.destroy();
      for (const d of [getDocument(store, "di-traverso.pdf"), [...exportDocuments(store)][0]!]) {
        const [x0, y0, x1, y1] = target(d);
        // on the portrait page as printed the same text runs down the page, and is where pdf.js has it
        expect(y1 - y0).toBeGreaterThan(x1 - x0);
        expect(px!).toBeGreaterThan(x0 - 2);
        expect(px!).toBeLessThan(x1 + 2);
        expect(py!).toBeGreaterThan(y0 - 2);
        expect(py!).toBeLessThan(y1 + 2);
      }
    } finally {
      store.close();
    }
  });
});
