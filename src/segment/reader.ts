/**
 * Reads a document in reading order (pages, then blocks and tables by their top) through the steps:
 * logical tables (tables.ts) → row kinds and column roles (rows.ts, columns.ts) → records
 * (builder.ts), with text outside tables read as headings, labels and lists (blockreader.ts) and
 * notes tables apart (notes.ts). Pages are held only while a table runs on across them.
 */
import type { Block, PageLayout } from "../model/index.js";
import { RecordBuilder, type Walked } from "./builder.js";
import { BlockReader } from "./blockreader.js";
import { isKeyValueTable, readKeyValueTable } from "./kvtable.js";
import { isNotesTable, readNotes } from "./notes.js";
import { levelFromWords } from "./objectives.js";
import { wordsOf, type Profile } from "./profiles.js";
import { rowCells, TableJoiner, type LRow, type LTable, type Slot } from "./tables.js";
import { streamBanner, TableReader } from "./tablereader.js";
import type { SegmentTrace, TableTrace } from "./trace.js";

export type { Walked } from "./builder.js";

export interface Walker {
  /** the next page, in order */
  page(p: PageLayout): void;
  /** after the last page: notes attached, the records returned */
  finish(): Walked;
}

/** An item in reading order: a block, or the first part of a logical table. */
interface Item {
  page: number;
  top: number;
  block?: Block;
  table?: LTable;
  notes?: boolean;
}

const byPageTop = (a: Item, b: Item) => a.page - b.page || a.top - b.top;
const hasText = (s: Slot) => !!s.text;

/**
 * A walk a page at a time. Pages are held only while a table runs on across them: a page whose first
 * table does not continue the previous page's last one closes the pages before it, which are walked
 * and let go.
 */
export function walker(profile: Profile, defaultYear: number | null, trace?: SegmentTrace): Walker {
  return new DocumentReader(profile, defaultYear, trace);
}

// a class, not closures in walker(): V8 keeps a closure's optimized code only while an instance of it
// lives, so functions made per document were compiled again after every full garbage collection
class DocumentReader implements Walker {
  private readonly b: RecordBuilder;
  private readonly blocks: BlockReader;
  private readonly joiner = new TableJoiner();
  private run: { pages: PageLayout[]; tables: LTable[] } = { pages: [], tables: [] };

  constructor(
    profile: Profile,
    defaultYear: number | null,
    private readonly trace?: SegmentTrace,
  ) {
    this.b = new RecordBuilder(profile, wordsOf(profile), defaultYear);
    this.blocks = new BlockReader(this.b, trace?.blocks);
  }

  private onTable(t: LTable): void {
    this.blocks.breakList();
    const tt: TableTrace | undefined = this.trace
      ? { index: t.index, page: t.page, method: t.method, roles: [], rows: [] }
      : undefined;
    if (tt) this.trace!.tables.push(tt);
    if (isKeyValueTable(t, this.b.lx)) {
      tt?.rows.push({
        page: t.page,
        top: Math.round(t.rows[0]?.top ?? 0),
        kind: "fields",
        reason: "labels down the first column: read as fields",
        text: "",
      });
      return readKeyValueTable(t, this.blocks, this.b.lx);
    }
    new TableReader(this.b, (block, page) => this.blocks.read(block, page), tt).read(t);
  }

  // reading order: per page, blocks and the first part of each logical table
  private walkRun(pages: PageLayout[], tables: LTable[]): void {
    const lx = this.b.lx;
    const items: Item[] = [];
    for (const p of pages) {
      // a number printed beside a heading on the same line ("AMBITO ... COMUNI" ... "3") belongs to it
      const numbers = p.blocks.filter((b) => /^\d{1,2}$/.test(b.text.trim()));
      const used = new Set<Block>();
      for (const b of p.blocks) {
        if (used.has(b)) continue;
        let block = b;
        if (!numbers.includes(b) && levelFromWords(b.text, lx) === "area") {
          const n = numbers.find(
            (x) => !used.has(x) && x.box[1] < b.box[3] && x.box[3] > b.box[1] && x.box[0] > b.box[2],
          );
          if (n) {
            used.add(n);
            block = {
              ...b,
              text: `${b.text} ${n.text.trim()}`,
              lines: [
                ...b.lines.slice(0, -1),
                ...b.lines.slice(-1).map((l) => ({ ...l, text: `${l.text} ${n.text.trim()}` })),
              ],
              box: [b.box[0], b.box[1], n.box[2], Math.max(b.box[3], n.box[3])],
            };
          }
        }
        items.push({ page: p.page, top: block.box[1], block });
      }
    }
    for (const t of tables) {
      if (t.method !== "stream" || !isNotesTable(t)) {
        items.push({ page: t.page, top: t.rows[0]?.top ?? 0, table: t });
        continue;
      }
      // an unruled notes table takes in the objective headings printed between its notes: each is
      // read where it stands, so that what is printed between (an area label) keeps its order
      let part: LRow[] = [];
      for (const row of t.rows) {
        const banner = streamBanner(rowCells(row).filter(hasText), this.b);
        if (!banner) {
          part.push(row);
          continue;
        }
        if (part.length)
          items.push({ page: part[0]!.page, top: part[0]!.top, table: { ...t, rows: part }, notes: true });
        part = [];
        items.push({ page: row.page, top: row.top, block: banner });
      }
      if (part.length)
        items.push({ page: part[0]!.page, top: part[0]!.top, table: { ...t, rows: part }, notes: true });
    }
    items.sort(byPageTop);
    for (const it of items) {
      if (it.block) this.blocks.read(it.block, it.page);
      else if (it.table) {
        if (it.notes || isNotesTable(it.table)) readNotes(it.table, this.b);
        else this.onTable(it.table);
      }
    }
  }

  private flush(): void {
    if (this.run.pages.length) this.walkRun(this.run.pages, this.run.tables);
    this.run = { pages: [], tables: [] };
  }

  page(p: PageLayout): void {
    let continued = false;
    const starts: LTable[] = [];
    for (let i = 0; i < p.tables.length; i++) {
      const lt = this.joiner.add(p.tables[i]!);
      if (lt) starts.push(lt);
      else if (i === 0) continued = true;
    }
    if (!continued) this.flush();
    this.run.pages.push(p);
    for (const t of starts) this.run.tables.push(t);
  }

  finish(): Walked {
    this.flush();
    return this.b.finish();
  }
}
