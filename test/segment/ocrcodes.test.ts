/** OCR lookalikes in objective codes, repaired by the family's code shape. */
import { describe, expect, it } from "vitest";
import { repairCode, repairCodes } from "../../src/segment/ocrcodes.js";

const SHAPE = /^\d{2}(\.O\d{1,2}){0,2}(\.[TI]\d{1,2})?$/;

describe("repairCode", () => {
  it("swaps 0/O, 1/I and 7/T until the code fits the shape, changing as little as it can", () => {
    expect(repairCode("01.01", SHAPE)).toBe("01.O1");
    expect(repairCode("01.02.01.71", SHAPE)).toBe("01.O2.O1.T1");
    expect(repairCode("01.02.11", SHAPE)).toBe("01.O2.I1");
    expect(repairCode("03.03.15", SHAPE)).toBe("03.O3.I5");
  });

  it("leaves codes that fit, and codes no swap can fit", () => {
    expect(repairCode("01.O1.O1.T1", SHAPE)).toBe("01.O1.O1.T1");
    expect(repairCode("A 01.02", SHAPE)).toBe("A 01.02");
    expect(repairCode("F003", SHAPE)).toBe("F003");
  });

  it("repairs objectives, their parents and the indicators' objective codes together", () => {
    const objectives = [{ code: "01.01.01", contextParent: "01.01" }];
    const indicators = [{ objectiveCode: "01.01.01" }, { objectiveCode: null }];
    repairCodes(objectives, indicators, SHAPE);
    expect(objectives[0]).toEqual({ code: "01.O1.O1", contextParent: "01.O1" });
    expect(indicators.map((i) => i.objectiveCode)).toEqual(["01.O1.O1", null]);
  });
});
