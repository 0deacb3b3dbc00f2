/**
 * Column roles. A header's words name a column's role (the profile's lexicon: Indicatore / KPI /
 * Misura, Algoritmo / Formula, Target / Valore atteso, …), its year and its unit ("Target 2025 (%)");
 * bare years are settled into baselines and targets by where they stand. Where the header says
 * nothing (no header, an unknown word, a banner over the columns), the cells' content decides: a
 * column of comparators is a target column, lone percentages are weights, long names are the
 * indicators, coded titles merged down the left are objectives (`inferRoles`).
 */
import type { ObjectiveLevel, Unit } from "../model/index.js";
import { readCell, type CellReading } from "./content.js";
import type { ColumnRoleName, CompiledLexicon } from "./lexicon.js";
import { plain, YEAR, yearsIn } from "./text.js";

export type Role = ColumnRoleName | "unknown";

/** the reason given to a titled header's title column, taken for the names' until the cells say otherwise */
export const TITLE_COLUMN = "the section title's column";

export interface ColumnRole {
  role: Role;
  year: number | null;
  /** objective level named by the header (obiettivi strategici / operativi / area) */
  level?: ObjectiveLevel;
  /** unit printed in the header ("Target 2025 (%)", "Tempo medio (gg)") for bare values below */
  unit?: Unit;
  header: string;
  /** why the column got its role, for `allegati segment` */
  reason: string;
}

