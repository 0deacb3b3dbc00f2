/**
 * Text runs read from the operator list's glyphs, as pdf.js's canvas would place them, instead of
 * parsing the page a second time with getTextContent (which costs as much again as the operator list,
 * ~40 % of all pdf.js time). Each glyph's origin is followed through the text state (Tm, Tc, Tw, Tz,
 * TL, Ts, Tf) and the CTM, so a run's box comes from real glyph advances rather than from a share of a
 * whole phrase's width. A run is one word: it ends at a space glyph, at a gap wider than pdf.js's own
 * word-break threshold, at a change of font or line. What getTextContent leaves out is left out here
 * too: glyphs whose origin is off the page; annotations are not in the operator list at all.
 */
import type { TextRun } from "../model/index.js";
import { pdfjs } from "./pdfjs.js";
import { fontStem, glyphStem, heavier, STEM_LETTERS } from "./stems.js";
import { repairShiftedLatin } from "./unicode.js";

type M = number[];
const { OPS, normalizeUnicode } = pdfjs;
/** Text with a character at or past U+00A0, the only ones pdf.js's normalizeUnicode changes. */
const FROM_NBSP = /[^\p{ASCII}\u0080-\u009f]/u;

/** What a resolved pdf.js font object exposes (FontFaceObject getters). */
export interface FontLike {
  name?: string;
  fontMatrix?: M;
  ascent?: number;
  descent?: number;
  vertical?: boolean;
  bold?: boolean;
  black?: boolean;
  italic?: boolean;
}

interface Glyph {
  unicode: string;
  width: number;
  isSpace: boolean;
  /** the glyph's key in its font: its outline is the common object `<font id>_path_<fontChar>` */
  fontChar?: string;
}

/** this many glyphs' outlines measure a font's stems (letters with straight stems only) */
const STEM_SAMPLES = 12;

/** pdf.js's getTextContent breaks a word at a gap above this many ems (TRACKING_SPACE_FACTOR) */
const WORD_GAP = 0.102;
/** ...and starts a new item when text moves back more than this (NEGATIVE_SPACE_FACTOR) */
const BACK_GAP = -0.2;
const FONT_IDENTITY: M = [0.001, 0, 0, 0.001, 0, 0];

/** the operators this reader follows, as a lookup table (most operators of a page are not text) */
const TEXT_OPS = new Uint8Array(256);
for (const k of [
  "beginText",
  "endText",
  "setFont",
  "setCharSpacing",
  "setWordSpacing",
  "setHScale",
  "setLeading",
  "setTextRise",
  "setTextRenderingMode",
  "moveText",
  "setLeadingMoveText",
  "setTextMatrix",
  "nextLine",
  "showText",
  "showSpacedText",
  "nextLineShowText",
  "nextLineSetSpacingShowText",
] as const)
  TEXT_OPS[OPS[k]] = 1;

interface FontInfo {
  id: string;
  name: string;
  matrix: M;
  ascent: number;
  descent: number;
  vertical: boolean;
  bold: boolean;
  italic: boolean;
  /** glyphs shown on this page (the most used font is the page's main text) */
  shown: number;
  /** stems of sampled glyphs, while the font's stem is not known */
  samples: number[];
}

interface TextState {
  font: FontInfo | null;
  size: number;
  dir: number;
  tc: number;
  tw: number;
  th: number;
  tl: number;
  rise: number;
  /** text rendering mode (Tr): 3 and 7 paint nothing (an OCR program's words laid over a scan) */
  mode: number;
  tm: M;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

/** The embedded font's real name with bold/italic flags the name does not already carry. */
export function fontLabel(id: string, font: FontLike | null | undefined, family?: string): string {
  if (!font) return family ?? id;
  const name = font.name ?? id;
  const flags = `${font.bold || font.black ? "-Bold" : ""}${font.italic ? "-Italic" : ""}`;
  return /bold|italic|oblique|black/i.test(name) ? name : name + flags;
}

/**
 * The clockwise turn (degrees) that makes most of a page's text read left to right, or 0: a page
 * whose table was set sideways (a landscape table on a portrait page, or a page turned by /Rotate)
 * is read in the view where its text is level. Most means at least 60 % of the glyphs, and 20 or more.
 */
export function levelTurn(directions: readonly number[]): 0 | 90 | 180 | 270 {
  const total = directions.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let d = 1; d < 4; d++) if (directions[d]! > directions[best]!) best = d;
  if (best === 0 || total < 20 || directions[best]! < 0.6 * total) return 0;
  // text running down (1) reads level once the page is turned a quarter counterclockwise (270)
  return ([0, 270, 180, 90] as const)[best]!;
}

