/**
 * Row kinds. A table row is, by its shape and words: a header (labels and years), a titled header
 * (a section title before the year headers: "1. Semplificazione … | 2021 | 2022 | … | Owner"), a
 * wide row (one cell across most of the table: an objective banner, a band label, or a comment about
 * the results above), or a data row. Data rows are told apart once the columns' roles are known:
 * an indicator, a continuation of the indicator above (a merged name cell, a second row of values),
 * a comment written in the name column, or an objective named in the name column.
 */
import { readCell } from "./content.js";
import { isHeaderText, type ColumnRole } from "./columns.js";
import { readLabel, splitLabels } from "./labels.js";
import type { CompiledLexicon } from "./lexicon.js";
import { levelFromWords, numberedTitle, parseObjectiveText } from "./objectives.js";
import { rowCells, type LRow, type Slot } from "./tables.js";
import { percentWeight, plain } from "./text.js";
import { fold } from "../normalize/index.js";

export type RowShape =
  | { kind: "empty" }
  | { kind: "header"; reason: string; notes?: Slot[] }
  | { kind: "titled-header"; title: Slot; reason: string; notes?: Slot[] }
  | { kind: "wide"; cell: Slot; weight: Slot | null; reason: string }
  | { kind: "data"; cells: Slot[] };

const hasText = (s: Slot) => !!s.text;

/** a cell whose words were all read by OCR */
const readByOcr = (s: Slot) => s.lines.every((l) => l.words.every((w) => w.confidence !== undefined));

/**
 * A header label or a year; an objective's heading ("AMBITO 1 – Territorio") is a title, not a label.
 */
export function headerCell(s: Slot, lx: CompiledLexicon): boolean {
  if (/^(19|20)\d\d$/.test(s.text)) return true;
  if (!isHeaderText(s.text, lx)) return false;
  const o = parseObjectiveText(s.text, lx);
  // level words with no code and a word at most after them label a column ("Obiettivo di team /
  // individuale"): a heading has a code or a title
  return !o || (o.code === null && (o.title.match(/\p{L}{2,}/gu) ?? []).length <= 1);
}

/**
 * Words with one lone figure among them and maybe a year, no sign of a value: a label whose letter
 * OCR read as a figure.
 */
function misreadLabel(text: string): boolean {
  const words = text
    .replace(/\b(19|20)\d\d\b/g, "")
    .split(/\s+/)
    .filter(Boolean);
  const figures = words.filter((w) => /\d/.test(w));
  return (
    figures.length === 1 &&
    /^\d$/.test(figures[0]!) &&
    words.filter((w) => /^\p{L}{3,}$/u.test(w)).length >= 2 &&
    !/[%€<>≤≥=]/.test(text)
  );
}

/** A note's text ("Note: Fonte: …", "NOTA: …", "N.B. …"). */
export const isNoteText = (text: string) => /^(?:nota|note|n\.b\.)\s*[:.]/i.test(fold(text));

