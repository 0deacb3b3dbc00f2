/**
 * Glyphs whose Unicode a producer wrote wrongly, told by their outlines.
 *
 * Ghostscript's pdfwrite (10.0, behind many PDF/A converters and "print to PDF" drivers) rewrites
 * the ToUnicode map of the CID fonts it re-embeds, and loses every character past Latin-1 there:
 * `≥` comes out as `g`, `≤` as `f`, `€` as `¬`, `–` as `3`, Chromium's `ﬁ` as `ü`. Targets then read
 * `g 83` instead of `≥ 83`, and no text reader can tell from the map. The font's outlines are intact,
 * so each glyph of such a document is compared with reference shapes: the shape of the character the
 * map claims, and those of the characters that this loss hides (the symbols and punctuation past
 * Latin-1 that plans print). A glyph is read as the hidden character only when it matches that
 * character's shape clearly better than the claimed one's.
 *
 * The references are the outlines pdf.js itself draws for the standard fonts (Helvetica and Times
 * as their Liberation and Foxit stand-ins, Symbol for the relations), from a small PDF made here,
 * so they come from the installed package, at the first document that needs them.
 */
import { crossings, flatten } from "./stems.js";
import { PDFJS_OPTIONS, pdfjs } from "./pdfjs.js";

/** grid of the comparison, in ems: the ink's centre ± X_HALF across, Y_LOW to Y_HIGH from the baseline up */
const CELL = 0.035;
const X_HALF = 0.6;
const Y_LOW = -0.3;
const Y_HIGH = 1.0;
const COLS = Math.round((2 * X_HALF) / CELL);
const ROWS = Math.round((Y_HIGH - Y_LOW) / CELL);

/** a hidden character is read when its shape matches this well (0-1)... */
export const MATCH = 0.85;
/** ...and this much better than the claimed character's best reference, by either measure */
export const MARGIN = 0.15;

/** A glyph's shape: the grid's cells whose centre is inside the outline (even-odd). */
export interface Shape {
  cells: Uint8Array;
  /** the same, grown by one cell each way: a tolerance of one cell between fonts */
  grown: Uint8Array;
  count: number;
}

/** The shape of an outline (pdf.js's compiled path, in ems, y up from the baseline); null when empty. */
export function shapeOf(path: ArrayLike<number>): Shape | null {
  const s = flatten(path);
  if (s.length < 12) return null;
  let xmin = Infinity,
    xmax = -Infinity;
  for (let i = 0; i < s.length; i += 2) {
    if (s[i]! < xmin) xmin = s[i]!;
    if (s[i]! > xmax) xmax = s[i]!;
  }
  if (!(xmax > xmin)) return null;
  const cx = (xmin + xmax) / 2;
  const cells = new Uint8Array(COLS * ROWS);
  let count = 0;
  for (let row = 0; row < ROWS; row++) {
    const y = Y_LOW + (row + 0.5) * CELL;
    const xs = crossings(s, y, false);
    if (xs.length < 2) continue;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // the cells whose centre lies in [xs[k], xs[k+1]]
      const from = Math.max(0, Math.ceil((xs[k]! - cx + X_HALF) / CELL - 0.5));
      const to = Math.min(COLS - 1, Math.floor((xs[k + 1]! - cx + X_HALF) / CELL - 0.5));
      for (let col = from; col <= to; col++) {
        const at = row * COLS + col;
        if (!cells[at]) {
          cells[at] = 1;
          count++;
        }
      }
    }
  }
  if (!count) return null;
  const grown = new Uint8Array(COLS * ROWS);
  for (let row = 0; row < ROWS; row++)
    for (let col = 0; col < COLS; col++) {
      if (!cells[row * COLS + col]) continue;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr,
            c = col + dc;
          if (r >= 0 && r < ROWS && c >= 0 && c < COLS) grown[r * COLS + c] = 1;
        }
    }
  return { cells, grown, count };
}

/** How alike two shapes are (0-1): the share of each one's cells within a cell of the other's. */
export function likeness(a: Shape, b: Shape): number {
  let near = 0;
  for (let i = 0; i < a.cells.length; i++) {
    if (a.cells[i] && b.grown[i]) near++;
    if (b.cells[i] && a.grown[i]) near++;
  }
  return near / (a.count + b.count);
}

/** How much two shapes overlap, cell for cell (0-1: intersection over union). */
export function overlap(a: Shape, b: Shape): number {
  let both = 0;
  for (let i = 0; i < a.cells.length; i++) if (a.cells[i] && b.cells[i]) both++;
  return both / (a.count + b.count - both);
}