/** font-name words that mean bold, and italic */
export const BOLD = /bold|black|heavy|semibold|demi|,B\b|-B$/i;
export const ITALIC = /italic|oblique|,I\b|-I$/i;

/**
 * Follows the text operators of one page's operator list. The caller walks the list (it owns the
 * CTM and the save/restore stack) and hands every text operator here; `vertical` is set when a font
 * writes top to bottom, which this reader does not place (the caller then asks getTextContent).
 */
export class GlyphReader {
  readonly runs: TextRun[] = [];
  vertical = false;
  /** glyphs shown along each direction on the page: right, down, left, up (viewport space) */
  readonly directions = [0, 0, 0, 0];
  /** glyphs shown that paint nothing (rendering mode 3 or 7) */
  hidden = 0;
  private st: TextState = {
    font: null,
    size: 0,
    dir: 1,
    tc: 0,
    tw: 0,
    th: 1,
    tl: 0,
    rise: 0,
    mode: 0,
    tm: [1, 0, 0, 1, 0, 0],
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
  };
  private stack: TextState[] = [];
  private fonts = new Map<string, FontInfo>();
  /** each run's font, by index in `runs` */
  private runFonts: FontInfo[] = [];
  // the run being built, in viewport space
  private run: {
    text: string;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    font: FontInfo;
    size: number;
    // where the next glyph would start (the last one's advance and spacing), the baseline's direction
    ex: number;
    ey: number;
    ux: number;
    uy: number;
  } | null = null;

  /**
   * `outlineOf` gives a glyph's outline (pdf.js's compiled path, in ems) by its common object's id;
   * `stems` keeps each font's measured stem for the document's other pages (null: none measurable).
   */
  constructor(
    private fontOf: (id: string) => FontLike | null,
    private width: number,
    private height: number,
    private outlineOf: ((id: string) => ArrayLike<number> | null) | null = null,
    private stems: Map<string, number | null> = new Map(),
    /** reads a glyph again from its outline where the document's Unicode maps are lossy (glyphcheck.ts) */
    private reread: ((claim: string, outline: ArrayLike<number> | null) => string) | null = null,
  ) {}

  /** each glyph's reading again, by font and glyph */
  private reread_ = new Map<string, string>();

  private textOf(font: FontInfo, g: Glyph): string {
    if (!this.reread || !g.fontChar || !this.outlineOf) return g.unicode;
    const key = `${font.id}\u0000${g.fontChar}`;
    let t = this.reread_.get(key);
    if (t === undefined) {
      let outline: ArrayLike<number> | null = null;
      try {
        outline = this.outlineOf(`${font.id}_path_${g.fontChar}`);
      } catch {
        // not resolved (a Type3 font draws with operators)
      }
      t = this.reread(g.unicode, outline);
      this.reread_.set(key, t);
    }
    return t;
  }

  save(): void {
    this.stack.push({ ...this.st });
  }

  restore(): void {
    const s = this.stack.pop();
    if (s) this.st = s;
  }

  /** Follows a text operator; any other operator is ignored. */
  op(fn: number, args: unknown[] | null, ctm: M): void {
    if (!TEXT_OPS[fn]) return;
    const st = this.st;
    switch (fn) {
      case OPS.beginText:
        st.tm = [1, 0, 0, 1, 0, 0];
        st.x = st.lineX = st.y = st.lineY = 0;
        return;
      case OPS.endText:
        this.flush();
        return;
      case OPS.setFont: {
        const size = args![1] as number;
        st.font = this.font(args![0] as string);
        st.dir = size < 0 ? -1 : 1;
        st.size = Math.abs(size);
        return;
      }
      case OPS.setCharSpacing:
        st.tc = args![0] as number;
        return;
      case OPS.setWordSpacing:
        st.tw = args![0] as number;
        return;
      case OPS.setHScale:
        st.th = (args![0] as number) / 100;
        return;
      case OPS.setLeading:
        st.tl = -(args![0] as number);
        return;
      case OPS.setTextRise:
        st.rise = args![0] as number;
        return;
      case OPS.setTextRenderingMode:
        st.mode = args![0] as number;
        return;
      case OPS.moveText:
        this.move(args![0] as number, args![1] as number);
        return;
      case OPS.setLeadingMoveText:
        st.tl = args![1] as number;
        this.move(args![0] as number, args![1] as number);
        return;
      case OPS.setTextMatrix: {
        // one matrix argument in pdf.js 5, six numbers before
        const m = (typeof args![0] === "number" ? args : args![0]) as ArrayLike<number>;
        st.tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        st.x = st.lineX = st.y = st.lineY = 0;
        return;
      }
      case OPS.nextLine:
        this.move(0, st.tl);
        return;
      case OPS.showText:
      case OPS.showSpacedText:
        this.show(args![0] as (Glyph | number)[], ctm);
        return;
      case OPS.nextLineShowText:
        this.move(0, st.tl);
        this.show(args![0] as (Glyph | number)[], ctm);
        return;
      case OPS.nextLineSetSpacingShowText:
        st.tw = args![0] as number;
        st.tc = args![1] as number;
        this.move(0, st.tl);
        this.show(args![2] as (Glyph | number)[], ctm);
        return;
    }
  }

