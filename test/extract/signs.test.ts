import { describe, expect, it } from "vitest";
import { createCanvas, type Canvas } from "../../src/extract/canvas.js";
import { GlobalFonts } from "@napi-rs/canvas";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  classOfReading,
  decideSign,
  frameOf,
  bitsOf,
  blobs,
  rereadSigns,
  splitYearSigns,
  type SignWord,
} from "../../src/extract/signs.js";

const require = createRequire(import.meta.url);
const fonts = join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts");
GlobalFonts.registerFromPath(join(fonts, "LiberationSans-Regular.ttf"), "TestSans");
GlobalFonts.registerFromPath(join(fonts, "LiberationSans-Bold.ttf"), "TestSansBold");

/** a tiny seeded random source (mulberry32) */
function rand(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Printed {
  image: Canvas;
  /** each part's characters with their boxes, in the 300 dpi image */
  parts: { text: string; chars: { ch: string; x0: number; x1: number }[] }[];
  top: number;
  bottom: number;
}

/**
 * Parts of a cell (`["≥", "74%"]`) printed at `pt` points on a `dpi` scan, a space apart, turned by
 * `skew` degrees, made 1-bit by a threshold, with `noise` of the white pixels turned black, then enlarged
 * smoothly to 300 dpi (as the OCR stage reads a 200 dpi bilevel scan).
 */
function print(
  parts: string[],
  o: { pt?: number; dpi?: number; face?: string; skew?: number; noise?: number; seed?: number } = {},
): Printed {
  const pt = o.pt ?? 7,
    dpi = o.dpi ?? 200,
    face = o.face ?? "TestSans";
  const px = (pt * dpi) / 72;
  const c = createCanvas(Math.round(px * 10), Math.round(px * 3));
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.font = `${px}px ${face}`;
  ctx.fillStyle = "black";
  ctx.translate(c.width / 2, c.height / 2);
  ctx.rotate(((o.skew ?? 0) * Math.PI) / 180);
  ctx.translate(-c.width / 2, -c.height / 2);
  const k = 300 / dpi;
  let x = px;
  const base = px * 1.9;
  const out: Printed["parts"] = [];
  for (const p of parts) {
    const chars: { ch: string; x0: number; x1: number }[] = [];
    let cx = x;
    for (const ch of p) {
      const w = ctx.measureText(ch).width;
      ctx.fillText(ch, cx, base);
      chars.push({ ch, x0: cx * k, x1: (cx + w) * k });
      cx += w;
    }
    out.push({ text: p, chars });
    x = cx + ctx.measureText(" ").width;
  }
  // 1-bit, with noise
  const r = rand(o.seed ?? 1);
  const img = ctx.getImageData(0, 0, c.width, c.height);
  for (let i = 0; i < img.data.length; i += 4) {
    let v = img.data[i]! < 140 ? 0 : 255;
    // specks of dirt on the white (a copier's noise adds ink; it seldom takes whole pixels out of a stroke)
    if (v === 255 && r() < (o.noise ?? 0)) v = 0;
    img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
  }
  const bw = createCanvas(c.width, c.height);
  bw.getContext("2d").putImageData(img, 0, 0);
  const big = createCanvas(Math.round(c.width * k), Math.round(c.height * k));
  const bctx = big.getContext("2d");
  bctx.imageSmoothingEnabled = true;
  bctx.imageSmoothingQuality = "high";
  bctx.drawImage(bw, 0, 0, big.width, big.height);
  return { image: big, parts: out, top: (base - px) * k, bottom: (base + px * 0.3) * k };
}

/**
 * The words tesseract would give for the printed parts, read as `readings` (one per part; a part
 * read as "" is left out, as tesseract drops it; a reading longer than its part glues the next
 * part's characters after the first character's box).
 */
function wordsFor(p: Printed, readings: string[]): SignWord[] {
  const words: SignWord[] = [];
  p.parts.forEach((part, i) => {
    const text = readings[i]!;
    if (!text) return;
    // glyphs of the part, in order; a reading of a different length maps its characters onto the
    // part's glyph boxes in order, the last box taking the rest
    const boxes = part.chars.filter((c) => c.ch !== " ");
    const symbols = [...text].map((ch, j) => {
      const b = boxes[Math.min(j, boxes.length - 1)]!;
      return {
        text: ch,
        bbox: { x0: Math.round(b.x0), y0: Math.round(p.top), x1: Math.round(b.x1), y1: Math.round(p.bottom) },
      };
    });
    words.push({
      text,
      bbox: {
        x0: symbols[0]!.bbox.x0,
        y0: Math.round(p.top),
        x1: symbols[symbols.length - 1]!.bbox.x1,
        y1: Math.round(p.bottom),
      },
      symbols,
    });
  });
  return words;
}

/** a sign glued to a number, read as one word: the sign's box is the first symbol's */
function gluedWord(p: Printed, text: string): SignWord[] {
  const [sign, num] = p.parts;
  const boxes = [sign!.chars[0]!, ...num!.chars];
  const symbols = [...text].map((ch, j) => {
    const b = boxes[j]!;
    return {
      text: ch,
      bbox: { x0: Math.round(b.x0), y0: Math.round(p.top), x1: Math.round(b.x1), y1: Math.round(p.bottom) },
    };
  });
  return [
    {
      text,
      bbox: {
        x0: symbols[0]!.bbox.x0,
        y0: Math.round(p.top),
        x1: symbols[symbols.length - 1]!.bbox.x1,
        y1: Math.round(p.bottom),
      },
      symbols,
    },
  ];
}

const texts = (ws: SignWord[]) =>
  ws
    .map((w) => w.text)
    .filter(Boolean)
    .join(" ");

const DEGRADED = [
  { dpi: 200, skew: 0, noise: 0, seed: 1 },
  { dpi: 200, skew: 0.5, noise: 0.01, seed: 2 },
  { dpi: 200, skew: -0.8, noise: 0.02, seed: 3 },
  { dpi: 300, skew: 0.3, noise: 0.01, seed: 4 },
  { dpi: 200, skew: 0.4, noise: 0.01, seed: 5, face: "TestSansBold" },
  { dpi: 200, skew: 0, noise: 0.01, seed: 6, pt: 8 },
];

describe("signs before values, told by their shape", () => {
  it("classes of readings", () => {
    expect(classOfReading(">=")).toBe(">=");
    expect(classOfReading("≥")).toBe(">=");
    expect(classOfReading("2")).toBe("2");
    expect(classOfReading("=")).toBe("=");
    expect(classOfReading("")).toBeNull();
    expect(classOfReading(">:")).toBeNull();
  });

  it("templates drawn and degraded are told apart (the reading unknown)", () => {
    for (const d of DEGRADED)
      for (const [sign, cls] of [
        ["≥", ">="],
        ["≤", "<="],
        [">=", ">="],
        ["<=", "<="],
        [">", ">"],
        ["<", "<"],
        ["=", "="],
      ] as const) {
        const p = print([sign, "74%"], d);
        const signX1 = Math.ceil(p.parts[0]!.chars[p.parts[0]!.chars.length - 1]!.x1) + 2;
        const bits = bitsOf(p.image, 0, 0, signX1, p.image.height);
        const ink = blobs(bits).filter((b) => b.n > 12);
        // the digits' band: the ink rows of the number's first digit
        const digit = p.parts[1]!.chars[0]!;
        const db = bitsOf(p.image, Math.round(digit.x0), 0, Math.round(digit.x1 - digit.x0), p.image.height);
        const digitInk = blobs(db).sort((a, b) => b.n - a.n)[0]!;
        const top = digitInk.y0,
          base = digitInk.y1;
        const f = frameOf(bits, ink, top, base);
        expect(decideSign(f, null), `${sign} ${JSON.stringify(d)}`).toBe(cls);
      }
  });

  it("a ≥ read as 2 glued to its number, as = or not at all is read again", () => {
    for (const d of DEGRADED) {
      const p = print(["≥", "74%"], d);
      const glued = gluedWord(p, "274%");
      rereadSigns(glued, p.image);
      expect(texts(glued), JSON.stringify(d)).toBe("≥74%");
      const eq = wordsFor(p, ["=", "74%"]);
      rereadSigns(eq, p.image);
      expect(texts(eq), JSON.stringify(d)).toBe("≥ 74%");
      const none = wordsFor(p, ["", "74%"]);
      rereadSigns(none, p.image);
      expect(texts(none), JSON.stringify(d)).toBe("≥74%");
    }
  });

  it("a year's sign glued after it (`2025≥ 41 %`) is read as a sign of its own", () => {
    const read = (w: SignWord[], image: Canvas) => {
      const cut = splitYearSigns(w);
      rereadSigns(cut.words, image);
      return texts(cut.rejoin(cut.words));
    };
    for (const d of DEGRADED) {
      const p = print(["2025≥", "41", "%"], d);
      expect(read(wordsFor(p, ["20252", "41", "%"]), p.image), JSON.stringify(d)).toBe("2025 ≥ 41 %");
      // a `>` (its bar is looked for by the OCR stage, on the sign's own box) is a word of its own
      const gt = splitYearSigns(wordsFor(p, ["2025>", "41", "%"])).words;
      expect(gt.map((w) => w.text)).toEqual(["2025", ">", "41", "%"]);
      expect(gt[1]!.symbols![0]!.bbox.x0).toBe(Math.round(p.parts[0]!.chars[4]!.x0));
      // a number that starts with a year, and a digit 2 after a year, stay whole
      const q = print(["20252", "41"], d);
      expect(read(wordsFor(q, ["20252", "41"]), q.image), JSON.stringify(d)).toBe("20252 41");
    }
    // nothing after the year's sign that is a value: not cut
    const p = print(["2025≥", "entro"]);
    const words = wordsFor(p, ["2025>", "entro"]);
    expect(splitYearSigns(words).words.map((w) => w.text)).toEqual(["2025>", "entro"]);
  });

  it("a >= read as = or > is read again; a > not read is found", () => {
    for (const d of DEGRADED) {
      const p = print([">=", "75,00", "%"], d);
      const eq = wordsFor(p, ["=", "75,00", "%"]);
      rereadSigns(eq, p.image);
      expect(texts(eq), JSON.stringify(d)).toBe("≥ 75,00 %");
      const q = print([">", "82%"], d);
      const none = wordsFor(q, ["", "82%"]);
      rereadSigns(none, q.image);
      expect(texts(none), JSON.stringify(d)).toBe(">82%");
    }
  });

  it("a 2 of a number, a plain = and a plain > stay as read", () => {
    for (const d of DEGRADED) {
      for (const n of ["274%", "25%", "21", "2,50 €"]) {
        const p = print([n], d);
        const w = wordsFor(p, [n]);
        rereadSigns(w, p.image);
        expect(texts(w), `${n} ${JSON.stringify(d)}`).toBe(n);
      }
      for (const [sign, rest] of [
        ["=", "4"],
        [">", "1"],
        ["<", "5"],
      ]) {
        const p = print([sign!, rest!], d);
        const w = wordsFor(p, [sign!, rest!]);
        rereadSigns(w, p.image);
        expect(texts(w), `${sign} ${rest} ${JSON.stringify(d)}`).toBe(`${sign} ${rest}`);
      }
    }
  });

  it("an = tesseract read is kept when the number's box runs over it", () => {
    const p = print([">=4"]);
    const w = wordsFor(p, [">=4"]);
    const syms = w[0]!.symbols!;
    syms[2]!.bbox = { ...syms[2]!.bbox, x0: syms[1]!.bbox.x0 };
    rereadSigns(w, p.image);
    expect(texts(w)).toBe(">=4");
  });

  it("a number of the column before is no part of the sign", () => {
    const p = print(["2", ">=", "3"]);
    const w = wordsFor(p, ["2", ">=", "3"]);
    rereadSigns(w, p.image);
    expect(texts(w)).toBe("2 >= 3");
  });

  it("a sign word whose box runs over the number ends where the number starts", () => {
    const p = print([">=", "6", "N."]);
    const w = wordsFor(p, [">=", "6", "N."]);
    w[0]!.bbox = { ...w[0]!.bbox, x1: w[2]!.bbox.x1 };
    rereadSigns(w, p.image);
    expect(w[0]!.bbox.x1).toBeLessThan(w[1]!.bbox.x0);
    expect(texts(w)).toBe(">= 6 N.");
  });
});