/** A header text folded for matching: lower case, no accents, one kind of apostrophe. */
export function headerPlain(text: string): string {
  // (a scan reads one apostrophe as two, `D'’ENTE`)
  return plain(text)
    .replace(/[’‘`´]/g, "'")
    .replace(/''+/g, "'");
}

const UNIT_IN_HEADER: [RegExp, Unit][] = [
  [/[([]\s*(?:valore\s+|in\s+)?%\s*[)\]]|\bin\s+%|\bpercentual[ei]\b(?!.*\bdi\b)|%\s*$/, "%"],
  [
    /[([]\s*(?:€|euro|eur|migliaia di euro|k€|€\s*\/\s*000)\s*[)\]]|\bin\s+euro\b|\(\s*importo\s*€?\s*\)/,
    "EUR",
  ],
  [/\(\s*(?:gg|giorni|gg\.)\s*\)|\bin\s+giorni\b/, "days"],
  [/\(\s*(?:n\.?|n°|nr\.?|numero)\s*\)/, "count"],
];

export function unitOfHeader(h: string): Unit | undefined {
  for (const [re, u] of UNIT_IN_HEADER) if (re.test(h)) return u;
  return undefined;
}

function levelOf(lx: CompiledLexicon, h: string): ObjectiveLevel | undefined {
  for (const l of lx.levels) if (l.re.test(h)) return l.level;
  // a header names the level with a single word ("Obiettivo strategico", "Area")
  if (/\bstrategic/.test(h)) return "strategic";
  if (/\boperativ/.test(h)) return "operational";
  if (/\b(azion|team|individual|attivita)/.test(h)) return "action";
  return undefined;
}

/** Headers repeat across rows, pages and documents: their reading is kept (bounded), per lexicon. */
const classified = new WeakMap<CompiledLexicon, Map<string, ColumnRole>>();

export function classifyHeader(text: string, lx: CompiledLexicon): ColumnRole {
  let m = classified.get(lx);
  if (!m) classified.set(lx, (m = new Map()));
  let c = m.get(text);
  if (!c) {
    if (m.size >= 20000) m.clear();
    c = classify(text, lx);
    m.set(text, c);
  }
  return { ...c };
}

/** the words before a qualifier: "indicatore di ", "responsabile del " */
const QUALIFIED =
  /\s(?:di|del|della|dello|dei|degli|delle|dell'|dal|dalla|dallo|dai|dagli|dalle|dall'|rispetto al|rispetto alla|sul|sulla)\s*$/;

function classify(text: string, lx: CompiledLexicon): ColumnRole {
  const h = headerPlain(text);
  if (!h) return { role: "unknown", year: null, header: text, reason: "no header" };
  const years = yearsIn(h);
  const year = years.length === 1 ? years[0]! : null;
  const unit = unitOfHeader(h);
  const withUnit = unit ? { unit } : {};
  // the words without a unit in brackets at the end ("Obiettivo 2026 (N.)" reads as "Obiettivo 2026");
  // a role word in them is kept ("Valore 2023 (baseline)", "2024 (target)")
  const bracket = /\s*\((?!\s*(?:19|20)\d\d\s*\))([^()]*)\)\s*$/.exec(h);
  const said =
    bracket && !unitOfHeader(`(${bracket[1]})`) && lx.headers.some(({ re }) => re.test(bracket[1]!.trim()));
  const words = bracket
    ? (said ? h.replace(bracket[0], ` ${bracket[1]}`).trim() : h.slice(0, bracket.index)) || h
    : h;
  // the role whose words open the header, the longest of them ("Stato di attuazione" is no "Stato")
  let head: { role: ColumnRoleName; m: RegExpExecArray } | null = null;
  for (const { role, re } of lx.headers) {
    const x = re.exec(words);
    if (x && x.index === 0 && (!head || x[0].length > head.m[0].length)) head = { role, m: x };
  }
  for (const { role: first, re } of lx.headers) {
    let m = re.exec(words);
    if (!m) continue;
    let role = first;
    // the head word comes first in Italian: in "Indicatore di risultato", "Responsabile del
    // risultato" the later word only qualifies the first one, whose role the column takes; a column
    // of no field opens with its own word, whatever follows ("Tipologia indicatore")
    if (head && (m.index === 0 || QUALIFIED.test(words.slice(0, m.index)) || head.role === "other")) {
      role = head.role;
      m = head.m;
    }
    const reason = `header word '${m[0]}'`;
    if (role === "objective") return { role, year: null, level: levelOf(lx, h), header: text, reason };
    return { role, year, header: text, reason, ...withUnit };
  }
  // a bare year ("2021", "Anno 2021", "2021 (%)")
  if (year !== null && /^\D{0,12}(19|20)\d\d\D{0,6}$/.test(h))
    return { role: "target", year, header: text, reason: "a year", ...withUnit };
  // "Tempo medio (gg) 2024": no role word, but the year of the values below
  return { role: "unknown", year, header: text, reason: "no known header word", ...withUnit };
}

/** a year, with the unit in brackets printed after it */
const YEAR_AND_UNIT = new RegExp(String.raw`${YEAR.source}(?:\s*\([^()]{1,12}\))?`, "g");

/**
 * A header label drawn over `n` columns that names one year per column ("Target 2024 Target 2025
 * Target 2026" over three columns of an unruled table, its labels set too close to part): the label
 * of each column, cut after each year (a unit in brackets stays with its year); null unless it names
 * exactly `n` years, in order. Parts without words of their own take the first part's words
 * ("Serie storica 2021 2022" gives "Serie storica 2021" and "Serie storica 2022").
 */
export function spreadHeader(text: string, n: number): string[] | null {
  const ends: number[] = [];
  const years: number[] = [];
  for (const m of text.matchAll(YEAR_AND_UNIT)) {
    ends.push(m.index! + m[0].length);
    years.push(Number(m[1]));
  }
  if (n < 2 || years.length !== n || years.some((y, i) => i > 0 && y <= years[i - 1]!)) return null;
  const parts = ends.map((e, i) => text.slice(i ? ends[i - 1] : 0, e).trim());
  const words = parts[0]!.slice(0, parts[0]!.search(YEAR)).trim();
  return parts.map((p, i) =>
    i > 0 && !/\p{L}/u.test(p.replace(/\([^()]*\)/g, "")) && words ? `${words} ${p}` : p,
  );
}

/** True when a text reads like a column header rather than data. */
export function isHeaderText(text: string, lx: CompiledLexicon): boolean {
  // data cells also contain words like "obiettivo"; headers are short
  if (plain(text).length > 40) return false;
  return classifyHeader(text, lx).role !== "unknown";
}

/** the roles of columns that hold one year's value each */
const YEARLY = new Set<ColumnRole["role"]>(["target", "baseline", "history", "result"]);

/** a header that names one year's target ("Target 2025", "Valore atteso", "Obiettivo 2026"); "Valori attesi" is a group's label, set over one of its years */
const NAMED_TARGET = /target|atteso|obiettiv/;

/**
 * Settles bare year columns: when some columns are explicitly targets for years, bare years before the
 * first of them are history (baselines); values of "Valore 2019"-style headers are baselines.
 */
export function settleYears(input: ColumnRole[]): ColumnRole[] {
  // a header printed over two columns of an unruled table ("STATO" over the year and the value) leaves
  // the second one without a header: it shares the role on its left
  const roles = input.map((r) => ({ ...r }));
  for (let k = 1; k < roles.length; k++)
    if (
      roles[k]!.role === "unknown" &&
      !roles[k]!.header.trim() &&
      ["baseline", "history", "result"].includes(roles[k - 1]!.role)
    )
      roles[k] = { ...roles[k - 1]!, header: "", reason: "under the header on its left" };
  // years across a header run in order: a year between two of the same role two years apart that is
  // not the one between them was misread (a scan's `2026` read `2028`); a column there with no
  // label read (a stamp over it, or a blot) is the year between
  for (let k = 1; k + 1 < roles.length; k++) {
    const [a, b, c] = [roles[k - 1]!, roles[k]!, roles[k + 1]!];
    if (
      b.role === "unknown" &&
      b.year === null &&
      a.year !== null &&
      c.year !== null &&
      a.role === c.role &&
      YEARLY.has(a.role) &&
      c.year - a.year === 2
    ) {
      roles[k] = { ...a, year: a.year + 1, header: b.header, reason: `between ${a.year} and ${c.year}` };
      continue;
    }
    if (a.year === null || b.year === null || c.year === null) continue;
    if (a.role !== b.role || b.role !== c.role || c.year - a.year !== 2 || b.year === a.year + 1) continue;
    roles[k] = {
      ...b,
      year: a.year + 1,
      reason: `${b.reason}; ${b.year} out of sequence, read ${a.year + 1}`,
    };
  }
  const explicitTargets = roles.filter(
    (r) => r.role === "target" && r.year !== null && NAMED_TARGET.test(plain(r.header)),
  );
  const firstTarget = explicitTargets.length ? Math.min(...explicitTargets.map((r) => r.year!)) : null;
  // (bare years count here: a result printed for a year before every target's is a past one)
  const yearTargets = roles.filter((r) => r.role === "target" && r.year !== null);
  const firstAnyTarget = yearTargets.length ? Math.min(...yearTargets.map((r) => r.year!)) : null;
  // the latest year a header calls historic ("Valori storici 2024"): a bare year up to it is history too
  // (an unruled table's group header sits over one of the columns it names)
  const historic = roles.filter((r) => (r.role === "baseline" || r.role === "history") && r.year !== null);
  const lastHistoric = historic.length ? Math.max(...historic.map((r) => r.year!)) : null;
  // a column named a target with no year of its own ("Target", "Risultato atteso": the years are in
  // its cells): a year column left of it holds the value the targets start from
  const namedTarget = (r: ColumnRole) => r.role === "target" && NAMED_TARGET.test(plain(r.header));
  const firstYearless = roles.findIndex((r) => namedTarget(r) && r.year === null);
  // the first year a yearless target names ("Target 2022-2024"): a bare year before it is history
  const rangeYears = firstYearless >= 0 ? yearsIn(plain(roles[firstYearless]!.header)) : [];
  const rangeStart = rangeYears.length ? Math.min(...rangeYears) : null;
  return roles.map((r, k) => {
    if (
      r.role === "target" &&
      r.year !== null &&
      !namedTarget(r) &&
      rangeStart !== null &&
      r.year < rangeStart
    )
      return { ...r, role: "baseline", reason: `a year before the targets' ${rangeStart}` };
    if (
      r.role === "target" &&
      r.year !== null &&
      !namedTarget(r) &&
      firstYearless > k &&
      firstTarget === null
    )
      return { ...r, role: "baseline", reason: "a year's value left of the targets" };
    if (
      r.role === "target" &&
      r.year !== null &&
      firstTarget !== null &&
      r.year < firstTarget &&
      !explicitTargets.includes(r) &&
      // (its cells' comparators said target: the content outweighs the place)
      !/comparators/.test(r.reason) &&
      // (a start value of an earlier year printed right of it, "Valore di partenza (2020)" after
      // the years: the history is there, and a group label over the years sat over the second)
      !roles.some((h, j) => j > k && historic.includes(h) && h.year! < r.year!)
    )
      return { ...r, role: "baseline", reason: `a year before the first target year ${firstTarget}` };
    if (
      r.role === "target" &&
      r.year !== null &&
      lastHistoric !== null &&
      !explicitTargets.includes(r) &&
      (r.year <= lastHistoric || sharesHistoricWords(r, historic))
    )
      return { ...r, role: "baseline", reason: `a year beside the historic ${lastHistoric}` };
    if (r.role === "history") return { ...r, role: "baseline" };
    // "Consuntivo 2020" before the first target year is history, not this report's result
    if (r.role === "result" && r.year !== null && firstAnyTarget !== null && r.year < firstAnyTarget)
      return { ...r, role: "baseline", reason: `a result of a year before the targets' (${r.year})` };
    return r;
  });
}