  /** Ends the last run: call once the operator list is done. */
  finish(): TextRun[] {
    this.flush();
    this.boldByStems();
    return this.runs;
  }

  /**
   * Fonts whose name does not say bold but whose stems are clearly heavier than the page's main
   * text's are bold (stems.ts): a producer that renames its fonts loses no header row.
   */
  private boldByStems(): void {
    if (!this.outlineOf) return;
    let body: FontInfo | null = null;
    let bodyStem = 0;
    for (const f of this.fonts.values()) {
      let stem = this.stems.get(f.id);
      if (stem === undefined && f.samples.length) {
        stem = fontStem(f.samples);
        // a font seen with few letters is measured again on a later page
        if (f.samples.length >= 3) this.stems.set(f.id, stem);
      }
      if (stem && (!body || f.shown > body.shown)) {
        body = f;
        bodyStem = stem;
      }
    }
    if (!body) return;
    const heavy = new Set<FontInfo>();
    for (const f of this.fonts.values()) {
      if (f.bold || f === body) continue;
      const stem = this.stems.get(f.id) ?? fontStem(f.samples);
      if (stem && heavier(stem, bodyStem)) heavy.add(f);
    }
    if (!heavy.size) return;
    for (let i = 0; i < this.runs.length; i++)
      if (heavy.has(this.runFonts[i]!)) this.runs[i] = { ...this.runs[i]!, bold: true };
  }

  /** Measures a glyph's stems for its font, while the font has too few samples. */
  private sample(font: FontInfo, g: Glyph): void {
    if (font.samples.length >= STEM_SAMPLES || this.stems.has(font.id)) return;
    if (!g.fontChar || !STEM_LETTERS.test(g.unicode)) return;
    let outline: ArrayLike<number> | null = null;
    try {
      outline = this.outlineOf!(`${font.id}_path_${g.fontChar}`);
    } catch {
      // not resolved (a Type3 font draws with operators, not outlines)
    }
    const stem = outline ? glyphStem(outline) : null;
    if (stem !== null) font.samples.push(stem);
  }

  private move(x: number, y: number): void {
    const st = this.st;
    st.x = st.lineX += x;
    st.y = st.lineY += y;
  }

  private font(id: string): FontInfo {
    let f = this.fonts.get(id);
    if (f) return f;
    let raw: FontLike | null = null;
    try {
      raw = this.fontOf(id);
    } catch {
      // not resolved: default metrics below
    }
    const name = fontLabel(id, raw);
    const matrix = raw?.fontMatrix;
    f = {
      id,
      name,
      matrix: matrix && matrix[0] ? Array.from(matrix) : FONT_IDENTITY,
      ascent: raw?.ascent && raw.ascent > 0.2 ? raw.ascent : 0.8,
      descent: raw?.descent && raw.descent < 0 ? raw.descent : -0.2,
      vertical: !!raw?.vertical,
      bold: BOLD.test(name),
      italic: ITALIC.test(name),
      shown: 0,
      samples: [],
    };
    this.fonts.set(id, f);
    return f;
  }

