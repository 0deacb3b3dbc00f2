/**
 * The layout stage. `layoutPage` turns one page's runs and rulings into words (struck ones marked),
 * ruled tables and text blocks; `assembleDocument` looks across pages: running headers and footers
 * are removed and read (act, signatories), unruled tables are found in what remains, and a table
 * whose header repeats the previous page's continues it.
 */
import type { Box, DocumentLayout, PageLayout, RawPage, Ruling, Table, Word } from "../model/index.js";
import { linesToBlocks } from "./blocks.js";
import { readBullets } from "./bullets.js";
import { ringRulings, stampWords } from "./stamps.js";
import { columnBoundsOf, continues } from "./continuation.js";
import {
  bandLines,
  furnitureKeys,
  parseAct,
  parseSignatories,
  removeFurniture,
  runningLines,
  type BandLine,
} from "./furniture.js";
import { DEFAULT_LATTICE, latticeTables, mergeEdges, type LatticeSettings } from "./lattice.js";
import { rulesTables } from "./rules.js";
import { alignedTable, DEFAULT_STREAM, streamTables, type StreamSettings } from "./stream.js";
import { strike } from "./strike.js";
import { runsToWords, wordsToLines } from "./words.js";

export interface LayoutSettings {
  lattice: LatticeSettings;
  stream: StreamSettings;
}

export const DEFAULT_LAYOUT: LayoutSettings = { lattice: DEFAULT_LATTICE, stream: DEFAULT_STREAM };

export function layoutPage(raw: RawPage, settings: Partial<LayoutSettings> = {}): PageLayout {
  const s = { ...DEFAULT_LAYOUT, ...settings };
  let read = runsToWords(raw.runs);
  if (raw.ocr) {
    read = readBullets(read);
    // (what OCR made of a stamp's or a signature's ink is no text of the page)
    const marks = stampWords(read);
    if (marks.size) read = read.filter((w) => !marks.has(w));
  }
  // (nor are a stamp's ring's sides the rules of a table)
  const ring = raw.ocr ? ringRulings(raw.rulings) : new Set();
  const found = ring.size ? raw.rulings.filter((r) => !ring.has(r)) : raw.rulings;
  const { words, strokes } = strike(read, found);
  // a stroke through text is not a border: a struck value must not cut its row in two (nor is a
  // stroke found through print on a scan that struck no word read: a stamp's letters, a value misread)
  const rulings = found.filter((r) => !strokes.has(r) && !r.through);
  const lattice = latticeTables(rulings, words, raw.page, s.lattice);
  // tables ruled with horizontal lines only, read by alignment between their rules
  const ruled = rulesTables(
    rulings,
    unused(words, lattice.used),
    raw.page,
    lattice.tables.map(tableBox),
    s.stream,
    raw.ocr,
  );
  const tables = ruled.tables.length ? [...lattice.tables, ...ruled.tables].sort(byTop) : lattice.tables;
  for (const t of tables) t.headerRows = headerRowsOf(t);
  const used = lattice.used;
  for (const w of ruled.used) used.add(w);
  const free = unused(words, used);
  const lines = wordsToLines(words);
  // horizontal rules outside the ruled tables found: tables found by alignment cut rows at them
  const rules = openRules(rulings, tables, s.lattice);
  return {
    page: raw.page,
    width: raw.width,
    height: raw.height,
    ...(raw.turn ? { turn: raw.turn } : {}),
    ocr: raw.ocr,
    ...(rules.length ? { rules } : {}),
    lines,
    blocks: linesToBlocks(wordsToLines(free, { splitGap: 2.5 })),
    tables,
    furniture: [],
  };
}

/**
 * Horizontal rules outside the ruled tables found, as (y, x0, x1): tables found by alignment cut rows
 * at them. A scan's rule comes in pieces, one per stretch its threshold or grain broke it into: they
 * are joined first, or no piece would be long enough to count.
 */
export function openRules(
  rulings: Ruling[],
  tables: Table[],
  s: LatticeSettings,
): [number, number, number][] {
  const rules: [number, number, number][] = [];
  for (const e of mergeEdges(rulings, s))
    if (
      e.o === "h" &&
      e.to - e.from >= 40 &&
      !tables.some((t) => inBox(t.box, { x0: e.from, y0: e.at, x1: e.to }))
    )
      rules.push([e.at, e.from, e.to]);
  return rules;
}

