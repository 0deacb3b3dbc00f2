/**
 * Text outside tables: objective headings and banners, the labels printed beside them, and plans
 * written as headings and lists rather than tables. A block is cut into items (a line that opens with
 * a bullet, a code, level words or a field label starts one; other lines continue it), and each item
 * is read as a heading, an indicator item (`R.A.1.1a - …`, `Indicatore: …`), a field of the indicator
 * above (`Target 2021 - …`, `Baseline: …`, `Formula: …`) or prose.
 *
 * A heading with a code but no level words ("1.1 Titolo") is a candidate: it becomes an objective only
 * if an indicator is read under it, so a document's own numbered sections ("1. Premessa") are not
 * taken for objectives.
 */
import type { Block, Indicator, Line, Target, TextSegment } from "../model/index.js";
import { union } from "../model/index.js";
import { achieved, unitWord, type RecordBuilder } from "./builder.js";
import { classifyHeader, headerPlain, type ColumnRole } from "./columns.js";
import { splitLabels } from "./labels.js";
import { levelFromWords, numberedTitle, parseObjectiveText, type FoundObjective } from "./objectives.js";
import { clip, type BlockTrace } from "./trace.js";
import { leadingIndicatorCode, leadingObjectiveCode, percentWeight } from "./text.js";
import { fold } from "../normalize/index.js";
import { segmentsOf, targetsOf, valueOf, resultOf } from "./values.js";

const BULLET = /^[•\-–—▪◦*·●○■□✓➢►>]\s+|^[a-z]\)\s+|^\(?[ivx]{1,4}\)\s+/u;

export interface Item {
  text: string;
  lines: Line[];
  /** the words' struck flags, in order */
  segments: TextSegment[];
  bold: boolean;
  bullet: boolean;
  page: number;
  box: Block["box"];
}

/** A field line of a list: its label's role and year, and the value after the label. */
export interface Field {
  role: ColumnRole;
  value: string;
  /** characters of the item's text before the value */
  at: number;
}