  private show(glyphs: (Glyph | number)[], ctm: M): void {
    const st = this.st;
    const font = st.font;
    if (!font || !Array.isArray(glyphs)) return;
    if (font.vertical) {
      this.vertical = true;
      return;
    }
    const size = st.size;
    if (size === 0) return;
    // text space → viewport: [Th·dir, 0, 0, 1, x, y + rise] × Tm × CTM
    const tm = st.tm;
    const a = tm[0]! * ctm[0]! + tm[1]! * ctm[2]!,
      b = tm[0]! * ctm[1]! + tm[1]! * ctm[3]!,
      c = tm[2]! * ctm[0]! + tm[3]! * ctm[2]!,
      d = tm[2]! * ctm[1]! + tm[3]! * ctm[3]!,
      e = tm[4]! * ctm[0]! + tm[5]! * ctm[2]! + ctm[4]!,
      f = tm[4]! * ctm[1]! + tm[5]! * ctm[3]! + ctm[5]!;
    const hs = st.th * st.dir;
    const oy = st.y + st.rise;
    // one unit along the baseline and one font size up, in viewport space
    const ax = a * hs,
      ay = b * hs;
    const upx = c * size * st.dir,
      upy = d * size * st.dir;
    const em = Math.hypot(upx, upy) || 1;
    const along = Math.hypot(ax, ay) || 1;
    const ux = ax / along,
      uy = ay / along;
    // 0 right, 1 down, 2 left, 3 up: the nearest of the four
    const dir = Math.abs(ux) >= Math.abs(uy) ? (ux >= 0 ? 0 : 2) : uy >= 0 ? 1 : 3;
    const scale = size * font.matrix[0]!;
    // offsets from the baseline to the box's sides (descent and ascent, whichever way is up)
    const lowX = Math.min(upx * font.descent, upx * font.ascent),
      highX = Math.max(upx * font.descent, upx * font.ascent),
      lowY = Math.min(upy * font.descent, upy * font.ascent),
      highY = Math.max(upy * font.descent, upy * font.ascent);
    let x = 0;
    for (const g of glyphs) {
      if (typeof g === "number") {
        x -= (g * size) / 1000;
        continue;
      }
      const spacing = (g.isSpace ? st.tw : 0) + st.tc;
      const w = (g.width || 0) * scale;
      const tx = st.x + x * hs;
      // spacing (Tc, Tw) moves the next glyph but is no gap between words, as in getTextContent
      const adv = w + spacing * st.dir;
      x += adv;
      const text = this.textOf(font, g);
      if (!text || !text.trim()) {
        this.flush();
        continue;
      }
      font.shown++;
      this.directions[dir]!++;
      if (st.mode === 3 || st.mode === 7) this.hidden++;
      if (this.outlineOf && !font.bold) this.sample(font, g);
      // origin and end of the glyph's advance (without spacing), in viewport space
      const ox = tx * a + oy * c + e,
        oyv = tx * b + oy * d + f;
      const qx = ox + ax * w,
        qy = oyv + ay * w;
      const nx = ox + ax * adv,
        ny = oyv + ay * adv;
      if (Math.max(ox, qx) < 0 || Math.min(ox, qx) > this.width || oyv < 0 || oyv > this.height) continue;
      // the box of the glyph's advance between descent and ascent
      const x0 = Math.min(ox, qx) + lowX,
        x1 = Math.max(ox, qx) + highX,
        y0 = Math.min(oyv, qy) + lowY,
        y1 = Math.max(oyv, qy) + highY;
      const r = this.run;
      if (r) {
        // gap along the baseline from the last glyph's end, and drift across it, in ems
        const gx = ox - r.ex,
          gy = oyv - r.ey;
        const gap = (gx * r.ux + gy * r.uy) / em;
        const drift = Math.abs(-gx * r.uy + gy * r.ux) / em;
        if (
          r.font === font &&
          Math.abs(r.size - em) < 0.01 * em &&
          Math.abs(r.ux - ux) < 1e-3 &&
          Math.abs(r.uy - uy) < 1e-3 &&
          gap <= WORD_GAP &&
          gap >= BACK_GAP &&
          drift < 0.25
        ) {
          r.text += text;
          if (x0 < r.x0) r.x0 = x0;
          if (y0 < r.y0) r.y0 = y0;
          if (x1 > r.x1) r.x1 = x1;
          if (y1 > r.y1) r.y1 = y1;
          r.ex = nx;
          r.ey = ny;
          continue;
        }
        this.flush();
      }
      this.run = { text, x0, y0, x1, y1, font, size: em, ex: nx, ey: ny, ux, uy };
    }
    st.x += x * hs;
  }

  private flush(): void {
    const r = this.run;
    if (!r) return;
    this.run = null;
    this.runFonts.push(r.font);
    this.runs.push({
      text: repairShiftedLatin(FROM_NBSP.test(r.text) ? normalizeUnicode(r.text) : r.text),
      box: [r.x0, r.y0, r.x1, r.y1],
      fontName: r.font.name,
      fontSize: r.size,
      bold: r.font.bold,
      italic: r.font.italic,
      ...(Math.abs(r.ux) >= Math.abs(r.uy) ? (r.ux >= 0 ? {} : { dir: 2 }) : { dir: r.uy >= 0 ? 1 : 3 }),
    });
  }
}
