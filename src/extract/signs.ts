/**
 * The comparison sign before a value, told by its shape. Tesseract's Italian model has no `≥` or `≤`:
 * on office scans it reads `≥ 74%` as `274%`, `= 74%` or `74%`, `>= 4` as `= 4`, `> 82%` as `82%`.
 * For a word that holds a number, the ink just left of its first digit (the glyphs tesseract read as
 * the sign, or left unread) is cut from the image it read, scaled to the number's digit height, and
 * compared with templates of the signs drawn in a few faces (normalized correlation, small shifts).
 * The reading is changed only when a sign's templates fit clearly better than the reading's own;
 * words keep their boxes.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GlobalFonts } from "@napi-rs/canvas";
import { createCanvas, type Canvas } from "./canvas.js";

/** a box in image pixels, as tesseract gives them */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** the kinds of sign told apart; `2` is a digit (a number that starts with 2), `none` no sign */
export type SignClass = ">=" | "<=" | ">" | "<" | "=" | "2";

/** templates of each class: what it is printed as */
const CLASS_TEXTS: Record<SignClass, string[]> = {
  ">=": ["≥", ">="],
  "<=": ["≤", "<="],
  ">": [">"],
  "<": ["<"],
  "=": ["="],
  "2": ["2"],
};
/** shapes that stand before numbers and are no sign: a sign is taken only when it beats them too */
const OTHER_TEXTS = ["(", "-", "+", "€", "N", "n", "1", "l", "/", "%", "7", "3", "«", "»", "~", "•", "*"];

/** the frame a sign is compared in: its height is the digits' height times FRAME_SPAN, FH pixels */
const FH = 30;
const FW = 54;
const FRAME_SPAN = 1.6;
/** the digits' band starts this far below the frame's top, in digit heights */
const ABOVE = 0.3;
const INK = 160;

/** a sign is taken only at this correlation or more... */
export const MIN_SCORE = 0.72;
/** ...and this much above the reading's own class and every other shape */
export const MARGIN = 0.08;

interface Template {
  cls: SignClass | null;
  text: string;
  frame: Float32Array;
}

const require = createRequire(import.meta.url);
let templates: Template[] | null = null;

/** faces the templates are drawn in: a sans (Arial's metrics) in both weights, and a serif */
function faces(): string[] {
  const dir = join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts");
  const out: string[] = [];
  for (const [file, name] of [
    ["LiberationSans-Regular.ttf", "SignsSans"],
    ["LiberationSans-Bold.ttf", "SignsSansBold"],
    ["FoxitSerif.pfb", "SignsSerif"],
  ] as const) {
    try {
      if (GlobalFonts.registerFromPath(join(dir, file), name)) out.push(name);
    } catch {
      // a face the canvas cannot load is left out
    }
  }
  return out;
}

/** 1 where a pixel is ink (darker than INK), over a region of an image */
export interface Bits {
  w: number;
  h: number;
  ink: Uint8Array;
}

export function bitsOf(image: Canvas, x0: number, y0: number, w: number, h: number): Bits {
  const data = image.getContext("2d").getImageData(x0, y0, w, h).data;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++)
    ink[i] = data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]! < 3 * INK ? 1 : 0;
  return { w, h, ink };
}

interface Blob extends PixelRect {
  n: number;
}

/** connected ink (8 neighbours) of a bit image, with their boxes (x1, y1 exclusive) */
export function blobs(b: Bits): Blob[] {
  const seen = new Uint8Array(b.w * b.h);
  const out: Blob[] = [];
  const stack: number[] = [];
  for (let s = 0; s < b.w * b.h; s++) {
    if (!b.ink[s] || seen[s]) continue;
    const blob: Blob = { x0: b.w, y0: b.h, x1: 0, y1: 0, n: 0 };
    seen[s] = 1;
    stack.push(s);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % b.w,
        y = (p - x) / b.w;
      blob.n++;
      blob.x0 = Math.min(blob.x0, x);
      blob.y0 = Math.min(blob.y0, y);
      blob.x1 = Math.max(blob.x1, x + 1);
      blob.y1 = Math.max(blob.y1, y + 1);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx,
            ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= b.w || ny >= b.h) continue;
          const q = ny * b.w + nx;
          if (b.ink[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
    }
    out.push(blob);
  }
  return out;
}

