/**
 * A table that runs over many pages is read as a stream (reader.ts): the records are those of the
 * table read whole, and the pages are not held.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { layout } from "../../src/index.js";
import type { PageLayout } from "../../src/model/index.js";
import { segmentPages } from "../../src/segment/index.js";
import { ROOT } from "../helpers.js";

/** A Calc plan whose table runs onto its second page. */
const PLAN = join(ROOT, "fixtures", "variety", "dev", "allegato-calc-merged-7a1b24c1.pdf");

/** The plan's first page, then its second page again and again: one table over `n` pages. */
async function longTable(n: number): Promise<() => Generator<PageLayout>> {
  const [first, second] = (await layout(PLAN)).pages;
  expect(second!.tables[0]!.continues).not.toBeNull();
  return function* () {
    yield structuredClone(first!);
    for (let page = 2; page <= n; page++) yield { ...structuredClone(second!), page };
  };
}

const read = (pages: Iterable<PageLayout>, streamRows: number) =>
  segmentPages(pages, { running: [], act: null, streamRows });

describe("streamed tables", () => {
  it("read a table over 40 pages as it comes, to the same records as when held whole", async () => {
    const pages = await longTable(40);
    const whole = read(pages(), Infinity);
    // hundreds of rows: streamed past the first 400 by default, past the first 20 here
    expect(whole.indicators.length).toBeGreaterThan(60);
    for (const rows of [400, 20]) {
      const streamed = read(pages(), rows);
      expect(streamed.indicators).toEqual(whole.indicators);
      expect(streamed.objectives).toEqual(whole.objectives);
    }
  });

  it("hold no more memory as the table runs on, where a table held whole grows with its pages", async () => {
    const pages = await longTable(90);
    // the collector, callable (a fresh context sees the flag)
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    /** the live heap's growth between page 30 and page 90 of the table */
    const growth = (streamRows: number) => {
      const at: number[] = [];
      function* probe(): Generator<PageLayout> {
        for (const p of pages()) {
          yield p;
          if (p.page === 30 || p.page === 90) {
            gc();
            at.push(process.memoryUsage().heapUsed);
          }
        }
      }
      read(probe(), streamRows);
      return at[1]! - at[0]!;
    };
    const held = growth(Infinity);
    const streamed = growth(20);
    // held whole: the rows of 60 pages (their cells, lines and words); streamed: only the records
    expect(held).toBeGreaterThan(3 << 20);
    expect(streamed).toBeLessThan(held / 3);
  });
});