/**
 * The characters that a lossy map hides: what plans print past Latin-1 (relations, the euro,
 * dashes, typographic quotes, bullets, ligatures), by their glyph names.
 */
const HIDDEN: Record<string, string> = {
  greaterequal: "≥",
  lessequal: "≤",
  notequal: "≠",
  approxequal: "≈",
  Euro: "€",
  endash: "–",
  emdash: "—",
  quoteleft: "‘",
  quoteright: "’",
  quotedblleft: "“",
  quotedblright: "”",
  quotedblbase: "„",
  bullet: "•",
  ellipsis: "…",
  fi: "ﬁ",
  fl: "ﬂ",
  perthousand: "‰",
  arrowright: "→",
};
/** the relations drawn from Symbol (its own encoding), whose text fonts may lack them */
const SYMBOL_CODES: [number, string][] = [
  [0xb3, "≥"],
  [0xa3, "≤"],
  [0xb9, "≠"],
  [0xbb, "≈"],
];
/** ligatures, as the letters they join */
const LIGATURES: [string, string][] = [
  ["ﬀ", "ff"],
  ["ﬃ", "ffi"],
  ["ﬄ", "ffl"],
  ["ﬁ", "fi"],
  ["ﬂ", "fl"],
];

/** An outline moved `dx` ems along the baseline. */
export function shifted(path: ArrayLike<number>, dx: number): number[] {
  const out: number[] = [];
  // arguments of each drawing operator (moveTo, lineTo, curveTo, quadraticCurveTo, closePath)
  const ARGS = [2, 2, 6, 4, 0];
  for (let i = 0; i < path.length;) {
    const op = path[i++]!;
    const n = ARGS[op];
    if (n === undefined) break;
    out.push(op);
    for (let k = 0; k < n; k++) out.push(path[i++]! + (k % 2 === 0 ? dx : 0));
  }
  return out;
}

const TEXT_FONTS = ["Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold"];

export interface References {
  /** the claimable characters (Latin-1), each with its reference shapes */
  claimed: Map<string, Shape[]>;
  /** the hidden characters, each with its reference shapes */
  hidden: Map<string, Shape[]>;
}

/** A one-page PDF showing every reference glyph in the standard fonts. */
function referencePdf(): Uint8Array {
  const names = Object.keys(HIDDEN);
  const diff = `[1 ${names.map((n) => `/${n}`).join(" ")}]`;
  const latin: number[] = [];
  for (let c = 33; c <= 126; c++) latin.push(c);
  for (let c = 161; c <= 255; c++) if (c !== 173) latin.push(c);
  const hex = (codes: number[]) => `<${codes.map((c) => c.toString(16).padStart(2, "0")).join("")}>`;
  const own = names.map((_, i) => i + 1);
  let content = "";
  TEXT_FONTS.forEach((_, i) => {
    content += `BT /F${i} 10 Tf 10 ${20 + i * 20} Td ${hex([...own, ...latin])} Tj ET\n`;
  });
  content += `BT /S 10 Tf 10 200 Td ${hex(SYMBOL_CODES.map(([c]) => c))} Tj ET\n`;
  const fonts = TEXT_FONTS.map(
    (f, i) =>
      `/F${i} << /Type /Font /Subtype /Type1 /BaseFont /${f} /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences ${diff} >> >>`,
  ).join(" ");
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 300] /Contents 4 0 R /Resources << /Font << ${fonts} /S << /Type /Font /Subtype /Type1 /BaseFont /Symbol >> >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}

let loading: Promise<References> | null = null;

/** The reference shapes, read once per process. */
export function references(): Promise<References> {
  // without references (pdf.js's standard fonts missing) glyphs are read as their maps claim
  loading ??= readReferences().catch(() => ({ claimed: new Map(), hidden: new Map() }));
  return loading;
}

