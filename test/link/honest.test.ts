/**
 * Honest links (issue 16.4): two editions of a dashboard whose areas were renumbered, with renamed
 * indicators, six removed and six added look-alikes under another objective or with another formula,
 * and edited targets (fixtures/links/, gold written with the documents). Link precision >= 0.98 and
 * recall >= 0.95, the removed and added reported as such, the changed targets exactly the gold's:
 * from the gold documents (stored links and links made on the fly by diff) and end to end from the PDFs.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import type { StoredDocument } from "../../src/model/index.js";
import { linkPending } from "../../src/link/index.js";
import { readDocument } from "../../src/pipeline.js";
import { ROOT, tempDir } from "../helpers.js";
import { fold, readGoldDiff, scoreLinks, type LinkScore } from "./score.js";

const DIR = join(ROOT, "fixtures", "links");
const A = "cruscotto-links-2023-2026.pdf";
const B = "cruscotto-links-2024-2027.pdf";
const gold = readGoldDiff(join(DIR, `${B}.diff.gold.json`));
const goldDoc = (f: string) =>
  JSON.parse(readFileSync(join(DIR, `${f}.gold.json`), "utf8")) as StoredDocument;
const t = tempDir("allegati-honest-");
afterAll(() => t.cleanup());

function report(label: string, s: LinkScore) {
  console.log(
    `${label}: link P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}; ` +
      `${s.diff.removed.length} removed, ${s.diff.added.length} added, ${s.changed.length} changed targets` +
      (s.wrong.length ? `\n  wrong: ${s.wrong.join("\n         ")}` : "") +
      (s.missed.length ? `\n  missed: ${s.missed.join("\n          ")}` : ""),
  );
}

function expectHonest(s: LinkScore, minP = 0.98, minR = 0.95) {
  expect(s.precision).toBeGreaterThanOrEqual(minP);
  expect(s.recall).toBeGreaterThanOrEqual(minR);
  expect(s.changed).toEqual(s.goldChanged);
}

describe("links need evidence and a clear margin", () => {
  it("on the gold documents, stored links", () => {
    const store = new Store(join(t.dir, "gold.db"));
    for (const f of [A, B]) store.insertDocument(goldDoc(f));
    linkPending(store);
    const s = scoreLinks(store, A, B, gold);
    report("gold, stored", s);
    expectHonest(s);
    expect(s.diff.removed.map(fold).sort()).toEqual(gold.removed.map(fold).sort());
    expect(s.diff.added.map(fold).sort()).toEqual(gold.added.map(fold).sort());
    // every renamed indicator is linked by similarity, every other by name
    const renamed = s.diff.links.filter((l) => l.renamed);
    expect(renamed.every((l) => l.method === "similarity")).toBe(true);
    store.close();
  });

  it("on the gold documents, linked on the fly by diff", () => {
    const store = new Store(join(t.dir, "fly.db"));
    for (const f of [A, B]) store.insertDocument(goldDoc(f));
    // no link step: diff links the two itself
    const s = scoreLinks(store, A, B, gold);
    report("gold, on the fly", s);
    expectHonest(s);
    expect(s.diff.removed.map(fold).sort()).toEqual(gold.removed.map(fold).sort());
    expect(s.diff.added.map(fold).sort()).toEqual(gold.added.map(fold).sort());
    store.close();
  });

  it("end to end, from the PDFs", async () => {
    const store = new Store(join(t.dir, "e2e.db"));
    for (const f of [A, B]) store.insertDocument(await readDocument(join(DIR, f), { ocr: "never" }));
    linkPending(store);
    const s = scoreLinks(store, A, B, gold);
    report("end to end", s);
    expectHonest(s);
    expect(s.diff.removed.map(fold).sort()).toEqual(gold.removed.map(fold).sort());
    expect(s.diff.added.map(fold).sort()).toEqual(gold.added.map(fold).sort());
    store.close();
  });
});
