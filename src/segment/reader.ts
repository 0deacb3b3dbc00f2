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
import { cutRows, withCutColumns } from "./splitcols.js";
import { streamBanner, TableReader, type Carried } from "./tablereader.js";
import type { SegmentTrace, TableTrace } from "./trace.js";

export type { Walked } from "./builder.js";

export interface Walker {
  /** the next page, in order */
  page(p: PageLayout): void;
  /** after the last page: notes attached, the records returned */
  finish(): Walked;
}

/**
 * An item in reading order: a block, or the first part of a logical table. Items sort by page and
 * top; at a tie, the page's own blocks come first (`rank` 0), then what tables hold (`rank` 1), each
 * in the order it was found (`seq`).
 */
interface Item {
  page: number;
  top: number;
  rank: 0 | 1;
  seq: number;
  block?: Block;
  table?: LTable;
  notes?: boolean;
}

const byReadingOrder = (a: Item, b: Item) =>
  a.page - b.page || a.top - b.top || a.rank - b.rank || a.seq - b.seq;
const hasText = (s: Slot) => !!s.text;

/**
 * Rows of a logical table held before it is read as a stream: a table that ends within them is read
 * whole (its column roles from all its rows); a longer one has its roles decided from these rows and
 * the rest read as the pages come, so that memory stays flat however many pages it runs over.
 */
export const STREAM_ROWS = 400;

/**
 * A walk a page at a time. Items are read in order as soon as nothing before them can change: only a
 * table that may still continue on the next page holds up what comes after it (the blocks beside and
 * below it), and it is read as a stream past `STREAM_ROWS` rows. Pages are not held.
 */
export function walker(
  profile: Profile,
  defaultYear: number | null,
  trace?: SegmentTrace,
  streamRows?: number,
): Walker {
  return new DocumentReader(profile, defaultYear, trace, streamRows ?? STREAM_ROWS);
}

/** Records read so far: objectives, indicators, their values and notes. */
function recordCount(b: RecordBuilder): number {
  let n = b.objectives.length + b.indicators.length + b.notes.size;
  for (const i of b.indicators)
    n += i.targets.length + i.baselines.length + i.results.length + (i.notes?.length ?? 0);
  return n;
}

// a class, not closures in walker(): V8 keeps a closure's optimized code only while an instance of it
// lives, so functions made per document were compiled again after every full garbage collection
class DocumentReader implements Walker {
  private readonly b: RecordBuilder;
  private readonly blocks: BlockReader;
  private readonly joiner = new TableJoiner();
  /** items not yet read, in reading order */
  private queue: Item[] = [];
  private seq = 0;
  /** the logical table that the next page may continue (its rows still growing) */
  private open: LTable | null = null;
  /** the open table read as a stream (past `streamRows` rows), or marked to be held whole */
  private streaming: TableReader | "hold" | null = null;

  constructor(
    profile: Profile,
    defaultYear: number | null,
    private readonly trace: SegmentTrace | undefined,
    private readonly streamRows: number,
  ) {
    this.b = new RecordBuilder(profile, wordsOf(profile), defaultYear);
    this.blocks = new BlockReader(this.b, trace?.blocks);
  }

  /** what a table read leaves the next: its headers' target years (columns.ts), its last headed roles */
  private readonly carried: Carried = { run: null };

  /** The trace of a table and what decides how it is read (fields, or columns). */
  private tableTrace(t: LTable): TableTrace | undefined {
    this.blocks.breakList();
    const tt: TableTrace | undefined = this.trace
      ? { index: t.index, page: t.page, method: t.method, roles: [], rows: [] }
      : undefined;
    if (tt) this.trace!.tables.push(tt);
    return tt;
  }

  private tableReader(tt: TableTrace | undefined): TableReader {
    return new TableReader(this.b, (block, page) => this.blocks.read(block, page), tt, this.carried);
  }

  /**
   * A table of at least two rows and two columns from which nothing was read is said (a warning
   * stored with the document): it may hold indicators in a layout the rules do not know.
   */
  private onTable(t: LTable): void {
    const before = recordCount(this.b);
    this.readTable(t);
    if (t.rows.length >= 2 && t.nCols >= 2 && recordCount(this.b) === before)
      this.b.warnings.push(
        `page ${t.page}: a table of ${t.rows.length} rows and ${t.nCols} columns yielded no record`,
      );
  }