/** The shape of a row, from its cells alone. */
export function rowShape(row: LRow, nCols: number, lx: CompiledLexicon): RowShape {
  const all = rowCells(row).filter(hasText);
  if (!all.length) return { kind: "empty" };
  // a note printed just above a header or a banner that repeats it, read into its row: the note of
  // what came before, not one of the header's labels
  const cells = all.filter((s) => !isNoteText(s.text));
  const notes =
    cells.length < all.length && cells.length >= 2 ? { notes: all.filter((s) => !cells.includes(s)) } : {};
  if (cells.length >= 2) {
    if (cells.every((s) => headerCell(s, lx)))
      return { kind: "header", reason: "every cell a header word or a year", ...notes };
    // a label cut where it wraps (`Unità di`, its `misura` set on a row of its own by a scan's
    // layout) among three header words or more: a header still
    const odd = cells.filter((s) => !headerCell(s, lx));
    if (cells.length >= 4 && odd.length === 1 && /^\p{L}+(?: \p{L}+)?$/u.test(odd[0]!.text.trim()))
      return { kind: "header", reason: "header words but for a label cut where it wraps", ...notes };
    // "1. Semplificazione ... | 2021 | 2022 | ... | Owner": a section title in a header row
    const rest = cells.slice(1);
    if (
      rest.length >= 2 &&
      rest.every((s) => headerCell(s, lx)) &&
      rest.some((s) => /^(19|20)\d\d$/.test(s.text))
    )
      return {
        kind: "titled-header",
        title: cells[0]!,
        reason: "a title, then header words and years",
        ...notes,
      };
    if (rest.length >= 2 && rest.every((s) => headerCell(s, lx)))
      return { kind: "titled-header", title: cells[0]!, reason: "a title, then header words", ...notes };
    // a label of a scan with a letter read as a figure (`Valore 2 tteso 2021`) among four header
    // words or more, not in the first cell (a title's place: `AREA STRATEGICA 1 - …`): a header still
    if (
      cells.length >= 5 &&
      odd.length === 1 &&
      odd[0] !== cells[0] &&
      readByOcr(odd[0]!) &&
      misreadLabel(odd[0]!.text)
    )
      return { kind: "header", reason: "header words but for a label a scan misread", ...notes };
    // on a scan, a header row under a signature or a stamp has labels read as noise (`262:`,
    // `\bod&_` for 2023, 2024): a title, then three years or more and header words in half the cells
    // at least, and no cell that reads as a value (a sign, a unit, decimals)
    if (rest.length >= 4 && cells.every(readByOcr)) {
      let years = 0,
        heads = 0;
      for (const s of rest) {
        if (/^(19|20)\d\d$/.test(s.text)) years++;
        if (headerCell(s, lx)) heads++;
      }
      // (a first cell that is a label itself, `Obiettivi operativi`, is the header's, no title)
      if (
        years >= 3 &&
        heads * 2 >= rest.length &&
        !rest.some((s) => /[%€<>≤≥]|\d,\d/.test(s.text)) &&
        headerCell(cells[0]!, lx)
      )
        return { kind: "header", reason: "header words and years, the rest noise of a scan", ...notes };
      if (years >= 3 && heads * 2 >= rest.length && !rest.some((s) => /[%€<>≤≥]|\d,\d/.test(s.text)))
        return {
          kind: "titled-header",
          title: cells[0]!,
          reason: "a title, then years and header words, the rest noise of a scan",
          ...notes,
        };
    }
  }
  // one cell across most of the table (a banner, a band label, a comment), maybe with its weight
  const span = Math.max(2, Math.ceil(nCols * 0.6));
  const wide = all.find((s) => s.colSpan >= span);
  if (wide) {
    let weight: Slot | null = null;
    let alone = true;
    for (const s of all) {
      if (s === wide) continue;
      if (percentWeight(s.text) !== null) weight ??= s;
      else if (!/^\s*(\d+,\d+%)?\s*(indicatori|obiettivi operativi)\s*$/i.test(s.text)) {
        alone = false;
        break;
      }
    }
    if (alone)
      return {
        kind: "wide",
        cell: wide,
        weight,
        reason: `one cell over ${wide.colSpan} of ${nCols} columns`,
      };
  }
  // on a scan, a stamp or a signature over a banner row leaves marks read as words in its other
  // cells (and its arcs split the columns): an objective's heading over much of the table, beside
  // cells read unsure or of marks alone, is the row's banner
  const heading = all.find(
    (s) => s.colSpan >= Math.max(2, Math.ceil(nCols * 0.4)) && readByOcr(s) && parseObjectiveText(s.text, lx),
  );
  const marks = (s: Slot) => readByOcr(s) && (!/[\p{L}\p{N}]/u.test(s.text) || meanConfidence(s) < UNSURE);
  if (heading && all.every((s) => s === heading || marks(s)))
    return {
      kind: "wide",
      cell: heading,
      weight: null,
      reason: `an objective's heading over ${heading.colSpan} of ${nCols} columns, marks beside it`,
    };
  return { kind: "data", cells: all };
}

/** tesseract's mean confidence under which a cell's words are marks (a stamp's, a signature's) */
const UNSURE = 60;

/** the mean confidence of a cell's words */
function meanConfidence(s: Slot): number {
  let sum = 0,
    n = 0;
  for (const l of s.lines)
    for (const w of l.words) {
      sum += w.confidence ?? 100;
      n++;
    }
  return n ? sum / n : 100;
}

export type WideKind = "objective" | "comment" | "note" | "band";

/** What a wide cell holds. */
export function wideKind(text: string, lx: CompiledLexicon): { kind: WideKind; reason: string } {
  const t = fold(text);
  const h = plain(t);
  if (isNoteText(t)) return { kind: "note", reason: "a note" };
  if (isComment(t, lx)) return { kind: "comment", reason: "comment words" };
  if (parseObjectiveText(t, lx)) return { kind: "objective", reason: "level words or a code" };
  // a paragraph about results without the usual opening words
  if (/risult|raggiung/.test(h) && readCell(t).words > 6)
    return { kind: "comment", reason: "words about results" };
  if (lx.bands.test(h)) return { kind: "band", reason: "a band label" };
  return { kind: "band", reason: "no code, no level words" };
}

