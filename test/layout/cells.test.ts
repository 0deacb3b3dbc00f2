/**
 * Cell-structure precision and recall of the layout stage against the fixtures' gold cell grids
 * (fixtures/<name>.pdf.cells.json, measured where the generator drew each cell). Fails below the
 * floors in test/layout/floors.json.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openPdf } from "../../src/extract/index.js";
import { assembleDocument, layoutPage, scoreCells } from "../../src/layout/index.js";
import type { PageLayout } from "../../src/model/index.js";
import { ROOT } from "../helpers.js";

const FIX = join(ROOT, "fixtures");
const floors = JSON.parse(readFileSync(join(ROOT, "test/layout/floors.json"), "utf8")) as Record<
  string,
  { precision: number; recall: number }
>;
const golds = readdirSync(FIX).filter((f) => f.endsWith(".pdf.cells.json"));

describe("table cells against gold grids", () => {
  it("has gold grids", () => expect(golds.length).toBeGreaterThanOrEqual(3));

  for (const g of golds) {
    const pdf = g.replace(/\.cells\.json$/, "");
    it(`${pdf}: precision and recall at or above the floor`, async () => {
      expect(existsSync(join(FIX, pdf))).toBe(true);
      const gold = JSON.parse(readFileSync(join(FIX, g), "utf8")) as {
        pages: { page: number; tables: Parameters<typeof scoreCells>[1] }[];
      };
      const src = await openPdf(readFileSync(join(FIX, pdf)));
      const pages: PageLayout[] = [];
      for await (const raw of src.pages()) pages.push(layoutPage(raw));
      await src.close();
      const doc = assembleDocument(pages);
      let tp = 0,
        fp = 0,
        fn = 0;
      for (const gp of gold.pages) {
        const s = scoreCells(doc.pages.find((p) => p.page === gp.page)?.tables ?? [], gp.tables);
        tp += s.tp;
        fp += s.fp;
        fn += s.fn;
      }
      const precision = tp / Math.max(1, tp + fp),
        recall = tp / Math.max(1, tp + fn);
      console.log(
        `${pdf}: cells P ${precision.toFixed(3)} R ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`,
      );
      const floor = floors[pdf] ?? { precision: 0.97, recall: 0.97 };
      expect(precision).toBeGreaterThanOrEqual(floor.precision);
      expect(recall).toBeGreaterThanOrEqual(floor.recall);
    });
  }
});
