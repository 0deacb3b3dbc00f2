/**
 * The records a document's reading builds: objectives (with the stack of those open at each level),
 * indicators with their values, notes and the results written in comment rows. Table, block and list
 * readers all write through one builder, so an objective opened by a heading is the parent of the
 * indicators of the table below it.
 */
import {
  OBJECTIVE_LEVELS,
  type Box,
  type Indicator,
  type ObjectiveLevel,
  type Result,
  type Target,
} from "../model/index.js";
import { fold, parseItalianNumber } from "../normalize/index.js";
import type { ColumnRole } from "./columns.js";
import { bracketedOwner, type Label } from "./labels.js";
import type { CompiledLexicon } from "./lexicon.js";
import { splitInlineFormula, splitLabelledFields, splitNameDescription } from "./names.js";
import { isCodePrefix, type FoundObjective } from "./objectives.js";
import type { Profile } from "./profiles.js";
import type { LRow, Slot } from "./tables.js";
import { columnWeight, leadingIndicatorCode, plain } from "./text.js";
import { achievementIn, resultOf, segmentsOf, seriesOf, targetsOf, valueOf } from "./values.js";

export interface Walked {
  objectives: FoundObjective[];
  indicators: Indicator[];
  warnings: string[];
}

export interface NoteInfo {
  id: string;
  text: string;
  series: Indicator["baselines"];
}

export const NOTE_REF = /\bnota\s*(\d+(?:\s*(?:bis|ter|quater))?)\b/i;
export const noteId = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

const LEVELS: readonly ObjectiveLevel[] = OBJECTIVE_LEVELS;
const keyOf = (o: FoundObjective) => o.code ?? o.title;

/** A cell with a word the OCR engine was unsure of. */
export function lowConf(s: Slot): boolean {
  for (const l of s.lines)
    for (const w of l.words) if (w.confidence !== undefined && w.confidence < 60) return true;
  return false;
}

export type NewObjective = Omit<FoundObjective, "contextParent">;

export class RecordBuilder {
  readonly objectives: FoundObjective[] = [];
  readonly indicators: Indicator[] = [];
  readonly warnings: string[] = [];
  readonly noteRefs = new Map<Indicator, string>();
  readonly notes = new Map<string, NoteInfo>();
  /** the open objective per level; a new one closes those at its level and below */
  private readonly open: FoundObjective[] = [];
  /** a heading whose title is printed on the next block */
  pendingBanner: FoundObjective | null = null;
  /** the candidate heading proposed last, while nothing but labels has been read after it */
  quietCandidate: FoundObjective | null = null;
  /** the indicators read since the last comment row: a result paragraph speaks for them */
  resultGroup: Indicator[] = [];
  lastIndicator: Indicator | null = null;

  constructor(
    readonly profile: Profile,
    readonly lx: CompiledLexicon,
    readonly defaultYear: number | null,
  ) {}

  current(): FoundObjective | null {
    return this.open[this.open.length - 1] ?? null;
  }

  /** Closes the innermost open objective when it is `o` (a sibling follows it, not a child). */
  close(o: FoundObjective): void {
    if (this.current() === o) this.open.pop();
  }

  /** Whether `o` is still open (no objective at its level or above was opened since). */
  isOpen(o: FoundObjective): boolean {
    return this.open.includes(o);
  }

  /** The level an open objective has so far: printed, hinted, or strategic. */
  levelOf(o: FoundObjective): ObjectiveLevel {
    return o.level ?? o.levelHint ?? "strategic";
  }