/**
 * The ink of `b` inside `keep` boxes, set in the frame: scaled so that the digits' band (`top` to
 * `base`, in b's pixels) is FH / FRAME_SPAN high, starting ABOVE of it below the frame's top; the
 * ink's left edge 2 pixels in. Each frame pixel is the share of ink over its footprint, then blurred.
 */
export function frameOf(b: Bits, keep: PixelRect[], top: number, base: number): Float32Array {
  const H = Math.max(1, base - top);
  const k = (FRAME_SPAN * H) / FH; // source pixels per frame pixel
  let left = Infinity;
  for (const r of keep) left = Math.min(left, r.x0);
  const originX = left - 2 * k,
    originY = top - ABOVE * H;
  const inKeep = (x: number, y: number) => keep.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);
  const sum = new Float32Array(FW * FH),
    cnt = new Float32Array(FW * FH);
  // every source pixel adds to the frame pixel its centre falls in; a coarse source (k < 1) is
  // sampled at the frame's pixels instead
  if (k >= 1) {
    for (let y = 0; y < b.h; y++)
      for (let x = 0; x < b.w; x++) {
        const fx = Math.floor((x + 0.5 - originX) / k),
          fy = Math.floor((y + 0.5 - originY) / k);
        if (fx < 0 || fy < 0 || fx >= FW || fy >= FH) continue;
        const i = fy * FW + fx;
        cnt[i]!++;
        if (b.ink[y * b.w + x] && inKeep(x, y)) sum[i]!++;
      }
  } else {
    for (let fy = 0; fy < FH; fy++)
      for (let fx = 0; fx < FW; fx++) {
        const x = Math.floor(originX + (fx + 0.5) * k),
          y = Math.floor(originY + (fy + 0.5) * k);
        const i = fy * FW + fx;
        cnt[i] = 1;
        if (x >= 0 && y >= 0 && x < b.w && y < b.h && b.ink[y * b.w + x] && inKeep(x, y)) sum[i] = 1;
      }
  }
  const f = new Float32Array(FW * FH);
  for (let i = 0; i < f.length; i++) f[i] = cnt[i]! ? sum[i]! / cnt[i]! : 0;
  return blur(f);
}

/** a 3x3 binomial blur: strokes a pixel apart still overlap */
function blur(f: Float32Array): Float32Array {
  const out = new Float32Array(f.length);
  const w = [1, 2, 1];
  for (let y = 0; y < FH; y++)
    for (let x = 0; x < FW; x++) {
      let s = 0,
        n = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx,
            yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= FW || yy >= FH) continue;
          const k = w[dx + 1]! * w[dy + 1]!;
          s += k * f[yy * FW + xx]!;
          n += k;
        }
      out[y * FW + x] = s / n;
    }
  return out;
}

/** normalized correlation of two frames, the best over shifts of up to 2 pixels each way */
export function similarity(a: Float32Array, b: Float32Array): number {
  let best = -1;
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      let sab = 0,
        saa = 0,
        sbb = 0;
      for (let y = 0; y < FH; y++) {
        const yb = y + dy;
        for (let x = 0; x < FW; x++) {
          const va = a[y * FW + x]!;
          const xb = x + dx;
          const vb = yb >= 0 && yb < FH && xb >= 0 && xb < FW ? b[yb * FW + xb]! : 0;
          sab += va * vb;
          saa += va * va;
          sbb += vb * vb;
        }
      }
      if (saa > 0 && sbb > 0) best = Math.max(best, sab / Math.sqrt(saa * sbb));
    }
  return best;
}

