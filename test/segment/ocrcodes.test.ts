/** OCR lookalikes in objective codes, repaired by the family's code shape. */
import { describe, expect, it } from "vitest";
import { alignCodes, repairCode, repairCodes } from "../../src/segment/ocrcodes.js";

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

describe("alignCodes", () => {
  const obj = (code: string | null, contextParent: string | null = null) => ({ code, contextParent });

  it("reads the start of codes nested under one code the way most of them read it", () => {
    const objectives = [obj("OB.2"), obj("OB.2.1"), obj("0B.2.2"), obj("0B.2.2.T1", "0B.2.2"), obj("O1.O2")];
    const indicators = [{ objectiveCode: "0B.2.2" }, { objectiveCode: "01.O2.T1" }];
    alignCodes(objectives, indicators);
    // OB.2 two, 0B.2 two: a tie keeps the parent's own reading
    expect(objectives.map((o) => o.code)).toEqual(["OB.2", "OB.2.1", "OB.2.2", "OB.2.2.T1", "O1.O2"]);
    expect(objectives[3]!.contextParent).toBe("OB.2.2");
    // an indicator's code under no objective's code as read: under the one it reads as with lookalikes
    expect(indicators.map((i) => i.objectiveCode)).toEqual(["OB.2.2", "O1.O2.T1"]);
  });

  it("follows the majority when the parent is the one misread", () => {
    const objectives = [obj("0B.1"), obj("OB.1.1"), obj("OB.1.2")];
    alignCodes(objectives, []);
    expect(objectives.map((o) => o.code)).toEqual(["OB.1", "OB.1.1", "OB.1.2"]);
  });

  it("leaves codes that start with no other code, or differ by more than lookalikes", () => {
    const objectives = [obj("OB.2"), obj("OS.2.1"), obj("OB.21"), obj(null)];
    alignCodes(objectives, []);
    expect(objectives.map((o) => o.code)).toEqual(["OB.2", "OS.2.1", "OB.21", null]);
  });
});
