/**
 * The committed variety corpus (fixtures/variety/{dev,test}): every gold file is a valid export
 * document, every meta file agrees with its folder and its seed, and both splits cover every
 * family × layout kind × producer. Needs no LibreOffice or Chromium: it reads the committed files.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GoldMeta } from "../../src/eval/breakdown.js";
import { GoldMetaSchema } from "../../src/eval/meta.js";
import { goldFiles } from "../../src/eval/run.js";
import { ExportDocument } from "../../src/model/index.js";
import { FAMILIES, FAMILY_KINDS, PRODUCERS } from "../../fixtures/generate/variety/spec.js";
import { splitOf } from "../../fixtures/generate/variety/split.js";
import { contractValidator, ROOT } from "../helpers.js";

const CORPUS = join(ROOT, "fixtures", "variety");
const SPLITS = ["dev", "test"] as const;

const entries = SPLITS.flatMap((split) =>
  goldFiles(join(CORPUS, split)).map(({ gold, source }) => ({
    split,
    gold,
    source,
    doc: JSON.parse(readFileSync(gold, "utf8")) as ExportDocument,
    meta: JSON.parse(readFileSync(`${source}.meta.json`, "utf8")) as unknown,
  })),
);

describe("variety corpus", () => {
  it("has PDFs with gold and meta beside each, and nothing else", () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    for (const split of SPLITS) {
      const files = readdirSync(join(CORPUS, split));
      const pdfs = files.filter((f) => f.endsWith(".pdf"));
      expect(files.length).toBe(pdfs.length * 3);
      for (const f of pdfs) {
        expect(existsSync(join(CORPUS, split, `${f}.gold.json`)), f).toBe(true);
        expect(existsSync(join(CORPUS, split, `${f}.meta.json`)), f).toBe(true);
      }
    }
  });

  it("validates every gold file against the export contract and the model", () => {
    const validate = contractValidator();
    for (const e of entries) {
      const ok = validate({ version: 1, documents: [e.doc] });
      expect(ok, `${e.gold}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      expect(ExportDocument.safeParse(e.doc).success, e.gold).toBe(true);
    }
  });

  it("names the file it describes, with its sha256, and points every indicator at a page of it", () => {
    for (const e of entries) {
      expect(e.doc.file).toBe(e.source.split("/").pop());
      expect(e.doc.id).toBe(createHash("sha256").update(readFileSync(e.source)).digest("hex"));
      expect(e.doc.indicators.length).toBeGreaterThan(0);
      for (const i of e.doc.indicators) {
        expect(i.source.page).toBeGreaterThanOrEqual(1);
        expect(i.source.page).toBeLessThanOrEqual(e.doc.pages);
        expect(i.source.bbox, `${e.gold}: ${i.name}`).not.toBeNull();
      }
      const years = [...new Set(e.doc.indicators.flatMap((i) => i.targets.map((t) => t.year)))].sort();
      expect(e.doc.years).toEqual(years);
    }
  });

  it("has meta files consistent with their folder and the split rule", () => {
    for (const e of entries) {
      const meta = GoldMetaSchema.parse(e.meta);
      expect(meta.split, e.source).toBe(e.split);
      expect(splitOf(meta.seed), e.source).toBe(meta.split);
      expect(FAMILIES as readonly string[]).toContain(meta.family);
      expect(PRODUCERS as readonly string[]).toContain(meta.producer);
      expect(FAMILY_KINDS[meta.family as (typeof FAMILIES)[number]]).toContain(meta.layoutKind);
      expect(e.source.split("/").pop()!.startsWith(`${meta.family}-${meta.producer}-`)).toBe(true);
    }
  });

  it("covers every family × layout kind × producer in both dev and test", () => {
    for (const family of FAMILIES)
      for (const kind of FAMILY_KINDS[family])
        for (const producer of PRODUCERS)
          for (const split of SPLITS) {
            const n = entries.filter((e) => {
              const m = e.meta as GoldMeta;
              return (
                e.split === split && m.family === family && m.layoutKind === kind && m.producer === producer
              );
            }).length;
            expect(n, `${family}/${kind}/${producer} in ${split}`).toBeGreaterThan(0);
          }
  });

  it("stays small", () => {
    const bytes = SPLITS.flatMap((s) =>
      readdirSync(join(CORPUS, s)).map((f) => statSync(join(CORPUS, s, f)).size),
    ).reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(15 * 1024 * 1024);
  });
});
