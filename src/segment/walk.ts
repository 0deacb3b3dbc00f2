/**
 * Walks a document in reading order (pages, then blocks and tables by their top) and turns it into
 * objectives and indicators: banners and section rows open objectives, header rows set column roles,
 * body rows become indicators with their values, result rows and notes attach to the indicators above.
 */
import type { Block, Indicator, PageLayout, Target } from "../model/index.js";
import { OBJECTIVE_LEVELS as LEVELS, union } from "../model/index.js";
import { classifyHeader, isHeaderText, settleYears, type ColumnRole } from "./columns.js";
import { rowCells, TableJoiner, type LRow, type LTable, type Slot } from "./grid.js";
import { levelFromWords, parseObjectiveText, type FoundObjective } from "./objectives.js";
import { fold, parsePercent } from "../normalize/index.js";
import { leadingIndicatorCode, percentWeight, plain } from "./text.js";
import { achievementIn, resultOf, segmentsOf, seriesOf, targetsOf, valueOf } from "./values.js";

export interface Walked {
  objectives: FoundObjective[];
  indicators: Indicator[];
  warnings: string[];
}

interface NoteInfo {
  id: string;
  text: string;
  series: Indicator["baselines"];
}

const NOTE_REF = /\bnota\s*(\d+(?:\s*(?:bis|ter|quater))?)\b/i;
const noteId = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * A name cell often holds the name in bold and a description or reference in plain text below it:
 * split there. Without a bold/plain change the whole text is the name.
 */
export function splitNameDescription(slot: Slot): { name: string; description: string | null } {
  // leading italic words are annotations ("OC", "new", "Pari opportunità"), not the name
  const firstWords = slot.lines[0]?.words ?? [];
  const lead = firstWords.findIndex((w) => !w.italic);
  if (lead > 0) {
    const drop = new Set(firstWords.slice(0, lead));
    slot = {
      ...slot,
      lines: slot.lines.map((l, i) =>
        i === 0
          ? {
              ...l,
              words: l.words.filter((w) => !drop.has(w)),
              text: l.words
                .filter((w) => !drop.has(w))
                .map((w) => w.text)
                .join(" "),
            }
          : l,
      ),
    };
    slot = { ...slot, text: fold(slot.lines.map((l) => l.text).join("\n")) };
  }
  const lines = slot.lines.filter((l) => l.text.trim());
  const boldLine = (l: (typeof lines)[number]) =>
    l.words.length > 0 && l.words.filter((w) => w.bold).length >= l.words.length / 2;
  const firstPlain = lines.findIndex((l) => !boldLine(l));
  if (lines.length < 2 || firstPlain <= 0 || !boldLine(lines[0]!))
    return { name: slot.text, description: null };
  return {
    name: fold(
      lines
        .slice(0, firstPlain)
        .map((l) => l.text)
        .join("\n"),
    ),
    description:
      fold(
        lines
          .slice(firstPlain)
          .map((l) => l.text)
          .join("\n"),
      ) || null,
  };
}

/**
 * Without an Algoritmo column the formula is often written into the name: after a colon
 * ("Crescita qualitativa social: N° followers anno x/N° followers anno x-1") or as a final
 * parenthetical that reads as a measure ("Livelli di attività ... (N. self-assessment ...)").
 */
export function splitInlineFormula(text: string): { name: string; formula: string | null } {
  const colon = /^(.{8,}?)\s*:\s+(.*\/.*)$/su.exec(text);
  if (colon && !/\(/.test(colon[1]!.replace(/\([^()]*\)/g, "")))
    return { name: colon[1]!.trim(), formula: colon[2]!.trim() };
  // the last top-level parenthetical, at the end or before a " - " tail
  let depth = 0,
    open = -1,
    close = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") {
      if (depth === 0) open = i;
      depth++;
    } else if (text[i] === ")" && depth > 0) {
      depth--;
      if (depth === 0) close = i;
    }
  }
  if (open <= 0 || close < open) return { name: text, formula: null };
  const before = text.slice(0, open).trim();
  const inner = text.slice(open + 1, close).trim();
  const after = text.slice(close + 1).trim();
  const measure =
    /^(n\.|n°|n\s|∑|%)/i.test(inner) ||
    (/^\p{Lu}\p{Ll}/u.test(inner) && inner.split(/\s+/).length >= 2 && !/^anno\b/i.test(inner));
  if (!measure || before.split(/\s+/).length < 3 || (after && !/^[-–]\s/.test(after)))
    return { name: text, formula: null };
  return { name: `${before}${after ? " " + after : ""}`.trim(), formula: inner };
}