  private readTable(whole: LTable): void {
    // (two columns the layout read as one, their header's two labels far apart, are cut apart)
    const t = withCutColumns(whole, this.b.lx).table;
    const tt = this.tableTrace(t);
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
    this.tableReader(tt).read(t);
  }

  /** A page's blocks, as items: a number printed beside a heading on its line joins the heading. */
  private pageItems(p: PageLayout): void {
    const lx = this.b.lx;
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
      this.queue.push({ page: p.page, top: block.box[1], rank: 0, seq: this.seq++, block });
    }
  }

  /**
   * An unruled notes table takes in the objective headings printed between its notes: each is read
   * where it stands, so that what is printed between (an area label) keeps its order. Its parts and
   * headings take its place in the queue.
   */
  private notesItems(t: LTable, seq: number): Item[] {
    const out: Item[] = [];
    const at = (n: number) => seq + (n + 1) / (t.rows.length + 2);
    let part: LRow[] = [];
    const flush = () => {
      if (part.length)
        out.push({
          page: part[0]!.page,
          top: part[0]!.top,
          rank: 1,
          seq: at(out.length),
          table: { ...t, rows: part },
          notes: true,
        });
      part = [];
    };
    for (const row of t.rows) {
      const banner = streamBanner(rowCells(row).filter(hasText), this.b);
      if (!banner) {
        part.push(row);
        continue;
      }
      flush();
      out.push({ page: row.page, top: row.top, rank: 1, seq: at(out.length), block: banner });
    }
    flush();
    return out;
  }

  /** Reads the queue up to the open table (held), in reading order. */
  private drain(): void {
    this.queue.sort(byReadingOrder);
    while (this.queue.length) {
      const it = this.queue[0]!;
      if (it.table && it.table === this.open) {
        this.maybeStream(it.table);
        return;
      }
      this.queue.shift();
      if (it.block) this.blocks.read(it.block, it.page);
      else if (it.table) {
        const t = it.table;
        if (!it.notes && t.method === "stream" && isNotesTable(t)) {
          this.queue.unshift(...this.notesItems(t, it.seq));
          this.queue.sort(byReadingOrder);
        } else if (it.notes || isNotesTable(t)) readNotes(t, this.b);
        else this.onTable(t);
      }
    }
  }

  /**
   * The open table, first in the queue, past `streamRows` rows: read from now on as a stream (its
   * rows so far, then each page's as they come). Tables of fields and notes are held whole.
   */
  private maybeStream(t: LTable): void {
    if (this.streaming || t.rows.length <= this.streamRows) return;
    if (isKeyValueTable(t, this.b.lx) || isNotesTable(t)) {
      this.streaming = "hold";
      return;
    }
    const { table, cuts } = withCutColumns(t, this.b.lx);
    const reader = this.tableReader(this.tableTrace(table));
    this.streaming = reader;
    reader.start(table, this.streamRows);
    t.rows = [];
    this.joiner.stream(t, (rows) => reader.push(cutRows(rows, cuts)));
  }

  /** The open table can no longer continue: it is read (or its stream ends), and what it held up. */
  private close(): void {
    const t = this.open;
    this.open = null;
    if (!t) return;
    if (this.streaming && this.streaming !== "hold") {
      this.streaming.end();
      // it was first in the queue
      this.queue.shift();
    }
    this.streaming = null;
    this.drain();
  }

  page(p: PageLayout): void {
    let continued = false;
    const starts: LTable[] = [];
    for (let i = 0; i < p.tables.length; i++) {
      const lt = this.joiner.add(p.tables[i]!);
      if (lt) starts.push(lt);
      else if (i === 0) continued = true;
    }
    // only a page's last table runs on: the open one is done unless this page continues it alone
    if (!continued || starts.length) this.close();
    this.pageItems(p);
    for (const t of starts)
      this.queue.push({ page: t.page, top: t.rows[0]?.top ?? 0, rank: 1, seq: this.seq++, table: t });
    if (starts.length) this.open = starts.at(-1)!;
    this.drain();
  }

  finish(): Walked {
    this.close();
    this.drain();
    return this.b.finish();
  }
}