/** "Target 2021 - ≥ 5", "Baseline: 45%", "Formula: a/b", "• Valore atteso 2024: entro il 30/6". */
export function readField(text: string, b: RecordBuilder): Field | null {
  const bullet = BULLET.exec(text);
  const t = bullet ? text.slice(bullet[0].length) : text;
  const off = bullet ? bullet[0].length : 0;
  // a label then a separator: "Label: value", "Label - value", "Label 2021 - value", "Label (2021): value"
  // (after a year, a colon OCR read as a semicolon: "Target 2022; +2%")
  const m =
    /^([\p{L}][\p{L}'’°.%/ ]{1,40}?(?:\s*\(?(?:19|20)\d\d\)?)?)\s*(?::|(?<=(?:19|20)\d\d\)?);|\s[-–—]\s|=(?!\s*[<>]))\s*(.+)$/su.exec(
      t,
    ) ??
    // "Target 2021 >= 5": a year, then the value
    /^([\p{L}][\p{L}'’ ]{1,30}?\s+(?:19|20)\d\d)\s+(?=[<>≤≥=+\d]|entro\b)(.+)$/su.exec(t);
  if (!m) return null;
  const role = classifyHeader(m[1]!.trim(), b.lx);
  if (role.role === "unknown") return null;
  // the label must be its header words and little else ("Target 2021", "Indicatore di risultato"):
  // "Servizio Servizi Anagrafici - LA SPEZIA" is an office's name, not a field and its value
  const label = headerPlain(m[1]!)
    .replace(/\(?(?:19|20)\d\d\)?|\([^)]*\)/g, " ")
    .trim();
  const matched = role.reason.match(/'([^']*)'/)?.[1] ?? "";
  const extra = label.split(/\s+/).length - (matched ? matched.split(/\s+/).length : 0);
  // (an objective's label may name its kind at length: "Obiettivo di Valore Pubblico: …")
  if (extra > (role.role === "objective" && label.startsWith(matched) ? 4 : 2)) return null;
  // an objective field names its level first ("Obiettivo strategico: …"), not in passing ("Schede
  // degli obiettivi: …")
  if (role.role === "objective" && !label.startsWith(matched)) return null;
  return { role, value: m[2]!.trim(), at: off + t.length - m[2]!.length };
}

/**
 * An indicator's label, its code and its name: "Indicatore 1.1.1 – Visitatori dei musei", "KPI n. 3:
 * Tempo medio", "Indicatore A.2 - …". The code comes from the text; the label must be an indicator's
 * header words and little else ("Indicatore di risultato 2.1 - …").
 */
export function labelledIndicator(text: string, b: RecordBuilder): { code: string; name: string } | null {
  const t = text.replace(BULLET, "");
  const m =
    /^(\p{L}[\p{L}'’ ]{1,30}?)\s+(?:n\.?\s*|nr\.?\s*|n°\s*)?((?:[A-Za-z]{1,4}[.\-_]?)?\d{1,3}(?:[.\-_][A-Za-z0-9]{1,4})*)\s*(?::|[-–—]|\.)\s+(\S.*)$/su.exec(
      t,
    );
  if (!m) return null;
  const role = classifyHeader(m[1]!.trim(), b.lx);
  if (role.role !== "indicator") return null;
  const matched = role.reason.match(/'([^']*)'/)?.[1] ?? "";
  const label = headerPlain(m[1]!);
  if (!label.startsWith(matched) || label.split(/\s+/).length - matched.split(/\s+/).length > 2) return null;
  return { code: m[2]!.replace(/\.$/, ""), name: m[3]!.trim() };
}

/** Cuts a block's lines into items. */
export function itemsOf(lines: Line[], page: number, b: RecordBuilder): Item[] {
  const items: Item[] = [];
  let cur: Line[] = [];
  const flush = () => {
    if (!cur.length) return;
    const text = fold(cur.map((l) => l.text).join("\n"));
    const words = cur.flatMap((l) => l.words);
    items.push({
      text,
      lines: cur,
      segments: segmentsOf(cur, text),
      bold: words.length > 0 && words.filter((w) => w.bold).length >= words.length / 2,
      bullet: BULLET.test(text),
      page,
      box: union(cur.map((l) => l.box)),
    });
    cur = [];
  };
  for (const l of lines) {
    if (cur.length && startsItem(l.text, b)) flush();
    cur.push(l);
  }
  flush();
  return items;
}

function startsItem(text: string, b: RecordBuilder): boolean {
  const t = text.trim();
  if (BULLET.test(t)) return true;
  if (levelFromWords(t, b.lx)) return true;
  const oc = leadingObjectiveCode(t);
  if (oc && oc.rest.length >= 3 && /^\p{Lu}/u.test(oc.rest)) return true;
  if (leadingIndicatorCode(t)) return true;
  if (readField(t, b) || labelledIndicator(t, b)) return true;
  return false;
}

/** Drops the first `n` characters of the text the segments spell (the label of a field). */
function dropChars(segments: TextSegment[], n: number): TextSegment[] {
  const out: TextSegment[] = [];
  let left = n;
  for (const s of segments) {
    if (left <= 0) {
      out.push(s);
      continue;
    }
    if (s.text.length + 1 <= left) {
      left -= s.text.length + 1;
      continue;
    }
    out.push({ ...s, text: s.text.slice(left).trim() });
    left = 0;
  }
  return out.filter((s) => s.text);
}

export class BlockReader {
  /** the indicator list items write their fields into, and the unit a "Unità di misura" line gave */
  private ind: Indicator | null = null;
  private unit: Target["unit"] | undefined;

  constructor(
    private readonly b: RecordBuilder,
    private readonly trace?: BlockTrace[],
  ) {}

  /** the last objective each field label opened (objectives under one label are siblings) */
  private labelled = new Map<string, FoundObjective>();

  /** a code field read before its indicator's name field */
  private pendingCode: string | null = null;

  /** the block read last, when it was a lone short line of prose: the heading labels may follow */
  private heading: Item | null = null;

  /** A table comes between: list fields no longer belong to the indicator above it. */
  breakList(): void {
    this.ind = null;
    this.pendingCode = null;
    this.unit = undefined;
    this.heading = null;
    this.evaluated = false;
  }

  private note(page: number, top: number, kind: string, reason: string, text: string): void {
    this.trace?.push({ page, top: Math.round(top), kind, reason, text: clip(text) });
  }

  read(block: Block, page: number): void {
    const b = this.b;
    if (!fold(block.text)) return;
    // label lines ("Servizio "…"", "Valutazione OIV: 80", "PERFORMANCE D'ENTE") are fields, not title
    const texts = block.lines.map((l) => l.text);
    const { labels } = splitLabels(texts, b.lx);
    const lines = block.lines.filter((l) => splitLabels([l.text], b.lx).rest.length > 0);
    const heading = this.heading;
    this.heading = null;
    // an objective's labels (its owner, its weight) under a line of its own that read as prose: that
    // line was the objective's title, written without a code or level words ("Semplificare l'accesso
    // ai contributi" over "Responsabile: …", "Peso: 50%"); kept if indicators follow
    const untitled = b.current();
    // (an evaluation or a scope is printed beside an objective's title too: "PERFORMANCE D'ENTE")
    const objectiveLabels = !!heading && labels.length > 0;
    if (heading && objectiveLabels && untitled && !untitled.title) {
      // a banner with a code and no title ("OBIETTIVO OPERATIVO 2.1.2") takes it
      untitled.title = heading.text;
      this.note(heading.page, heading.box[1], "title", "the title of the heading above", heading.text);
    } else if (heading && objectiveLabels) {
      b.proposeObjective({
        code: null,
        title: heading.text,
        level: null,
        levelHint: null,
        weight: null,
        owner: null,
        page: heading.page,
        box: heading.box,
      });
      this.note(
        heading.page,
        heading.box[1],
        "heading",
        "a title over an objective's labels (kept if indicators follow)",
        heading.text,
      );
    }
    const before = b.objectives.length;
    const indicators = b.indicators.length;
    if (labels.length)
      this.note(page, block.box[1], "label", labels.map((l) => l.field).join(", "), block.text);
    // (a banner waiting for its title: a line of its own that becomes it is no heading after)
    const waiting = b.pendingBanner && !b.pendingBanner.title ? b.pendingBanner : null;
    let items: Item[] = [];
    if (lines.length) {
      // a block made only of one banner keeps the banner's own reading (its lines run on)
      items = itemsOf(lines, page, b);
      for (const it of items) this.readItem(it);
    }
    const opened = b.objectives.length > before ? b.objectives[b.objectives.length - 1]! : b.current();
    b.applyLabels(opened, labels);
    // a lone short line that read as prose and opened nothing: perhaps a heading (see above)
    const only = items.length === 1 && !labels.length ? items[0]! : null;
    const lone =
      only &&
      !(waiting && waiting.title === only.text) &&
      b.objectives.length === before &&
      b.indicators.length === indicators &&
      titleLike(only.text) &&
      // (a caption, "Obiettivi operativi collegati all'obiettivo …", names no objective of its own,
      // and a table's header labels printed apart, "Risultato conseguito", are no title)
      !levelFromWords(only.text, b.lx) &&
      !opensWithHeaderWord(only.text, b);
    // under an objective's evaluation or scope ("Valutazione OIV: 80" over "RIDURRE I TEMPI …"), a
    // line in capitals is the next objective's title, whatever follows it (kept if indicators follow)
    if (lone && this.evaluated && capitals(only.text)) {
      b.proposeObjective({
        code: null,
        title: only.text,
        level: null,
        levelHint: null,
        weight: null,
        owner: null,
        page: only.page,
        box: only.box,
      });
      this.note(
        only.page,
        only.box[1],
        "heading",
        "a title in capitals under an evaluation (kept if indicators follow)",
        only.text,
      );
    } else if (lone) this.heading = only;
    this.evaluated = !lines.length && labels.some((l) => l.field === "evaluation" || l.field === "scope");
  }

  /** the block read last was an evaluation or a scope label alone */
  private evaluated = false;

  /** One item: a heading, an indicator item, a field of the indicator above, or prose. */
  readItem(it: Item): void {
    const b = this.b;
    const text = it.text;
    const top = it.box[1];
    // a banner waiting for its title takes the next item, unless that item is itself a coded banner
    // ("AMBITO OBIETTIVI STRATEGICI COMUNI 3"): then the title was not printed after it
    if (b.pendingBanner && !b.pendingBanner.title) {
      const waiting = b.pendingBanner;
      b.pendingBanner = null;
      const coded = levelFromWords(text, b.lx) !== null && !!parseObjectiveText(text, b.lx)?.code;
      if (!coded && !readField(text, b)) {
        waiting.title = text;
        this.note(it.page, top, "title", "the title of the heading above", text);
        return;
      }
    }
    const level = levelFromWords(text, b.lx);
    const body = text.replace(BULLET, "");
    if (level) {
      const parsed = parseObjectiveText(text, b.lx);
      if (!parsed) return this.note(it.page, top, "band", "level words alone, or a caption", text);
      const o = {
        code: parsed.code,
        title: parsed.code && (parsed.title === "" || parsed.title === parsed.code) ? "" : parsed.title,
        level: parsed.level,
        levelHint: null,
        weight: null,
        owner: null,
        page: it.page,
        box: it.box,
      };
      // "AREA SERVIZI INTERNI" without a number is as often an office as an area of the plan: it is
      // kept only if indicators are read under it
      const weak = parsed.level === "area" && !parsed.code;
      const f = weak ? b.proposeObjective(o) : b.openObjective(o);
      if (!f.title) b.pendingBanner = f;
      this.breakList();
      return this.note(
        it.page,
        top,
        "objective",
        weak ? "an area without a number (kept if indicators follow)" : "level words",
        text,
      );
    }
    const field = readField(text, b);
    if (field) return this.field(it, field);
    const labelled = labelledIndicator(text, b);
    if (labelled)
      return this.item(it, labelled.code, labelled.name, 0.8, "an indicator's label, code and name");
    // an indicator item: "R.A.1.1a - Incremento …", "IND 3 - …"
    const ic = leadingIndicatorCode(body);
    const oc = leadingObjectiveCode(body);
    if (ic && !(oc && oc.rest.length >= 3 && oc.code.length >= ic.code.length))
      return this.item(it, ic.code, ic.rest, 0.7, "an indicator code before a name");
    // "1 Rafforzare i servizi …": a number and a title, in bold, as the coded headings under it
    const bare = !oc && it.bold ? numberedTitle(body, b.lx) : null;
    if (bare && headingLike(it)) {
      b.proposeObjective({
        code: bare.code,
        title: bare.title,
        level: null,
        levelHint: null,
        weight: null,
        owner: null,
        page: it.page,
        box: it.box,
      });
      this.breakList();
      return this.note(it.page, top, "heading", "a numbered bold heading (kept if indicators follow)", text);
    }
    // a heading with a code: a candidate objective, kept if indicators are read under it
    const parsed = oc ? parseObjectiveText(body, b.lx) : null;
    if (oc && parsed && oc.rest.length >= 3 && /^\p{Lu}|^["“«(]/u.test(oc.rest) && headingLike(it)) {
      b.proposeObjective({
        code: oc.code,
        title: parsed.title,
        level: null,
        levelHint: null,
        weight: null,
        owner: null,
        page: it.page,
        box: it.box,
      });
      this.breakList();
      return this.note(it.page, top, "heading", "a coded heading (kept if indicators follow)", text);
    }
    // (a paragraph after a candidate heading: that heading heads text, not the next objective)
    b.quietCandidate = null;
    this.note(it.page, top, "text", "prose", text);
  }

  /** An indicator item: the indicator the list's fields below go to. */
  private item(it: Item, code: string, name: string, confidence: number, reason: string): void {
    this.ind = this.b.addIndicator({ code, name, formula: null, page: it.page, box: it.box, confidence });
    this.unit = undefined;
    this.note(it.page, it.box[1], "indicator", reason, it.text);
  }

  /** A field line: into the indicator the list is at (a name field opens one). */
  field(it: Item, f: Field): void {
    const b = this.b;
    const top = it.box[1];
    const { role, value } = f;
    const segs = dropChars(it.segments, f.at);
    const source = { page: it.page, bbox: it.box };
    if (role.role === "objective") {
      // "Obiettivo strategico: 1.1 Titolo", "Area: Sviluppo economico": the label names the level
      const parsed = parseObjectiveText(value, b.lx);
      const coded =
        parsed ?? (leadingObjectiveCode(value) ? { ...leadingObjectiveCode(value)!, level: null } : null);
      const code = coded && "code" in coded ? coded.code : null;
      const title = coded ? ("title" in coded ? coded.title : coded.rest) : value;
      if (!title && !code) return this.note(it.page, top, "skip", "an empty objective field", it.text);
      const level = parsed?.level ?? role.level ?? null;
      // objectives under the same label with no level words ("Obiettivo di Valore Pubblico: …" twice)
      // are siblings: the first level, not each under the one before
      const label = headerPlain(role.header);
      const sibling = !level && !code ? this.labelled.get(label) : undefined;
      if (sibling && !sibling.level && !sibling.levelHint) sibling.levelHint = "strategic";
      const opened = b.openObjective({
        code,
        title: title || "",
        level,
        levelHint: role.level ?? (sibling ? (sibling.level ?? sibling.levelHint) : null),
        weight: null,
        owner: null,
        page: it.page,
        box: it.box,
      });
      if (!level && !code) this.labelled.set(label, opened);
      this.breakList();
      return this.note(it.page, top, "objective", `field '${role.header}'`, it.text);
    }
    if (role.role === "indicator") {
      // "Indicatore: …" under an item that has no values yet (an expected result "R.A.1.1a - …")
      // says what that item measures: its description, not a second indicator
      const cur = this.ind;
      if (cur && !cur.targets.length && !cur.baselines.length && !cur.description && cur.code) {
        cur.description = value;
        return this.note(it.page, top, "field", `'${role.header}' describes the item above`, it.text);
      }
      const coded = leadingIndicatorCode(value);
      const pending = this.pendingCode;
      this.pendingCode = null;
      this.ind = b.addIndicator({
        code: coded?.code ?? pending,
        name: coded?.rest ?? value,
        formula: null,
        page: it.page,
        box: it.box,
        confidence: 0.8,
      });
      this.unit = undefined;
      return this.note(it.page, top, "indicator", `field '${role.header}'`, it.text);
    }
    if (role.role === "weight" && !this.ind) {
      const o = b.current();
      if (o && o.weight === null) o.weight = percentWeight(value);
      return this.note(it.page, top, "field", "the objective's weight", it.text);
    }
    if (role.role === "owner" && !this.ind) {
      const o = b.current();
      if (o && !o.owner) o.owner = value;
      return this.note(it.page, top, "field", "the objective's owner", it.text);
    }
    let ind = this.ind;
    // a code printed before the indicator's name ("Codice indicatore: 3.1.a" over "Indicatore: …")
    // waits for the indicator the next field opens
    if (role.role === "code" && (!ind || ind.code)) {
      this.pendingCode = value;
      return this.note(it.page, top, "field", "the code of the indicator that follows", it.text);
    }
    // values under a coded heading with no indicator yet: the heading was the indicator's name
    if (!ind && ["target", "baseline", "formula", "result"].includes(role.role))
      ind = this.b.headingAsIndicator();
    if (!ind)
      return this.note(it.page, top, "skip", `field '${role.header}' with no indicator open`, it.text);
    this.ind = ind;
    const ctx = {
      year: role.year,
      formula: ind.formula,
      source,
      lowConfidence: false,
      ...((role.unit ?? this.unit) ? { unitHint: role.unit ?? this.unit } : {}),
    };
    switch (role.role) {
      case "formula":
        ind.formula = ind.formula ? `${ind.formula} ${value}` : value;
        break;
      case "description":
        ind.description = value;
        break;
      case "weight":
        ind.weight = percentWeight(value);
        break;
      case "owner":
        ind.owner = value;
        break;
      case "unit":
        this.unit = unitWord(value);
        break;
      case "code":
        ind.code ??= value;
        break;
      case "target":
        for (const t of targetsOf(segs, { ...ctx, year: role.year ?? b.defaultYear })) {
          t.confidence = Math.min(t.confidence ?? 1, 0.8);
          ind.targets.push(t);
        }
        break;
      case "baseline": {
        // "120 (2020)", "45% al 2022", "90 giorni - anno 2020": the year printed after the value
        const y = /\s*(?:\(\s*((?:19|20)\d\d)\s*\)|[-–,]?\s*(?:al|anno|nel)\s+((?:19|20)\d\d))\s*$/i.exec(
          value,
        );
        const text = y ? value.slice(0, y.index) : value;
        const year = y ? Number(y[1] ?? y[2]) : ctx.year;
        const v = valueOf(text, { ...ctx, year });
        if (v) ind.baselines.push(v);
        break;
      }
      case "result": {
        const v = resultOf(value, { ...ctx, year: role.year ?? b.defaultYear });
        if (v) ind.results.push(v);
        break;
      }
      case "achievement":
        achieved(ind, value);
        break;
      case "note":
        ind.notes = [...(ind.notes ?? []), fold(value)];
        break;
      case "source":
        ind.notes = [...(ind.notes ?? []), fold(it.text)];
        break;
      default:
        break;
    }
    this.note(it.page, top, "field", `'${role.header}' is ${role.role}`, it.text);
  }
}

/** A title: a capital first, two to fourteen words, no year, no closing stop, no colon. */
export function titleLike(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/).length;
  return (
    /^\p{Lu}/u.test(t) && words >= 2 && words <= 14 && !/[.;:]\s*$|:/.test(t) && !/\b(?:19|20)\d\d\b/.test(t)
  );
}

/** A text that opens with a column's header word ("Risultato conseguito …", "Algoritmo di calcolo"). */
function opensWithHeaderWord(text: string, b: RecordBuilder): boolean {
  const h = headerPlain(text);
  return b.lx.headers.some(({ re }) => re.exec(h)?.index === 0);
}

/** Written in capitals (its letters, five at least). */
function capitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 5 && letters === letters.toUpperCase();
}

/** Bold, larger, or in capitals, and short: a heading rather than a sentence that starts with a number. */
function headingLike(it: Item): boolean {
  if (it.text.split(/\s+/).length > 40) return false;
  if (it.bold) return true;
  const letters = it.text.replace(/[^\p{L}]/gu, "");
  if (letters.length > 4 && letters === letters.toUpperCase()) return true;
  return !/[.;]\s*$/.test(it.text) && it.text.length < 200;
}