/**
 * The row as a banner block, when its first cell opens with an objective's level words and a code
 * ("OBIETTIVO STRATEGICO B07 CONSOLIDARE ...") and no other cell holds a figure.
 */
function streamBanner(cells: Slot[]): (Block & { page: number }) | null {
  const [first, ...rest] = cells;
  if (!first || !/^obiettiv[oi]\b/.test(plain(first.text))) return null;
  if (rest.some((s) => /\d/.test(s.text))) return null;
  const text = fold(cells.map((s) => s.text).join(" "));
  if (!isCodedBanner(text)) return null;
  return {
    text,
    box: union(cells.map((s) => s.box)),
    lines: cells.flatMap((s) => s.lines),
    page: first.page,
  };
}

/** An objective heading with its level words and a code ("OBIETTIVO STRATEGICO B07 ..."). */
function isCodedBanner(text: string): boolean {
  return levelFromWords(text) !== null && !!parseObjectiveText(text)?.code;
}

export interface Walker {
  /** the next page, in order */
  page(p: PageLayout): void;
  /** after the last page: notes attached, the records returned */
  finish(): Walked;
}

/** A cell with a word the OCR engine was unsure of. */
function lowConf(s: Slot): boolean {
  for (const l of s.lines)
    for (const w of l.words) if (w.confidence !== undefined && w.confidence < 60) return true;
  return false;
}

const keyOf = (o: FoundObjective) => o.code ?? o.title;
const hasText = (s: Slot) => !!s.text;
const headerCell = (s: Slot) => isHeaderText(s.text) || /^(19|20)\d\d$/.test(s.text);
const isObjectiveRole = (r: ColumnRole) => r.role === "objective";
const isValueRole = (r: ColumnRole) => ["target", "baseline", "result", "formula"].includes(r.role);
const isNameLikeRole = (r: ColumnRole) => r.role === "unknown" || r.role === "description";
const byPageTop = (a: Item, b: Item) => a.page - b.page || a.top - b.top;

/** The column roles a header row gives (the title column, if any, holds the indicators). */
function rolesOf(row: LRow, titleCol: number | null): ColumnRole[] {
  const roles: ColumnRole[] = [];
  for (let k = 0; k < row.slots.length; k++) {
    const s = row.slots[k];
    if (k === titleCol) roles.push({ role: "indicator", year: null, header: s?.text ?? "" } as ColumnRole);
    // a header cell spanning several columns over per-year sub-headers is handled by the caller
    else roles.push(classifyHeader(s?.text ?? ""));
  }
  return settleYears(roles);
}

/** Whether a row reads as a header; a section title in its first cell is `titleCol`. */
function headerLike(row: LRow): { header: boolean; titleCol: number | null } {
  const cells = rowCells(row).filter(hasText);
  if (cells.length < 2) return { header: false, titleCol: null };
  if (cells.every(headerCell)) return { header: true, titleCol: null };
  // "1. Semplificazione ... | 2021 | 2022 | ... | Owner": a section title in a header row
  const rest = cells.slice(1);
  if (rest.length >= 2 && rest.every(headerCell))
    return { header: true, titleCol: row.slots.indexOf(cells[0]!) };
  return { header: false, titleCol: null };
}

/** Multi-row headers: the texts stacked over each column joined ("Target" over "2021"). */
function mergedHeader(headerRows: LRow[]): LRow {
  const slots: LRow["slots"] = [];
  for (let k = 0; k < headerRows[0]!.slots.length; k++) {
    const texts: string[] = [];
    let first: Slot | null = null;
    for (const r of headerRows) {
      const s = r.slots[k];
      if (s?.text) texts.push(s.text);
      if (s && !first) first = s;
    }
    slots.push(first ? { ...first, text: [...new Set(texts)].join(" ") } : null);
  }
  return { ...headerRows[0]!, slots };
}

function roleCol(roles: ColumnRole[], role: string): number {
  for (let k = 0; k < roles.length; k++) if (roles[k]!.role === role) return k;
  return -1;
}

