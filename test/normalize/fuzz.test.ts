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

  // what looks like a number and is no Italian one: never read as the number its digits would give
  const figure = fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, d]) => formatItalianNumber(n / 10 ** d, d));
  const notItalian = fc.oneof(
    fc
      .tuple(figure, fc.constantFrom("e", "E", "e+", "e-", "E-"), fc.integer({ min: 0, max: 400 }))
      .map(([f, e, k]) => `${f}${e}${k}`),
    fc.stringMatching(/^[0-9a-fA-F]{1,8}$/).map((h) => `0x${h}`),
    fc.tuple(fc.constantFrom("--", "+-", "-+", "−−", "++"), figure).map(([s, f]) => `${s}${f}`),
    fc.tuple(figure, fc.constantFrom("/0", " / 0", "/00")).map(([f, z]) => `${f}${z}`),
    fc.constantFrom("NaN", "nan", "-NaN", "Infinity", "-Infinity", "+Infinity", "∞", "-∞", "+∞"),
    fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom("²", "³", "⁰", "¹"))
      .map(([n, p]) => `${n}${p}`),
    fc.stringMatching(/^[0-9]{16,24}$/).filter((d) => !/^0/.test(d)),
  );
  const op = fc.constantFrom("", ">= ", "≥ ", "<= ", "< ", "= ", "almeno ", "entro ");

  it("keeps a figure that is no Italian number as text, flagged, in values and targets", () => {
    fc.assert(
      fc.property(op, notItalian, fc.constantFrom("", " pratiche", " %"), (o, junk, tail) => {
        const text = `${o}${junk}${tail}`;
        const v = parseValue(text);
        expect(typeof v.value, text).not.toBe("number");
        expect(v.suspect, text).toBe(true);
        for (const t of parseTargetSegments([{ text, struck: false }], { year: 2024 })) {
          expect(typeof t.value, text).not.toBe("number");
          expect(t.lowConfidence, text).toBe(true);
        }
        const t = parseTarget(text);
        if (t) expect(typeof t.value, text).not.toBe("number");
      }),
      { numRuns: 3000 },
    );
  });

  it("never reads digits and separators as another number than the Italian one", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789.,"), minLength: 1, maxLength: 30 }),
        (s) => {
          const text = /\d/.test(s) ? s : `1${s}`;
          const v = parseValue(text);
          // a separator at the end closes the figure ("1." is 1)
          const n = parseItalianNumber(text) ?? parseItalianNumber(text.replace(/[.,]$/, ""));
          if (typeof v.value === "number") expect(v.value, text).toBe(n);
          // a date ("1.5.00") is a reading of its own; anything else is flagged text
          else if (v.kind !== "date" && /^\d/.test(text.trim())) expect(v.suspect, text).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads Italian multipliers exactly, and euros where they say so", () => {
    const multipliers: [string, number, boolean][] = [
      ["mila", 1e3, false],
      ["k€", 1e3, true],
      ["mln", 1e6, false],
      ["milioni", 1e6, false],
      ["milioni di euro", 1e6, true],
      ["M€", 1e6, true],
      ["mld", 1e9, false],
      ["miliardi", 1e9, false],
      ["Mld €", 1e9, true],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(...multipliers),
        fc.constantFrom(" ", ""),
        (n, d, [word, factor, euro], gap) => {
          const x = n / 10 ** d;
          // words stand apart from the figure; the euro signs may be glued to it
          const text = `${formatItalianNumber(x, d)}${/^[a-z]/.test(word) ? " " : gap}${word}`;
          const v = parseValue(text);
          // exact: the decimal written, shifted (1,1 mln is 1 100 000, not 1 100 000.0000000002)
          expect(v.value, text).toBe(Number(`${x}e${Math.log10(factor)}`));
          if (euro) expect(v.unit, text).toBe("EUR");
          const [t] = parseTargetSegments([{ text: `>= ${text}`, struck: false }], { year: 2025 });
          expect(t?.value, text).toBe(v.value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
