/**
 * Reads one logical table into the builder, in named steps: the rows' shapes (header, titled header,
 * wide, data); the table cut into sections at each header row; each section's column roles from its
 * header words and then from its cells' content; each data row's kind; the records.
 */
import type { Block, Box, Indicator, Line, ObjectiveLevel } from "../model/index.js";
import { OBJECTIVE_LEVELS } from "../model/index.js";
import { union } from "../model/index.js";
import type { RecordBuilder } from "./builder.js";
import {
  classifyHeader,
  columnStats,
  inferRoles,
  isHeaderText,
  settleYears,
  withKnownYears,
  yearsByPosition,
  spreadHeader,
  type ColumnRole,
  type ColumnStats,
  TITLE_COLUMN,
} from "./columns.js";
import {
  isCodePrefix,
  levelFromWords,
  numberedTitle,
  parseObjectiveText,
  type FoundObjective,
} from "./objectives.js";
import { titleLike } from "./blockreader.js";
import { readCell } from "./content.js";
import { readLabel, splitLabels, type Label } from "./labels.js";
import type { CompiledLexicon } from "./lexicon.js";
import {
  CAPTION_REASON,
  LABEL_REASON,
  dataKind,
  headingText,
  isCaption,
  isComment,
  isNoteText,
  rowShape,
  weightOf,
  wideKind,
  type RowShape,
} from "./rows.js";
import { rowCells, type LRow, type LTable, type Slot } from "./tables.js";
import { clip, type TableTrace } from "./trace.js";
import { columnWeight, leadingObjectiveCode, percentWeight, plain } from "./text.js";
import { fold } from "../normalize/index.js";

/** How much a role's evidence is worth: a header word, the content, or a guess. */
const HEADER_SURE = 1;
const CONTENT_SURE = 0.75;
const NO_HEADER = 0.6;

const isValueRole = (r: ColumnRole) => ["target", "baseline", "result", "formula"].includes(r.role);
const hasText = (s: Slot) => !!s.text;