/** An unruled notes table: "Nota N" cells beside "Fonte" / "Serie storica" ones. */
function isNotesTable(t: LTable): boolean {
  return anyCell(t, isNoteCell) && anyCell(t, isSourceCell);
}

function anyCell(t: LTable, test: (s: Slot) => boolean): boolean {
  for (const r of t.rows) for (const s of rowCells(r)) if (test(s)) return true;
  return false;
}

const isNoteCell = (s: Slot) => /^nota\s*\d/i.test(s.text);
const isSourceCell = (s: Slot) => /serie storica|^fonte$/i.test(plain(s.text));

/** An item in reading order: a block, or the first part of a logical table. */
interface Item {
  page: number;
  top: number;
  block?: Block;
  table?: LTable;
  notes?: boolean;
}

/**
 * A walk a page at a time. Pages are held only while a table runs on across them: a page whose first
 * table does not continue the previous page's last one closes the pages before it, which are walked
 * and let go.
 */
export function walker(defaultYear: number | null): Walker {
  return new DocumentWalker(defaultYear);
}

// a class, not closures in walker(): V8 keeps a closure's optimized code only while an instance of it
// lives, so functions made per document were compiled again after every full garbage collection
class DocumentWalker implements Walker {
  private readonly objectives: FoundObjective[] = [];
  private readonly indicators: Indicator[] = [];
  private readonly warnings: string[] = [];
  private readonly noteRefs = new Map<Indicator, string>();
  private readonly notes = new Map<string, NoteInfo>();
  /** the open objective per level; a new one closes those at its level and below */
  private readonly open: FoundObjective[] = [];
  private pendingBanner: FoundObjective | null = null;
  private readonly joiner = new TableJoiner();
  private run: { pages: PageLayout[]; tables: LTable[] } = { pages: [], tables: [] };

  constructor(private readonly defaultYear: number | null) {}

  private current(): FoundObjective | null {
    return this.open[this.open.length - 1] ?? null;
  }

  private openObjective(o: Omit<FoundObjective, "contextParent">): FoundObjective {
    const { open, objectives } = this;
    let existing: FoundObjective | undefined;
    for (const x of objectives)
      if (o.code ? x.code === o.code : !x.code && x.title === o.title) {
        existing = x;
        break;
      }
    if (existing) {
      // the same objective named again (a repeated banner, a merged cell on the next page)
      while (open.length && open[open.length - 1] !== existing && open.includes(existing)) open.pop();
      if (!open.includes(existing)) open.push(existing);
      if (existing.weight === null && o.weight !== null) existing.weight = o.weight;
      if (!existing.owner && o.owner) existing.owner = o.owner;
      return existing;
    }
    const lvl = o.level ?? o.levelHint;
    if (lvl)
      while (
        open.length &&
        LEVELS.indexOf(open[open.length - 1]!.level ?? open[open.length - 1]!.levelHint ?? "strategic") >=
          LEVELS.indexOf(lvl)
      )
        open.pop();
    const parent = this.current();
    const f: FoundObjective = { ...o, contextParent: parent ? keyOf(parent) : null };
    objectives.push(f);
    open.push(f);
    return f;
  }

  // --- banners in text blocks -------------------------------------------------------------
  private onBlock(b: Block, page: number): void {
    const text = fold(b.text);
    if (!text) return;
    // a banner waiting for its title takes the next block, unless that block is itself a coded
    // banner ("AMBITO OBIETTIVI STRATEGICI COMUNI 3"): then the title was not printed after it
    if (this.pendingBanner && !this.pendingBanner.title) {
      const waiting = this.pendingBanner;
      this.pendingBanner = null;
      if (!isCodedBanner(text)) {
        waiting.title = text;
        return;
      }
    }
    const owner = /^servizi?o?\s*["“«]?|^(?:ufficio|area)\s+["“«]/i.test(text) ? text : null;
    const cur = this.current();
    if (owner && cur && !cur.owner) {
      cur.owner = text;
      return;
    }
    const level = levelFromWords(text);
    if (!level) return;
    const parsed = parseObjectiveText(text);
    if (!parsed) return;
    // a banner whose title is on the next block ("OBIETTIVO OPERATIVO A02.01" then the title)
    const f = this.openObjective({
      code: parsed.code,
      title: parsed.code && (parsed.title === "" || parsed.title === parsed.code) ? "" : parsed.title,
      level: parsed.level,
      levelHint: null,
      weight: null,
      owner: null,
      page,
      box: b.box,
    });
    if (!f.title) this.pendingBanner = f;
  }

