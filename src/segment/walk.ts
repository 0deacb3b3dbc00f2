/**
 * Walks a document in reading order (pages, then blocks and tables by their top) and turns it into
 * objectives and indicators: banners and section rows open objectives, header rows set column roles,
 * body rows become indicators with their values, result rows and notes attach to the indicators above.
 */
import type { Block, Indicator, PageLayout, Target } from "../model/index.js";
import { union } from "../model/index.js";
import { classifyHeader, isHeaderText, settleYears, type ColumnRole } from "./columns.js";
import { rowCells, TableJoiner, type LRow, type LTable, type Slot } from "./grid.js";
import { levelFromWords, parseObjectiveText, type FoundObjective } from "./objectives.js";
import { fold, leadingIndicatorCode, percentWeight, plain } from "./text.js";
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

/**
 * A walk a page at a time. Pages are held only while a table runs on across them: a page whose first
 * table does not continue the previous page's last one closes the pages before it, which are walked
 * and let go.
 */
export function walker(defaultYear: number | null): Walker {
  const objectives: FoundObjective[] = [];
  const indicators: Indicator[] = [];
  const warnings: string[] = [];
  const noteRefs = new Map<Indicator, string>();
  const notes = new Map<string, NoteInfo>();
  const lowConf = (s: Slot) =>
    s.lines.some((l) => l.words.some((w) => w.confidence !== undefined && w.confidence < 60));

  // the open objective per level; a new one closes those at its level and below
  const open: FoundObjective[] = [];
  const order = ["area", "strategic", "operational", "action"];
  const current = () => open[open.length - 1] ?? null;
  const keyOf = (o: FoundObjective) => o.code ?? o.title;
  const openObjective = (o: Omit<FoundObjective, "contextParent">): FoundObjective => {
    const existing = objectives.find((x) => (o.code ? x.code === o.code : !x.code && x.title === o.title));
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
        order.indexOf(open[open.length - 1]!.level ?? open[open.length - 1]!.levelHint ?? "strategic") >=
          order.indexOf(lvl)
      )
        open.pop();
    const parent = current();
    const f: FoundObjective = { ...o, contextParent: parent ? keyOf(parent) : null };
    objectives.push(f);
    open.push(f);
    return f;
  };

  // --- banners in text blocks -------------------------------------------------------------
  let pendingBanner: FoundObjective | null = null;
  const onBlock = (b: Block, page: number) => {
    const text = fold(b.text);
    if (!text) return;
    // a banner waiting for its title takes the next block, unless that block is itself a coded
    // banner ("AMBITO OBIETTIVI STRATEGICI COMUNI 3"): then the title was not printed after it
    if (pendingBanner && !pendingBanner.title) {
      const waiting = pendingBanner;
      pendingBanner = null;
      if (!isCodedBanner(text)) {
        waiting.title = text;
        return;
      }
    }
    const owner = /^servizi?o?\s*["“«]?|^(?:ufficio|area)\s+["“«]/i.test(text) ? text : null;
    if (owner && current() && !current()!.owner) {
      current()!.owner = text;
      return;
    }
    const level = levelFromWords(text);
    if (!level) return;
    const parsed = parseObjectiveText(text);
    if (!parsed) return;
    // a banner whose title is on the next block ("OBIETTIVO OPERATIVO A02.01" then the title)
    const f = openObjective({
      code: parsed.code,
      title: parsed.code && (parsed.title === "" || parsed.title === parsed.code) ? "" : parsed.title,
      level: parsed.level,
      levelHint: null,
      weight: null,
      owner: null,
      page,
      box: b.box,
    });
    if (!f.title) pendingBanner = f;
  };

  // --- tables ------------------------------------------------------------------------------
  const onTable = (t: LTable) => {
    let roles: ColumnRole[] = [];
    let lastIndicator: Indicator | null = null;
    let resultGroup: Indicator[] = [];
    const objectiveCells = new Map<string, FoundObjective>();

    const setRoles = (row: LRow, titleCol: number | null) => {
      roles = settleYears(
        row.slots.map((s, k) => {
          if (k === titleCol) return { role: "indicator", year: null, header: s?.text ?? "" } as ColumnRole;
          // a header cell spanning several columns over per-year sub-headers is handled by the caller
          return classifyHeader(s?.text ?? "");
        }),
      );
    };

    const headerLike = (row: LRow) => {
      const cells = rowCells(row).filter((s) => s.text);
      if (cells.length < 2) return { header: false, titleCol: null as number | null };
      const hits = cells.filter((s) => isHeaderText(s.text) || /^(19|20)\d\d$/.test(s.text));
      if (hits.length === cells.length) return { header: true, titleCol: null };
      // "1. Semplificazione ... | 2021 | 2022 | ... | Owner": a section title in a header row
      const rest = cells.slice(1);
      if (rest.length >= 2 && rest.every((s) => isHeaderText(s.text) || /^(19|20)\d\d$/.test(s.text)))
        return { header: true, titleCol: row.slots.indexOf(cells[0]!) };
      return { header: false, titleCol: null };
    };

    // multi-row headers: join the texts stacked over each column ("Target" over "2021")
    const headerRows = t.rows.filter((r) => r.header);
    if (headerRows.length) {
      const merged: LRow = {
        ...headerRows[0]!,
        slots: headerRows[0]!.slots.map((_, k) => {
          const texts = headerRows.map((r) => r.slots[k]?.text ?? "").filter(Boolean);
          const first = headerRows.map((r) => r.slots[k]).find(Boolean) ?? null;
          return first ? { ...first, text: [...new Set(texts)].join(" ") } : null;
        }),
      };
      setRoles(merged, null);
    }

    const roleCol = (role: string) => roles.findIndex((r) => r.role === role);

    for (const row of t.rows) {
      if (row.header) continue;
      const cells = rowCells(row).filter((s) => s.text);
      if (!cells.length) continue;
      // a coded objective heading that a table found by alignment took in (a justified heading spread
      // over columns, or one printed just above the table): not a row, a banner
      if (t.method === "stream" && !roles.some((r) => r.role === "objective")) {
        const banner = streamBanner(cells);
        if (banner) {
          onBlock(banner, banner.page);
          continue;
        }
      }
      const h = headerLike(row);
      if (h.header) {
        if (h.titleCol !== null) {
          const title = row.slots[h.titleCol]!;
          const parsed = parseObjectiveText(title.text);
          openObjective({
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
        setRoles(row, h.titleCol);
        continue;
      }
      if (!roles.length) continue;

      // a section row: one cell across most of the table (objective banner or a result paragraph)
      const wide = cells.find((s) => s.colSpan >= Math.max(2, Math.ceil(t.nCols * 0.6)));
      const others = cells.filter((s) => s !== wide);
      if (
        wide &&
        others.every(
          (s) =>
            percentWeight(s.text) !== null ||
            /^\s*(\d+,\d+%)?\s*(indicatori|obiettivi operativi)\s*$/i.test(s.text),
        )
      ) {
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
        if (parsed) {
          const weightCell = others.find((s) => percentWeight(s.text) !== null);
          openObjective({
            code: parsed.code,
            title: parsed.title,
            level: parsed.level,
            levelHint: null,
            weight: weightCell ? percentWeight(weightCell.text) : null,
            owner: null,
            page: wide.page,
            box: wide.box,
          });
        }
        // otherwise a band label ("Indicatori", "Obiettivi operativi"): never an indicator
        continue;
      }

      // objective columns: a new merged cell opens an objective (levels from the header)
      roles.forEach((r, k) => {
        if (r.role !== "objective") return;
        const s = row.slots[k];
        if (!s || !s.text || !s.first || objectiveCells.has(s.key)) return;
        const parsed = parseObjectiveText(s.text);
        // text without a code under an objective column continues the objective above (a long title
        // wrapped onto the next page)
        const prevInCol = [...objectiveCells.entries()]
          .reverse()
          .find(([key]) => key.split(":")[2] === String(k))?.[1];
        if (!parsed?.code && prevInCol && !levelFromWords(s.text)) {
          prevInCol.title = fold(`${prevInCol.title} ${s.text}`);
          objectiveCells.set(s.key, prevInCol);
          return;
        }
        const ownerM = /\(([^()]{3,60})\)\s*$/.exec(s.text);
        const f = openObjective({
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
      });

      // a table without any value column (a summary of names and counts) holds no indicators
      if (!roles.some((r) => ["target", "baseline", "result", "formula"].includes(r.role))) continue;
      let indCol = roleCol("indicator");
      if (indCol < 0) indCol = roles.findIndex((r) => r.role === "unknown" || r.role === "description");
      const nameSlot = indCol >= 0 ? row.slots[indCol] : null;
      const formulaCol = roleCol("formula");
      const formula = formulaCol >= 0 && row.slots[formulaCol]?.text ? row.slots[formulaCol]!.text : null;

      let ind: Indicator | null = null;
      if (nameSlot && nameSlot.text && nameSlot.first) {
        const split = splitNameDescription(nameSlot);
        const { description } = split;
        let { name } = split;
        let inlineFormula: string | null = null;
        // "NOTA: ..." written into the name cell is a note
        const inlineNote = /\s(?:NOTA|Nota|N\.B\.)\s*:\s*(.+)$/su.exec(name);
        if (inlineNote) name = name.slice(0, inlineNote.index).trim();
        if (formulaCol < 0) ({ name, formula: inlineFormula } = splitInlineFormula(name));
        const coded = leadingIndicatorCode(name);
        const obj = current();
        ind = {
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
        indicators.push(ind);
        lastIndicator = ind;
        resultGroup.push(ind);
      } else if (nameSlot && !nameSlot.first && lastIndicator) {
        ind = lastIndicator; // values on a further row of a merged indicator cell
      }
      if (!ind) continue;

      // "Stato 2015" printed in its own cell names the year of the row's baseline
      let rowBaseYear: number | null = null;
      roles.forEach((r, k) => {
        const m =
          r.role === "baseline"
            ? /^(?:stato|anno|baseline)\s*((?:19|20)\d\d)$/i.exec(row.slots[k]?.text ?? "")
            : null;
        if (m) rowBaseYear = Number(m[1]);
      });
      roles.forEach((r, k) => {
        const s = row.slots[k];
        if (!s || !s.text || k === indCol) return;
        if (!s.first && r.role !== "target" && r.role !== "baseline") return;
        const ctx = {
          year: r.year,
          formula: ind!.formula,
          source: { page: s.page, bbox: s.box },
          lowConfidence: lowConf(s),
        };
        switch (r.role) {
          case "formula":
            if (!ind!.formula) ind!.formula = s.text;
            break;
          case "weight": {
            const w = percentWeight(s.text);
            // a weight column left of the indicator's (merged like the objective) weighs the objective
            if (k < indCol) {
              const obj = current();
              if (obj && s.first && obj.weight === null) obj.weight = w;
            } else ind!.weight = w;
            break;
          }
          case "owner":
            ind!.owner = s.text;
            break;
          case "code":
            ind!.code = s.text;
            break;
          case "description":
            ind!.description = s.text;
            break;
          case "target": {
            if (!s.first) return;
            const ts: Target[] = targetsOf(segmentsOf(s.lines, s.text), {
              ...ctx,
              year: r.year ?? defaultYear,
            });
            ind!.targets.push(...ts);
            break;
          }
          case "baseline": {
            if (!s.first) return;
            const v = valueOf(s.text, { ...ctx, year: ctx.year ?? rowBaseYear });
            if (v) ind!.baselines.push(v);
            break;
          }
          case "result": {
            const v = resultOf(s.text, { ...ctx, year: r.year ?? defaultYear });
            if (v) ind!.results.push(v);
            break;
          }
          case "achievement": {
            const m = /(-?\d{1,3}(?:,\d+)?)\s*%/.exec(s.text);
            const last = ind!.results[ind!.results.length - 1];
            if (m && last) last.achievementPct = Number(m[1]!.replace(",", "."));
            break;
          }
          case "note": {
            const m = NOTE_REF.exec(s.text);
            if (m) noteRefs.set(ind!, noteId(m[1]!));
            break;
          }
          default: {
            const m = NOTE_REF.exec(s.text);
            if (m && /^\s*nota\s*\d/i.test(s.text)) noteRefs.set(ind!, noteId(m[1]!));
          }
        }
      });
    }
  };

  // --- notes tables (Nota N | Fonte | Serie storica) ------------------------------------------
  const isNotesTable = (t: LTable) =>
    t.rows.some((r) => rowCells(r).some((s) => /^nota\s*\d/i.test(s.text))) &&
    t.rows.some((r) => rowCells(r).some((s) => /serie storica|^fonte$/i.test(plain(s.text))));
  const onNotes = (t: LTable) => {
    let cur: NoteInfo | null = null;
    for (const row of t.rows) {
      for (const s of rowCells(row)) {
        const m = /^nota\s*(\d+(?:\s*(?:bis|ter|quater))?)\b\s*(.*)$/is.exec(s.text);
        if (m && s.first) {
          cur = { id: noteId(m[1]!), text: fold(s.text), series: [] };
          notes.set(cur.id, cur);
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
  };

  // reading order: per page, blocks and the first part of each logical table
  type Item = { page: number; top: number; block?: Block; table?: LTable; notes?: boolean };
  const walkRun = (pages: PageLayout[], tables: LTable[]) => {
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
      const flushPart = () => {
        if (part.length)
          items.push({ page: part[0]!.page, top: part[0]!.top, table: { ...t, rows: part }, notes: true });
        part = [];
      };
      for (const row of t.rows) {
        const banner = streamBanner(rowCells(row).filter((s) => s.text));
        if (!banner) {
          part.push(row);
          continue;
        }
        flushPart();
        items.push({ page: row.page, top: row.top, block: banner });
      }
      flushPart();
    }
    items.sort((a, b) => a.page - b.page || a.top - b.top);
    for (const it of items) {
      if (it.block) onBlock(it.block, it.page);
      else if (it.table) {
        if (it.notes || isNotesTable(it.table)) onNotes(it.table);
        else onTable(it.table);
      }
    }
  };

  const joiner = new TableJoiner();
  let run: { pages: PageLayout[]; tables: LTable[] } = { pages: [], tables: [] };
  const flush = () => {
    if (run.pages.length) walkRun(run.pages, run.tables);
    run = { pages: [], tables: [] };
  };
  return {
    page(p) {
      let continued = false;
      const starts: LTable[] = [];
      p.tables.forEach((t, i) => {
        const lt = joiner.add(t);
        if (lt) starts.push(lt);
        else if (i === 0) continued = true;
      });
      if (!continued) flush();
      run.pages.push(p);
      run.tables.push(...starts);
    },
    finish() {
      flush();
      for (const [ind, id] of noteRefs) {
        const n = notes.get(id);
        if (!n) continue;
        ind.notes = [...(ind.notes ?? []), n.text];
        const have = new Set(ind.baselines.map((b) => b.year));
        ind.baselines.push(...n.series.filter((v) => !have.has(v.year)));
      }
      return { objectives, indicators, warnings };
    },
  };
}