/** "Valore 2025" beside "Valori storici / Valore 2024": the same words but the year, so history. */
function sharesHistoricWords(r: ColumnRole, historic: ColumnRole[]): boolean {
  // the words but years and units in brackets ("2021 (N.)" has none of its own)
  const bare = (h: string) =>
    plain(h)
      .replace(/\([^()]*\)|\b(?:19|20)\d\d\b/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  const words = bare(r.header);
  if (!/\p{L}{3,}/u.test(words)) return false;
  return historic.some((h) => bare(h.header).endsWith(words));
}

/** Per column, what its body cells hold. */
export interface ColumnStats {
  /** non-empty first cells */
  n: number;
  values: number;
  /** markers among the values: a target not set ("Anno rilevazione", "Da definire") */
  markers: number;
  comparators: number;
  percents: number;
  codes: number;
  coded: number;
  formulas: number;
  prose: number;
  offices: number;
  /** cells merged over several rows */
  merged: number;
  /** mean words per cell */
  words: number;
}

export function columnStats(cols: { text: string; rowSpan: number }[][]): ColumnStats[] {
  return cols.map((cells) => {
    const s: ColumnStats = {
      n: 0,
      values: 0,
      markers: 0,
      comparators: 0,
      percents: 0,
      codes: 0,
      coded: 0,
      formulas: 0,
      prose: 0,
      offices: 0,
      merged: 0,
      words: 0,
    };
    let words = 0;
    for (const c of cells) {
      if (!c.text) continue;
      const r: CellReading = readCell(c.text);
      s.n++;
      words += r.words;
      if (r.kind === "value" || r.kind === "missing" || r.kind === "marker") s.values++;
      if (r.kind === "marker") s.markers++;
      if (r.comparator) s.comparators++;
      if (r.percent) s.percents++;
      if (r.kind === "code") s.codes++;
      if (r.kind === "coded") s.coded++;
      if (r.kind === "formula") s.formulas++;
      if (r.kind === "prose") s.prose++;
      if (r.office) s.offices++;
      if (c.rowSpan > 1) s.merged++;
    }
    s.words = s.n ? words / s.n : 0;
    return s;
  });
}

const share = (k: number, s: ColumnStats) => (s.n ? k / s.n : 0);

/**
 * Roles from content where the header gave none, and a check of the header's word where the content
 * contradicts it. `defaultTargets` says whether an unnamed value column may be a target without a
 * year (a plan's single-year table).
 */
export function inferRoles(
  roles: ColumnRole[],
  stats: ColumnStats[],
  /** the same over the whole table, for a section too short to show a column's shape alone */
  table: ColumnStats[] = stats,
): ColumnRole[] {
  const out = roles.map((r) => ({ ...r }));
  const has = (role: Role) => out.some((r) => r.role === role);
  let firstTarget: number | null = null;
  for (const r of out)
    if (r.role === "target" && r.year !== null && (firstTarget === null || r.year < firstTarget))
      firstTarget = r.year;
  // columns of words (names, formulas, titles): not values, not codes
  const wordy = (j: number) => {
    const x = table[j] && table[j]!.n > (stats[j]?.n ?? 0) ? table[j]! : stats[j];
    return !!x && x.n > 0 && share(x.values, x) < 0.5 && x.words >= 2.5 && share(x.codes, x) < 0.5;
  };
  const wordsLeft = (k: number) => out.slice(0, k).some((_, j) => wordy(j));
  const wordsRight = (k: number) => out.slice(k + 1).some((x, j) => x.role === "unknown" && wordy(k + 1 + j));
  // value columns: comparators are targets; other values are targets when years are printed above
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    const s = stats[k];
    if (!s || s.n === 0 || r.role !== "unknown") continue;
    // (a short section's one name that reads like a formula, "N. domande istruite", says little:
    // formulas and offices are judged over the whole table)
    const t = table[k] && table[k]!.n > s.n ? table[k]! : s;
    if (share(s.values, s) >= 0.6) {
      if (share(s.percents, s) >= 0.8 && !has("weight") && s.comparators === 0) {
        out[k] = { ...r, role: "weight", reason: "lone percentages" };
      } else if (share(s.comparators, s) >= 0.3) {
        out[k] = { ...r, role: "target", reason: `values with comparators (${s.comparators} of ${s.n})` };
      } else if (r.year !== null) {
        out[k] =
          firstTarget !== null && r.year < firstTarget
            ? { ...r, role: "baseline", reason: `values under a year before the targets' (${r.year})` }
            : { ...r, role: "target", reason: `values under a year (${r.year})` };
      } else if (
        out.slice(k + 1).some((x) => x.role === "target") &&
        !out.slice(0, k).some((x) => x.role === "target")
      ) {
        // plain values before the targets, under no header: where the plan starts from
        out[k] = { ...r, role: "baseline", reason: "plain values left of the targets" };
      }
    } else if (
      share(t.formulas, t) >= 0.5 &&
      !has("formula") &&
      t.words >= 3 &&
      // (names come before formulas: the first column of words, "N. prestazioni erogate", is no
      // formula column while another column of words follows it)
      (has("indicator") || wordsLeft(k) || !wordsRight(k))
    ) {
      out[k] = { ...r, role: "formula", reason: `formulas (${t.formulas} of ${t.n})` };
    } else if (share(t.offices, t) >= 0.6 && !has("owner")) {
      out[k] = { ...r, role: "owner", reason: `offices (${t.offices} of ${t.n})` };
    }
  }
  // a bare year taken for history by its place (left of the first named target year) that holds
  // targets as printed (">= 98"): a group label "Target" centred over several years stood further right
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    const s = stats[k];
    if (!s || s.n < 2 || r.role !== "baseline" || !/^a year before/.test(r.reason)) continue;
    if (share(s.values, s) >= 0.6 && share(s.comparators, s) >= 0.6)
      out[k] = {
        ...r,
        role: "target",
        reason: `a year of targets (${s.comparators} of ${s.n} with comparators)`,
      };
  }
  // a bare year of plain values right of the history, before years of targets as printed (">= 243"):
  // the last year of the history, its group label ("Serie storica") centred over the one before
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    const s = stats[k];
    if (!s || s.n < 1 || r.role !== "target" || r.year === null || r.reason !== "a year") continue;
    // (or the earliest year, named with words the later years lack: "Valore 2023 | 2024 | 2025")
    const words = plain(r.header)
      .replace(/\([^()]*\)|\b(?:19|20)\d\d\b/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    // (its fellows named alike, "Valore 2021 | Valore 2022 | 2023 | 2024", all before the others)
    const years = out.filter((x) => x !== r && x.role === "target" && x.year !== null);
    const others = years.filter((x) => !plain(x.header).includes(words));
    const fellows = years.filter((x) => plain(x.header).includes(words));
    const firstNamed =
      /\p{L}{3,}/u.test(words) &&
      others.length > 0 &&
      others.every((x) => x.year! > r.year! && fellows.every((f) => f.year! < x.year!));
    const after = k > 0 && s.n >= 2 && (out[k - 1]!.role === "baseline" || out[k - 1]!.role === "history");
    if (!after && !firstNamed) continue;
    const printed = out.findIndex(
      (x, j) =>
        (firstNamed ? j !== k : j > k) &&
        x.role === "target" &&
        !!stats[j] &&
        // (the earliest year named with words the later ones lack needs less: some comparators, or
        // none when the word names a measured value, "Valore 2020 | 2021 | 2022")
        (share(stats[j]!.comparators, stats[j]!) >= 0.5 ||
          (firstNamed && (stats[j]!.comparators > 0 || /^(?:valore|dato)$/.test(words)))),
    );
    // (never "Anno rilevazione", said where a year's target is not set)
    if (printed >= 0 && share(s.values, s) >= 0.6 && s.markers === 0 && share(s.comparators, s) < 0.2)
      out[k] = {
        ...r,
        role: "baseline",
        reason: `plain values beside targets as printed (${r.year})`,
      };
  }
  // a column named for objectives or results that holds targets as printed ("Obiettivi 2026" over
  // ">= 74%") is a target column: the content outweighs the word
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    const s = stats[k];
    if (!s || s.n < 2 || (r.role !== "objective" && r.role !== "description")) continue;
    if (share(s.values, s) >= 0.7 && share(s.comparators, s) >= 0.3)
      out[k] = {
        ...r,
        role: "target",
        reason: `named '${r.header}' but holds targets (${s.comparators} of ${s.n})`,
      };
  }
  // an objective column: coded titles merged down the left, before the indicators (beside one the
  // header named, a column its header did not: "Obiettivi operativi | Attività | Indicatore")
  {
    const named = has("objective");
    const ind = out.findIndex((r) => r.role === "indicator");
    // (a section title's column was only guessed to hold the names: its cells may be the objectives)
    const last = ind < 0 ? out.length : out[ind]!.reason === TITLE_COLUMN ? ind + 1 : ind;
    for (let k = 0; k < last; k++) {
      const s = stats[k];
      const r = out[k]!;
      if (!s || s.n === 0 || (r.role !== "unknown" && (named || r.role !== "indicator"))) continue;
      const codedShare = share(s.coded + s.codes, s);
      if (codedShare >= 0.6 && s.merged > 0 && out.length > 2) {
        out[k] = { ...r, role: "objective", reason: `coded titles merged over rows (${s.coded} of ${s.n})` };
        break;
      }
      // an unruled table draws no merged cell: a title set once for the rows beside it leaves the
      // column empty where the names right of it go on (bare codes missing on some rows are not that)
      const t = table[k],
        next = table[k + 1];
      if (
        t &&
        next &&
        share(s.coded, s) >= 0.6 &&
        share(t.coded, t) >= 0.6 &&
        next.n >= t.n * 1.5 &&
        share(next.values, next) < 0.5 &&
        out.length > 2
      ) {
        out[k] = {
          ...r,
          role: "objective",
          reason: `coded titles, each beside several names (${t.n} titles, ${next.n} names)`,
        };
        break;
      }
    }
  }
  // a column named for indicators that holds bare codes (`D3.1_12`) before a column of names named
  // so too, or not named: the codes' column (`Cod. indicatore` read `indicatore`, a scan's shade
  // having eaten `Cod.`), the names' the indicators'
  for (let k = 0; k + 1 < out.length; k++) {
    // (judged over the whole table: a section under a banner may hold one row)
    const s = table[k] && table[k]!.n > (stats[k]?.n ?? 0) ? table[k] : stats[k],
      next = out[k + 1]!;
    if (!s || s.n < 2 || out[k]!.role !== "indicator" || has("code")) continue;
    if (share(s.codes, s) < 0.6 || s.words >= 2) continue;
    if (!["indicator", "unknown", "description"].includes(next.role) || !wordy(k + 1)) continue;
    out[k] = { ...out[k]!, role: "code", reason: `codes under an indicator's name (${s.codes} of ${s.n})` };
    out[k + 1] = { ...next, role: "indicator", reason: "names right of the indicators' codes" };
    break;
  }
  // the indicator column: the named one, else the leftmost column of names (names come before
  // formulas, which run longer), not codes and not values
  if (!has("indicator")) {
    let best = -1;
    for (let k = 0; k < out.length; k++) {
      const r = out[k]!;
      const s = stats[k];
      if (!s || s.n === 0 || (r.role !== "unknown" && r.role !== "description")) continue;
      if (share(s.values, s) >= 0.5 || s.words < 2.5 || share(s.codes, s) >= 0.5) continue;
      best = k;
      break;
    }
    if (best >= 0)
      out[best] = {
        ...out[best]!,
        role: "indicator",
        reason: `the first column of names (${stats[best]!.words.toFixed(1)} words)`,
      };
  }
  // a column of formulas right of the names, where the header said nothing
  const ind = out.findIndex((r) => r.role === "indicator");
  if (ind >= 0 && !has("formula")) {
    const k = ind + 1;
    const s = stats[k];
    if (
      s &&
      out[k]!.role === "unknown" &&
      s.n > 0 &&
      share(s.values, s) < 0.3 &&
      s.words >= 3 &&
      share(s.formulas, s) >= 0.3
    )
      out[k] = { ...out[k]!, role: "formula", reason: `formulas beside the names (${s.formulas} of ${s.n})` };
  }
  return out;
}