/** a text drawn large in a face, set in the frame against that face's digits */
function templateFrame(text: string, face: string): Float32Array | null {
  const size = 60;
  const c = createCanvas(size * 3, size * 2);
  const ctx = c.getContext("2d");
  const draw = (t: string) => {
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = "black";
    ctx.font = `${size}px ${face}`;
    ctx.textBaseline = "alphabetic";
    ctx.fillText(t, size * 0.3, size * 1.4);
    return bitsOf(c, 0, 0, c.width, c.height);
  };
  const box = (b: Bits) => {
    const r = { x0: b.w, y0: b.h, x1: 0, y1: 0 };
    for (let y = 0; y < b.h; y++)
      for (let x = 0; x < b.w; x++)
        if (b.ink[y * b.w + x]) {
          r.x0 = Math.min(r.x0, x);
          r.y0 = Math.min(r.y0, y);
          r.x1 = Math.max(r.x1, x + 1);
          r.y1 = Math.max(r.y1, y + 1);
        }
    return r.x1 > r.x0 ? r : null;
  };
  const digits = box(draw("7"));
  const bits = draw(text.trim());
  const ink = box(bits);
  if (!digits || !ink) return null;
  return frameOf(bits, [ink], digits.y0, digits.y1);
}

function allTemplates(): Template[] {
  if (templates) return templates;
  const out: Template[] = [];
  for (const face of faces()) {
    for (const [cls, texts] of Object.entries(CLASS_TEXTS) as [SignClass, string[]][])
      for (const text of texts) {
        const frame = templateFrame(text, face);
        if (frame) out.push({ cls, text, frame });
      }
    for (const text of OTHER_TEXTS) {
      const frame = templateFrame(text, face);
      if (frame) out.push({ cls: null, text, frame });
    }
  }
  return (templates = out);
}

/** the best score of each class for a frame, and of the shapes that are no sign */
export function scoreFrame(frame: Float32Array): { scores: Map<SignClass, number>; other: number } {
  const scores = new Map<SignClass, number>();
  let other = -1;
  for (const t of allTemplates()) {
    const s = similarity(frame, t.frame);
    if (t.cls === null) other = Math.max(other, s);
    else scores.set(t.cls, Math.max(scores.get(t.cls) ?? -1, s));
  }
  return { scores, other };
}

/**
 * The sign a frame shows, given what OCR read there (`read`: a class, or null for nothing or an
 * unknown reading): a class other than the reading when it scores MIN_SCORE or more and MARGIN above
 * the reading's own class and above every shape that is no sign; else the reading (null: no change).
 */
export function decideSign(frame: Float32Array, read: SignClass | null): SignClass | null {
  const { scores, other } = scoreFrame(frame);
  let best: SignClass | null = null,
    bestScore = -1;
  for (const [cls, s] of scores)
    if (s > bestScore) {
      best = cls;
      bestScore = s;
    }
  if (!best || best === read || bestScore < MIN_SCORE) return read;
  const own = read ? (scores.get(read) ?? -1) : -1;
  let second = Math.max(other, own);
  // the two ways of printing a sign are one class; others must be left behind
  for (const [cls, s] of scores) if (cls !== best) second = Math.max(second, s);
  if (bestScore - Math.max(own, other) < MARGIN) return read;
  // between classes other than the reading's, the winner must be clear too; `≥` and `>` (`≤` and `<`)
  // differ only by the bar, which the bar itself tells when their scores are close
  const pair: Partial<Record<SignClass, SignClass>> = { ">=": ">", ">": ">=", "<=": "<", "<": "<=" };
  const twin = pair[best];
  if (twin && twin !== read && bestScore - (scores.get(twin) ?? -1) < MARGIN / 2) {
    let rest = Math.max(other, own);
    for (const [cls, s] of scores) if (cls !== best && cls !== twin) rest = Math.max(rest, s);
    if (bestScore - rest < MARGIN / 2) return read;
    // a sign as wide as `>=` set in two glyphs is no lone `>`; else the bar tells
    const withBar = best === ">=" || best === "<=" ? best : twin;
    const bar = inkExtent(frame).w > 1.15 * (FH / FRAME_SPAN) || barUnder(frame);
    return bar ? withBar : withBar === best ? twin : best;
  }
  if (bestScore - second < MARGIN / 2) return read;
  return best;
}

