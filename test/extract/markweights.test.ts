import { describe, expect, it } from "vitest";
import { markWeights } from "../../src/extract/image.js";

/** runs of one band from x0, 4 pt a character, in reading order */
const band = (y: number, ...words: [string, boolean][]) => {
  let x = 40;
  return words.map(([text, bold]) => {
    const r = { text, box: [x, y, x + text.length * 4, y + 8], bold };
    x += text.length * 4 + 3;
    return r;
  });
};

describe("a word of marks alone takes its neighbours' weight on OCR'd pages", () => {
  it("makes the dash of a bold banner bold", () => {
    const runs = band(80, ["AREA", true], ["1", true], ["–", false], ["Welfare", true]);
    markWeights(runs);
    expect(runs.every((r) => r.bold)).toBe(true);
  });

  it("leaves a dash between plain words, or beside one, plain", () => {
    const runs = band(80, ["AREA", true], ["–", false], ["Welfare", false]);
    markWeights(runs);
    expect(runs.map((r) => r.bold)).toEqual([true, false, false]);
  });

  it("looks at its band only, and never changes letters or digits", () => {
    const above = band(60, ["OBIETTIVO", true]);
    const below = band(80, ["/", false], ["note", false], ["2024", false]);
    const runs = [...above, ...below];
    markWeights(runs);
    expect(runs.map((r) => r.bold)).toEqual([true, false, false, false]);
    const alone = band(100, ["-", false]);
    markWeights(alone);
    expect(alone[0]!.bold).toBe(false);
  });
});

describe("a word of one or two letters between bold words is bold", () => {
  it("makes the `e` of a bold banner bold", () => {
    const runs = band(
      80,
      ["Area", true],
      ["2", true],
      ["economica", true],
      ["e", false],
      ["organizzazione", true],
    );
    markWeights(runs);
    expect(runs.every((r) => r.bold)).toBe(true);
  });

  it("needs two bold neighbours on its band, and leaves longer words and codes as read", () => {
    const edge = band(80, ["Obiettivi", true], ["di", false]);
    markWeights(edge);
    expect(edge[1]!.bold).toBe(false);
    const mixed = band(90, ["Area", true], ["e", false], ["servizi", false]);
    markWeights(mixed);
    expect(mixed[1]!.bold).toBe(false);
    const longer = band(
      100,
      ["Area", true],
      ["per", false],
      ["imprese", true],
      ["A1", false],
      ["Welfare", true],
    );
    markWeights(longer);
    expect(longer.map((r) => r.bold)).toEqual([true, false, true, false, true]);
  });
});

describe("a dash's box is a sliver", () => {
  it("still finds its neighbours on the band", () => {
    const runs = band(80, ["Area", true], ["2", true], ["-", false], ["Sostenibilità", true]);
    runs[2]!.box = [runs[2]!.box[0]!, 85.5, runs[2]!.box[2]!, 86.7];
    markWeights(runs);
    expect(runs[2]!.bold).toBe(true);
  });
});

describe("a number of one or two digits between bold words is bold", () => {
  it("makes the area's number and the dash after it bold (`AREA STRATEGICA 4 - Città`)", () => {
    const runs = band(
      80,
      ["AREA", true],
      ["STRATEGICA", true],
      ["4", false],
      ["-", false],
      ["Città", true],
      ["digitale", true],
    );
    markWeights(runs);
    expect(runs.every((r) => r.bold)).toBe(true);
  });

  it("leaves a number beside a plain word, or a longer one, as read", () => {
    const plain = band(80, ["Totale", true], ["12", false], ["pratiche", false]);
    markWeights(plain);
    expect(plain[1]!.bold).toBe(false);
    const longer = band(90, ["Anno", true], ["2024", false], ["Servizio", true]);
    markWeights(longer);
    expect(longer[1]!.bold).toBe(false);
  });
});