/**
 * The target columns' years checked against the document's: a header's years rise across its target
 * columns; where a scan's misread years do not (`2028 2028 2027`, `2025` and `2026` read `2028`) and an
 * earlier table of the document gave as many target columns a run one by one, the columns take it.
 * Returns the roles and the run to remember (the valid one found, or `known`).
 */
export function withKnownYears(
  roles: ColumnRole[],
  known: number[] | null,
): { roles: ColumnRole[]; run: number[] | null } {
  const at = roles.flatMap((r, k) => (r.role === "target" && r.year !== null ? [k] : []));
  if (at.length < 2) return { roles, run: known };
  const years = at.map((k) => roles[k]!.year!);
  if (years.every((y, i) => i === 0 || y === years[i - 1]! + 1)) return { roles, run: years };
  if (!known || known.length !== years.length) return { roles, run: known };
  // (years that rise, by steps of more than one, may be the plan's own: `2024 2026 2028`)
  if (years.every((y, i) => i === 0 || y > years[i - 1]!)) return { roles, run: known };
  const out = roles.map((r) => ({ ...r }));
  at.forEach((k, i) => {
    if (out[k]!.year !== known[i])
      out[k] = {
        ...out[k]!,
        year: known[i]!,
        reason: `${out[k]!.reason}; ${out[k]!.year} out of the document's run, read ${known[i]}`,
      };
  });
  return { roles: out, run: known };
}

