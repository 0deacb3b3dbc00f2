import { describe, expect, it } from "vitest";
import { repairNames, Vocabulary } from "../../src/segment/ocrnames.js";
import type { Indicator, PageLayout, Word } from "../../src/model/index.js";

const word = (text: string, confidence?: number): Word => ({
  text,
  box: [0, 0, 10, 10],
  fontSize: 9,
  bold: false,
  italic: false,
  struck: false,
  ...(confidence === undefined ? {} : { confidence }),
});
const page = (...words: Word[]): PageLayout => ({
  page: 1,
  width: 600,
  height: 800,
  ocr: true,
  lines: words.map((w) => ({ text: w.text, box: w.box, words: [w] })),
  blocks: [],
  tables: [],
  furniture: [],
});
const indicator = (name: string): Indicator => ({
  code: null,
  name,
  objectiveCode: null,
  formula: null,
  baselines: [],
  targets: [],
  results: [],
  source: { page: 1, bbox: [0, 0, 1, 1] },
});

describe("names read again from the document's words", () => {
  it("takes a word read unsure, one letter of like shape from a word read surely elsewhere", () => {
    const v = new Vocabulary();
    // `potizia` in a name, read unsure; `Polizia` as an owner, read surely
    v.add(page(word("Indice", 95), word("potizia", 62), word("Polizia", 93), word("Locale", 94)));
    const ind = indicator("Indice di gradimento potizia locale");
    repairNames([ind], v);
    expect(ind.name).toBe("Indice di gradimento polizia locale");
    // (in the case it was read in)
    expect(v.fix("Potizia")).toBe("Polizia");
  });

  it("takes a word read unsure with a thin letter lost or added", () => {
    const v = new Vocabulary();
    v.add(
      page(
        word("frma", 55),
        word("firma", 96),
        word("rilascio", 95),
        word("filascio", 50),
        word("esterni", 95),
      ),
    );
    expect(v.fix("frma")).toBe("firma");
    // (`f` for `r`, a letter of like shape)
    expect(v.fix("filascio")).toBe("rilascio");
    expect(v.fix("Esternii")).toBe("Esterni");
    // (a short word has too many neighbours)
    v.add(page(word("per", 95), word("pe", 40)));
    expect(v.fix("pe")).toBeNull();
  });

  it("leaves a word read surely, or twice, or near no word or two words", () => {
    const v = new Vocabulary();
    v.add(page(word("comunate", 88), word("comunale", 95)));
    expect(v.fix("comunate")).toBeNull();
    const twice = new Vocabulary();
    twice.add(page(word("conto", 60), word("conto", 61), word("canto", 95)));
    expect(twice.fix("conto")).toBeNull();
    const two = new Vocabulary();
    // `cosla`: one letter of like shape from `costa` and from `cosia`: no choice
    two.add(page(word("cosla", 50), word("costa", 95), word("cosia", 95)));
    expect(two.fix("cosla")).toBeNull();
    const none = new Vocabulary();
    none.add(page(word("quata", 40)));
    expect(none.fix("quata")).toBeNull();
  });
});