/**
 * Whether the ink in a frame has a bar under it: a row in its lower third inked across 70 % of its
 * width or more (`≥`'s bar; `>` meets its strokes at one point and ends in a point at the bottom)
 */
export function barUnder(frame: Float32Array): boolean {
  const { x0, x1, y0, y1, w } = inkExtent(frame);
  if (w <= 0) return false;
  for (let y = Math.floor(y1 - (y1 - y0 + 1) / 3); y <= y1; y++) {
    let run = 0,
      best = 0;
    for (let x = x0; x <= x1; x++) {
      run = frame[y * FW + x]! > 0.3 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    if (best >= 0.7 * w) return true;
  }
  return false;
}

/** the box of a frame's ink (over 0.3), and its width in frame pixels (0 without ink) */
function inkExtent(frame: Float32Array): { x0: number; x1: number; y0: number; y1: number; w: number } {
  let x0 = FW,
    x1 = -1,
    y0 = FH,
    y1 = -1;
  for (let y = 0; y < FH; y++)
    for (let x = 0; x < FW; x++)
      if (frame[y * FW + x]! > 0.3) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return { x0, x1, y0, y1, w: x1 < 0 ? 0 : x1 - x0 + 1 };
}

/** what a reading of sign characters stands for (null: none or not a sign) */
export function classOfReading(t: string): SignClass | null {
  const s = t.replace(/\s+/g, "");
  if (s === "≥" || s === ">=" || s === "=>" || s === "2=") return ">=";
  if (s === "≤" || s === "<=" || s === "=<") return "<=";
  if (s === ">" || s === "<" || s === "=" || s === "2") return s;
  return null;
}

/** how a class is written back into a word */
const WRITTEN: Record<SignClass, string> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "2": "2" };

/** a word of one tesseract line, with its symbols */
export interface SignWord {
  text: string;
  bbox: PixelRect;
  symbols?: { text: string; bbox: PixelRect }[];
}

const SIGN_CHARS = /^[<>=≥≤2«»]*$/;
/** a reading that stands for a sign tesseract could not name: a sign character with a stray mark (`>:`, `>z`) */
const SIGNISH = /^(?=.*[<>=≥≤])[^\s\p{N}\p{Lu}]{1,3}$/u;
const isSignWord = (t: string) => /[<>=≥≤«»]/.test(t) && (SIGN_CHARS.test(t) || SIGNISH.test(t));
/** a value: a number with an optional unit after it (a sign before it is read by the caller) */
const NUMBER_REST = /^\d[\d.,]*\s*(?:%|€|N\.?|gg\.?|giorni)?[.,;]?$/i;

/**
 * The rows a digit's ink spans inside its symbol box: its largest blob's (tesseract's box of a lone
 * digit can run tall, and specks of noise share it)
 */
function inkRows(image: Canvas, r: PixelRect): [number, number] | null {
  const x0 = Math.max(0, Math.floor(r.x0)),
    y0 = Math.max(0, Math.floor(r.y0));
  const w = Math.min(image.width, Math.ceil(r.x1)) - x0,
    h = Math.min(image.height, Math.ceil(r.y1)) - y0;
  if (w < 1 || h < 1) return null;
  let best: Blob | null = null;
  for (const blob of blobs(bitsOf(image, x0, y0, w, h))) if (!best || blob.n > best.n) best = blob;
  return best ? [y0 + best.y0, y0 + best.y1] : null;
}

/**
 * Reads again the signs before the numbers of one line of words (texts changed in place, boxes
 * kept). A word is a value when what follows its leading sign characters is a number with an
 * optional unit; its sign is the ink left of the number's first digit: the sign characters'
 * glyphs, any sign-only words just before it on the line, and ink no word claims, up to the word
 * before.
 */
