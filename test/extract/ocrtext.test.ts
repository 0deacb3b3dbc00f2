/** The per-word repairs of tesseract's readings (src/extract/ocrtext.ts). */
import { describe, expect, it } from "vitest";
import {
  codeZeros,
  headingWord,
  lonelySigns,
  ocrWordText,
  stemBase,
  typeHeights,
} from "../../src/extract/ocrtext.js";

describe("ocrWordText", () => {
  it("reads a pound sign glued before a euro sign or a number as ≤", () => {
    expect(ocrWordText("£€")).toBe("≤€");
    expect(ocrWordText("£39")).toBe("≤39");
    expect(ocrWordText("£")).toBe("£");
    expect(ocrWordText("((N.)")).toBe("(N.)");
    expect(ocrWordText("((a))")).toBe("((a))");
    expect(ocrWordText("s€")).toBe("≤€");
    expect(ocrWordText("$€435")).toBe("≤€435");
    expect(ocrWordText("s")).toBe("s");
    expect(ocrWordText("<=£€")).toBe("<=€");
  });

  it("reads a guillemet or an x before `=` and a figure as the comparison sign", () => {
    expect(ocrWordText("»=4,5")).toBe(">=4,5");
    expect(ocrWordText("x=65")).toBe(">=65");
    expect(ocrWordText("«=12")).toBe("<=12");
    // (the `=` read as a `z`)
    expect(ocrWordText(">z22")).toBe(">=22");
    expect(ocrWordText("<z5,5%")).toBe("<=5,5%");
    expect(ocrWordText(">=)")).toBe(">=1");
    // (a decimal comma read as a semicolon)
    expect(ocrWordText(">79;8")).toBe(">79,8");
    // (not before a word, nor alone)
    expect(ocrWordText("x=N")).toBe("x=N");
    expect(ocrWordText("x")).toBe("x");
  });

  it("reads a target's 1 read as a letter, and 0 as O, where the rest is a number", () => {
    expect(ocrWordText("<=i95")).toBe("<=195");
    expect(ocrWordText(">=1O0%")).toBe(">=100%");
    expect(ocrWordText("7l,50%")).toBe("71,50%");
    // (not a word, a code, or a figure without a sign or unit)
    expect(ocrWordText("Il")).toBe("Il");
    expect(ocrWordText("A3.3_03")).toBe("A3.3_03");
    expect(ocrWordText("l95")).toBe("l95");
    expect(ocrWordText("<=R19")).toBe("<=R19");
    // an 8 read as B, a 5 as S, beside a figure after a sign
    expect(ocrWordText(">=B7%")).toBe(">=87%");
    expect(ocrWordText("<=3S")).toBe("<=35");
    expect(ocrWordText("B7")).toBe("B7");
    // a lone 1 after a sign
    expect(ocrWordText(">i")).toBe(">1");
    expect(ocrWordText("»=i")).toBe(">=1");
    expect(ocrWordText("i")).toBe("i");
  });

  it("reads `9g` as the days' `gg`", () => {
    expect(ocrWordText("9g")).toBe("gg");
    expect(ocrWordText("99")).toBe("99");
  });

  it("reads braces as parentheses", () => {
    expect(ocrWordText("{D1}")).toBe("(D1)");
  });

  it("reads an s or a $ glued after a year as the year's ≤", () => {
    expect(ocrWordText("2025s")).toBe("2025≤");
    expect(ocrWordText("2026s<")).toBe("2026≤");
    expect(ocrWordText("2027$")).toBe("2027≤");
    // not after other numbers, nor in words
    expect(ocrWordText("25s")).toBe("25s");
    expect(ocrWordText("anni")).toBe("anni");
  });

  it("reads a comma after a code's capital as its dot", () => {
    expect(ocrWordText("R.A,1.1b")).toBe("R.A.1.1b");
    expect(ocrWordText("A,1.2")).toBe("A.1.2");
    // numbers, and a comma that ends a word
    expect(ocrWordText("3,930")).toBe("3,930");
    expect(ocrWordText("A,")).toBe("A,");
    expect(ocrWordText("OB.1,")).toBe("OB.1,");
    // between two figures of a dotted code
    expect(ocrWordText("R.A.1,1b")).toBe("R.A.1.1b");
    expect(ocrWordText("1.234,5")).toBe("1.234,5");
  });

  it("reads a '$' among a number's digits as 5", () => {
    expect(ocrWordText("$00")).toBe("500");
    expect(ocrWordText("$6")).toBe("56");
    expect(ocrWordText("1$0,00")).toBe("150,00");
    expect(ocrWordText("2.$00")).toBe("2.500");
    expect(ocrWordText(">=$00")).toBe(">=500");
    expect(ocrWordText("$0%")).toBe("50%");
  });

  it("leaves a '$' that would not make a number", () => {
    expect(ocrWordText("1.2.$.1")).toBe("1.2.$.1");
    expect(ocrWordText("1,2.$8.1")).toBe("1,2.$8.1");
    expect(ocrWordText("1.2.S$")).toBe("1.2.S$");
    expect(ocrWordText("$")).toBe("$");
    expect(ocrWordText("$.")).toBe("$.");
    expect(ocrWordText("A$1")).toBe("A$1");
  });

  it("drops quotes glued before a number with decimals", () => {
    expect(ocrWordText('"76,00')).toBe("76,00");
    expect(ocrWordText("‘35,5%")).toBe("35,5%");
    expect(ocrWordText('>="76,00')).toBe(">=76,00");
    expect(ocrWordText('"$6,00')).toBe("56,00");
  });

  it("keeps quotes before other numbers and words", () => {
    // an abbreviated year
    expect(ocrWordText("'21")).toBe("'21");
    expect(ocrWordText("“n”")).toBe("“n”");
    expect(ocrWordText("'1.2,3")).toBe("'1.2,3");
  });
});