/**
 * Leading rows that read as a header: mostly bold (or italic) short labels without data (numbers other
 * than years; on OCR'd pages, capitals count as bold too); a header cell spanning rows makes all its
 * rows header. At most 3, and no full-width banner under the first.
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
    let wide = false;
    for (const c of t.cells) {
      if (c.row !== r || !c.text) continue;
      cells++;
      if (c.colSpan >= t.nCols) wide = true;
      if (!isLabel(c.text)) labels = false;
      for (const l of c.lines)
        for (const w of l.words) {
          words++;
          if (w.bold) bold++;
          if (w.bold || capsLike(w.text)) caps++;
          if (w.confidence !== undefined) ocr = true;
        }
    }
    // under a header, a lone cell across the whole table is a section's banner ("Obiettivi
    // operativi"), not a header line: a page that prints one under its header repeats the same header
    if (!cells || (r > 0 && cells === 1 && wide)) break;
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

const inBox = (b: Box, r: { x0: number; y0: number; x1: number }) =>
  r.y0 >= b[1] - 2 && r.y0 <= b[3] + 2 && r.x0 >= b[0] - 2 && r.x1 <= b[2] + 2;

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

/**
 * The lines at the top of a page, above its first table, read on the columns of the table that ended
 * the previous page; null unless they make a row of three cells at least.
 */
function runOnPart(p: PageLayout, prev: Table, s: StreamSettings): { table: Table; used: Set<Word> } | null {
  const bounds = columnBoundsOf(prev);
  if (!bounds || prev.nCols < 3) return null;
  let top = p.tables[0]?.box[1] ?? Infinity;
  // the part ends where a heading starts (a line in larger type than the part's first line): the
  // next objective's heading and its own table follow a row run on over the page break
  const lines = wordsToLines(blockWords(p.blocks).filter((w) => w.box[3] <= top + 1)).sort(
    (a, b) => a.box[1] - b.box[1],
  );
  const size = (l: (typeof lines)[number]) => Math.max(...l.words.map((w) => w.fontSize));
  const heading = lines.findIndex((l) => size(l) > size(lines[0]!) * 1.05);
  if (heading > 0) top = Math.min(top, lines[heading]!.box[1]);
  const words = blockWords(p.blocks).filter((w) => w.box[3] <= top + 1);
  if (words.length < 3) return null;
  const segs = wordsToLines(words, { splitGap: s.segmentGap });
  const r = alignedTable(segs, p.page, { ...s, minMultiLines: 1 }, undefined, bounds);
  if (!r || r.table.nCols !== prev.nCols) return null;
  const perRow = new Map<number, number>();
  for (const c of r.table.cells) perRow.set(c.row, (perRow.get(c.row) ?? 0) + 1);
  // (every word above the table read into it: a heading or a paragraph there starts something new)
  if (![...perRow.values()].some((n) => n >= 3) || r.used.size < words.length) return null;
  return r;
}

/**
 * A table's header printed alone at the foot of a page (a band of three bold labels or more, nothing
 * under it but running lines, no table under it), its rows on the next page: a table of that one
 * header row, which the rows run on from.
 */