  // --- tables ------------------------------------------------------------------------------
  private onTable(t: LTable): void {
    const { defaultYear } = this;
    let roles: ColumnRole[] = [];
    let lastIndicator: Indicator | null = null;
    let resultGroup: Indicator[] = [];
    const objectiveCells = new Map<string, FoundObjective>();

    // multi-row headers: join the texts stacked over each column ("Target" over "2021")
    const headerRows = t.rows.filter((r) => r.header);
    if (headerRows.length) roles = rolesOf(mergedHeader(headerRows), null);

    for (const row of t.rows) {
      if (row.header) continue;
      const cells = rowCells(row).filter(hasText);
      if (!cells.length) continue;
      // a coded objective heading that a table found by alignment took in (a justified heading spread
      // over columns, or one printed just above the table): not a row, a banner
      if (t.method === "stream" && !roles.some(isObjectiveRole)) {
        const banner = streamBanner(cells);
        if (banner) {
          this.onBlock(banner, banner.page);
          continue;
        }
      }
      const h = headerLike(row);
      if (h.header) {
        if (h.titleCol !== null) {
          const title = row.slots[h.titleCol]!;
          const parsed = parseObjectiveText(title.text);
          this.openObjective({
            code: parsed?.code ?? null,
            title: parsed?.title ?? title.text,
            level: parsed?.level ?? "area",
            levelHint: null,
            weight: null,
            owner: null,
            page: title.page,
            box: title.box,
          });
        }
        roles = rolesOf(row, h.titleCol);
        continue;
      }
      if (!roles.length) continue;

      // a section row: one cell across most of the table (objective banner or a result paragraph)
      const span = Math.max(2, Math.ceil(t.nCols * 0.6));
      let wide: Slot | undefined;
      for (const s of cells)
        if (s.colSpan >= span) {
          wide = s;
          break;
        }
      let sectionRow = !!wide;
      let weightCell: Slot | undefined;
      if (wide)
        for (const s of cells) {
          if (s === wide) continue;
          if (percentWeight(s.text) !== null) weightCell ??= s;
          else if (!/^\s*(\d+,\d+%)?\s*(indicatori|obiettivi operativi)\s*$/i.test(s.text)) {
            sectionRow = false;
            break;
          }
        }
      if (wide && sectionRow) {
        const ach = achievementIn(wide.text);
        if (ach !== null || /^al \d|risult|raggiung/i.test(wide.text)) {
          for (const ind of resultGroup.length ? resultGroup : lastIndicator ? [lastIndicator] : []) {
            const r = ind.results.find((x) => x.achievementPct === null || x.achievementPct === undefined);
            if (r) r.achievementPct = ach;
            else if (ach !== null)
              ind.results.push({
                year: defaultYear,
                value: null,
                unit: null,
                raw: wide.text,
                achievementPct: ach,
                source: { page: wide.page, bbox: wide.box },
              });
          }
          resultGroup = [];
          continue;
        }
        const parsed = parseObjectiveText(wide.text);
        if (parsed)
          this.openObjective({
            code: parsed.code,
            title: parsed.title,
            level: parsed.level,
            levelHint: null,
            weight: weightCell ? percentWeight(weightCell.text) : null,
            owner: null,
            page: wide.page,
            box: wide.box,
          });
        // otherwise a band label ("Indicatori", "Obiettivi operativi"): never an indicator
        continue;
      }

      // objective columns: a new merged cell opens an objective (levels from the header)
      for (let k = 0; k < roles.length; k++) {
        const r = roles[k]!;
        if (r.role !== "objective") continue;
        const s = row.slots[k];
        if (!s || !s.text || !s.first || objectiveCells.has(s.key)) continue;
        const parsed = parseObjectiveText(s.text);
        // text without a code under an objective column continues the objective above (a long title
        // wrapped onto the next page)
        let prevInCol: FoundObjective | undefined;
        for (const [key, o] of objectiveCells) if (key.split(":")[2] === String(k)) prevInCol = o;
        if (!parsed?.code && prevInCol && !levelFromWords(s.text)) {
          prevInCol.title = fold(`${prevInCol.title} ${s.text}`);
          objectiveCells.set(s.key, prevInCol);
          continue;
        }
        const ownerM = /\(([^()]{3,60})\)\s*$/.exec(s.text);
        const f = this.openObjective({
          code: parsed?.code ?? null,
          title: (parsed?.title ?? s.text)
            .replace(/\s*\(([^()]{3,60})\)\s*$/, (m, g: string) => (g === g.toUpperCase() ? "" : m))
            .trim(),
          level: parsed?.level ?? null,
          levelHint: r.level ?? null,
          weight: null,
          owner: ownerM && ownerM[1] === ownerM[1]!.toUpperCase() ? ownerM[1]! : null,
          page: s.page,
          box: s.box,
        });
        objectiveCells.set(s.key, f);
      }

      // a table without any value column (a summary of names and counts) holds no indicators
      if (!roles.some(isValueRole)) continue;
      let indCol = roleCol(roles, "indicator");
      if (indCol < 0) indCol = roles.findIndex(isNameLikeRole);
      const nameSlot = indCol >= 0 ? row.slots[indCol] : null;
      const formulaCol = roleCol(roles, "formula");
      const formula = formulaCol >= 0 && row.slots[formulaCol]?.text ? row.slots[formulaCol]!.text : null;

      let ind: Indicator | null = null;
      if (nameSlot && nameSlot.text && nameSlot.first) {
        ind = this.newIndicator(nameSlot, formula, formulaCol < 0);
        lastIndicator = ind;
        resultGroup.push(ind);
      } else if (nameSlot && !nameSlot.first && lastIndicator) {
        ind = lastIndicator; // values on a further row of a merged indicator cell
      }
      if (!ind) continue;
      this.rowValues(row, roles, indCol, ind);
    }
  }