export function rereadSigns(words: SignWord[], image: Canvas): void {
  // a sign-only word whose box runs over the next word's (tesseract gives `>=` a box to the end of
  // `>= 6 N.`) ends where that word starts: else it lies over the number and one of them is dropped
  // as a reading of the same print twice
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i]!,
      next = words[i + 1]!;
    if (isSignWord(w.text) && w.bbox.x1 > next.bbox.x0 && next.bbox.x0 > w.bbox.x0 + 1) {
      w.bbox = { ...w.bbox, x1: next.bbox.x0 - 1 };
      for (const s of w.symbols ?? [])
        if (s.bbox.x1 > next.bbox.x0 - 1)
          s.bbox = { ...s.bbox, x1: Math.max(s.bbox.x0 + 1, next.bbox.x0 - 1) };
    }
  }
  for (let wi = 0; wi < words.length; wi++) {
    const w = words[wi]!;
    const syms = w.symbols;
    if (!syms?.length) continue;
    const text = syms.map((s) => s.text).join("");
    if (text !== w.text.replace(/\s+/g, "")) continue;
    // the anchor: the first digit after the leading sign characters; a leading 2 glued to a number
    // is looked at as a possible sign when more digits follow it
    let a = 0;
    while (a < syms.length && /^[<>=≥≤«»]$/.test(syms[a]!.text)) a++;
    const starts2 = syms[a]?.text === "2" && a + 1 < syms.length && /^\d$/.test(syms[a + 1]!.text);
    const candidates = starts2 ? [a + 1] : [a];
    if (!/^\d$/.test(syms[a]?.text ?? "")) continue;
    for (const anchor of candidates) {
      const rest = text.slice(anchor);
      if (!NUMBER_REST.test(rest)) continue;
      const prefix = text.slice(0, anchor);
      if (prefix && !isSignWord(prefix) && !(starts2 && /^[<>=≥≤«»]*2$/.test(prefix))) continue;
      // sign-only words just before, on the line, set close (a word of digits is a number of its own)
      let first = wi;
      const lineH = w.bbox.y1 - w.bbox.y0;
      while (
        first > 0 &&
        isSignWord(words[first - 1]!.text) &&
        words[first]!.bbox.x0 - words[first - 1]!.bbox.x1 <= 1.5 * lineH
      )
        first--;
      // a lone `2` set a space before the number may be a `≥` read as a digit (a number of the
      // column before stands further off)
      if (
        first === wi &&
        wi > 0 &&
        words[wi - 1]!.text === "2" &&
        w.bbox.x0 - words[wi - 1]!.bbox.x1 <= 0.8 * lineH
      )
        first--;
      const before = words
        .slice(first, wi)
        .map((x) => x.text)
        .join("");
      const reading = before + prefix;
      const read = reading ? classOfReading(reading) : null;
      // a reading that is no sign at all (a letter) is left alone; `>:`, `>z`, `«` are read again
      if (reading && !read && !isSignWord(reading) && !/^[«»]+$/.test(reading)) continue;
      const rows = syms
        .slice(anchor)
        .filter((s) => /^\d$/.test(s.text))
        .map((s) => inkRows(image, s.bbox))
        .filter((r): r is [number, number] => r !== null);
      if (!rows.length) continue;
      const tops = rows.map((r) => r[0]).sort((p, q) => p - q);
      const bases = rows.map((r) => r[1]).sort((p, q) => p - q);
      const top = tops[tops.length >> 1]!,
        base = bases[bases.length >> 1]!;
      const H = base - top;
      if (H < 8) continue;
      const ax = syms[anchor]!.bbox.x0;
      // the window: up to 2.5 digit heights left of the anchor, not past the word before the sign
      const prev = first > 0 ? words[first - 1]!.bbox.x1 : -Infinity;
      const x0 = Math.max(0, Math.round(Math.max(prev + 1, ax - 2.5 * H))),
        x1 = Math.round(ax);
      const y0 = Math.max(0, Math.round(top - 0.5 * H)),
        y1 = Math.min(image.height, Math.round(base + 0.5 * H));
      if (x1 - x0 < 2 || y1 <= y0) continue;
      const bits = bitsOf(image, x0, y0, x1 - x0, y1 - y0);
      const t = top - y0,
        b = base - y0;
      // blobs of a sign's size inside the digits' band, the nearest to the anchor first, each within
      // a digit height of the last one kept
      const found = blobs(bits)
        .filter(
          (r) =>
            r.n >= 0.03 * H * H &&
            r.y0 >= t - 0.35 * H &&
            r.y1 <= b + 0.35 * H &&
            r.y1 - r.y0 <= 1.3 * H &&
            r.x1 <= bits.w,
        )
        .sort((p, q) => q.x1 - p.x1);
      const keep: Blob[] = [];
      let edge = bits.w;
      for (const r of found) {
        if (edge - r.x1 > (keep.length ? 0.6 : 1.2) * H) break;
        keep.push(r);
        edge = Math.min(edge, r.x0);
      }
      if (!keep.length) continue;
      const inkW = bits.w - edge;
      if (inkW > 2.2 * H) continue;
      const cls = decideSign(frameOf(bits, keep, t, b), read);
      if (cls === read) continue;
      if (starts2 && cls !== ">=") continue;
      // an `=` tesseract saw is never taken away: a tight `>=4` on a 150 dpi scan came out as `>` (its
      // `=` falls under the number's first box, right of where the sign is looked for)
      if (read?.includes("=") && (cls === ">" || cls === "<")) continue;
      if (!cls || cls === "2") continue;
      // written back: into the sign-only word before when there is one, else before the number
      const sign = WRITTEN[cls];
      if (first < wi) {
        words[first]!.text = sign;
        for (let j = first + 1; j < wi; j++) words[j]!.text = "";
        w.text = rest;
      } else w.text = `${sign}${rest}`;
      break;
    }
  }
}

