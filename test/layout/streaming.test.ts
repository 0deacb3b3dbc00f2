/**
 * A long document is read a page at a time: pages past the first ones are held compacted until the
 * document is read, then assembled and segmented one by one. The records must not depend on it.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openPdf } from "../../src/extract/index.js";
import { assembleDocument } from "../../src/layout/index.js";
import { PageStore } from "../../src/layout/pagestore.js";
import { layoutPages, readDocument } from "../../src/pipeline.js";
import { readFileSync } from "node:fs";
import { ROOT } from "../helpers.js";

const RELAZIONE = join(ROOT, "fixtures", "cciaa-riviere-liguria-relazione-2023.pdf");

describe("page by page", () => {
  it("gives back each page once, with the words its lines, blocks and cells share still shared", async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(RELAZIONE)));
    const pages = await layoutPages(pdf, { ocr: "never" });
    await pdf.close();
    const store = new PageStore(1);
    for (const p of pages) store.put(p);
    expect(store.length).toBe(pages.length);
    const back = [...store.take()];
    expect(back).toHaveLength(pages.length);
    expect(back[0]).toBe(pages[0]); // kept as it is
    expect(back[1]).not.toBe(pages[1]); // compacted, and equal when read back
    expect(back[1]).toEqual(pages[1]);
    const p = back.find((x, i) => i > 0 && x.tables.length)!;
    const inCells = new Set(p.tables.flatMap((t) => t.cells.flatMap((c) => c.lines.flatMap((l) => l.words))));
    const inLines = p.lines.flatMap((l) => l.words);
    expect(inCells.size).toBeGreaterThan(0);
    expect(inLines.filter((w) => inCells.has(w)).length).toBe(inCells.size);
    expect(() => [...store.take()]).toThrow(/already taken/);
  });

  it("reads the same records whether pages are held whole or compacted", async () => {
    const whole = await readDocument(RELAZIONE, { ocr: "never" });
    const compact = await readDocument(RELAZIONE, { ocr: "never", keepPages: 0 });
    expect(compact).toEqual(whole);
    expect(whole.indicators.length).toBeGreaterThan(50);
  });

  it("assembles page by page as it would the whole document", async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(RELAZIONE)));
    const pages = await layoutPages(pdf, { ocr: "never" });
    await pdf.close();
    const doc = assembleDocument(pages);
    const whole = await readDocument(RELAZIONE, { ocr: "never", keepPages: 0 });
    expect(whole.pageInfo!.map((p) => p.text)).toEqual(
      doc.pages.map((p) => p.lines.map((l) => l.text).join("\n")),
    );
    expect(whole.signatories).toEqual(doc.signatories);
    expect(whole.act).toEqual(doc.act);
    // a table continued over pages was linked on the way
    expect(doc.pages.some((p) => p.tables.some((t) => t.continues !== null))).toBe(true);
  });
});