/** A comment about results: comment words at its start, or an achievement given as a figure. */
export function isComment(text: string, lx: CompiledLexicon): boolean {
  const h = plain(text);
  const m = lx.comments.exec(h);
  if (m && m.index === 0) return true;
  return /(?:percentuale|grado)\s+(?:di\s+)?raggiungimento\s*(?:[:=]|pari a|e'|è)?\s*=?\s*\d/.test(h);
}

/** Level words that are no objective (a caption, "Obiettivi operativi collegati …"), or a band label. */
export function isCaption(text: string, lx: CompiledLexicon): boolean {
  const t = fold(text);
  return (!!levelFromWords(t, lx) && !parseObjectiveText(t, lx)) || lx.bands.test(plain(t));
}

export const CAPTION_REASON = "a caption, not a name";
export const LABEL_REASON = "a label, not a name";

export type DataKind = "indicator" | "continuation" | "comment" | "note" | "objective" | "skip";

export interface DataRow {
  kind: DataKind;
  reason: string;
}

/**
 * A data row, once the roles are known: `indCol` is the name column; `hasPrev` whether an indicator
 * was read above in this table; `valueCols` the columns of targets, baselines and results.
 */
export function dataKind(
  row: LRow,
  cells: Slot[],
  roles: ColumnRole[],
  indCol: number,
  hasPrev: boolean,
  lx: CompiledLexicon,
): DataRow {
  const nameSlot = indCol >= 0 ? row.slots[indCol] : null;
  // (cells merged down from the rows above, an objective's, are not this row's words)
  const joined = fold(
    cells
      .filter((s) => s.first)
      .map((s) => s.text)
      .join(" "),
  );
  let values = 0;
  for (let k = 0; k < roles.length; k++) {
    const r = roles[k]!.role;
    const s = row.slots[k];
    // (the name's own cell spanning value columns holds no values: a note or comment across them)
    if (!s?.text || !s.first || k === indCol || (nameSlot && s.key === nameSlot.key)) continue;
    if (r === "target" || r === "baseline" || r === "result") {
      const kind = readCell(s.text).kind;
      if (kind !== "prose") values++;
    }
  }
  // a comment written across the row, or in the name column alone, about the indicator above
  if (hasPrev && isComment(joined, lx) && (values === 0 || cells.length <= 2 || /^al \d/.test(plain(joined))))
    return { kind: "comment", reason: "comment words" };
  if (hasPrev && /^(?:nota|note|n\.b\.)\s*:/i.test(joined) && values === 0)
    return { kind: "note", reason: "a note" };
  // a paragraph under an indicator, in the name column, with no values: a comment, not an indicator
  if (
    hasPrev &&
    values === 0 &&
    nameSlot?.first &&
    readCell(nameSlot.text).kind === "prose" &&
    cells.length === 1
  )
    return { kind: "comment", reason: "a paragraph without values" };
  if (!nameSlot || !nameSlot.text) {
    if (hasPrev && values > 0)
      return { kind: "continuation", reason: "values without a name: the indicator above" };
    return { kind: "skip", reason: "no name" };
  }
  // a caption alone on its row ("Obiettivi operativi collegati all'obiettivo strategico 1.1", set in
  // the name column when the layout did not widen it) names the objectives below, no indicator
  if (values === 0 && nameSlot.first && cells.length === 1 && isCaption(nameSlot.text, lx))
    return { kind: "skip", reason: CAPTION_REASON };
  // a label that ran into the table ("Valutazione OIV: 80", "PERFORMANCE D'ENTE") names no indicator;
  // nor do labels one a line ("PERFORMANCE D'ENTE" over "Peso: 100%")
  if (values === 0 && nameSlot.first && cells.length === 1 && labelsAlone(nameSlot, lx))
    return { kind: "skip", reason: LABEL_REASON };
  if (!nameSlot.first) {
    if (hasPrev) return { kind: "continuation", reason: "the name cell is merged from the row above" };
    return { kind: "skip", reason: "a merged name without its indicator" };
  }
  // an objective heading in the name column ("1.2 Titolo", "OBIETTIVO OPERATIVO A01") with no values,
  // at most its weight beside it (label lines under the title are its fields)
  if (
    values === 0 &&
    cells.every((c) => c === nameSlot || weightOf(c.text) !== null) &&
    objectiveHeading(headingText(nameSlot, lx), lx)
  )
    return { kind: "objective", reason: "an objective heading in the name column" };
  return { kind: "indicator", reason: values ? `a name and ${values} values` : "a name" };
}

/** A cell's text without its label lines ("Servizio "…"", "Responsabile: …"). */
export function headingText(slot: Slot, lx: CompiledLexicon): string {
  if (slot.lines.length < 2) return slot.text;
  const { rest } = splitLabels(
    slot.lines.map((l) => l.text),
    lx,
  );
  return rest.length ? fold(rest.join("\n")) : slot.text;
}

/**
 * A weight cell: a lone percentage, maybe with the caption of what follows run into it
 * ("60% Obiettivi operativi" when an unruled table put the caption in the weight column).
 */
export function weightOf(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:,\d+)?\s*%)\s*(?:indicatori|obiettivi(?:\s+operativi|\s+strategici)?)?\s*$/i.exec(
    fold(text),
  );
  return m ? percentWeight(m[1]!) : null;
}

/** A heading that opens an objective: level words with a code or a title, or a coded title in capitals. */
export function objectiveHeading(text: string, lx: CompiledLexicon): boolean {
  // "2 QUALIFICARE L'OFFERTA …": a number and a title in capitals
  const n = numberedTitle(text, lx);
  if (n && n.title === n.title.toUpperCase()) return true;
  const p = parseObjectiveText(text, lx);
  if (!p) return false;
  if (levelFromWords(text, lx)) return true;
  return readCell(text).kind === "coded" && p.code !== null && !/\d{3}/.test(p.code);
}

/** A cell whose text is a label, or whose every line is one. */
export function labelsAlone(s: Slot, lx: CompiledLexicon): boolean {
  if (readLabel(s.text, lx)) return true;
  return s.lines.length > 1 && s.lines.every((l) => readLabel(l.text, lx) !== null);
}