  openObjective(o: NewObjective): FoundObjective {
    const { open, objectives } = this;
    const bracketed = bracketedOwner(o.title, this.lx);
    if (bracketed) o = { ...o, title: bracketed.title, owner: o.owner ?? bracketed.owner };
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
      if (!existing.title && o.title) existing.title = o.title;
      return existing;
    }
    const lvl = o.level ?? o.levelHint;
    // a candidate heading with no level of its own, followed at once by another objective's heading
    // (no prose, no indicator between): its parent ("1. Sicurezza urbana" over "OBIETTIVO
    // STRATEGICO OB.1 …" or "OB.1 - …"), not a sibling it would close
    const top = open[open.length - 1];
    const parentCandidate = top && top === this.quietCandidate && !top.level && !top.levelHint ? top : null;
    if (parentCandidate && lvl && lvl !== "area")
      parentCandidate.levelHint = LEVELS[LEVELS.indexOf(lvl) - 1]!;
    this.quietCandidate = null;
    // a coded heading without level words closes the open ones whose codes do not contain it
    // (an objective whose level words were printed stays open: it is the context of coded ones)
    if (!lvl && o.code)
      while (
        open.length &&
        open[open.length - 1] !== parentCandidate &&
        open[open.length - 1]!.code &&
        !open[open.length - 1]!.level &&
        !isCodePrefix(open[open.length - 1]!.code!, o.code)
      )
        open.pop();
    // (an open objective whose code prefixes the new one's is its ancestor, whatever its level says)
    if (lvl)
      while (
        open.length &&
        open[open.length - 1] !== parentCandidate &&
        LEVELS.indexOf(open[open.length - 1]!.level ?? open[open.length - 1]!.levelHint ?? "strategic") >=
          LEVELS.indexOf(lvl) &&
        !(o.code && open[open.length - 1]!.code && isCodePrefix(open[open.length - 1]!.code!, o.code))
      )
        open.pop();
    const parent = this.current();
    const f: FoundObjective = { ...o, contextParent: parent ? keyOf(parent) : null };
    objectives.push(f);
    open.push(f);
    this.resultGroup = [];
    return f;
  }

  /**
   * A heading that may be an objective ("1.1 Titolo"): opened like one, kept only if an indicator is
   * read while it is open (see `finish`).
   */
  proposeObjective(o: NewObjective): FoundObjective {
    const known = this.objectives.some((x) => (o.code ? x.code === o.code : x.title === o.title));
    const f = this.openObjective(o);
    if (!known) {
      f.tentative = true;
      this.quietCandidate = f;
      // a heading kept because indicators follow it: less sure than one that says what it is
      f.confidence = 0.7;
    }
    return f;
  }

  /**
   * Values listed under a candidate heading with no indicator yet: the heading named the indicator
   * (a list item that owns target lines is an indicator), so it becomes one.
   */
  headingAsIndicator(): Indicator | null {
    const top = this.current();
    if (!top || !top.tentative || this.indicators.some((i) => i.objectiveCode === (top.code ?? top.title)))
      return null;
    this.open.pop();
    this.objectives.splice(this.objectives.indexOf(top), 1);
    return this.addIndicator({
      code: top.code,
      name: top.title,
      formula: null,
      page: top.page,
      box: top.box,
      confidence: 0.6,
    });
  }

  /** Labels read beside an objective's title go to its fields. */
  applyLabels(o: FoundObjective | null, labels: Label[]): void {
    if (!o) return;
    for (const l of labels) {
      if (l.field === "owner" && typeof l.value === "string" && !o.owner) o.owner = l.value;
      if (l.field === "weight" && typeof l.value === "number" && o.weight === null) o.weight = l.value;
    }
  }

  /** An indicator from its name cell (name, description, an inline note or formula, a code). */
  newIndicator(
    nameSlot: Slot,
    formula: string | null,
    formulaInName: boolean,
    confidence: number,
  ): Indicator {
    const split = splitNameDescription(nameSlot);
    const { description } = split;
    let { name } = split;
    let inlineFormula: string | null = null;
    // "NOTA: ..." written into the name cell is a note (a scan's colon read as a semicolon too)
    const inlineNote = /\s(?:NOTA|NOTE|Nota|Note|N\.B\.)\s*[:;]\s*(.+)$/su.exec(name);
    if (inlineNote) name = name.slice(0, inlineNote.index).trim();
    // "Formula: …", "Fonte: …" under the name in its cell
    const labelled = splitLabelledFields(name);
    name = labelled.name;
    inlineFormula = labelled.formula;
    if (formulaInName && !inlineFormula) ({ name, formula: inlineFormula } = splitInlineFormula(name));
    const coded = leadingIndicatorCode(name);
    return this.addIndicator({
      code: coded?.code ?? null,
      name: coded?.rest ?? name,
      description,
      formula: formula ?? inlineFormula,
      notes: [...labelled.notes, ...(inlineNote ? [fold(inlineNote[0])] : [])],
      page: nameSlot.page,
      box: nameSlot.box,
      confidence,
    });
  }

  /** An indicator under the open objective. */
  addIndicator(x: {
    code: string | null;
    name: string;
    description?: string | null;
    formula: string | null;
    notes?: string[];
    page: number;
    box: Box | null;
    confidence: number;
  }): Indicator {
    const obj = this.current();
    this.quietCandidate = null;
    // an indicator under candidate headings makes them objectives
    for (const o of this.open) o.tentative = false;
    const ind: Indicator = {
      code: x.code,
      name: x.name,
      description: x.description ?? null,
      objectiveCode: obj ? (obj.code ?? obj.title) : null,
      formula: x.formula,
      weight: null,
      owner: null,
      baselines: [],
      targets: [],
      results: [],
      notes: x.notes ?? [],
      source: { page: x.page, bbox: x.box },
      confidence: round2(x.confidence),
    };
    this.indicators.push(ind);
    this.lastIndicator = ind;
    this.resultGroup.push(ind);
    return ind;
  }

  /** The values of a body row, by column role, into its indicator. */
  rowValues(
    row: LRow,
    roles: ColumnRole[],
    indCol: number,
    ind: Indicator,
    roleConfidence: number[],
    /** a weight column left of the names weighs the indicators (it changes within an objective) */
    indicatorWeights = false,
  ): void {
    const { defaultYear } = this;
    // "Stato 2015" printed in its own cell names the year of the row's baseline
    let rowBaseYear: number | null = null;
    // a unit column ("Unità di misura: %") gives the unit of the row's bare values
    let rowUnit: Target["unit"] | undefined;
    let rowYear: number | null = null;
    for (let k = 0; k < roles.length; k++) {
      const text = row.slots[k]?.text ?? "";
      if (roles[k]!.role === "baseline") {
        const m = /^(?:stato|anno|baseline)\s*((?:19|20)\d\d)$/i.exec(text);
        if (m) rowBaseYear = Number(m[1]);
      }
      if (roles[k]!.role === "unit" && text) rowUnit = unitWord(text);
      // a column of years beside undated value columns ("Anno | Target", one row per year) dates
      // the row's values
      if (
        (roles[k]!.role === "unknown" || roles[k]!.role === "other") &&
        roles[k]!.year === null &&
        /^(?:19|20)\d\d$/.test(text.trim())
      )
        rowYear = Number(text.trim());
    }
    let firstTarget: number | null = null;
    for (const r of roles)
      if (r.role === "target" && r.year !== null && (firstTarget === null || r.year < firstTarget))
        firstTarget = r.year;
    const startYear =
      firstTarget !== null && roles.filter((r) => r.role === "baseline").length === 1
        ? firstTarget - 1
        : null;
    // a target column headed as revised ("Target rimodulato 2023") supersedes the same year's other
    // target in the row ("Target iniziale 2023"), when it holds a value
    const revised: Target[] = [];
    const initial: Target[] = [];
    // a cell merged over columns of one role and year (a header cell over them, or a page whose
    // rulings split the column, as a stamp's arcs do on a scan) is read once
    const read = new Set<string>();
    for (let k = 0; k < roles.length; k++) {
      const r = roles[k]!;
      const s = row.slots[k];
      if (!s || !s.text || k === indCol) continue;
      if (!s.first && r.role !== "target" && r.role !== "baseline") continue;
      const once = `${s.key}|${r.role}|${r.year ?? rowYear}`;
      if (read.has(once)) continue;
      read.add(once);
      const unitHint = r.unit ?? rowUnit;
      const ctx = {
        year: r.year ?? rowYear,
        formula: ind.formula,
        source: { page: s.page, bbox: s.box },
        lowConfidence: lowConf(s),
        ...(unitHint !== undefined ? { unitHint } : {}),
      };
      switch (r.role) {
        case "formula":
          if (!ind.formula) ind.formula = s.text;
          break;
        case "weight": {
          const w = columnWeight(s.text);
          // a weight column left of the indicator's (merged like the objective) weighs the objective
          if (k < indCol && !indicatorWeights) {
            const obj = this.current();
            if (obj && s.first && obj.weight === null) obj.weight = w;
          } else ind.weight = w;
          break;
        }
        case "owner":
          ind.owner = s.text;
          break;
        case "code":
          // (a code column just left of an objective column codes the objectives)
          if (!ind.code && roles[k + 1]?.role !== "objective") ind.code = s.text;
          break;
        case "description":
          ind.description = s.text;
          break;
        case "target": {
          if (!s.first) continue;
          const ts: Target[] = targetsOf(segmentsOf(s.lines, s.text), {
            ...ctx,
            year: r.year ?? rowYear ?? defaultYear,
          });
          const c = roleConfidence[k] ?? 1;
          for (const x of ts) {
            if (c < 1) x.confidence = round2(Math.min(x.confidence ?? 1, c));
            ind.targets.push(x);
            (REVISED.test(plain(r.header)) ? revised : initial).push(x);
          }
          break;
        }
        case "baseline": {
          if (!s.first) continue;
          const v = valueOf(s.text, { ...ctx, year: ctx.year ?? rowBaseYear });
          // a start value printed with no year (its header left out, or "Baseline" alone) is the
          // value of the year before the first target's, when it is the row's only one
          if (v && v.year === null && startYear !== null) v.year = startYear;
          if (v) ind.baselines.push(v);
          break;
        }
        case "result": {
          const v = resultOf(s.text, { ...ctx, year: r.year ?? rowYear ?? defaultYear });
          if (v) ind.results.push(v);
          break;
        }
        case "achievement":
          achieved(ind, s.text);
          break;
        case "note": {
          const m = NOTE_REF.exec(s.text);
          if (m) this.noteRefs.set(ind, noteId(m[1]!));
          else if (s.text.length > 3) ind.notes = [...(ind.notes ?? []), s.text];
          break;
        }
        default: {
          const m = NOTE_REF.exec(s.text);
          if (m && /^\s*nota\s*\d/i.test(s.text)) this.noteRefs.set(ind, noteId(m[1]!));
        }
      }
    }
    for (const t of revised) {
      if (t.value === null && t.op === "=") continue;
      for (const o of initial) if (o.year === t.year && !o.superseded) o.superseded = true;
    }
  }

  /**
   * A comment row about the results of the indicators above it ("Al 31 dicembre … Percentuale di
   * raggiungimento = 100%"): the achievement goes to their results; a paragraph with an achievement
   * and no result to hold it becomes the result.
   */
  commentRow(text: string, page: number, box: Box): void {
    const ach = achievementIn(text);
    const group = this.resultGroup.length ? this.resultGroup : this.lastIndicator ? [this.lastIndicator] : [];
    for (const ind of group) {
      const r = ind.results.find((x) => x.achievementPct === null || x.achievementPct === undefined);
      if (r) r.achievementPct = ach;
      else if (ach !== null) {
        const res: Result = {
          year: this.defaultYear,
          value: null,
          unit: null,
          raw: text,
          achievementPct: ach,
          source: { page, bbox: box },
        };
        ind.results.push(res);
      }
    }
    this.resultGroup = [];
  }

  /** A note row under an indicator ("NOTA: …", "Note: …"). */
  noteRow(text: string): void {
    const ind = this.lastIndicator;
    if (ind) ind.notes = [...(ind.notes ?? []), fold(text)];
  }

  finish(): Walked {
    // candidate headings no indicator was read under were a document's own sections, not objectives
    const dropped = new Map<string, string | null>();
    for (const o of this.objectives) if (o.tentative) dropped.set(keyOf(o), o.contextParent);
    if (dropped.size) {
      const kept = this.objectives.filter((o) => !o.tentative);
      for (const o of kept) {
        let p = o.contextParent;
        for (let guard = 0; p !== null && dropped.has(p) && guard < 50; guard++) p = dropped.get(p) ?? null;
        o.contextParent = p;
      }
      this.objectives.splice(0, this.objectives.length, ...kept);
    }
    for (const o of this.objectives) delete o.tentative;
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

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The unit a unit cell names ("%", "euro", "giorni", "numero"). */
export function unitWord(text: string): Target["unit"] | undefined {
  const t = plain(text);
  if (/^%|percentual/.test(t)) return "%";
  if (/^(€|euro|eur)(?!\p{L})/u.test(t)) return "EUR";
  if (/^(gg|giorni|gg\.)/.test(t)) return "days";
  if (/^(n\.?|n°|nr\.?|numero|unita)$/.test(t)) return "count";
  if (/^(data|date)$/.test(t)) return "date";
  return undefined;
}

/** "100%", "94,5 %" in an achievement cell or field: the achievement of the indicator's last result. */
export function achieved(ind: Indicator, text: string): void {
  const m = /(-?\d{1,3}(?:[.,]\d+)?)\s*%/.exec(text);
  const last = ind.results[ind.results.length - 1];
  if (m && last) last.achievementPct = parseItalianNumber(m[1]!.replace(".", ","));
}

/** the header of a revised target's column: "Target rimodulato", "Valore atteso ridefinito" */
const REVISED = /\b(?:rimodulat|ridefinit|rivist|revisionat|riprogrammat|aggiornat)\w*/;

/** The series of a notes table's "2020: …" cell. */
export { seriesOf };
