/**
 * The layout stage. `layoutPage` turns one page's runs and rulings into words (struck ones marked),
 * ruled tables and text blocks; `assembleDocument` looks across pages: running headers and footers
 * are removed and read (act, signatories), unruled tables are found in what remains, and a table
 * whose header repeats the previous page's continues it.
 */
import type { DocumentLayout, PageLayout, RawPage, Table, Word } from "../model/index.js";
import { linesToBlocks } from "./blocks.js";
import {
  bandLines,
  furnitureKeys,
  parseAct,
  parseSignatories,
  removeFurniture,
  runningLines,
  type BandLine,
} from "./furniture.js";
import { DEFAULT_LATTICE, latticeTables, type LatticeSettings } from "./lattice.js";
import { DEFAULT_STREAM, streamTables, type StreamSettings } from "./stream.js";
import { markStruck } from "./strike.js";
import { runsToWords, wordsToLines } from "./words.js";

export interface LayoutSettings {
  lattice: LatticeSettings;
  stream: StreamSettings;
}

export const DEFAULT_LAYOUT: LayoutSettings = { lattice: DEFAULT_LATTICE, stream: DEFAULT_STREAM };

export function layoutPage(raw: RawPage, settings: Partial<LayoutSettings> = {}): PageLayout {
  const s = { ...DEFAULT_LAYOUT, ...settings };
  const words = markStruck(runsToWords(raw.runs), raw.rulings);
  const { tables, used } = latticeTables(raw.rulings, words, raw.page, s.lattice);
  for (const t of tables) t.headerRows = headerRowsOf(t);
  const free = unused(words, used);
  const lines = wordsToLines(words);
  return {
    page: raw.page,
    width: raw.width,
    height: raw.height,
    ocr: raw.ocr,
    lines,
    blocks: linesToBlocks(wordsToLines(free, { splitGap: 2.5 })),
    tables,
    furniture: [],
  };
}

/**
 * Leading rows that read as a header: mostly bold (or italic) short labels without data (numbers other
 * than years; on OCR'd pages, capitals count as bold too); a header cell spanning rows makes all its
 * rows header. At most 3.
 */
export function headerRowsOf(t: Table): number {
  let n = 0;
  for (let r = 0; r < Math.min(3, t.nRows); r++) {
    let cells = 0,
      words = 0,
      bold = 0,
      caps = 0,
      ocr = false,
      labels = true;
    for (const c of t.cells) {
      if (c.row !== r || !c.text) continue;
      cells++;
      if (!isLabel(c.text)) labels = false;
      for (const l of c.lines)
        for (const w of l.words) {
          words++;
          if (w.bold) bold++;
          if (w.bold || capsLike(w.text)) caps++;
          if (w.confidence !== undefined) ocr = true;
        }
    }
    if (!cells) break;
    // OCR's bold is measured from the strokes and misses some: there, capitals (or years) stand for
    // the header's emphasis too
    if ((ocr ? caps : bold) / Math.max(1, words) >= 0.6 && labels) n = r + 1;
    else break;
  }
  let spanned = n;
  for (const c of t.cells) if (c.row < n) spanned = Math.max(spanned, c.row + c.rowSpan);
  return Math.min(spanned, t.nRows);
}

/** A year, or capitals without lower case. */
const capsLike = (text: string) =>
  /^(19|20)\d\d$/.test(text) || (/\p{Lu}{2}/u.test(text) && !/\p{Ll}/u.test(text));

/** A short label without data (numbers other than years). */
const isLabel = (text: string) => text.length <= 60 && !/\d/.test(text.replace(/\b(19|20)\d\d\b/g, ""));

/** The words not in `used`, in order. */
function unused(words: Word[], used: Set<Word>): Word[] {
  const out: Word[] = [];
  for (const w of words) if (!used.has(w)) out.push(w);
  return out;
}

/** The words of some blocks' lines, in order. */
function blockWords(blocks: PageLayout["blocks"]): Word[] {
  const out: Word[] = [];
  for (const b of blocks) for (const l of b.lines) for (const w of l.words) out.push(w);
  return out;
}