  /** An indicator from its name cell (name, description, an inline note or formula, a code). */
  private newIndicator(nameSlot: Slot, formula: string | null, formulaInName: boolean): Indicator {
    const split = splitNameDescription(nameSlot);
    const { description } = split;
    let { name } = split;
    let inlineFormula: string | null = null;
    // "NOTA: ..." written into the name cell is a note
    const inlineNote = /\s(?:NOTA|Nota|N\.B\.)\s*:\s*(.+)$/su.exec(name);
    if (inlineNote) name = name.slice(0, inlineNote.index).trim();
    if (formulaInName) ({ name, formula: inlineFormula } = splitInlineFormula(name));
    const coded = leadingIndicatorCode(name);
    const obj = this.current();
    const ind: Indicator = {
      code: coded?.code ?? null,
      name: coded?.rest ?? name,
      description,
      objectiveCode: obj ? (obj.code ?? obj.title) : null,
      formula: formula ?? inlineFormula,
      weight: null,
      owner: null,
      baselines: [],
      targets: [],
      results: [],
      notes: inlineNote ? [fold(inlineNote[0])] : [],
      source: { page: nameSlot.page, bbox: nameSlot.box },
    };
    this.indicators.push(ind);
    return ind;
  }

  /** The values of a body row, by column role, into its indicator. */
  private rowValues(row: LRow, roles: ColumnRole[], indCol: number, ind: Indicator): void {
    const { defaultYear } = this;
    // "Stato 2015" printed in its own cell names the year of the row's baseline
    let rowBaseYear: number | null = null;
    for (let k = 0; k < roles.length; k++) {
      const m =
        roles[k]!.role === "baseline"
          ? /^(?:stato|anno|baseline)\s*((?:19|20)\d\d)$/i.exec(row.slots[k]?.text ?? "")
          : null;
      if (m) rowBaseYear = Number(m[1]);
    }
    for (let k = 0; k < roles.length; k++) {
      const r = roles[k]!;
      const s = row.slots[k];
      if (!s || !s.text || k === indCol) continue;
      if (!s.first && r.role !== "target" && r.role !== "baseline") continue;
      const ctx = {
        year: r.year,
        formula: ind.formula,
        source: { page: s.page, bbox: s.box },
        lowConfidence: lowConf(s),
      };
      switch (r.role) {
        case "formula":
          if (!ind.formula) ind.formula = s.text;
          break;
        case "weight": {
          const w = percentWeight(s.text);
          // a weight column left of the indicator's (merged like the objective) weighs the objective
          if (k < indCol) {
            const obj = this.current();
            if (obj && s.first && obj.weight === null) obj.weight = w;
          } else ind.weight = w;
          break;
        }
        case "owner":
          ind.owner = s.text;
          break;
        case "code":
          ind.code = s.text;
          break;
        case "description":
          ind.description = s.text;
          break;
        case "target": {
          if (!s.first) continue;
          const ts: Target[] = targetsOf(segmentsOf(s.lines, s.text), {
            ...ctx,
            year: r.year ?? defaultYear,
          });
          for (const x of ts) ind.targets.push(x);
          break;
        }
        case "baseline": {
          if (!s.first) continue;
          const v = valueOf(s.text, { ...ctx, year: ctx.year ?? rowBaseYear });
          if (v) ind.baselines.push(v);
          break;
        }
        case "result": {
          const v = resultOf(s.text, { ...ctx, year: r.year ?? defaultYear });
          if (v) ind.results.push(v);
          break;
        }
        case "achievement": {
          const m = /(-?\d{1,3}(?:,\d+)?)\s*%/.exec(s.text);
          const last = ind.results[ind.results.length - 1];
          if (m && last) last.achievementPct = parsePercent(m[1]!);
          break;
        }
        case "note": {
          const m = NOTE_REF.exec(s.text);
          if (m) this.noteRefs.set(ind, noteId(m[1]!));
          break;
        }
        default: {
          const m = NOTE_REF.exec(s.text);
          if (m && /^\s*nota\s*\d/i.test(s.text)) this.noteRefs.set(ind, noteId(m[1]!));
        }
      }
    }
  }

