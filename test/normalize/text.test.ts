/** The one fold every stage uses, and the figure of a percentage. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold, parsePercent } from "../../src/normalize/index.js";

describe("fold", () => {
  it.each([
    ["  Percentuale \n d'incasso  ", "Percentuale d'incasso"],
    ["organiz-\nzazione del lavoro", "organizzazione del lavoro"],
    // only a hyphen at a line break between lower-case letters joins a word
    ["scuole-imprese", "scuole-imprese"],
    ["CCIAA-\nUnioncamere", "CCIAA- Unioncamere"],
    ["anno x-1", "anno x-1"],
    ["\t\t", ""],
  ])("%j → %j", (input, want) => expect(fold(input)).toBe(want));

  it("gives what the three passes give, for any text (its quick way out included)", () => {
    const passes = (s: string) =>
      s
        .replace(/(\p{Ll})-\n(\p{Ll})/gu, "$1$2")
        .replace(/\s+/g, " ")
        .trim();
    const spaces = fc.constantFrom(
      " ",
      "  ",
      "\n",
      "\t",
      "\u00a0",
      "\u2009",
      "\ufeff",
      "\u3000",
      "-\n",
      "a",
      "Z",
      "à",
      "1",
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.array(spaces).map((a) => a.join("")),
    );
    fc.assert(
      fc.property(text, (s) => fold(s) === passes(s)),
      { numRuns: 3000 },
    );
  });

  it("is idempotent", () => {
    for (const s of ["a-\nb  c", " x\n\ny ", "organiz-\nzazione"]) expect(fold(fold(s))).toBe(fold(s));
  });
});

describe("parsePercent", () => {
  it.each([
    ["20", 20],
    ["20,00", 20],
    ["96,7", 96.7],
    ["96.7", 96.7],
    ["-3,5", -3.5],
    ["− 10", -10],
    ["+2", 2],
    ["100", 100],
    // a percentage has at most three whole digits: the dot is a decimal point here, not thousands
    ["1.000", 1],
  ])("%j → %d", (input, want) => expect(parsePercent(input)).toBe(want));

  it.each(["1000", "abc", "", "12,5,3", "1e3"])("%j is not a percentage's figure", (input) =>
    expect(parsePercent(input)).toBeNull(),
  );
});