/**
 * A short run of target columns whose years step up one by one but for one column that bears its
 * neighbour's year under the same label (`Obiettivo 2025 | Obiettivo 2025 | Obiettivo 2026`: a scan's
 * 2024): that column's year is the step's. (A label spread over its columns bears one year over all of
 * them, never over two of three stepping.)
 */
function twinYear(run: ColumnRole[]): void {
  const n = run.length;
  if (n < 3 || run.some((r) => r.year === null)) return;
  for (const first of [run[0]!.year!, run[n - 1]!.year! - (n - 1)]) {
    const off = run.flatMap((r, i) => (r.year === first + i ? [] : [i]));
    if (off.length !== 1) continue;
    const i = off[0]!;
    const twin = [run[i - 1], run[i + 1]].find(
      (o) => o && o.year === run[i]!.year && o.header === run[i]!.header,
    );
    if (!twin) continue;
    run[i]!.reason = `${run[i]!.reason}; ${run[i]!.year} twice in the run, read ${first + i}`;
    run[i]!.year = first + i;
    return;
  }
}

/**
 * A run of adjacent target columns read by position: most of their years step up one by one from a
 * first year (three columns at least, more than half the run), and a year that breaks the run's order
 * or stands far from its place (`2028 2026 2027 2028 2029`, `… 2028 2020 2080`: a scan's 2025, 2029
 * and 2030) is the run's year there; so is a target column of the run without a header. A year that
 * only stands a little further, in order (`2024 2025 2026 2030`), is the plan's own; so is a year
 * before the run's that ends it or is labelled otherwise (`2023 2024 2025 Valore 2022`).
 */