describe("codeZeros", () => {
  // each character's ink width over its height, as tesseract's symbol boxes give them
  const zero = 0.63,
    o = 0.83,
    two = 0.7,
    dot = 0.3,
    colon = 0.3;

  it("reads a round 0 in a code as the capital O it is", () => {
    expect(codeZeros("02.01", [zero, two, dot, o, 0.35])).toBe("02.O1");
    expect(codeZeros("02.01.01:", [zero, two, dot, o, 0.35, dot, o, 0.35, colon])).toBe("02.O1.O1:");
  });

  it("tells zeros from O's in one code by their two groups of widths", () => {
    // a blurred 150 dpi scan: its zeros come out wider (0.77), its O's still wider (0.96-1.04)
    expect(codeZeros("01.01.02.71", [0.77, 0.64, 1, 1.04, 0.58, 1, 0.96, 0.61, 1, 0.86, 0.64])).toBe(
      "01.O1.O2.71",
    );
    // all alike: each is judged alone, and a leading zero of 0.77 stays a zero
    expect(codeZeros("01.1", [0.77, 0.64, 1, 0.6])).toBe("01.1");
    expect(codeZeros("O1.1", [0.77, 0.64, 1, 0.6])).toBe("O1.1");
    expect(codeZeros("01.1", [0.95, 0.64, 1, 0.6])).toBe("O1.1");
  });

  it("reads a zero among a code part's capitals as the O it is", () => {
    expect(codeZeros("0B.2.2", [0.8, 0.7, 0.3, 0.7, 0.3, 0.7])).toBe("OB.2.2");
    // (a narrow one too, that its shape alone would read as a zero)
    expect(codeZeros("0B.2:", [0.5, 0.7, 0.3, 0.7, 0.3])).toBe("OB.2:");
    expect(codeZeros("R.A.0S.1:", [0.7, 0.3, 0.7, 0.3, 0.8, 0.7, 0.3, 0.5, 0.3])).toBe("R.A.OS.1:");
    // a part with other digits is left to the shapes, and a part of zeros alone is a number's
    expect(codeZeros("T10.1", [0.7, 0.5, 0.75, 0.3, 0.5])).toBe("T10.1");
    expect(codeZeros("1.0.2", [0.5, 0.3, 0.75, 0.3, 0.7])).toBe("1.0.2");
  });

  it("reads a narrow O in a code as a zero", () => {
    expect(codeZeros("O2.O1", [zero, two, dot, o, 0.35])).toBe("02.O1");
  });

  it("leaves numbers, words and characters whose shape says nothing as read", () => {
    // a number with thousands, however wide its zeros
    expect(codeZeros("5.048", [0.61, dot, 0.85, 0.67, 0.63])).toBe("5.048");
    // no dot: no code
    expect(codeZeros("2024", [two, o, two, 0.6])).toBe("2024");
    // a zero between a zero's and an O's width
    expect(codeZeros("02.01", [zero, two, dot, 0.74, 0.35])).toBe("02.01");
    // shapes that are not the word's, one per character
    expect(codeZeros("02.01", [zero, two, dot, o])).toBe("02.01");
  });
});

describe("headingWord", () => {
  it("puts right a heading word read unsure and wrong, in the reading's case", () => {
    expect(headingWord("Qhiettivo", 40)).toBe("Obiettivo");
    expect(headingWord("Obiettlvo", 50)).toBe("Obiettivo");
    expect(headingWord("0biettivo", 50)).toBe("Obiettivo");
    // a digit among letters: misread for sure, so other edits count too
    expect(headingWord("OBIEILL1VO", 30)).toBe("OBIETTIVO");
    // an `m` read for `nn`
    expect(headingWord("Amotazioni", 40)).toBe("Annotazioni");
    expect(headingWord("Algoritino", 40)).toBe("Algoritmo");
  });

  it("leaves sure readings, heading words, real words of another length, and ties", () => {
    expect(headingWord("Qhiettivo", 90)).toBe("Qhiettivo");
    expect(headingWord("Obiettivi", 40)).toBe("Obiettivi");
    expect(headingWord("Strategia", 40)).toBe("Strategia");
    expect(headingWord("operazioni", 40)).toBe("operazioni");
    expect(headingWord("Riscossione", 30)).toBe("Riscossione");
    // as near to obiettivo as to obiettivi
    expect(headingWord("obiettivu", 30)).toBe("obiettivu");
  });
});