export function footHeader(p: PageLayout, s: StreamSettings): { table: Table; used: Set<Word> } | null {
  const words = blockWords(p.blocks);
  if (words.length < 3) return null;
  const segs = wordsToLines(words, { splitGap: s.segmentGap });
  let bottom = -Infinity;
  for (const l of segs) bottom = Math.max(bottom, l.box[1]);
  const band = segs.filter((l) => l.box[3] > bottom + 0.5).sort((a, b) => a.box[0] - b.box[0]);
  if (band.length < 3 || !band.every((l) => l.words.every((w) => w.bold))) return null;
  const top = Math.min(...band.map((l) => l.box[1]));
  if (segs.some((l) => !band.includes(l) && l.box[3] > top + 1)) return null;
  if (p.tables.some((t) => t.box[3] > top)) return null;
  // (labels set apart: a gutter between each two)
  for (let k = 1; k < band.length; k++) if (band[k]!.box[0] - band[k - 1]!.box[2] < 6) return null;
  const used = new Set<Word>();
  for (const l of band) for (const w of l.words) used.add(w);
  const box: Box = [
    band[0]!.box[0],
    top,
    band[band.length - 1]!.box[2],
    Math.max(...band.map((l) => l.box[3])),
  ];
  return {
    table: {
      page: p.page,
      box,
      method: "stream",
      nRows: 1,
      nCols: band.length,
      headerRows: 1,
      cells: band.map((l, k) => ({
        row: 0,
        col: k,
        rowSpan: 1,
        colSpan: 1,
        box: l.box,
        text: l.text,
        lines: [l],
      })),
      continues: null,
    },
    used,
  };
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
  private prev: { page: number; table: Table; index: number; textBelow: boolean } | null = null;
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
    const { tables, used } = streamTables(
      free,
      p.page,
      this.settings.stream,
      p.tables.map(tableBox),
      p.rules,
    );
    if (tables.length) {
      for (const t of tables) t.headerRows = Math.max(t.headerRows, headerRowsOf(t));
      const rest = unused(free, used);
      p = {
        ...p,
        tables: [...p.tables, ...tables].sort(byTop),
        blocks: linesToBlocks(wordsToLines(rest, { splitGap: 2.5 })),
      };
    }
    // a header alone at the page's foot: its rows are on the next page
    const foot = footHeader(p, this.settings.stream);
    if (foot)
      p = {
        ...p,
        tables: [...p.tables, foot.table].sort(byTop),
        blocks: linesToBlocks(wordsToLines(unused(blockWords(p.blocks), foot.used), { splitGap: 2.5 })),
      };
    // a part run on to the top of this page, too short (a row or two) to be found by alignment
    // alone: read on the previous part's columns
    if (this.prev && this.prev.page === p.page - 1 && !this.prev.textBelow) {
      const runOn = runOnPart(p, this.prev.table, this.settings.stream);
      if (runOn)
        p = {
          ...p,
          tables: [runOn.table, ...p.tables].sort(byTop),
          blocks: linesToBlocks(wordsToLines(unused(blockWords(p.blocks), runOn.used), { splitGap: 2.5 })),
        };
    }
    const first = p.tables[0];
    if (
      first &&
      this.prev &&
      this.prev.page === p.page - 1 &&
      first.continues === null &&
      continues(this.prev.table, first, this.prev.textBelow) &&
      // a table runs on at the top of the page: text above it (a heading) starts something new
      !p.blocks.some((b) => b.box[3] <= first.box[1] + 1 && b.text.trim().length > 3)
    )
      first.continues = this.prev.table.continues ?? this.prev.index;
    this.tables += p.tables.length;
    const last = p.tables.at(-1);
    this.prev = last
      ? {
          page: p.page,
          table: last,
          index: this.tables - 1,
          // text printed under the table (a heading of what follows; notes aside)
          textBelow: p.blocks.some(
            (b) =>
              b.box[1] >= last.box[3] - 1 &&
              b.text.trim().length > 3 &&
              !/^\s*(?:\*|\(\d|nota|note|n\.b\.|fonte|legenda)/i.test(b.text),
          ),
        }
      : null;
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

/** A document's pages being assembled one at a time, with what its running lines say. */
export interface Assembly {
  /** text repeated across pages as header/footer */
  running: string[];
  /** the pages assembled, in order, each as it is asked for */
  pages: Generator<PageLayout>;
  /** the act and signatories: from the running lines, else the first assembled page */
  facts(): Pick<DocumentLayout, "act" | "signatories">;
}

/**
 * Assembles a document's laid-out pages lazily, given every page's band lines (`pageBand`, taken
 * when each page was laid out): running lines are found from the bands first, then each page is
 * assembled as the caller takes it, so a long document streams through.
 */
export function assemblePages(
  pages: Iterable<PageLayout>,
  bands: BandLine[][],
  settings: Partial<LayoutSettings> = {},
): Assembly {
  const keys = furnitureKeys(bands);
  const running = runningLines(bands, keys);
  const assembler = new Assembler(keys, settings);
  let facts: Pick<DocumentLayout, "act" | "signatories"> | null = null;
  function* assembled(): Generator<PageLayout> {
    for (const raw of pages) {
      const p = assembler.page(raw);
      facts ??= documentFacts(running, p);
      yield p;
    }
  }
  return { running, pages: assembled(), facts: () => facts ?? documentFacts(running, undefined) };
}

/** The whole document at once: every page assembled and held. */
export function assembleDocument(
  pages: PageLayout[],
  settings: Partial<LayoutSettings> = {},
): DocumentLayout {
  const a = assemblePages(pages, pages.map(pageBand), settings);
  const out = [...a.pages];
  return { pages: out, running: a.running, ...a.facts() };
}

export { renderSvg, renderText } from "./render.js";
export { scoreCells, type GoldTable } from "./score.js";
export { furnitureKeys, parseAct, parseSignatories, runningLines, type BandLine } from "./furniture.js";
