/**
 * Running headers and footers: lines in the top or bottom band of the page whose text (digits
 * masked, so "Pagina 3 di 12" matches "Pagina 4 di 12") recurs on most pages. Removed from the body
 * and kept as document metadata: the act they cite and the signatories.
 */
import type { ActRef, Line, PageLayout, Word } from "../model/index.js";
import { parseItalianDate } from "../normalize/date.js";
import { makeLine } from "./words.js";

const BAND = 0.12;

export const maskDigits = (s: string) => s.replace(/\d+/g, "#").replace(/\s+/g, " ").trim().toLowerCase();

export function inBand(line: Line, height: number): boolean {
  return line.box[3] < height * BAND || line.box[1] > height * (1 - BAND);
}

/**
 * Lines that belong to the header row of an unruled table: a band of four or more separate labels (or
 * three bold ones), and the lines just under or over such a band that share its columns. They repeat
 * on every page like furniture, but they are the table's.
 */
export function tableHeaderLines(lines: Line[]): Set<Line> {
  const bands = new Map<number, Line[]>();
  for (const l of lines) {
    const k = Math.round((l.box[1] + l.box[3]) / 2 / 2);
    (bands.get(k) ?? bands.set(k, []).get(k)!).push(l);
  }
  const out = new Set<Line>();
  const heads: Line[][] = [];
  for (const band of bands.values()) {
    const bold = band.every((l) => l.words.filter((w) => w.bold).length >= l.words.length / 2);
    if (band.length >= 4 || (band.length >= 3 && bold)) {
      heads.push(band);
      for (const l of band) out.add(l);
    }
  }
  for (const head of heads)
    for (const l of lines) {
      if (out.has(l)) continue;
      const h = l.box[3] - l.box[1];
      // (within one of its columns: a running title over several of them is the page's)
      const over = head.filter(
        (x) =>
          Math.abs(x.box[1] - l.box[1]) < h * 2.2 &&
          Math.min(x.box[2], l.box[2]) - Math.max(x.box[0], l.box[0]) > 0,
      );
      if (over.length === 1) out.add(l);
    }
  return out;
}

// (a dash before words is a list's bullet too, but not around a page number: "– Pagina 2 –")
const LIST_ITEM = /^\s*(?:[•▪◦●○■□➢►]\s|[-–—]\s+(?!pag(?:ina|\.))\p{L})/iu;

/** a comparator before a figure: a target as printed, never a running title */
const TARGET_VALUE = /(?:[<>≤≥]\s*=?|=>|=<)\s*[-+]?\s*(?:€\s*)?\d/;

/** A page's candidate furniture: the block lines in its top and bottom bands, keyed by masked text. */
export interface BandLine {
  key: string;
  text: string;
  /** part of an unruled table's header row (repeats like furniture, but is the table's) */
  header: boolean;
}

/**
 * What `furnitureKeys` needs of a page, taken when the page is laid out, so that a long document's
 * pages need not all be held to find its running lines.
 */
export function bandLines(p: { height: number; lines: Line[] }): BandLine[] {
  // (a list's item is the document's text, however alike its items: "• Target 2023 - ≥ 78%" at the
  // top of one page and "• Target 2022 - ≥ 75%" at the bottom of the one before)
  // (nor is a target as printed, "Anno 2021: <= 39 gg": a row run on to the top of the next pages)
  // (such a line still counts among the band's lines of a table's row)
  const band = p.lines.filter((l) => inBand(l, p.height) && !LIST_ITEM.test(l.text));
  const header = tableHeaderLines(band);
  return band
    .filter((l) => !TARGET_VALUE.test(l.text))
    .map((l) => ({ key: maskDigits(l.text), text: l.text, header: header.has(l) }));
}