describe("lonelySigns", () => {
  it("reads an s or a $ alone before a number as ≤", () => {
    expect(lonelySigns(["s", "210"])).toEqual(["≤", "210"]);
    expect(lonelySigns(["Costo", "$", "45,00", "€"])).toEqual(["Costo", "≤", "45,00", "€"]);
  });

  it("reads a capital E alone between a sign and a number as €", () => {
    expect(lonelySigns(["<=", "È", "402,50"])).toEqual(["<=", "€", "402,50"]);
    expect(lonelySigns([">=", "E", "10"])).toEqual([">=", "€", "10"]);
    // (the verb, and a letter after no sign, stay)
    expect(lonelySigns(["Target", "È", "10"])).toEqual(["Target", "È", "10"]);
    // (a 1 read as a bracket after a sign, but not a bracket opening words)
    expect(lonelySigns([">=", "("])).toEqual([">=", "1"]);
    expect(lonelySigns([">=", "(", "media", "nazionale)"])).toEqual([">=", "(", "media", "nazionale)"]);
  });

  it("reads a pound sign alone before a number or a euro sign as ≤", () => {
    expect(lonelySigns(["£", "€", "350"])).toEqual(["≤", "€", "350"]);
    expect(lonelySigns(["£", "39", "gg"])).toEqual(["≤", "39", "gg"]);
    expect(lonelySigns(["£", "totale"])).toEqual(["£", "totale"]);
    expect(lonelySigns(["Rendere", "|", "servizi"])).toEqual(["Rendere", "i", "servizi"]);
    expect(lonelySigns(["RIDURRE", "|", "TEMPI"])).toEqual(["RIDURRE", "I", "TEMPI"]);
    expect(lonelySigns(["35%", "|", "40%"])).toEqual(["35%", "|", "40%"]);
  });

  it("leaves them before words, at the line's end, and words that hold them", () => {
    expect(lonelySigns(["s", "p.a."])).toEqual(["s", "p.a."]);
    expect(lonelySigns(["totale", "s"])).toEqual(["totale", "s"]);
    expect(lonelySigns(["5s", "210"])).toEqual(["5s", "210"]);
  });
});

describe("headingWord: comparator words", () => {
  it("puts right `Almeno` read unsure with an i", () => {
    expect(headingWord("Aimeno", 40)).toBe("Almeno");
  });
});

describe("the height stems are measured against", () => {
  it("leaves out the words that hang below the baseline", () => {
    // `Gruppo qualità/Task Force Nazionale`: two boxes a third taller for their descenders
    const line = [
      { text: "Gruppo", height: 28 },
      { text: "qualità/Task", height: 32 },
      { text: "Force", height: 24 },
      { text: "Nazionale", height: 24 },
    ];
    expect(stemBase(line)).toBe(24);
    // and those no taller than the x-height (`come`, `avere`)
    expect(stemBase([...line, { text: "come", height: 17 }, { text: "avere", height: 17 }])).toBe(24);
    // a line of such words only: all of them
    expect(
      stemBase([
        { text: "gruppo", height: 28 },
        { text: "(per)", height: 30 },
      ]),
    ).toBe(30);
    expect(stemBase([])).toBe(0);
  });

  it("brings a line's words to the capitals' height by their shape when none is level", () => {
    // `Responsabile` alone: capitals and ascenders over a `p`'s foot
    expect(stemBase([{ text: "Responsabile", height: 31 }])).toBeCloseTo(31 * 0.77, 5);
    // `come` alone: the x-height only
    expect(stemBase([{ text: "come", height: 17 }])).toBeCloseTo(17 * 1.4, 5);
  });
});

describe("the heights type sizes are taken from", () => {
  const line = (...ws: [string, number][]) => ws.map(([text, height]) => ({ text, height }));
  it("is the line's median for words of one print", () => {
    // capitals, x-height and descenders within a print: one size for all
    expect(typeHeights(line(["Area", 25], ["e", 17], ["strategica", 32], ["Lavoro", 25]))).toEqual([
      25, 25, 25, 25,
    ]);
    expect(typeHeights([])).toEqual([]);
    // a dash is flat in any print: its line's size
    expect(typeHeights(line(["Area", 25], ["2", 24], ["-", 5], ["Ambiente", 25]))).toEqual([25, 25, 25, 25]);
  });
  it("gives words under half of it their own, where marks share their line", () => {
    // `_ ene 2024 2025`: a stamp's strokes, 70 px tall, read on a line with two years of 25
    expect(typeHeights(line(["_", 70], ["ene", 70], ["2024", 25], ["2025", 26]))).toEqual([70, 70, 26, 26]);
    // one tall mark among print: the median is the print's already
    expect(typeHeights(line(["ene", 70], ["2024", 25], ["2025", 26]))).toEqual([26, 26, 26]);
  });
});