const byTop = (a: Table, b: Table) => a.box[1] - b.box[1];
const tableBox = (t: Table) => t.box;

/** The block lines of a page, for furniture detection (tables' own lines are never furniture). */
export const pageBand = (p: PageLayout): BandLine[] =>
  bandLines({ height: p.height, lines: p.blocks.flatMap((b) => b.lines) });

/**
 * Puts one page at a time into its document, in order: running lines removed, unruled tables found
 * in what remains, a table continuing the previous page's last one linked to it. Only the previous
 * page's last table is kept, so a long document streams through it.
 */
export class Assembler {
  private readonly settings: LayoutSettings;
  /** tables seen so far: a table's index in the document is its position among all tables */
  private tables = 0;
  private prev: { page: number; table: Table; index: number } | null = null;
  constructor(
    private readonly keys: Set<string>,
    settings: Partial<LayoutSettings> = {},
  ) {
    this.settings = { ...DEFAULT_LAYOUT, ...settings };
  }

  page(raw: PageLayout): PageLayout {
    let p = removeFurniture(raw, this.keys);
    // unruled tables, now that running headers and footers are gone
    const free = blockWords(p.blocks);
    const { tables, used } = streamTables(free, p.page, this.settings.stream, p.tables.map(tableBox));
    if (tables.length) {
      for (const t of tables) t.headerRows = Math.max(t.headerRows, headerRowsOf(t));
      const rest = unused(free, used);
      p = {
        ...p,
        tables: [...p.tables, ...tables].sort(byTop),
        blocks: linesToBlocks(wordsToLines(rest, { splitGap: 2.5 })),
      };
    }
    const first = p.tables[0];
    if (
      first &&
      this.prev &&
      this.prev.page === p.page - 1 &&
      first.continues === null &&
      continues(this.prev.table, first)
    )
      first.continues = this.prev.table.continues ?? this.prev.index;
    this.tables += p.tables.length;
    const last = p.tables.at(-1);
    this.prev = last ? { page: p.page, table: last, index: this.tables - 1 } : null;
    return p;
  }
}

/** The act a document's running lines cite (or its first lines), and who signed it. */
export function documentFacts(
  running: string[],
  first: PageLayout | undefined,
): Pick<DocumentLayout, "act" | "signatories"> {
  const act =
    parseAct(running.join("\n")) ??
    parseAct(
      first?.lines
        .slice(0, 12)
        .map((l) => l.text)
        .join(" ") ?? "",
    );
  return { act, signatories: [...new Set(running.flatMap(parseSignatories))] };
}

/** The whole document at once: what `readDocument` does a page at a time. */
export function assembleDocument(
  pages: PageLayout[],
  settings: Partial<LayoutSettings> = {},
): DocumentLayout {
  const bands = pages.map(pageBand);
  const keys = furnitureKeys(bands);
  const assembler = new Assembler(keys, settings);
  const out = pages.map((p) => assembler.page(p));
  const running = runningLines(bands, keys);
  return { pages: out, running, ...documentFacts(running, out[0]) };
}

const rowText = (t: Table, r: number) =>
  t.cells
    .filter((c) => c.row === r)
    .map((c) => c.text.replace(/\s+/g, " ").trim())
    .join("|");

/**
 * A table at the top of a page continues the last table of the previous page when their header rows
 * read the same, or, without header rows, when they have the same columns.
 */
function continues(prev: Table, first: Table): boolean {
  const sameHeader =
    prev.headerRows > 0 &&
    first.headerRows === prev.headerRows &&
    Array.from({ length: prev.headerRows }, (_, r) => rowText(prev, r) === rowText(first, r)).every(Boolean);
  const sameColumns =
    prev.headerRows === 0 &&
    first.headerRows === 0 &&
    prev.nCols === first.nCols &&
    Math.abs(prev.box[0] - first.box[0]) < 3 &&
    Math.abs(prev.box[2] - first.box[2]) < 3;
  return sameHeader || sameColumns;
}

export { renderSvg, renderText } from "./render.js";
export { scoreCells, type GoldTable } from "./score.js";
export { furnitureKeys, parseAct, parseSignatories, runningLines, type BandLine } from "./furniture.js";