/** Keys of lines that repeat in the bands of at least half the pages (and at least 2). */
export function furnitureKeys(pages: BandLine[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const band of pages) {
    const seen = new Set(band.filter((l) => !l.header).map((l) => l.key));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const out = new Set<string>();
  for (const [k, n] of counts) if (n >= need && k.length >= 3) out.add(k);
  // a single page: its "Pagina 1 di 1" style lines are still furniture
  if (pages.length === 1)
    for (const l of pages[0]!)
      if (/^pagina \d+( di \d+)?$|^pag\. ?\d+$|^\d+ ?\/ ?\d+$|^\d+ di \d+$/i.test(l.text.trim()))
        out.add(l.key);
  return out;
}

/** The running lines' texts (each once, in page order): the band lines whose key is furniture. */
export function runningLines(pages: BandLine[][], keys: Set<string>): string[] {
  const out = new Set<string>();
  for (const band of pages)
    for (const l of band) if (keys.has(l.key)) out.add(l.text.replace(/\s+/g, " ").trim());
  return [...out];
}

/** "… alla determinazione del Commissario … n. 53 del 21 luglio 2021" → type, number, ISO date. */
export function parseAct(text: string): ActRef | null {
  const m =
    /\b(determinazione|delibera(?:zione)?|decreto|provvedimento|ordinanza|deliberazione)\b(.*?)\bn\.?\s*°?\s*([0-9]+(?:\/[0-9]+)?)\s+del(?:l['’])?\s*(\d{1,2})[\s/.-]*([a-zà-ú]+|\d{1,2})[\s/.-]*(\d{2,4})/i.exec(
      text,
    );
  if (!m) return null;
  const type = `${m[1]!.toLowerCase()}${m[2]!.replace(/\s+/g, " ").trimEnd()}`.trim();
  // the date as printed ("21 luglio 2021", "30/01/2023"), read by the normalize stage's date parser
  const date = /^\d+$/.test(m[5]!)
    ? parseItalianDate(`${m[4]}/${m[5]}/${m[6]}`)
    : parseItalianDate(`${m[4]} ${m[5]!.toLowerCase()} ${m[6]}`);
  return { type, number: m[3]!, date };
}

/** "Il Segretario generale Mauro Giannattasio Il Commissario straordinario Giorgio Guberti (firmato digitalmente)" */
export function parseSignatories(text: string): string[] {
  const t = text
    .replace(/\((?:documento )?firmato digitalmente[^)]*\)/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  const parts = t.split(
    /(?=\b(?:Il|La|Lo)\s+(?:[A-Z][a-zà-ú]+\s+)?(?:Segretari[oa]|Commissari[oa]|President[ea]|Dirigente|Direttore|Direttrice|Responsabile|Sindac[oa]|Vice)\b)/,
  );
  return parts.map((p) => p.trim()).filter((p) => /^(Il|La|Lo)\s/.test(p) && p.split(" ").length >= 3);
}

export function removeFurniture(p: PageLayout, keys: Set<string>): PageLayout {
  // block lines are split at wide gaps, so a footer's parts ("Allegato …", "Pagina 2 di 3") stand alone
  const furniture: Line[] = [];
  for (const b of p.blocks)
    for (const l of b.lines) if (inBand(l, p.height) && keys.has(maskDigits(l.text))) furniture.push(l);
  if (!furniture.length) return p;
  const fset = new Set<Word>();
  // the furniture's vertical extent in each band: a line outside both holds none of its words
  const span = [Infinity, -Infinity, Infinity, -Infinity];
  for (const l of furniture)
    for (const w of l.words) {
      fset.add(w);
      const at = w.box[1] + w.box[3] < p.height ? 0 : 2;
      span[at] = Math.min(span[at]!, w.box[1]);
      span[at + 1] = Math.max(span[at + 1]!, w.box[3]);
    }
  const lines: Line[] = [];
  for (const l of p.lines) {
    if (!touches(l, fset, span)) {
      lines.push(l);
      continue;
    }
    const words: Word[] = [];
    for (const w of l.words) if (!fset.has(w)) words.push(w);
    if (words.length) lines.push(makeLine(words));
  }
  const blocks: PageLayout["blocks"] = [];
  for (const b of p.blocks) {
    const kept: Line[] = [];
    for (const l of b.lines) if (!touches(l, fset, span)) kept.push(l);
    if (kept.length) blocks.push({ ...b, lines: kept, text: kept.map(lineText).join("\n") });
  }
  return { ...p, furniture: [...p.furniture, ...furniture], lines, blocks };
}

/**
 * Whether a line has a word of the set; `span` is the set's vertical extent in the top and the bottom
 * band (y0, y1, y0, y1), and a line that overlaps neither is not looked into.
 */
function touches(l: Line, words: Set<Word>, span: number[]): boolean {
  if (!(l.box[1] <= span[1]! && l.box[3] >= span[0]!) && !(l.box[1] <= span[3]! && l.box[3] >= span[2]!))
    return false;
  for (const w of l.words) if (words.has(w)) return true;
  return false;
}

const lineText = (l: Line) => l.text;
