/**
 * The layout stage. `layoutPage` turns one page's runs and rulings into words (struck ones marked),
 * ruled tables and text blocks; `assembleDocument` looks across pages: running headers and footers
 * are removed and read (act, signatories), unruled tables are found in what remains, and a table
 * whose header repeats the previous page's continues it.
 */
import type { DocumentLayout, PageLayout, RawPage, Table, Word } from "../model/index.js";
import { linesToBlocks } from "./blocks.js";
import { furnitureKeys, parseAct, parseSignatories, removeFurniture } from "./furniture.js";
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
  const free = words.filter((w) => !used.has(w));
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
 * than years; on OCR'd pages, capitals instead of bold); a header cell spanning rows makes all its
 * rows header. At most 3.
 */
export function headerRowsOf(t: Table): number {
  let n = 0;
  for (let r = 0; r < Math.min(3, t.nRows); r++) {
    const cells = t.cells.filter((c) => c.row === r && c.text);
    if (!cells.length) break;
    const words = cells.flatMap((c) => c.lines.flatMap((l) => l.words));
    const bold = words.filter((w) => w.bold).length / Math.max(1, words.length);
    // OCR knows no bold: there, capitals (or years) stand for the header's emphasis
    const ocr = words.some((w) => w.confidence !== undefined);
    const caps =
      words.filter(
        (w) => /^(19|20)\d\d$/.test(w.text) || (/\p{Lu}{2}/u.test(w.text) && !/\p{Ll}/u.test(w.text)),
      ).length / Math.max(1, words.length);
    const labels = cells.every(
      (c) => c.text.length <= 60 && !/\d/.test(c.text.replace(/\b(19|20)\d\d\b/g, "")),
    );
    if ((ocr ? caps : bold) >= 0.6 && labels) n = r + 1;
    else break;
  }
  const spanned = t.cells.filter((c) => c.row < n).reduce((m, c) => Math.max(m, c.row + c.rowSpan), n);
  return Math.min(spanned, t.nRows);
}

export function assembleDocument(
  pages: PageLayout[],
  settings: Partial<LayoutSettings> = {},
): DocumentLayout {
  const s = { ...DEFAULT_LAYOUT, ...settings };
  // running headers and footers are looked for outside tables only (a repeated table header is not one)
  const keys = furnitureKeys(
    pages.map((p) => ({ height: p.height, lines: p.blocks.flatMap((b) => b.lines) })),
  );
  const cleaned = pages.map((p) => removeFurniture(p, keys));
  // unruled tables, now that running headers and footers are gone
  const withStream = cleaned.map((p) => {
    const free: Word[] = p.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    const { tables, used } = streamTables(free, p.page, s.stream);
    if (!tables.length) return p;
    for (const t of tables) t.headerRows = Math.max(t.headerRows, headerRowsOf(t));
    const rest = free.filter((w) => !used.has(w));
    return {
      ...p,
      tables: [...p.tables, ...tables].sort((a, b) => a.box[1] - b.box[1]),
      blocks: linesToBlocks(wordsToLines(rest, { splitGap: 2.5 })),
    };
  });
  linkContinuations(withStream);
  const running = [
    ...new Set(cleaned.flatMap((p) => p.furniture.map((l) => l.text.replace(/\s+/g, " ").trim()))),
  ];
  const furnitureText = running.join("\n");
  const act =
    parseAct(furnitureText) ??
    parseAct(
      withStream[0]?.lines
        .slice(0, 12)
        .map((l) => l.text)
        .join(" ") ?? "",
    );
  const signatories = [...new Set(running.flatMap(parseSignatories))];
  return { pages: withStream, running, act, signatories };
}

const rowText = (t: Table, r: number) =>
  t.cells
    .filter((c) => c.row === r)
    .map((c) => c.text.replace(/\s+/g, " ").trim())
    .join("|");

/** A table at the top of a page whose header rows equal the last table of the previous page continues it. */
function linkContinuations(pages: PageLayout[]): void {
  const all: Table[] = pages.flatMap((p) => p.tables);
  const index = new Map(all.map((t, i) => [t, i]));
  for (let i = 1; i < pages.length; i++) {
    const prev = pages[i - 1]!.tables.at(-1);
    const first = pages[i]!.tables[0];
    if (!prev || !first || first.continues !== null) continue;
    const sameHeader =
      prev.headerRows > 0 &&
      first.headerRows === prev.headerRows &&
      Array.from({ length: prev.headerRows }, (_, r) => rowText(prev, r) === rowText(first, r)).every(
        Boolean,
      );
    const sameColumns =
      prev.headerRows === 0 &&
      first.headerRows === 0 &&
      prev.nCols === first.nCols &&
      Math.abs(prev.box[0] - first.box[0]) < 3 &&
      Math.abs(prev.box[2] - first.box[2]) < 3;
    if (sameHeader || sameColumns) {
      const root = prev.continues ?? index.get(prev)!;
      first.continues = root;
    }
  }
}

export { renderSvg, renderText } from "./render.js";
export { scoreCells, type GoldTable } from "./score.js";
export { parseAct, parseSignatories } from "./furniture.js";
