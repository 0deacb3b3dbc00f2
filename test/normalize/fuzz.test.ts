/** Property tests: the value parser never throws, never invents numbers, and reads Italian numbers back. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  formatItalianNumber,
  parseItalianNumber,
  parseTarget,
  parseTargetSegments,
  parseValue,
} from "../../src/normalize/index.js";

describe("normalize under fuzz", () => {
  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        parseItalianNumber(s);
        parseValue(s);
        parseTarget(s);
        parseTargetSegments([{ text: s, struck: false }]);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789.,%€<>=≥≤ /-+()NnDd:"), maxLength: 80 }),
        (s) => {
          parseValue(s);
          parseTargetSegments([{ text: s, struck: false }], { year: 2023 });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("never returns a number for text without digits", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }).filter((s) => !/\d/.test(s) && !/\bzero\b/i.test(s)),
        (s) => {
          expect(parseItalianNumber(s)).toBeNull();
          expect(typeof parseValue(s).value).not.toBe("number");
          const t = parseTarget(s);
          if (t) expect(typeof t.value).not.toBe("number");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads back every number written in Italian style", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (n, d) => {
        const x = n / 10 ** d;
        const text = formatItalianNumber(x, d);
        expect(parseItalianNumber(text)).toBeCloseTo(x, 6);
        const v = parseValue(`${text} %`);
        expect(v.unit).toBe("%");
        expect(v.value).toBeCloseTo(x, 6);
      }),
      { numRuns: 2000 },
    );
  });
});
