import { describe, expect, it } from "vitest";
import { placeRows, plainText, type Block, type Para } from "../../fixtures/generate/variety/blocks.js";
import { objectiveCode } from "../../fixtures/generate/variety/content.js";
import { corpusPlan } from "../../fixtures/generate/variety/plan.js";
import { hash32, Rng } from "../../fixtures/generate/variety/rng.js";
import { FAMILIES, FAMILY_KINDS, PRODUCERS } from "../../fixtures/generate/variety/spec.js";
import { splitOf } from "../../fixtures/generate/variety/split.js";
import { prepareVariant } from "../../fixtures/generate/variety/variant.js";

const plan = corpusPlan();

/** Every paragraph of the model with the prov key of its cell or itself. */
function paragraphs(blocks: Block[]): { text: string; prov?: string }[] {
  const out: { text: string; prov?: string }[] = [];
  const add = (p: Para, prov?: string) => out.push({ text: plainText(p), prov: p.prov ?? prov });
  for (const b of blocks) {
    if (b.type === "text") b.paras.forEach((p) => add(p));
    if (b.type === "table")
      for (const row of [...b.header, ...b.groups.flat()])
        for (const c of row) c.paras.forEach((p) => add(p, c.prov));
  }
  return out;
}

describe("rng and split", () => {
  it("draws the same sequence from the same seed, and forks that do not depend on earlier draws", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const c = new Rng(42);
    c.next();
    expect(c.fork("x").next()).toBe(new Rng(42).fork("x").next());
    expect(hash32("a/1")).not.toBe(hash32("a/2"));
  });

  it("splits by the seed alone, about 60 % dev", () => {
    const seeds = Array.from({ length: 4000 }, (_, i) => hash32(`s${i}`));
    const dev = seeds.filter((s) => splitOf(s) === "dev").length / seeds.length;
    expect(dev).toBeGreaterThan(0.57);
    expect(dev).toBeLessThan(0.63);
    expect(splitOf(12345)).toBe(splitOf(12345));
  });
});

describe("corpusPlan", () => {
  it("holds every family in each of its layout kinds by every producer, in both dev and test", () => {
    for (const family of FAMILIES)
      for (const kind of FAMILY_KINDS[family])
        for (const producer of PRODUCERS)
          for (const split of ["dev", "test"]) {
            const n = plan.filter(
              (p) =>
                p.family === family && p.layoutKind === kind && p.producer === producer && p.split === split,
            ).length;
            expect(n, `${family}/${kind}/${producer}/${split}`).toBeGreaterThan(0);
          }
  });

  it("names each variant once, with the split its seed gives, about 60 % of them dev", () => {
    expect(new Set(plan.map((p) => p.name)).size).toBe(plan.length);
    expect(new Set(plan.map((p) => p.seed)).size).toBe(plan.length);
    for (const p of plan) expect(p.split).toBe(splitOf(p.seed));
    const dev = plan.filter((p) => p.split === "dev").length / plan.length;
    expect(dev).toBeGreaterThan(0.55);
    expect(dev).toBeLessThan(0.66);
    expect(plan.length).toBeGreaterThanOrEqual(60);
    expect(plan.length).toBeLessThanOrEqual(120);
  });
});

describe("objectiveCode", () => {
  it("writes the code shapes of the families", () => {
    expect(objectiveCode("dotted", "operational", [1, 2, 3], 2, 1)).toBe("1.2.3");
    expect(objectiveCode("padded", "action", [1, 2, 1, 3], 2, 1)).toBe("01.O2.O1.T3");
    expect(objectiveCode("letter", "strategic", [1, 2], 3, 1)).toBe("A03");
    expect(objectiveCode("letter", "operational", [1, 2, 4], 3, 1)).toBe("A03.04");
    expect(objectiveCode("ob", "operational", [2, 1], 2, 0)).toBe("OB.2.1");
    expect(objectiveCode("none", "strategic", [1], 1, 0)).toBeNull();
  });
});

describe("prepareVariant", () => {
  it("is deterministic", () => {
    for (const p of plan.slice(0, 12))
      expect(JSON.stringify(prepareVariant(p).model)).toBe(JSON.stringify(prepareVariant(p).model));
  });

  const prepared = plan.map(prepareVariant);

  it("composes gold that the model prints, for every planned variant", () => {
    for (const v of prepared) {
      const p = v.plan;
      const paras = paragraphs(v.model.blocks);
      const all = paras.map((x) => x.text).join("\n");
      const codes = new Set(v.objectives.map((o) => o.code ?? o.title));
      expect(v.indicators.length, p.name).toBeGreaterThan(0);
      for (const o of v.objectives) {
        expect(all, `${p.name}: ${o.title}`).toContain(o.title);
        if (o.parentCode !== null)
          expect(codes.has(o.parentCode), `${p.name}: parent ${o.parentCode}`).toBe(true);
      }
      expect(codes.size, `${p.name}: objectives unique by code or title`).toBe(v.objectives.length);
      for (const { key, gold } of v.indicators) {
        // the name is printed in the element marked with the indicator's key
        const own = paras
          .filter((x) => x.prov === key)
          .map((x) => x.text)
          .join(" ");
        expect(own, `${p.name}: ${gold.name}`).toContain(gold.name);
        if (gold.code) expect(all).toContain(gold.code);
        expect(codes.has(gold.objectiveCode!), `${p.name}: objective of ${gold.name}`).toBe(true);
        for (const f of [gold.formula, gold.description, gold.owner, ...gold.notes])
          if (f) expect(all).toContain(f);
        const years = new Map<number, number>();
        for (const t of gold.targets) if (!t.superseded) years.set(t.year!, (years.get(t.year!) ?? 0) + 1);
        for (const [y, n] of years) expect(n, `${p.name}: ${gold.name} ${y}`).toBe(1);
        for (const t of [...gold.targets, ...gold.baselines, ...gold.results]) expect(all).toContain(t.raw);
      }
    }
  });

  it("builds tables whose rows fill their columns exactly", () => {
    for (const v of prepared) {
      const p = v.plan;
      for (const b of v.model.blocks) {
        if (b.type !== "table") continue;
        expect(b.widths.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 6);
        for (const rows of [b.header, ...b.groups]) {
          const { covered } = placeRows(rows, b.widths.length);
          for (const row of covered) expect(row.every(Boolean), p.name).toBe(true);
        }
      }
    }
  });
});