function roleCol(roles: ColumnRole[], role: string): number {
  // of several indicator columns, the one headed "Indicatore" or "KPI" names the indicators: a
  // "Misura" beside it is the measure they monitor ("Misura | Tempi | Indicatore di monitoraggio")
  if (role === "indicator") {
    const named = roles.findIndex((r) => r.role === "indicator" && /'(?:indicator|kpi)/i.test(r.reason));
    if (named >= 0 && roles.filter((r) => r.role === "indicator").length > 1) return named;
  }
  for (let k = 0; k < roles.length; k++) if (roles[k]!.role === role) return k;
  return -1;
}

/** How many of a row's cells read as a value (a figure, a date, a state, a missing mark). */
function valueCells(row: LRow): number {
  let n = 0;
  for (const s of rowCells(row)) {
    const k = s.text ? readCell(s.text).kind : null;
    if (k === "value" || k === "marker" || k === "missing") n++;
  }
  return n;
}

/** a bare year, with a unit in brackets after it ("2025", "2025 (gg)") */
const BARE_YEAR = /^(?:19[89]\d|20\d\d)(?:\s*\([^()]{1,12}\))?$/;

/**
 * Group labels of an unruled header: a label set on a line of its own over several year columns
 * ("Target" centred over 2025 | 2026 | 2027, no rule to span) is read into the one column it
 * stands over. When that column's header is the label over a bare year, and the columns beside it
 * are bare years with nothing at the label's height, the label belongs to the run of them it is
 * centred over: the run (taken from the columns around it) whose years' middle is nearest the
 * label's middle, within a third of the years' spacing. A label over its own year alone stays its
 * own ("Baseline" over 2024, beside 2025 | 2026). Returns the label to prefix per column, or null.
 */
export function groupLabels(columns: (Line[] | null)[]): (string | null)[] {
  const out: (string | null)[] = columns.map(() => null);
  const centre = (b: Box) => (b[0] + b[2]) / 2;
  /** a column holding only a bare year, on one line: that line */
  const yearLine = (ls: Line[] | null): Line | null =>
    ls && ls.length === 1 && BARE_YEAR.test(ls[0]!.text.trim()) ? ls[0]! : null;
  const yearOf = (l: Line) => Number(/\d{4}/.exec(l.text)![0]);
  for (let k = 0; k < columns.length; k++) {
    const ls = columns[k];
    if (!ls || ls.length < 2) continue;
    const last = ls[ls.length - 1]!;
    const above = ls.slice(0, -1);
    if (!BARE_YEAR.test(last.text.trim())) continue;
    if (above.some((l) => /\d/.test(l.text) || !/\p{L}{3}/u.test(l.text))) continue;
    const labelBottom = Math.max(...above.map((l) => l.box[3]));
    if (labelBottom > last.box[1] + 1) continue;
    const labelMid = (Math.min(...above.map((l) => l.box[0])) + Math.max(...above.map((l) => l.box[2]))) / 2;
    const h = last.box[3] - last.box[1];
    // a neighbour: a bare year on the years' line, nothing above it, its year in order
    const fits = (j: number, prev: Line, right: boolean): Line | null => {
      const y = yearLine(columns[j] ?? null);
      if (!y || Math.abs(y.box[1] - last.box[1]) > h / 2 || y.box[1] < labelBottom - 1) return null;
      return (right ? yearOf(y) > yearOf(prev) : yearOf(y) < yearOf(prev)) ? y : null;
    };
    const lines = new Map<number, Line>([[k, last]]);
    let a = k,
      b = k;
    for (let y: Line | null; a > 0 && (y = fits(a - 1, lines.get(a)!, false)); a--) lines.set(a - 1, y);
    for (let y: Line | null; b < columns.length - 1 && (y = fits(b + 1, lines.get(b)!, true)); b++)
      lines.set(b + 1, y);
    if (a === b) continue;
    // (the widest run centred under the label: over the middle one of three years, the label is
    // the three's, as a column's own label would not leave its fellows bare)
    let best: [number, number] | null = null;
    let bestD = Infinity;
    for (let i = a; i <= k; i++)
      for (let j = Math.max(k, i + 1); j <= b; j++) {
        const d = Math.abs((centre(lines.get(i)!.box) + centre(lines.get(j)!.box)) / 2 - labelMid);
        const spacing = (centre(lines.get(j)!.box) - centre(lines.get(i)!.box)) / (j - i);
        if (d > spacing / 3) continue;
        if (!best || j - i > best[1] - best[0] || (j - i === best[1] - best[0] && d < bestD))
          [best, bestD] = [[i, j], d];
      }
    if (!best) continue;
    const label = above.map((l) => l.text.trim()).join(" ");
    for (let j = best[0]; j <= best[1]; j++) if (j !== k) out[j] = label;
  }
  return out;
}

/** Multi-row headers: the texts stacked over each column joined ("Target" over "2021"). */
function mergedHeader(headerRows: LRow[]): LRow {
  const slots: LRow["slots"] = [];
  const columns: (Line[] | null)[] = [];
  for (let k = 0; k < headerRows[0]!.slots.length; k++) {
    const texts: string[] = [];
    let first: Slot | null = null;
    const keys = new Set<string>();
    const lines: Line[] = [];
    for (const r of headerRows) {
      const s = r.slots[k];
      if (s?.text) texts.push(s.text);
      if (s && !first) first = s;
      if (s?.text && !keys.has(s.key)) {
        keys.add(s.key);
        lines.push(...s.lines);
      }
    }
    slots.push(first ? { ...first, text: [...new Set(texts)].join(" ") } : null);
    columns.push(lines.length ? lines.sort((x, y) => x.box[1] - y.box[1]) : null);
  }
  // a label over several years of an unruled header, read into one of them: each of them its own
  const labels = groupLabels(columns);
  labels.forEach((l, k) => {
    if (l && slots[k]) slots[k] = { ...slots[k]!, text: `${l} ${slots[k]!.text}` };
  });
  // one label over several columns that names a year for each: each column its own
  for (let k = 0; k < slots.length;) {
    const key = slots[k]?.key;
    let n = 1;
    while (key !== undefined && slots[k + n]?.key === key) n++;
    const parts = n > 1 ? spreadHeader(slots[k]!.text, n) : null;
    if (parts) for (let i = 0; i < n; i++) slots[k + i] = { ...slots[k + i]!, text: parts[i]! };
    k += n;
  }
  return { ...headerRows[0]!, slots };
}

/** A section of a table: the rows under one header. */
interface Section {
  header: LRow[];
  /** a section title printed in the header row (its column holds the indicators) */
  titleCol: number | null;
  title: Slot | null;
  rows: { row: LRow; shape: RowShape }[];
  /** notes printed above the header and read into its row: the previous section's */
  notes?: Slot[];
  /** a headerless start of a table, a row or two over its first header (a title, a stamp) */
  above?: boolean;
}

/** The state of a section's reading once its roles are known: what each further row needs. */
interface Body {
  roles: ColumnRole[];
  sure: number[];
  /** the objectives opened by merged cells of objective columns, by cell key */
  objectiveCells: Map<string, FoundObjective>;
  /** the last indicator read (a continuation row adds to it) */
  last: Indicator | null;
  indCol: number;
  formulaCol: number;
  hasValues: boolean;
  /** a table's first section without a header, while nothing has been read from it */
  untouched?: boolean;
  /** how many objectives had been read when the section started */
  objectivesAt: number;
  /** a weight column left of the names holds the indicators' weights (see weightsChangeUnderObjectives) */
  indicatorWeights?: boolean;
}

/**
 * Whether a weight column left of the names' holds the indicators' weights rather than the
 * objectives': a new weight starts on a row where a merged objective cell runs on from the row
 * above (the weight changes within one objective).
 */
export function weightsChangeUnderObjectives(
  rows: { row: LRow }[],
  roles: ColumnRole[],
  indCol: number,
): boolean {
  if (indCol < 0) return false;
  const weights: number[] = [],
    objectives: number[] = [];
  for (let k = 0; k < indCol; k++) {
    if (roles[k]!.role === "weight") weights.push(k);
    if (roles[k]!.role === "objective") objectives.push(k);
  }
  if (!weights.length || !objectives.length) return false;
  for (const { row } of rows)
    for (const w of weights) {
      const ws = row.slots[w];
      if (!ws?.first || !ws.text || percentWeight(ws.text) === null) continue;
      if (
        objectives.some((o) => o < w && row.slots[o] && !row.slots[o]!.first && row.slots[o]!.key !== ws.key)
      )
        return true;
    }
  return false;
}

const SKIP_REASON = "no header, and no column of targets to read";

/**
 * The first section of a table: the layout's leading header rows, if any; a single one that reads
 * as a section's title beside header words or years ("AMBITO 1 – … | 2022 | … | Servizio", bold like
 * a header) is a titled header, as it would be further down.
 */
function firstSection(t: LTable, lx: CompiledLexicon): Section {
  const lead = t.rows.filter((r) => r.header);
  const shape = lead.length === 1 ? rowShape(lead[0]!, t.nCols, lx) : null;
  if (shape?.kind === "titled-header")
    return { header: lead, titleCol: lead[0]!.slots.indexOf(shape.title), title: shape.title, rows: [] };
  return { header: lead.length ? lead : [], titleCol: null, title: null, rows: [] };
}

/**
 * The row as a banner block, when its first cell opens with an objective's level words and a code
 * ("OBIETTIVO STRATEGICO B07 CONSOLIDARE ...") and no other cell holds a figure.
 */
export function streamBanner(cells: Slot[], b: RecordBuilder): (Block & { page: number }) | null {
  const [first, ...rest] = cells;
  if (!first || !/^obiettiv[oi]\b/.test(plain(first.text))) return null;
  if (rest.some((s) => /\d/.test(s.text))) return null;
  const text = fold(cells.map((s) => s.text).join(" "));
  if (!isCodedBanner(text, b)) return null;
  return {
    text,
    box: union(cells.map((s) => s.box)),
    lines: cells.flatMap((s) => s.lines),
    page: first.page,
  };
}

/** An objective heading with its level words and a code ("OBIETTIVO STRATEGICO B07 ..."). */
export function isCodedBanner(text: string, b: RecordBuilder): boolean {
  return levelFromWords(text, b.lx) !== null && !!parseObjectiveText(text, b.lx)?.code;
}

/**
 * What one table's reading leaves the next: the target years the document's headers run through
 * (columns.ts), and the roles of the last headed section with names and targets, with the page its
 * rows reached.
 */
export interface Carried {
  run: number[] | null;
  headed?: { roles: ColumnRole[]; page: number } | null;
}

export class TableReader {
  /**
   * Objectives named by a bare title in a column before the names (no code, no level words): the
   * level a caption announced ("Obiettivi operativi collegati all'obiettivo …"), and the weights read
   * per level since, so a title whose weight overflows its siblings' 100% is one level up.
   */
  private titleLevel: {
    announced: ObjectiveLevel | null;
    sums: Map<ObjectiveLevel, number>;
    last: ObjectiveLevel | null;
    anchor: FoundObjective | null;
  } = {
    announced: null,
    sums: new Map(),
    last: null,
    anchor: null,
  };
  constructor(
    private readonly b: RecordBuilder,
    /** a banner found inside a table is read as a block would be */
    private readonly onBanner: (block: Block, page: number) => void,
    private readonly trace?: TableTrace,
    /** what the tables read before leave this one: the last header's target years, one by one
     * (columns.ts), and the last headed section's roles */
    private readonly carried: Carried = { run: null },
  ) {}

  /** Cuts the table at its header rows; layout's leading header rows open the first section. */
  private sections(t: LTable): Section[] {
    const out: Section[] = [];
    let cur = firstSection(t, this.b.lx);
    for (const row of t.rows) {
      if (row.header) continue;
      const next = this.sectionStep(t, cur, row);
      if (next) {
        if (cur.header.length || cur.rows.length) out.push(cur);
        cur = next;
      }
    }
    if (cur.header.length || cur.rows.length) out.push(cur);
    return out;
  }

  /**
   * One row into the current section: a data row is added to it; a header row stacks on its header
   * or starts a new section, which is returned.
   */
  private sectionStep(t: LTable, cur: Section, row: LRow): Section | null {
    const shape = rowShape(row, t.nCols, this.b.lx);
    if (shape.kind === "header" || shape.kind === "titled-header") {
      // consecutive header rows stack ("Target" over "2021")
      // (an empty row between them, a header's second line the layout set apart, is nothing)
      if (
        shape.kind === "header" &&
        cur.rows.every((r) => r.shape.kind === "empty") &&
        cur.header.length &&
        cur.titleCol === null
      ) {
        cur.header.push(row);
        this.note(row, "header", shape.reason);
        return null;
      }
      this.note(row, shape.kind, shape.reason);
      // (the first section alone has no header; rows with values of their own are a part run on
      // from the previous page, not a title or a stamp)
      // (a few lines of a title and a stamp with its date, no more than one of them with a value)
      const data = cur.rows.filter((r) => r.shape.kind === "data");
      const values = data.map((r) => valueCells(r.row));
      if (
        !cur.header.length &&
        values.every((n) => n < 2) &&
        (data.length <= 2 || (data.length <= 4 && values.filter((n) => n > 0).length <= 1))
      )
        cur.above = true;
      return {
        header: [row],
        titleCol: shape.kind === "titled-header" ? row.slots.indexOf(shape.title) : null,
        title: shape.kind === "titled-header" ? shape.title : null,
        rows: [],
        notes: shape.notes ?? [],
      };
    }
    cur.rows.push({ row, shape });
    return null;
  }

  private note(row: LRow, kind: string, reason: string): void {
    this.trace?.rows.push({
      page: row.page,
      top: Math.round(row.top),
      kind,
      reason,
      text: clip(
        rowCells(row)
          .filter(hasText)
          .map((s) => s.text)
          .join(" | "),
      ),
    });
  }

  /** Header roles of a section, from its words; a titled header's title column holds the indicators. */
  private headerRoles(s: Section, prev: ColumnRole[] | null): { roles: ColumnRole[]; sure: number[] } {
    const lx = this.b.lx;
    if (!s.header.length) {
      const roles = prev ?? [];
      return { roles, sure: roles.map(() => (prev ? HEADER_SURE : NO_HEADER)) };
    }
    const row = mergedHeader(s.header);
    const own: ColumnRole[] = [];
    // the columns a section title spans ("AMBITO 1 – …" over the objective, indicator and formula)
    const titleKey = s.title?.key;
    const underTitle = (k: number) => titleKey !== undefined && s.header[0]!.slots[k]?.key === titleKey;
    // a title over one column names the indicators' column; a title spanning several leaves their
    // roles to their content (an objective merged down, the names, the formulas)
    let spanned = 0;
    for (let k = 0; k < row.slots.length; k++) if (underTitle(k) || k === s.titleCol) spanned++;
    for (let k = 0; k < row.slots.length; k++) {
      const slot = row.slots[k];
      if (k === s.titleCol && spanned <= 1)
        own.push({
          role: "indicator",
          year: null,
          header: slot?.text ?? "",
          reason: TITLE_COLUMN,
        });
      else if (underTitle(k) || k === s.titleCol)
        own.push({ role: "unknown", year: null, header: "", reason: "under the section title" });
      else if (slot && isNoteText(slot.text))
        own.push({ role: "unknown", year: null, header: "", reason: "a note read into the header's row" });
      else own.push(classifyHeader(slot?.text ?? "", lx));
    }
    // a header word names the indicators' column elsewhere ("Descrizione indicatore"): the title's
    // column is left to its content (objectives merged down it, say)
    const tc = s.titleCol;
    if (
      tc !== null &&
      own[tc]?.role === "indicator" &&
      own.some((r, k) => k !== tc && r.role === "indicator")
    )
      own[tc] = { role: "unknown", year: null, header: "", reason: TITLE_COLUMN };
    const checked = withKnownYears(yearsByPosition(settleYears(own)), this.carried.run);
    this.carried.run = checked.run;
    let roles = checked.roles;
    // a banner row that repeats the year headers over a table already headed keeps the table's roles
    // where they agree (the objective column stays the objective's, the years stay targets)
    if (s.titleCol !== null && prev && prev.length === roles.length) {
      const agree = roles.every(
        (r, k) =>
          k === s.titleCol ||
          underTitle(k) ||
          r.role === "unknown" ||
          (r.role === prev[k]!.role && r.year === prev[k]!.year),
      );
      if (agree && prev.some((r) => r.role === "indicator")) roles = prev;
    }
    return { roles, sure: roles.map((r) => (r.role === "unknown" ? NO_HEADER : HEADER_SURE)) };
  }

  read(t: LTable): void {
    let prev: ColumnRole[] | null = null;
    for (const s of this.sections(t)) prev = this.readSection(t, s, prev)?.roles ?? prev;
  }

  /**
   * A section's roles (from its header, then from the content of the rows it holds so far) and its
   * rows read; null when it is skipped (no header and no targets to read). The state returned reads
   * further rows of the same section (a table read as a stream).
   */
  private readSection(t: LTable, s: Section, prev: ColumnRole[] | null): Body | null {
    if (s.above) {
      for (const { row } of s.rows) {
        // (an objective's heading with its level words and code, set just above the header, is read)
        const cells = rowCells(row).filter(hasText);
        const text = fold(cells.map((c) => c.text).join(" "));
        // (or a coded heading without them, "1.1 - QUALIFICARE I SERVIZI …", kept if indicators follow)
        if (cells.length && (isCodedBanner(text, this.b) || readCell(text).kind === "coded")) {
          this.note(row, "banner", "an objective heading above the table's first header");
          this.onBanner(
            { text, box: union(cells.map((c) => c.box)), lines: cells.flatMap((c) => c.lines) },
            row.page,
          );
        } else if (
          cells.some((c) => c.lines.length > 1 && c.lines.some((l) => isCodedBanner(fold(l.text), this.b)))
        ) {
          // (a scan's page top the layout folded into the table's first row: a cell of many lines,
          // headings with their codes among them, each line read as the page's text would be)
          this.note(row, "banner", "headings above the table's first header, read line by line");
          for (const c of cells)
            if (c.lines.some((l) => isCodedBanner(fold(l.text), this.b)))
              for (const l of c.lines) this.onBanner({ text: l.text, box: l.box, lines: [l] }, row.page);
        } else this.note(row, "skip", "above the table's first header");
      }
      return null;
    }
    // a note above the header, read into its row, is the last indicator's (read by now)
    for (const n of s.notes ?? []) this.b.noteRow(n.text);
    if (s.title) this.titleObjective(s.title);
    // (a table on a later page with no header of its own, of as many columns as the last one headed:
    // that table run on, a scan's layout having cut it at the page's turn)
    const last = this.carried.headed;
    const firstPage = s.rows[0]?.row.page ?? t.page;
    const carried =
      !s.header.length && !prev && last && last.roles.length === t.nCols && firstPage > last.page
        ? last.roles
        : null;
    const head = carried
      ? { roles: carried, sure: carried.map((r) => (r.role === "unknown" ? NO_HEADER : CONTENT_SURE)) }
      : this.headerRoles(s, prev);
    let roles = head.roles;
    const sure = [...head.sure];
    if (!roles.length) roles = Array.from({ length: t.nCols }, () => unknownRole());
    // the content of the section's data rows, column by column
    const cols: { text: string; rowSpan: number }[][] = roles.map(() => []);
    for (const { row, shape } of s.rows) {
      if (shape.kind !== "data") continue;
      for (let k = 0; k < roles.length; k++) {
        const slot = row.slots[k];
        if (slot && slot.first && !across(slot, t.nCols))
          cols[k]!.push({ text: slot.text, rowSpan: slot.rowSpan });
      }
    }
    // (years are settled again: a target column found by content dates the history before it)
    // (a short section, a banner's two rows, shows its columns' shape only with the rest of the table)
    const stats = columnStats(cols);
    const inferred = yearsByPosition(
      settleYears(inferRoles(roles, stats, s.rows.length < 4 ? this.tableStats(t, roles.length) : stats)),
    );
    for (let k = 0; k < inferred.length; k++)
      if (inferred[k]!.role !== roles[k]!.role) sure[k] = s.header.length ? CONTENT_SURE : NO_HEADER;
    // a table without a header must show its values plainly: targets with comparators and names
    if (!s.header.length && !prev && !carried) {
      const targets = inferred.filter((r) => r.role === "target").length;
      if (!targets || roleCol(inferred, "indicator") < 0) {
        for (const { row } of s.rows) this.note(row, "skip", SKIP_REASON);
        return null;
      }
    }
    roles = inferred;
    if (s.header.length && roleCol(roles, "indicator") >= 0 && roles.some((r) => r.role === "target"))
      this.carried.headed = { roles, page: s.rows[s.rows.length - 1]?.row.page ?? s.header[0]!.page };
    this.traceRoles(s, roles);
    const body = this.startBody(roles, sure);
    body.untouched = !s.header.length && !prev;
    const indCol = roleCol(roles, "indicator");
    const codeCol = roleCol(roles, "code");
    const rows =
      indCol >= 0 && codeCol >= 0 ? splitMergedNames(s.rows, indCol, codeCol, t.nCols, this.b.lx) : s.rows;
    body.indicatorWeights = weightsChangeUnderObjectives(rows, roles, indCol);
    this.titledBanners = rows.some((r) => r.shape.kind === "wide" && this.plainTitle(r.shape.cell, true));
    for (const { row, shape } of rows) this.bodyRow(t, body, row, shape);
    return body;
  }

  /** Column statistics of a table's data rows held so far (every section's), once per table. */
  private statsOf: { t: LTable; n: number; stats: ColumnStats[] } | null = null;
  private tableStats(t: LTable, nCols: number): ColumnStats[] {
    if (this.statsOf?.t === t && this.statsOf.n === t.rows.length) return this.statsOf.stats;
    const cols: { text: string; rowSpan: number }[][] = Array.from({ length: nCols }, () => []);
    for (const row of t.rows) {
      if (row.header || rowShape(row, t.nCols, this.b.lx).kind !== "data") continue;
      for (let k = 0; k < nCols; k++) {
        const slot = row.slots[k];
        if (slot?.first && slot.text && !across(slot, t.nCols))
          cols[k]!.push({ text: slot.text, rowSpan: slot.rowSpan });
      }
    }
    this.statsOf = { t, n: t.rows.length, stats: columnStats(cols) };
    return this.statsOf.stats;
  }

  /** Streamed reading (`start`, `push`, `end`): the table's rows held so far, then more as they come. */
  private live: {
    t: LTable;
    prev: ColumnRole[] | null;
    cur: Section;
    /** the current section's reading once its roles are decided; "skip" for a skipped section */
    body: Body | "skip" | null;
  } | null = null;

  /**
   * Starts reading a long table as a stream: its rows so far are taken now, further ones by `push`.
   * A section (the rows under one header) is read whole when it ends within `holdRows` rows, as
   * `read` does; past that, its column roles are decided from those rows and every further row of
   * it is read as it comes, so that the table's rows need not all be held.
   */
  start(t: LTable, holdRows: number): void {
    this.holdRows = holdRows;
    this.live = { t, prev: null, cur: firstSection(t, this.b.lx), body: null };
    this.push(t.rows);
  }

  private holdRows = Infinity;

  push(rows: LRow[]): void {
    const live = this.live!;
    for (const row of rows) {
      if (row.header) continue;
      if (live.body === null) {
        const next = this.sectionStep(live.t, live.cur, row);
        if (next) {
          this.endSection();
          live.cur = next;
        } else if (live.cur.rows.length >= this.holdRows) {
          const body = this.readSection(live.t, live.cur, live.prev);
          if (body) live.prev = body.roles;
          live.body = body ?? "skip";
          live.cur.rows = [];
        }
        continue;
      }
      // a section being read as it comes: a header row ends it, any other row is read at once
      const shape = rowShape(row, live.t.nCols, this.b.lx);
      if (shape.kind === "header" || shape.kind === "titled-header") {
        live.body = null;
        live.cur = { header: [], titleCol: null, title: null, rows: [] };
        const next = this.sectionStep(live.t, live.cur, row)!;
        live.cur = next;
        continue;
      }
      if (live.body === "skip") this.note(row, "skip", SKIP_REASON);
      else this.bodyRow(live.t, live.body, row, shape);
    }
  }

  /** The table has no more rows. */
  end(): void {
    if (this.live?.body === null) this.endSection();
    this.live = null;
  }

  private endSection(): void {
    const live = this.live!;
    const s = live.cur;
    if (s.header.length || s.rows.length)
      live.prev = this.readSection(live.t, s, live.prev)?.roles ?? live.prev;
  }

  private traceRoles(s: Section, roles: ColumnRole[]): void {
    if (!this.trace) return;
    const at = s.header[0] ?? s.rows[0]?.row;
    this.trace.roles.push({
      page: at?.page ?? 0,
      top: Math.round(at?.top ?? 0),
      columns: roles.map((r, col) => ({
        col,
        role: r.role,
        year: r.year,
        unit: r.unit ?? null,
        header: clip(r.header, 40),
        reason: r.reason,
      })),
    });
  }

  /** "1. Semplificazione …" printed in a header row: an area. */
  private titleObjective(title: Slot): void {
    const lx = this.b.lx;
    const open = (code: string | null, text: string, level: ObjectiveLevel | null) =>
      this.b.openObjective({
        code,
        title: text,
        level,
        levelHint: null,
        weight: null,
        owner: null,
        page: title.page,
        box: title.box,
      });
    // "AMBITO 1 - Supporto ai comuni" over "1.1 Mettere in sicurezza …": two coded headings a scan's
    // layout set in one title cell, each opened in turn
    const lines = title.lines.map((l) => l.text);
    const parts = codedParts(lines, lx);
    if (parts.length > 1) {
      parts.forEach((text, k) => {
        const o = parseObjectiveText(text, lx)!;
        open(o.code, o.title, o.level ?? (k === 0 ? "area" : null));
      });
      return;
    }
    // "Indicatore" over "02.O1.O1 Digitalizzare …": the column's label set in the objective's banner
    // cell; the coded title under it is the objective, its level from its code
    let i = 0;
    while (i < lines.length - 1 && isHeaderText(lines[i]!, lx)) i++;
    // (a caption under the label, "Obiettivi operativi collegati all'obiettivo strategico 1", names
    // no objective of its own: the objectives are the banners that follow)
    if (i > 0 && isCaption(lines.slice(i).join(" "), lx)) return;
    const under = i > 0 ? parseObjectiveText(fold(lines.slice(i).join("\n")), lx) : null;
    if (under?.code) {
      open(under.code, under.title, under.level);
      return;
    }
    const parsed = parseObjectiveText(title.text, lx);
    open(parsed?.code ?? null, parsed?.title ?? title.text, parsed?.level ?? "area");
  }

  private startBody(roles: ColumnRole[], sure: number[]): Body {
    this.b.resultGroup = [];
    return {
      roles,
      sure,
      objectiveCells: new Map(),
      last: null,
      indCol: roleCol(roles, "indicator"),
      formulaCol: roleCol(roles, "formula"),
      hasValues: roles.some(isValueRole),
      objectivesAt: this.b.objectives.length,
    };
  }

  /** One row of a section whose roles are known. */
  private bodyRow(t: LTable, body: Body, row: LRow, shape: RowShape): void {
    const b = this.b;
    const lx = b.lx;
    const { roles, sure, objectiveCells, indCol, formulaCol, hasValues } = body;
    // a title read as a band just above, and whether an evaluation or a scope label came before it
    const titled = { title: this.bandTitle, evaluated: this.evaluated };
    if (shape.kind !== "empty") {
      this.bandTitle = null;
      this.evaluated = false;
    }
    // one pass of what was a loop over the section's rows: `return` where it said `continue`
    {
      if (shape.kind === "empty") return;
      if (shape.kind === "wide") {
        this.wideRow(shape.cell, shape.weight, row, titled.evaluated);
        return;
      }
      if (shape.kind !== "data") return;
      const cells = shape.cells;
      // a coded objective heading that a table found by alignment took in (a justified heading spread
      // over columns, or one printed just above the table): not a row, a banner
      if (t.method === "stream" && !roles.some((r) => r.role === "objective")) {
        const banner = streamBanner(cells, b);
        if (banner) {
          this.note(row, "banner", "an objective heading taken in by the table");
          this.onBanner(banner, banner.page);
          return;
        }
      }
      // objective columns: a new merged cell opens an objective (levels from the header)
      let opened = false;
      for (let k = 0; k < roles.length; k++) {
        const r = roles[k]!;
        if (r.role !== "objective") continue;
        const slot = row.slots[k];
        if (!slot || !slot.text || !slot.first || objectiveCells.has(slot.key)) continue;
        // a weight of its own in a row with no indicator (the objective's own row): an objective of
        // its own, never the one above run on
        // (the objective's cell may run over the names' column: a title across both; its weight may
        // stand in another column than the weights')
        const others = cells.filter((c) => c.key !== slot.key);
        const weighted =
          !(indCol >= 0 && row.slots[indCol]?.text && row.slots[indCol]!.key !== slot.key) &&
          (roles.some(
            (w, j) =>
              w.role === "weight" && !!row.slots[j]?.first && percentWeight(row.slots[j]!.text) !== null,
          ) ||
            (others.length === 1 && percentWeight(others[0]!.text) !== null));
        // a code column just left of the objectives' ("Codice | Obiettivo operativo") codes them
        const codeSlot = k > 0 && roles[k - 1]!.role === "code" ? row.slots[k - 1] : undefined;
        const code = codeSlot?.first && CODE_CELL.test(codeSlot.text.trim()) ? codeSlot.text.trim() : null;
        this.objectiveCell(slot, k, r, objectiveCells, { weighted, stream: t.method === "stream" }, code);
        opened = true;
      }
      // a table without any value column (a summary of names and counts) holds no indicators; a
      // table of objectives gives them their weights ("Codice | Obiettivo strategico | Peso")
      if (!hasValues && opened) {
        const w = roles.findIndex(
          (x, j) => x.role === "weight" && row.slots[j]?.first && !!row.slots[j]!.text,
        );
        const o = b.current();
        if (w >= 0 && o && o.weight === null) o.weight = columnWeight(row.slots[w]!.text);
      }
      if (!hasValues) {
        this.note(
          row,
          opened ? "objective" : "skip",
          opened ? "an objective cell" : "no value column in this table",
        );
        return;
      }
      // a cell that runs from an objective column into the name column is the objective's (a banner)
      const objectiveKeys = new Set<string>();
      for (let k = 0; k < roles.length; k++) {
        const sl = row.slots[k];
        if (roles[k]!.role === "objective" && sl) objectiveKeys.add(sl.key);
      }
      const ownName = indCol >= 0 && row.slots[indCol] && !objectiveKeys.has(row.slots[indCol]!.key);
      const kind = ownName
        ? dataKind(row, cells, roles, indCol, body.last !== null, lx)
        : { kind: "skip" as const, reason: "no name of its own (an objective's cell)" };
      const nameSlot = ownName ? row.slots[indCol]! : null;
      this.note(row, kind.kind, kind.reason);
      // (the row's own cells: those merged down from above are an objective's)
      const own = cells.filter((c) => c.first);
      if (kind.kind === "comment") {
        b.commentRow(fold(own.map((c) => c.text).join(" ")), row.page, union(own.map((c) => c.box)));
        return;
      }
      if (kind.kind === "note") {
        b.noteRow(own.map((c) => c.text).join(" "));
        return;
      }
      // a name alone without values at the top of a table without a header, before anything was read
      // from it: a title printed over the table ("Regione Basilicata", "Obiettivi, indicatori e target")
      const untouched = body.untouched && b.objectives.length === body.objectivesAt;
      if (untouched && kind.kind === "indicator" && kind.reason === "a name" && own.length === 1) {
        this.note(row, "skip", "a title over a table without a header");
        return;
      }
      if (kind.kind !== "skip") body.untouched = false;
      // a banner with a code and no title ("OBIETTIVO OPERATIVO 03.O1.O1") takes the name alone on the
      // row under it, without values, as its title
      const bare = b.current();
      if (
        kind.kind === "indicator" &&
        kind.reason === "a name" &&
        nameSlot &&
        own.length === 1 &&
        bare &&
        bare.code &&
        !bare.title &&
        !b.indicators.some((i) => i.objectiveCode === bare.code)
      ) {
        const { rest, labels } = splitLabels(
          nameSlot.lines.map((l) => l.text),
          lx,
        );
        bare.title = fold(rest.join("\n"));
        b.applyLabels(bare, labels);
        this.note(row, "objective", "the title of the coded banner above");
        return;
      }
      // (read as the band it is, which announces the level of the titles below it)
      if (kind.reason === CAPTION_REASON && nameSlot) {
        this.wideRow(nameSlot, null, row);
        return;
      }
      // an objective's label on a row of its own ("Responsabile: …", "(peso 100%)", "Valutazione
      // OIV: 90"): the title read as a band just above was the objective's, kept if indicators follow
      if (kind.reason === LABEL_REASON && nameSlot) {
        // (one label, or one a line: "PERFORMANCE D'ENTE" over "Peso: 100%")
        const labels = splitLabels(
          readLabel(nameSlot.text, lx) || nameSlot.lines.length < 2
            ? [nameSlot.text]
            : nameSlot.lines.map((l) => l.text),
          lx,
        ).labels;
        const untitled = b.current();
        // (a banner with a code and no title, "OBIETTIVO STRATEGICO 1.1", takes it)
        if (titled.title && untitled && !untitled.title) {
          untitled.title = titled.title.text;
          b.applyLabels(untitled, labels);
        } else if (titled.title) {
          const f = b.proposeObjective({
            code: null,
            title: titled.title.text,
            level: null,
            levelHint: null,
            weight: null,
            owner: null,
            page: titled.title.page,
            box: titled.title.box,
          });
          this.note(row, "objective", "a title over an objective's labels (kept if indicators follow)");
          b.applyLabels(f, labels);
        } else if (!body.last) b.applyLabels(b.current(), labels);
        this.evaluated = labels.some((l) => l.field === "evaluation" || l.field === "scope");
        return;
      }
      // a heading in a narrow column before the names, with at most its weight beside it: an objective
      // printed as a banner that the layout could not widen ("Area strategica 1 …" in the code column)
      if (kind.kind === "skip" && !opened) {
        const head = bannerInColumn(cells, indCol, row, lx);
        if (head) {
          const { rest, labels } = splitLabels(
            head.cell.lines.map((l) => l.text),
            lx,
          );
          const parsed =
            parseObjectiveText(fold(rest.join("\n")) || head.cell.text, lx) ??
            parseObjectiveText(head.cell.text, lx)!;
          const f = b.openObjective({
            code: parsed.code,
            title: parsed.title,
            level: parsed.level,
            levelHint: null,
            weight: head.weight ? percentWeight(head.weight.text) : null,
            owner: null,
            page: head.cell.page,
            box: head.cell.box,
          });
          b.applyLabels(f, labels);
          this.note(row, "banner", "an objective heading in a column before the names");
          return;
        }
      }
      // a bare title there (no code, no level words), with at most its weight and labels: an objective
      // whose level comes from the caption above it or from its siblings' weights
      if (kind.kind === "skip" && !opened && /no name/.test(kind.reason)) {
        const head = titleInColumn(cells, indCol, row, lx);
        if (head) {
          const { rest, labels } = splitLabels(
            head.cell.lines.map((l) => l.text),
            lx,
          );
          const weight = head.weight ? percentWeight(head.weight.text) : null;
          const f = b.openObjective({
            code: null,
            title: fold(rest.join("\n")),
            level: null,
            levelHint: this.levelOfTitle(weight),
            weight,
            owner: null,
            page: head.cell.page,
            box: head.cell.box,
          });
          b.applyLabels(f, labels);
          this.note(row, "objective", "a bare title in a column before the names");
          return;
        }
      }
      if (kind.kind === "objective" && nameSlot) {
        const { labels } = splitLabels(
          nameSlot.lines.map((l) => l.text),
          lx,
        );
        const heading = headingText(nameSlot, lx);
        const parsed = parseObjectiveText(heading, lx);
        // "2 QUALIFICARE L'OFFERTA …": a number and a title, kept if indicators follow
        const numbered = parsed?.code ? null : numberedTitle(heading, lx);
        const weightCell = cells.find((c) => c !== nameSlot);
        const f = (numbered ? b.proposeObjective.bind(b) : b.openObjective.bind(b))({
          code: numbered?.code ?? parsed!.code,
          title: numbered?.title ?? parsed!.title,
          level: numbered ? null : parsed!.level,
          levelHint: null,
          weight: weightCell ? weightOf(weightCell.text) : null,
          owner: null,
          page: nameSlot.page,
          box: nameSlot.box,
        });
        if (nameSlot.lines.length > 1) b.applyLabels(f, labels);
        return;
      }
      let ind: Indicator | null = null;
      let comment: { text: string; box: Slot["box"] } | null = null;
      let nextObjective: {
        objective: Parameters<RecordBuilder["openObjective"]>[0];
        labels: Label[];
      } | null = null;
      let valuesRow = row;
      // "(SERVIZIO TRIBUTI)" alone on its row under an objective's banner: the objective's office
      const office = nameSlot ? /^\(\s*(\p{Lu}[\p{Lu}\s'’.,&-]{2,})\)$/u.exec(nameSlot.text) : null;
      const open = b.current();
      if (kind.kind === "indicator" && office) {
        if (
          own.length === 1 &&
          open &&
          !b.indicators.some((i) => i.objectiveCode === (open.code ?? open.title))
        ) {
          if (!open.owner) open.owner = office[1]!.trim();
          this.note(row, "label", "an office in brackets under the objective's banner");
          return;
        }
        // (elsewhere, or with a scan's specks beside it, an office in brackets names no indicator)
        this.note(row, "skip", "an office in brackets: no indicator's name");
        return;
      }
      if (kind.kind === "indicator" && nameSlot) {
        const formula = formulaCol >= 0 && row.slots[formulaCol]?.text ? row.slots[formulaCol]!.text : null;
        const rowSure = /values/.test(kind.reason) ? 1 : 0.8;
        // a comment on the results run into the name's cell (no rule, no spacing between them)
        const split = splitComment(nameSlot, lx);
        if (split) comment = split.comment;
        // the next objective's banner set close under the name, taken into its cell by an unruled
        // table (no spacing between); in a ruled cell, a coded line under the name is the cell's own
        const next =
          split || t.method !== "stream" ? null : splitObjective(nameSlot, b.current()?.code ?? null, lx);
        if (next) nextObjective = next;
        // (or under the indicator's code, in the code column)
        const codeCol = roleCol(roles, "code");
        const codeSlot = codeCol >= 0 && codeCol !== indCol ? row.slots[codeCol] : null;
        if (!next && t.method === "stream" && codeSlot?.first && codeSlot.lines.length > 1) {
          const inCode = splitObjective(codeSlot, b.current()?.code ?? null, lx);
          if (inCode) {
            nextObjective = inCode;
            valuesRow = { ...row, slots: row.slots.map((sl, c) => (c === codeCol ? inCode.name : sl)) };
          }
        }
        ind = b.newIndicator(
          split?.name ?? next?.name ?? nameSlot,
          formula,
          formulaCol < 0,
          Math.min(sure[indCol] ?? 1, rowSure),
        );
        body.last = ind;
      } else if (kind.kind === "continuation" && body.last) ind = body.last;
      if (!ind) return;
      b.rowValues(valuesRow, roles, indCol, ind, sure, body.indicatorWeights);
      if (comment) b.commentRow(comment.text, row.page, comment.box);
      if (nextObjective) b.applyLabels(b.openObjective(nextObjective.objective), nextObjective.labels);
    }
  }

  /**
   * The level of a bare title in the objectives' column: the one a caption announced; else its
   * previous sibling's, unless its weight would take their sum past 100% (then one level up); else
   * the level below the objective open above (an area's titles are strategic).
   */
  private levelOfTitle(weight: number | null): ObjectiveLevel {
    const st = this.titleLevel;
    const top = this.b.current();
    // a banner opened since (a new area): the titles start again under it
    if (st.anchor && top !== st.anchor && !this.b.isOpen(st.anchor)) {
      st.announced = null;
      st.last = null;
      st.sums.clear();
    }
    let level: ObjectiveLevel;
    if (st.announced) level = st.announced;
    else if (st.last) {
      level = st.last;
      const sum = st.sums.get(level) ?? 0;
      const i = OBJECTIVE_LEVELS.indexOf(level);
      if (weight !== null && sum + weight > 100.5 && i > 1) {
        st.sums.set(level, 0);
        level = OBJECTIVE_LEVELS[i - 1]!;
      }
    } else {
      if (!st.anchor || !this.b.isOpen(st.anchor)) st.anchor = this.b.current();
      const above = st.anchor ? this.b.levelOf(st.anchor) : null;
      const i = above ? OBJECTIVE_LEVELS.indexOf(above) + 1 : 1;
      level = OBJECTIVE_LEVELS[Math.min(i, OBJECTIVE_LEVELS.length - 1)]!;
    }
    st.announced = null;
    st.last = level;
    if (weight !== null) st.sums.set(level, (st.sums.get(level) ?? 0) + weight);
    return level;
  }

  /** A row of one cell across the table: an objective banner, a comment on results, a band label. */
  /** a title read as a band on the row above (an objective's, if its labels follow) */
  private bandTitle: { text: string; page: number; box: Slot["box"] } | null = null;
  /** the row above was an evaluation or a scope label ("Valutazione OIV: 90") */
  private evaluated = false;

  /** some banner of the section is a title without code or level words with labels in its cell */
  private titledBanners = false;
  /** objectives opened by such titles: how each was printed (with an owner; an evaluation or scope) */
  private readonly bannerForm = new Map<FoundObjective, string>();

  /**
   * A banner's title without a code or level words, not a band's words (and, with `labelled`, with
   * labels on lines of their own in its cell: an owner, a weight, an evaluation, a scope).
   */
  private plainTitle(wide: Slot, labelled: boolean): boolean {
    const lx = this.b.lx;
    const split =
      wide.lines.length > 1
        ? splitLabels(
            wide.lines.map((l) => l.text),
            lx,
          )
        : null;
    if (labelled && !split?.labels.length) return false;
    const text = split?.labels.length && split.rest.length ? fold(split.rest.join("\n")) : wide.text;
    return (
      wideKind(text, lx).kind === "band" &&
      !lx.bands.test(plain(text)) &&
      !levelFromWords(text, lx) &&
      titleLike(text)
    );
  }

  private wideRow(wide: Slot, weightCell: Slot | null, row: LRow, evaluated = false): void {
    const b = this.b;
    // a caption over an objective's heading set close under it in one cell ("Obiettivi operativi
    // collegati all'obiettivo strategico 01.O1" over "OBIETTIVO OPERATIVO 01.O1.O1"): the caption
    // announces, the heading opens
    const parts = captionOverHeading(wide, b.lx);
    if (parts) {
      this.wideRow(parts[0], null, row, evaluated);
      this.wideRow(parts[1], weightCell, row, evaluated);
      return;
    }
    // labels on lines of their own ("Valutazione OIV: 80", "PERFORMANCE D'ENTE", "Responsabile: …")
    // are fields of the objective the banner opens, not words of its title
    const split =
      wide.lines.length > 1
        ? splitLabels(
            wide.lines.map((l) => l.text),
            b.lx,
          )
        : null;
    const text = split?.labels.length && split.rest.length ? fold(split.rest.join("\n")) : wide.text;
    const w = wideKind(text, b.lx);
    // "2 Garantire l'equilibrio …" in bold across the table: a numbered heading the table took in
    const numbered =
      w.kind === "band" && wide.lines.length && wide.lines.every(allBoldLine)
        ? numberedTitle(text, b.lx)
        : null;
    if (numbered) {
      this.note(row, "banner", "a numbered bold heading across the table (kept if indicators follow)");
      b.proposeObjective({
        code: numbered.code,
        title: numbered.title,
        level: null,
        levelHint: null,
        weight: weightCell ? percentWeight(weightCell.text) : null,
        owner: null,
        page: wide.page,
        box: wide.box,
      });
      return;
    }
    // a title without a code or level words: an objective's if its labels are printed around it
    // (under an evaluation, over an owner or a weight)
    if (
      w.kind === "band" &&
      !b.lx.bands.test(plain(text)) &&
      !levelFromWords(text, b.lx) &&
      titleLike(text)
    ) {
      const untitled = b.current();
      // (labels on lines of their own in the banner's cell, an owner, a weight, an evaluation or a
      // scope above or below the title, are such labels too)
      const labelled = !!split?.labels.length;
      // the banner's title as a candidate objective (kept if indicators follow)
      const proposeTitle = () =>
        b.proposeObjective({
          code: null,
          title: text,
          level: null,
          levelHint: null,
          weight: weightCell ? percentWeight(weightCell.text) : null,
          owner: null,
          page: wide.page,
          box: wide.box,
        });
      if (evaluated && untitled && !untitled.title) untitled.title = text;
      else if (labelled || this.titledBanners) {
        // (titles printed alike, with an owner or without, with an evaluation or a scope or without,
        // are one level: one under the title printed alike before it is its sibling; a title
        // printed otherwise is the parent of those under it)
        const has = (...fs: Label["field"][]) => !!split?.labels.some((l) => fs.includes(l.field));
        const form = `${has("owner")}|${has("evaluation", "scope")}`;
        const top = b.current();
        if (top && this.bannerForm.get(top) === form) b.close(top);
        const f = proposeTitle();
        if (split) b.applyLabels(f, split.labels);
        this.bannerForm.set(f, form);
        this.note(
          row,
          "objective",
          labelled
            ? "a title with its labels (kept if indicators follow)"
            : "a title printed as the labelled titles of this table (kept if indicators follow)",
        );
        return;
      } else if (evaluated) {
        proposeTitle();
        this.note(row, "objective", "a title under an evaluation (kept if indicators follow)");
        return;
      }
      this.bandTitle = { text, page: wide.page, box: wide.box };
    }
    this.note(row, w.kind === "objective" ? "banner" : w.kind, w.reason);
    // a caption with level words ("Obiettivi operativi collegati …") announces the level of the titles below
    if (w.kind === "band") {
      const announced = levelFromWords(wide.text, b.lx);
      if (announced) {
        this.titleLevel.announced = announced;
        this.titleLevel.sums.set(announced, 0);
      }
    }
    if (w.kind === "comment") {
      b.commentRow(wide.text, wide.page, wide.box);
      return;
    }
    if (w.kind === "note") {
      b.noteRow(wide.text);
      return;
    }
    if (w.kind !== "objective") return;
    // (two coded headings a scan's layout set in one banner row, `01.O2 - Qualificare …` over
    // `01.O2.O1 - Ridurre …`, each opened in turn; the weight and labels are the last one's)
    const headings = codedParts(text === wide.text ? wide.lines.map((l) => l.text) : split!.rest, b.lx);
    const texts = headings.length > 1 ? headings : [text];
    let f: FoundObjective | null = null;
    for (const [k, part] of texts.entries()) {
      const parsed = parseObjectiveText(part, b.lx)!;
      const last = k === texts.length - 1;
      f = b.openObjective({
        code: parsed.code,
        title: parsed.title,
        level: parsed.level,
        levelHint: null,
        weight: weightCell && last ? percentWeight(weightCell.text) : null,
        owner: null,
        page: wide.page,
        box: wide.box,
      });
    }
    if (f && split && text !== wide.text) b.applyLabels(f, split.labels);
  }

  /** A new cell in an objective column. */
  private objectiveCell(
    s: Slot,
    k: number,
    r: ColumnRole,
    objectiveCells: Map<string, FoundObjective>,
    row: { weighted: boolean; stream: boolean } = { weighted: false, stream: false },
    /** the code printed in a code column beside the cell */
    code: string | null = null,
  ): void {
    const b = this.b;
    const parsed = parseObjectiveText(s.text, b.lx) ?? numberedCell(s.text) ?? codeOnly(s.text);
    // text without a code under an objective column continues the objective above: a long title
    // wrapped onto the next page, or split over rows by an unruled table's layout; a ruled cell on
    // the same page is a cell of its own, and so is one the row gives a weight of its own
    let prevInCol: FoundObjective | undefined;
    for (const [key, o] of objectiveCells) if (key.split(":")[2] === String(k)) prevInCol = o;
    // labels written into the cell ("(peso 40%)", "Struttura responsabile: …") are fields
    const { rest, labels } = splitLabels(s.lines.length ? s.lines.map((l) => l.text) : [s.text], b.lx);
    const text = fold(rest.join("\n"));
    // a header word alone ("Indicatori" over the indicators' rows, read into the column) is no title
    // (level words with a title, "Area: Organizzazione e risorse", are a heading, short as it is)
    if (!parsed?.code && !(parsed?.level && parsed.title) && !labels.length && isHeaderText(text, b.lx)) {
      if (prevInCol) objectiveCells.set(s.key, prevInCol);
      return;
    }
    // (a cell with its own weight or owner, its title opening with a capital, is an objective of its
    // own: "Ridurre i tempi …" over 'Servizio "…"' and "Peso: 50%")
    const ownFields =
      labels.some((l) => l.field === "weight" || l.field === "owner") && /^\p{Lu}/u.test(text);
    if (
      !parsed?.code &&
      !code &&
      prevInCol &&
      !levelFromWords(s.text, b.lx) &&
      !row.weighted &&
      !ownFields &&
      (row.stream || s.page !== prevInCol.page)
    ) {
      if (text) prevInCol.title = fold(`${prevInCol.title} ${text}`);
      b.applyLabels(prevInCol, labels);
      objectiveCells.set(s.key, prevInCol);
      return;
    }
    const reparsed = labels.length && text ? (parseObjectiveText(text, b.lx) ?? numberedCell(text)) : parsed;
    const ownCode = reparsed?.code ?? code;
    const ownerM = /\(([^()]{3,60})\)\s*$/.exec(text);
    const f = b.openObjective({
      code: ownCode,
      title: (reparsed?.title ?? text)
        .replace(/\s*\(([^()]{3,60})\)\s*$/, (m, g: string) => (g === g.toUpperCase() ? "" : m))
        .trim(),
      level: reparsed?.level ?? null,
      levelHint: r.level ?? null,
      weight: null,
      owner: ownerM && ownerM[1] === ownerM[1]!.toUpperCase() ? ownerM[1]! : null,
      page: s.page,
      box: s.box,
    });
    b.applyLabels(f, labels);
    objectiveCells.set(s.key, f);
  }
}

/**
 * A title cell's lines cut where a line starts a coded heading of its own (`1.1 Mettere …` under
 * `AMBITO 1 - Supporto ai comuni`): the headings' texts, each coded; one text when there is no such
 * cut, or a part would have no code.
 */
export function codedParts(lines: readonly string[], lx: CompiledLexicon): string[] {
  const parts: string[][] = [];
  for (const l of lines) {
    const starts =
      parts.length > 0 && !!parseObjectiveText(fold(l), lx)?.code && leadingObjectiveCode(fold(l)) !== null;
    if (!parts.length || starts) parts.push([l]);
    else parts[parts.length - 1]!.push(l);
  }
  const texts = parts.map((p) => fold(p.join("\n")));
  if (texts.length < 2 || !texts.every((t) => parseObjectiveText(t, lx)?.code))
    return [fold(lines.join("\n"))];
  return texts;
}

/** "OS.1" alone in an objective column: the code of an objective named elsewhere (its own table) */
function codeOnly(text: string): { code: string; title: string; level: null } | null {
  const t = text.trim();
  const c = CODE_CELL.test(t) ? leadingObjectiveCode(t) : null;
  return c && !c.rest ? { code: c.code, title: "", level: null } : null;
}

/** a code alone in its cell: "O.1.1", "A02.01", "3.2" (a digit in it, no spaces) */
const CODE_CELL = /^(?=[^\s]*\d)[\p{L}\d][\p{L}\d._\-/]{0,15}$/u;

/**
 * "01 Servizi istituzionali", "VP1 – Aumentare …" in an objective column: a number (or letters and a
 * number, before a dash) before a capitalized title is the objective's code there (the column says
 * what the cell is), without the dash or dot a code needs in running text.
 */
export function numberedCell(text: string): { code: string; title: string; level: null } | null {
  const t = fold(text);
  const m =
    /^(\d{1,2}(?:\.\d{1,2})*)\s+(\p{Lu}[\p{L}'’]*(?:\s+\S+)*)$/su.exec(t) ??
    // "VP1 – Aumentare …": letters and a number, then a dash or a colon
    /^(\p{Lu}{1,4}\d{1,2}(?:\.\d{1,2})*)\s*[-–—:]\s*(\p{Lu}[\p{L}'’]*(?:\s+\S+)*)$/su.exec(t);
  return m ? { code: m[1]!, title: m[2]!.trim(), level: null } : null;
}

/**
 * A cell across most of a table's columns (a note or a comment under an indicator's row) says nothing
 * of the column it starts in: a column of codes with the notes that start in it is a column of codes.
 */
const across = (slot: { colSpan: number }, nCols: number) =>
  nCols >= 4 && slot.colSpan >= Math.max(3, nCols / 2);

const allBoldLine = (l: { words: { bold: boolean }[] }) => l.words.length > 0 && l.words.every((w) => w.bold);

function unknownRole(): ColumnRole {
  return { role: "unknown", year: null, header: "", reason: "no header" };
}

/**
 * A row with no name whose cells, left of the names, hold an objective heading (level words, or a
 * code with a title) and at most a lone percentage (its weight).
 */
function bannerInColumn(
  cells: Slot[],
  indCol: number,
  row: LRow,
  lx: RecordBuilder["lx"],
): { cell: Slot; weight: Slot | null } | null {
  const found = loneCellBeforeNames(cells, indCol, row);
  if (!found) return null;
  const text = fold(found.cell.text);
  if (!levelFromWords(text, lx) && readCell(text).kind !== "coded") return null;
  const parsed = parseObjectiveText(text, lx);
  return parsed && (parsed.code || parsed.title) ? found : null;
}

/** The row's one cell left of the names (of any column when there is none), and its weight beside it. */
function loneCellBeforeNames(
  cells: Slot[],
  indCol: number,
  row: LRow,
): { cell: Slot; weight: Slot | null } | null {
  let cell: Slot | null = null,
    weight: Slot | null = null;
  for (const c of cells) {
    const k = row.slots.indexOf(c);
    if (percentWeight(c.text) !== null && !weight) {
      weight = c;
      continue;
    }
    if (cell || (indCol >= 0 && k >= indCol)) return null;
    cell = c;
  }
  return cell ? { cell, weight } : null;
}

/**
 * A row whose only text, left of the names, is a title (words, no code nor level words) with at most
 * a lone percentage (its weight): an objective named in the code or objectives' column.
 */
function titleInColumn(
  cells: Slot[],
  indCol: number,
  row: LRow,
  lx: RecordBuilder["lx"],
): { cell: Slot; weight: Slot | null } | null {
  if (indCol < 0) return null;
  const found = loneCellBeforeNames(cells, indCol, row);
  if (!found) return null;
  const { cell } = found;
  const text = fold(cell.text);
  if (isComment(text, lx) || isNoteText(text)) return null;
  const { rest } = splitLabels(
    cell.lines.map((l) => l.text),
    lx,
  );
  const title = fold(rest.join(" "));
  // a title: three words or more, opening with a capital, and prose (not a code, a figure or a date)
  if (!/^\p{Lu}/u.test(title) || title.split(/\s+/).length < 3) return null;
  const kind = readCell(title).kind;
  return kind === "text" || kind === "prose" ? found : null;
}

/**
 * A name cell whose later lines are the next objective's coded heading, a sibling or a child of the
 * open one by its code ("I102 - N. segnalazioni …" over "02.O1.O2 Monitorare …" under 02.O1.O1).
 */
function splitObjective(
  slot: Slot,
  openCode: string | null,
  lx: RecordBuilder["lx"],
): { name: Slot; objective: Parameters<RecordBuilder["openObjective"]>[0]; labels: Label[] } | null {
  if (!openCode) return null;
  const lines = slot.lines;
  const parentOf = (c: string) => c.replace(/[.\s][^.\s]+$/, "");
  for (let i = 1; i < lines.length; i++) {
    let oc = leadingObjectiveCode(lines[i]!.text);
    // "OBIETTIVO OPERATIVO 01.O1.O1" over its title: level words before the code
    if (!oc && levelFromWords(lines[i]!.text, lx)) {
      const p = parseObjectiveText(fold(`${lines[i]!.text}\n${lines[i + 1]?.text ?? ""}`), lx);
      if (p?.code && p.title) oc = { code: p.code, rest: p.title };
    }
    if (!oc || oc.rest.length < 3 || !/^\p{Lu}/u.test(oc.rest)) continue;
    // a child of the open objective, or a sibling of it or of one of its ancestors (01.O2 after
    // 01.O1.O1: the next strategic objective)
    let sibling = false;
    for (let a = openCode, up = parentOf(a); up !== a && !sibling; a = up, up = parentOf(a))
      sibling = parentOf(oc.code) === up;
    const related = oc.code !== openCode && (isCodePrefix(openCode, oc.code) || sibling);
    if (!related) continue;
    // the heading's label lines ("Responsabile: …") are its fields
    const { rest: heading, labels } = splitLabels(
      lines.slice(i).map((l) => l.text),
      lx,
    );
    const parsed = parseObjectiveText(fold(heading.join("\n")), lx);
    if (!parsed?.code) continue;
    // a caption before the heading ("Obiettivi operativi collegati all'obiettivo …") is neither's
    let k = i;
    while (k > 1 && levelFromWords(lines[k - 1]!.text, lx) && !parseObjectiveText(lines[k - 1]!.text, lx))
      k--;
    const keep = lines.slice(0, k);
    const rest = lines.slice(i);
    return {
      name: {
        ...slot,
        lines: keep,
        text: fold(keep.map((l) => l.text).join("\n")),
        box: union(keep.map((l) => l.box)),
      },
      objective: {
        code: parsed.code,
        title: parsed.title,
        level: parsed.level,
        levelHint: null,
        weight: null,
        owner: null,
        page: slot.page,
        box: union(rest.map((l) => l.box)),
      },
      labels,
    };
  }
  return null;
}

/**
 * A name cell merged over rows whose lines start on those rows (a rule missing under a name in a ruled
 * table: "Tempo medio …" beside F106 and "Indice di gradimento …" beside F107 in one cell) holds one
 * name per row: each row gets the lines that start in it, when every row has lines and a code of its
 * own.
 */
function splitMergedNames(
  rows: { row: LRow; shape: RowShape }[],
  indCol: number,
  codeCol: number,
  nCols: number,
  lx: RecordBuilder["lx"],
): { row: LRow; shape: RowShape }[] {
  const out = rows.slice();
  for (let i = 0; i < out.length; i++) {
    const slot = out[i]!.row.slots[indCol];
    if (!slot?.first || slot.rowSpan < 2 || slot.lines.length < 2) continue;
    // the rows the cell covers, in order
    const span: number[] = [];
    for (let j = i; j < out.length && out[j]!.row.slots[indCol]?.key === slot.key; j++) span.push(j);
    if (span.length < 2) continue;
    const parts = span.map((j, n) => {
      const top = out[j]!.row.top;
      const next = n + 1 < span.length ? out[span[n + 1]!]!.row.top : Infinity;
      return slot.lines.filter((l) => l.box[1] >= top - 1.5 && l.box[1] < next - 1.5);
    });
    // every row its lines and an indicator code of its own (a name wrapped over a second row of
    // values has no second code)
    const own = (j: number) => {
      const c = out[j]!.row.slots[codeCol];
      return !!c?.first && !!c.text && c.rowSpan === 1;
    };
    if (parts.some((p) => !p.length) || !span.every(own)) continue;
    span.forEach((j, n) => {
      const lines = parts[n]!;
      const part: Slot = {
        ...slot,
        key: `${slot.key}:${n}`,
        first: true,
        rowSpan: 1,
        lines,
        text: fold(lines.map((l) => l.text).join("\n")),
        box: union(lines.map((l) => l.box)),
      };
      const row = { ...out[j]!.row, slots: out[j]!.row.slots.map((x, k) => (k === indCol ? part : x)) };
      out[j] = { row, shape: rowShape(row, nCols, lx) };
    });
    i = span[span.length - 1]!;
  }
  return out;
}

/** A name cell whose later lines are a comment on the results ("Al 31 dicembre …"): the two apart. */
function splitComment(
  slot: Slot,
  lx: RecordBuilder["lx"],
): { name: Slot; comment: { text: string; box: Slot["box"] } } | null {
  const lines = slot.lines;
  for (let i = 1; i < lines.length; i++) {
    if (!isComment(lines[i]!.text, lx)) continue;
    const keep = lines.slice(0, i);
    const rest = lines.slice(i);
    return {
      name: { ...slot, lines: keep, text: fold(keep.map((l) => l.text).join("\n")) },
      comment: { text: fold(rest.map((l) => l.text).join("\n")), box: union(rest.map((l) => l.box)) },
    };
  }
  return null;
}

/**
 * A wide cell's lines cut where a caption (level words, no objective: "Obiettivi operativi collegati
 * all'obiettivo strategico 01.O1") ends and an objective's heading begins; null unless the cell is
 * read as neither whole.
 */
export function captionOverHeading(wide: Slot, lx: CompiledLexicon): [Slot, Slot] | null {
  const n = wide.lines.length;
  if (n < 2 || wideKind(wide.text, lx).kind !== "band") return null;
  const part = (lines: Slot["lines"]): Slot => ({
    ...wide,
    lines,
    text: lines.map((l) => l.text).join("\n"),
  });
  for (let k = 1; k < n; k++) {
    const head = part(wide.lines.slice(0, k)),
      tail = part(wide.lines.slice(k));
    if (isCaption(head.text, lx) && wideKind(tail.text, lx).kind === "objective") return [head, tail];
  }
  return null;
}
