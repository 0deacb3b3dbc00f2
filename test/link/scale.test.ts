/**
 * Linking at scale, as a correctness check (the timing is the bench's: `npm run bench -- --link-only`):
 * two synthetic editions of 2,000 indicators, most renamed, a twentieth replaced by look-alikes under
 * another objective, linked through the link step.
 */
import { describe, expect, it } from "vitest";
import { Store, storedLinks, linkStateOf } from "../../src/load/index.js";
import { diffDocuments, linkPending } from "../../src/link/index.js";
import { syntheticEditions } from "./synthetic.js";

describe("linking two editions of 2,000 indicators", () => {
  it("links the renamed, leaves the look-alikes removed and added", () => {
    const p = syntheticEditions(2000);
    const store = new Store(":memory:");
    store.insertDocument(p.a);
    store.insertDocument(p.b);
    const r = linkPending(store);
    expect(r.warnings).toEqual([]);
    expect(linkStateOf(store, p.a.id)?.state).toBe("linked");
    expect(linkStateOf(store, p.b.id)?.state).toBe("linked");
    const links = storedLinks(store, p.a.id, p.b.id);
    const gold = new Set(p.links.map(([i, j]) => `${i}|${j}`));
    const tp = links.filter((l) => gold.has(`${l.fromOrd}|${l.toOrd}`)).length;
    const precision = tp / links.length,
      recall = tp / gold.size;
    console.log(`2 × 2000: ${links.length} links, P ${precision.toFixed(3)} R ${recall.toFixed(3)}`);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    const d = diffDocuments(store, p.a.id, p.b.id);
    expect(d.removed).toHaveLength(p.removed.length);
    expect(d.added).toHaveLength(p.added.length);
    expect(new Set(d.removed)).toEqual(new Set(p.removed.map((i) => p.a.indicators[i]!.name)));
    expect(new Set(d.added)).toEqual(new Set(p.added.map((j) => p.b.indicators[j]!.name)));
    store.close();
  });
});
