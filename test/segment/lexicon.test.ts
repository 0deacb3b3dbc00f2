/** The lexicon: word lists as data, compiled once; profiles add their words to the generic ones. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileWords, mergeLexicons, Lexicon } from "../../src/segment/lexicon.js";
import { chooseProfile, findProfile, loadProfileSet, loadProfiles } from "../../src/segment/profiles.js";
import { ROOT } from "../helpers.js";

describe("compileWords", () => {
  it("matches whole words and phrases with any spacing", () => {
    const re = compileWords(["peso", "valore atteso"]);
    expect(re.test("peso %")).toBe(true);
    expect(re.test("pesoso")).toBe(false);
    expect(re.test("il valore   atteso 2024")).toBe(true);
  });
  it("lets a trailing * run on, and anchors with ^ and $", () => {
    expect(compileWords(["strategic*"]).test("obiettivo strategico")).toBe(true);
    expect(compileWords(["^nota"]).test("nota 3")).toBe(true);
    expect(compileWords(["^nota"]).test("vedi nota")).toBe(false);
    expect(compileWords(["^codice$"]).test("codice indicatore")).toBe(false);
  });
  it("takes raw regular expressions after re:, and punctuation at the edges", () => {
    expect(compileWords(["re:^al \\d{1,2}\\s"]).test("al 31 dicembre")).toBe(true);
    expect(compileWords(["% ragg*"]).test("% raggiungimento")).toBe(true);
    expect(compileWords(["u.o."]).test("u.o. ragioneria")).toBe(true);
  });
  it("never matches an empty list", () => {
    expect(compileWords([]).test("anything")).toBe(false);
  });
});

describe("profiles", () => {
  it("has the generic profile with the whole lexicon, and families that add to it", () => {
    const { generic, families } = loadProfileSet();
    expect(generic.lexicon.headers.find((h) => h.role === "indicator")?.words).toContain("kpi");
    expect(families.length).toBeGreaterThanOrEqual(3);
    for (const f of families)
      expect(f.lexicon.headers.length).toBeGreaterThanOrEqual(generic.lexicon.headers.length);
  });

  it("merges a family's words before the generic ones, role by role", () => {
    const base = Lexicon.parse({ headers: [{ role: "target", words: ["target"] }] });
    const merged = mergeLexicons(base, { headers: [{ role: "target", words: ["obiettivo atteso"] }] });
    expect(merged.headers[0]!.words).toEqual(["obiettivo atteso", "target"]);
  });

  it("reads a new family from a JSON file alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "allegati-profiles-"));
    try {
      writeFileSync(join(dir, "generic.json"), readFileSync(join(ROOT, "pipelines", "generic.json")));
      writeFileSync(
        join(dir, "asl.json"),
        JSON.stringify({
          name: "asl",
          description: "aziende sanitarie",
          match: ["azienda sanitaria", "\\bLEA\\b"],
          minScore: 2,
          lexicon: { headers: [{ role: "target", words: ["soglia LEA"] }] },
        }),
      );
      const profiles = loadProfiles(dir);
      expect(profiles.map((p) => p.name)).toEqual(["asl", "generic"]);
      expect(chooseProfile("Azienda Sanitaria Locale: obiettivi LEA", profiles).name).toBe("asl");
      expect(chooseProfile("Comune di Prato", profiles).name).toBe("generic");
      expect(profiles[0]!.lexicon.headers.find((h) => h.role === "target")!.words[0]).toBe("soglia LEA");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a profile with an unknown key or a bad regular expression, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "allegati-profiles-"));
    try {
      writeFileSync(join(dir, "generic.json"), readFileSync(join(ROOT, "pipelines", "generic.json")));
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ name: "bad", description: "x", match: ["("] }));
      expect(() => loadProfiles(dir)).toThrow(/bad\.json/);
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ name: "bad", description: "x", matches: [] }));
      expect(() => loadProfiles(join(dir, "."))).toThrow(/bad\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the profiles there are when asked for one that is not", () => {
    expect(() => findProfile("nosuch")).toThrow(/unknown profile 'nosuch' \(known: .*generic/);
  });
});