/** a year with a sign glued after it: `2025>`, `2025<=`, `20252` (`≥` read as a digit) */
const YEAR_SIGN = /^((?:19|20)\d\d)([<>=≥≤]{1,2}|2)$/;
/** a word that starts a value: a number, or a currency sign before one */
const STARTS_VALUE = /^(?:€|\d)/;

/**
 * A cell giving a target per year (`2025≥ 41 % 2026≥ 44 %`) sets each year's sign right after the
 * year: tesseract reads the two as one word (`2025>`, `2025<`, `20252`), where neither the bar under
 * the sign nor its shape is looked at, and the value is read with no comparator or as a five-digit
 * number. Such a word followed on its line by a value is cut in two at the year's last digit, so
 * its sign is read as any sign-only word before a number is. `rejoin` puts back the words whose sign
 * still reads as the digit `2` afterwards (a number that merely starts with a year stays whole).
 */
export function splitYearSigns<W extends SignWord>(words: W[]): { words: W[]; rejoin: (ws: W[]) => W[] } {
  const cuts = new Map<W, W>();
  const out: W[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const syms = w.symbols;
    const m = YEAR_SIGN.exec(w.text);
    if (
      !m ||
      !next ||
      !STARTS_VALUE.test(next.text) ||
      !syms ||
      syms.length !== w.text.length ||
      syms.map((s) => s.text).join("") !== w.text
    ) {
      out.push(w);
      continue;
    }
    const year = syms.slice(0, 4),
      sign = syms.slice(4);
    const yearWord = { ...w, text: m[1]!, bbox: { ...w.bbox, x1: year[3]!.bbox.x1 }, symbols: year };
    const signWord = { ...w, text: m[2]!, bbox: { ...w.bbox, x0: sign[0]!.bbox.x0 }, symbols: sign };
    cuts.set(signWord, w);
    out.push(yearWord, signWord);
  }
  const rejoin = (ws: W[]): W[] => {
    if (!cuts.size) return ws;
    const back: W[] = [];
    for (const w of ws) {
      const whole = cuts.get(w);
      if (whole && w.text === "2" && back.length) back[back.length - 1] = whole;
      else back.push(w);
    }
    return back;
  };
  return { words: out, rejoin };
}
