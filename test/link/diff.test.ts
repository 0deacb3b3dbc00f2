/**
 * Linking and diffing the two editions of the dashboard against the gold diff written with them:
 * link precision >= 0.98 and recall >= 0.95, and the changed targets exactly those of the gold.
 * Run on the gold documents (the linker alone) and on what the pipeline reads (end to end).
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../../src/load/index.js";
import type { StoredDocument } from "../../src/model/index.js";
import { classifyChange, diffDocuments, relinkIssuer } from "../../src/link/index.js";
import { readDocument } from "../../src/pipeline.js";
import type { Target } from "../../src/model/index.js";
import { ROOT, tempDir } from "../helpers.js";

const FIX = join(ROOT, "fixtures");
const A = "cruscotto-strategico-2021-2026.pdf";
const B = "cruscotto-strategico-2022-2027.pdf";
const gold = JSON.parse(readFileSync(join(FIX, `${B}.diff.gold.json`), "utf8")) as {
  links: { from: string; to: string; renamed: boolean }[];
  added: string[];
  removed: string[];
  targets: { indicator: string; year: number; change: string }[];
};
const t = tempDir("allegati-link-");
afterAll(() => t.cleanup());
const fold = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Names compared by their first words: the pipeline may read a long name's tail differently. */
const key = (s: string) => fold(s).split(" ").slice(0, 6).join(" ");

function multisetHits(pred: string[], gold: string[]): number {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hits = 0;
  for (const p of pred) {
    const n = pool.get(p) ?? 0;
    if (n) {
      hits++;
      pool.set(p, n - 1);
    }
  }
  return hits;
}

function score(store: Store) {
  const d = diffDocuments(store, A, B);
  const goldLinks = gold.links.map((l) => `${key(l.from)} → ${key(l.to)}`);
  const predLinks = d.links.map((l) => `${key(l.from)} → ${key(l.to)}`);
  const tp = multisetHits(predLinks, goldLinks);
  const changed = d.targets
    .filter((x) => x.change !== "unchanged")
    .map((x) => `${key(x.indicator)}|${x.year}|${x.change}`)
    .sort();
  const goldChanged = gold.targets.map((x) => `${key(x.indicator)}|${x.year}|${x.change}`).sort();
  return { d, precision: tp / predLinks.length, recall: tp / goldLinks.length, changed, goldChanged };
}

describe("link and diff the two editions", () => {
  it("on the gold documents", () => {
    const store = new Store(join(t.dir, "gold.db"));
    for (const f of [A, B])
      store.insertDocument(JSON.parse(readFileSync(join(FIX, `${f}.gold.json`), "utf8")) as StoredDocument);
    relinkIssuer(store, null);
    const s = score(store);
    console.log(
      `gold input: link P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}; ${s.changed.length} changed targets`,
    );
    expect(s.precision).toBeGreaterThanOrEqual(0.98);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.changed).toEqual(s.goldChanged);
    expect(s.d.added.map(fold).sort()).toEqual(gold.added.map(fold).sort());
    expect(s.d.removed.map(fold).sort()).toEqual(gold.removed.map(fold).sort());
    store.close();
  });

  it("end to end, from the PDFs", async () => {
    const store = new Store(join(t.dir, "e2e.db"));
    for (const f of [A, B]) {
      store.insertDocument(await readDocument(join(FIX, f)));
      relinkIssuer(store, null);
    }
    const s = score(store);
    console.log(
      `end to end: link P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}; ${s.changed.length} changed targets`,
    );
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.changed).toEqual(s.goldChanged);
    store.close();
  });
});

describe("classifyChange", () => {
  const tg = (op: Target["op"], value: Target["value"], unit: Target["unit"] = "%"): Target => ({
    year: 2024,
    op,
    value,
    unit,
    raw: "",
    superseded: false,
  });
  it.each([
    [tg(">=", 70), tg(">=", 75), "tightened"],
    [tg(">=", 75), tg(">=", 70), "loosened"],
    [tg(">", 1, null), tg(">", 2, null), "tightened"],
    [tg("<=", 5), tg("<=", 4), "tightened"],
    [tg("<", 18), tg("<", 20), "loosened"],
    [tg("=", 100), tg("=", 90), "changed"],
    [tg("=", 100), tg("=", 100), "unchanged"],
    [tg(">", "medio", "text"), tg(">=", 80), "changed"],
    [tg("<=", "2024-06-30", "date"), tg("<=", "2024-03-31", "date"), "tightened"],
    [tg("<=", "2024-06-30", "date"), tg("<=", "2024-09-30", "date"), "loosened"],
    [{ ...tg("between", 80), max: 90 }, { ...tg("between", 80), max: 90 }, "unchanged"],
    [{ ...tg("between", 80), max: 90 }, { ...tg("between", 80), max: 95 }, "changed"],
  ])("%o → %o is %s", (a, b, want) => expect(classifyChange(a as Target, b as Target)).toBe(want));
});