  // --- notes tables (Nota N | Fonte | Serie storica) ------------------------------------------
  private onNotes(t: LTable): void {
    let cur: NoteInfo | null = null;
    for (const row of t.rows) {
      for (const s of rowCells(row)) {
        const m = /^nota\s*(\d+(?:\s*(?:bis|ter|quater))?)\b\s*(.*)$/is.exec(s.text);
        if (m && s.first) {
          cur = { id: noteId(m[1]!), text: fold(s.text), series: [] };
          this.notes.set(cur.id, cur);
          continue;
        }
        if (!cur || !s.first || /^(fonte|serie storica)$/i.test(plain(s.text))) continue;
        // only a cell that starts with "2020:" is a series; years cited inside a Fonte are not
        const series = !/^(19|20)\d\d\s*:/.test(s.text)
          ? []
          : seriesOf(s.lines.map((l) => l.text).join("\n") || s.text, {
              formula: null,
              source: { page: s.page, bbox: s.box },
              lowConfidence: lowConf(s),
            });
        if (series.length) cur.series.push(...series);
        else if (!/^(19|20)\d\d\s*:/.test(s.text)) cur.text = fold(`${cur.text} ${s.text}`);
      }
    }
  }

  // reading order: per page, blocks and the first part of each logical table
  private walkRun(pages: PageLayout[], tables: LTable[]): void {
    const items: Item[] = [];
    for (const p of pages) {
      // a number printed beside a heading on the same line ("AMBITO ... COMUNI" ... "3") belongs to it
      const numbers = p.blocks.filter((b) => /^\d{1,2}$/.test(b.text.trim()));
      const used = new Set<Block>();
      for (const b of p.blocks) {
        if (used.has(b)) continue;
        let block = b;
        if (!numbers.includes(b) && levelFromWords(b.text) === "area") {
          const n = numbers.find(
            (x) => !used.has(x) && x.box[1] < b.box[3] && x.box[3] > b.box[1] && x.box[0] > b.box[2],
          );
          if (n) {
            used.add(n);
            block = {
              ...b,
              text: `${b.text} ${n.text.trim()}`,
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
        const banner = streamBanner(rowCells(row).filter(hasText));
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
      if (it.block) this.onBlock(it.block, it.page);
      else if (it.table) {
        if (it.notes || isNotesTable(it.table)) this.onNotes(it.table);
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
    for (const [ind, id] of this.noteRefs) {
      const n = this.notes.get(id);
      if (!n) continue;
      ind.notes = [...(ind.notes ?? []), n.text];
      const have = new Set(ind.baselines.map((b) => b.year));
      ind.baselines.push(...n.series.filter((v) => !have.has(v.year)));
    }
    return { objectives: this.objectives, indicators: this.indicators, warnings: this.warnings };
  }
}