export function yearsByPosition(roles: ColumnRole[]): ColumnRole[] {
  // (runs too short for a majority: see twinYear)
  const out = roles.map((r) => ({ ...r }));
  for (let a = 0; a < out.length;) {
    if (out[a]!.role !== "target") {
      a++;
      continue;
    }
    let z = a;
    while (z + 1 < out.length && out[z + 1]!.role === "target") z++;
    const run = out.slice(a, z + 1);
    a = z + 1;
    const counts = new Map<number, number>();
    run.forEach((r, i) => r.year !== null && counts.set(r.year - i, (counts.get(r.year - i) ?? 0) + 1));
    let first = 0,
      most = 0;
    for (const [y, n] of counts) if (n > most) [first, most] = [y, n];
    if (most < 3 || most * 2 <= run.length) {
      twinYear(run);
      continue;
    }
    // the words of the run's headers without their years (`Target`, or none)
    const label = (r: ColumnRole) =>
      plain(r.header)
        .replace(/\b(?:19|20)\d\d\b/g, "")
        .trim();
    const labels = new Map<string, number>();
    for (const r of run) labels.set(label(r), (labels.get(label(r)) ?? 0) + 1);
    const usual = [...labels].sort((x, y) => y[1] - x[1])[0]![0];
    run.forEach((r, i) => {
      const want = first + i;
      // (a year before the run's, closing it or under other words, is a past year's column printed
      // after the targets: `2023 2024 2025 Valore 2022`)
      if (r.year !== null && r.year < first && (i === run.length - 1 || label(r) !== usual)) return;
      // (a target column with a label but no year is the label's: `Target`, `Valore atteso`)
      if (r.year === want || (r.year === null && plain(r.header).trim() !== "")) return;
      // (one label spread over the columns under it, `2028` over three, is that label's)
      const spread = (o: ColumnRole | undefined) =>
        o !== undefined && o.year === r.year && o.header === r.header;
      if (spread(run[i - 1]) || spread(run[i + 1])) return;
      const prev = run[i - 1]?.year ?? null,
        next = run[i + 1]?.year ?? null;
      const outOfOrder =
        (prev !== null && r.year !== null && r.year <= prev) ||
        (next !== null && r.year !== null && r.year >= next);
      if (r.year !== null && !outOfOrder && Math.abs(r.year - want) <= 5) return;
      r.reason = `${r.reason}; ${r.year ?? "no year"} out of the run, read ${want}`;
      r.year = want;
    });
  }
  return out;
}