async function readReferences(): Promise<References> {
  const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: referencePdf() }).promise;
  const claimed = new Map<string, Shape[]>();
  const hidden = new Map<string, Shape[]>();
  const hiddenChars = new Set([
    ...Object.values(HIDDEN),
    ...SYMBOL_CODES.map(([, c]) => c),
    ...LIGATURES.map(([l]) => l),
  ]);
  const add = (ch: string, shape: Shape | null) => {
    if (!shape || [...ch].length !== 1) return;
    const into = hiddenChars.has(ch) ? hidden : ch.codePointAt(0)! <= 0xff ? claimed : null;
    if (!into) return;
    if (!into.has(ch)) into.set(ch, []);
    into.get(ch)!.push(shape);
  };
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    let font = "";
    // each font's f, i and l (outline and advance), to compose the ligatures a font may lack
    const parts = new Map<string, Map<string, { path: ArrayLike<number>; width: number }>>();
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.setFont) font = args[0] as string;
      if (fn !== pdfjs.OPS.showText) continue;
      for (const g of args[0] as ({ unicode: string; fontChar: string; width: number } | number)[]) {
        if (typeof g !== "object" || !g?.fontChar) continue;
        const id = `${font}_path_${g.fontChar}`;
        const path = page.commonObjs.has(id)
          ? (page.commonObjs.get(id) as { path: ArrayLike<number> }).path
          : null;
        const ch = g.unicode.normalize("NFC");
        if (path && ch.length === 1 && "fil".includes(ch)) {
          if (!parts.has(font)) parts.set(font, new Map());
          parts.get(font)!.set(ch, { path, width: g.width / 1000 });
        }
        add(ch, path ? shapeOf(path) : null);
      }
    }
    // ﬀ, ﬃ, ﬄ (and ﬁ, ﬂ where a font has none) as their letters set side by side
    for (const p of parts.values())
      for (const [lig, letters] of LIGATURES) {
        if (![...letters].every((c) => p.has(c))) continue;
        const path: number[] = [];
        let x = 0;
        for (const c of letters) {
          path.push(...shifted(p.get(c)!.path, x));
          x += p.get(c)!.width;
        }
        add(lig, shapeOf(path));
      }
    page.cleanup();
  } finally {
    await doc.destroy();
  }
  return { claimed, hidden };
}

const best = (s: Shape, refs: Shape[] | undefined, measure: (a: Shape, b: Shape) => number): number => {
  let b = 0;
  for (const r of refs ?? []) b = Math.max(b, measure(s, r));
  return b;
};

/**
 * The character a glyph shows, given what the map claims and the glyph's outline: the claim, or the
 * hidden character whose shape the outline matches clearly better, by both measures (within a cell
 * and cell for cell: the references are other fonts than the document's, so either alone lets a
 * bold letter pass for a ligature). Only single Latin-1 claims are questioned (where the loss lands).
 */
export function readGlyph(refs: References, claim: string, path: ArrayLike<number> | null): string {
  if (!path || claim.length !== 1 || claim.charCodeAt(0) > 0xff || claim.charCodeAt(0) <= 0x20) return claim;
  const s = shapeOf(path);
  if (!s) return claim;
  const own = refs.claimed.get(claim);
  const ownNear = best(s, own, likeness),
    ownOver = best(s, own, overlap);
  let top = claim,
    topOver = 0;
  for (const [ch, shapes] of refs.hidden) {
    const near = best(s, shapes, likeness);
    if (near < MATCH || near - ownNear < MARGIN) continue;
    const over = best(s, shapes, overlap);
    if (over - ownOver >= MARGIN && over > topOver) {
      top = ch;
      topOver = over;
    }
  }
  // ﬁ and ﬂ (ﬃ and ﬄ) differ only by the last letter's dot: too little for the grid, told by the stem
  const pair = DOTTED.get(top);
  if (pair) {
    const runs = lastStemRuns(path);
    if (runs === 1) return pair.l;
    if (runs === 2) return pair.i;
  }
  return top;
}

/** the ligatures ending with i or l, by either of them */
const DOTTED = new Map<string, { i: string; l: string }>();
for (const [i, l] of [
  ["ﬁ", "ﬂ"],
  ["ﬃ", "ﬄ"],
]) {
  DOTTED.set(i!, { i: i!, l: l! });
  DOTTED.set(l!, { i: i!, l: l! });
}

/**
 * How many pieces of ink a glyph's last stem has, from the baseline up: 2 for an i (stem and dot),
 * 1 for an l; null when it cannot be told. The last stem is the rightmost ink a quarter em up.
 */
export function lastStemRuns(path: ArrayLike<number>): number | null {
  const segs = flatten(path);
  const across = crossings(segs, 0.25, false);
  if (across.length < 2 || across.length % 2) return null;
  const x = (across[across.length - 2]! + across[across.length - 1]!) / 2;
  const up = crossings(segs, x + 1e-6, true);
  if (up.length % 2) return null;
  return up.length / 2;
}

/** Producers known to write such maps. */
export const LOSSY_TOUNICODE = /ghostscript/i;
