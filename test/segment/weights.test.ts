/** Weights (segment/text.ts): a lone percentage anywhere, a bare number only in a column headed as a weight. */
import { describe, expect, it } from "vitest";
import { columnWeight, percentWeight } from "../../src/segment/text.js";

describe("weights", () => {
  it("reads a lone percentage", () => {
    expect(percentWeight("20,00%")).toBe(20);
    expect(percentWeight("40")).toBeNull();
  });
  it("reads a bare number up to 100 in a weight column, the header giving its sense", () => {
    expect(columnWeight("40")).toBe(40);
    expect(columnWeight("12,5")).toBe(12.5);
    expect(columnWeight("35 %")).toBe(35);
    expect(columnWeight("150")).toBeNull();
    expect(columnWeight("alto")).toBeNull();
    expect(columnWeight("1.200")).toBeNull();
  });
});
