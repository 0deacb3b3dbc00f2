/**
 * One printed value or target, read by a small scanner: an optional comparator (symbols or words),
 * then a relative change, a date, a number with its unit, a qualitative word, or a missing marker,
 * then an optional parenthetical (an absolute figure, a relative change, a redefinition, or a
 * comment). The raw text is always kept; text that is not a value stays text, never a number.
 */
import type { Op, Relative, Unit, ValueContext } from "../model/index.js";
import { DATE_RE, MONTHS, parseItalianDate } from "./date.js";
import {
  MAX_DIGITS,
  NOT_ITALIAN_NUMBER,
  looksLikeNumber,
  parseItalianNumber,
  readMultiplier,
  scaleBy,
} from "./number.js";
import { fold } from "./text.js";

export type ValueKind = "number" | "date" | "text" | "missing" | "marker";

export interface ParsedValue {
  kind: ValueKind;
  value: number | string | null;
  unit: Unit;
  raw: string;
  /** looked like a number and is no Italian one ("1e308", "0x1F", "--1"): kept as text, to be checked */
  suspect?: true;
}

export interface ParsedTarget extends ParsedValue {
  op: Op;
  max?: number | null;
  relative: Relative | null;
  /** introduced by "ridefinito in": replaces what came before it */
  redefines?: boolean;
}

export const MISSING =
  /^(?:n\s*\/\s*d|n\.?\s?d\.?|nd|\/\/+|-+|—|–|non disponibile|non ancora disponibile|non rilevat[oa]|n\.?\s?a\.?)$/i;
/** Words that mean "no value here" in a value cell. */
export const MARKER =
  /^(?:anno (?:di )?rilevazione|anno rilevazione|in (?:fase di )?rilevazione|da definire|da rilevare|cassat[oa]\b.*|eliminat[oa]\b.*|soppress[oa]\b.*|non valutabile)/i;

const OPS: [RegExp, Op][] = [
  [/^(?:≥|>\s*=|=\s*>)/, ">="],
  [/^(?:≤|<\s*=|=\s*<)/, "<="],
  [/^>/, ">"],
  [/^</, "<"],
  [/^=/, "="],
  // the words of the comparators, longest first where one opens another ("non inferiore al",
  // "pari o superiore al" before "inferiore a", "pari a"); "entro" and a date take any short word
  // between them as the article (OCR reads "il" as "it", "if", "ii")
  [
    /^(?:almeno(?: pari a(?:l|ll['’]|lla)?| il| l['’])?|(?:non inferiore|pari o superiore|uguale o superiore|superiore o uguale) a(?:l|ll['’]|lla|i|gli)?|non meno di|minimo|min\.?)(?:\s+|(?<=['’]))/i,
    ">=",
  ],
  [
    /^(?:(?:non superiore|pari o inferiore|uguale o inferiore|inferiore o uguale) a(?:l|ll['’]|lla|i|gli)?|non più di|massimo|max\.?|entro e non oltre(?: il)?|entro [a-z]{1,2}(?=\s+\d)|entro il|entro la data del|entro|non oltre(?: il)?)(?:\s+|(?<=['’]))/i,
    "<=",
  ],
  [/^(?:superiore a(?:l|ll['’]|lla|i|gli)?|maggiore di|più di|oltre(?: il)?)(?:\s+|(?<=['’]))/i, ">"],
  [/^(?:inferiore a(?:l|ll['’]|lla|i|gli)?|minore di|meno di)(?:\s+|(?<=['’]))/i, "<"],
  [/^(?:pari a(?:l|ll['’]|lla|i|gli)?|uguale a(?:l)?)(?:\s+|(?<=['’]))/i, "="],
];

/** Words that are a value themselves (a state, a grade, a frequency), as a regular expression's alternatives. */
export const QUALITATIVE_WORDS =
  "on|off|buono|buona|ottimo|ottima|medio|media|discreto|sufficiente|insufficiente|alto|alta|basso|bassa|elevato|mantenimento|annuale|semestrale|trimestrale|mensile|s[iì]|no|dato medio nazionale|media nazionale|media del cluster|positivo|negativo";
const QUALITATIVE = new RegExp(`^(${QUALITATIVE_WORDS})(?![\\p{L}\\d])`, "iu");

const UNIT_AFTER: [RegExp, Unit][] = [
  [/^(?:%|per\s?cento\b)/i, "%"],
  [/^(?:€|euro\b|eur\b)/i, "EUR"],
  [/^(?:gg\.?|giorni\b|gg\b)/i, "days"],
  [/^(?:n\.\s?ro\b|n\.ro|nr\.?|n°|num\.?|n\.|n\b)/i, "count"],
];

/** Default unit of a bare number: the caller's hint, else a year-over-year ratio from the formula. */
function bareUnit(ctx: ValueContext): Unit {
  if (ctx.unitHint !== undefined) return ctx.unitHint;
  if (ctx.formula && /anno\s*[xn]\s*-\s*1|\bx\s*-\s*1\b|\bn\s*-\s*1\b|anno precedente/i.test(ctx.formula))
    return "ratio";
  return null;
}

export interface Scanned extends ParsedTarget {
  /** characters consumed */
  length: number;
  opGiven: boolean;
}

/**
 * Joins digit groups split by a wrap or a space ("305207 2", "€2547 045", "40519, 31"). In a target
 * cell two values often stand side by side ("3.900 4000": a revision), so there only a group split
 * after a comma or a group of exactly three digits after a short one ("1 000") is joined.
 */
function joinDigits(s: string, loose: boolean): string {
  if (loose) return s.replace(/(\d[.,]?)\s+(?=\d)/g, "$1");
  return s.replace(/(,)\s+(?=\d)/g, "$1").replace(/^(\d{1,3})\s+(?=\d{3}(?!\d))/g, "$1");
}

/**
 * The end of a period: a month and year ("dicembre 2024", read anywhere), or after "entro" a year,
 * a half or a quarter ("entro il 2024", "entro il primo semestre 2025", "entro il III trimestre").
 */
const PERIOD_END = new RegExp(
  String.raw`^(?:(${MONTHS.join("|")})\s+((?:19|20)\d\d)|(?:(?:la\s+)?fine\s+(?:del(?:l['’]\s*anno)?\s+)?)?(?:(?:l['’]\s*)?anno\s+)?((?:19|20)\d\d)|(?:il\s+)?(primo|secondo|terzo|quarto|I|II|III|IV|1°|2°|3°|4°)\s+(semestre|trimestre)(?:\s+(?:del\s+)?((?:19|20)\d\d))?)(?![\d.,/])`,
  "i",
);

function periodEnd(m: RegExpExecArray): string | null {
  const last = (y: number, month: number) => {
    const d = new Date(Date.UTC(y, month, 0)).getUTCDate();
    return `${y}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  };
  if (m[1]) return last(Number(m[2]), MONTHS.indexOf(m[1].toLowerCase()) + 1);
  if (m[3]) return last(Number(m[3]), 12);
  if (!m[6]) return null;
  const ord = ["primo", "secondo", "terzo", "quarto"];
  const roman = ["i", "ii", "iii", "iv"];
  const w = m[4]!.toLowerCase();
  const n = Math.max(ord.indexOf(w), roman.indexOf(w), ["1°", "2°", "3°", "4°"].indexOf(w)) + 1;
  const months = m[5]!.toLowerCase() === "semestre" ? 6 : 3;
  if (n < 1 || n * months > 12) return null;
  return last(Number(m[6]), n * months);
}

/** "tra", "fra", "compreso tra", "da": the words that open a range */
const RANGE_OPEN = /^(?:(?:compres[oaie]\s+)?(?:tra|fra)\s+|da\s+)/i;
const RANGE_SEP_WORD = /^\s*(?:e|a|-|–|÷)\s*/i;
const RANGE_SEP_MARK = /^\s*(?:-|–|÷)\s*/;
const isYearLike = (v: Scanned) =>
  typeof v.value === "number" && Number.isInteger(v.value) && v.value >= 1900 && v.value <= 2100 && !v.unit;

/**
 * A range: "tra 80% e 90%", "da 10 a 15 gg", "compreso tra 3 e 5", "80-90%", "1.000 – 1.500 €":
 * op "between", the low figure as the value and the high one as `max`, one unit for both. Without
 * opening words only a dash joins two figures, and two years ("2023-2025") are no range.
 */
function scanRange(s: string, ctx: ValueContext): Scanned | null {
  const open = RANGE_OPEN.exec(s);
  if (!open && !/^\d/.test(s)) return null;
  let rest = open ? s.slice(open[0].length) : s;
  const lo = scanOne(rest, ctx, { relative: false, range: false });
  if (!lo || lo.kind !== "number" || lo.opGiven || typeof lo.value !== "number") return null;
  rest = rest.slice(lo.length);
  const sep = (open ? RANGE_SEP_WORD : RANGE_SEP_MARK).exec(rest);
  if (!sep) return null;
  rest = rest.slice(sep[0].length);
  const hi = scanOne(rest, ctx, { relative: false, range: false });
  if (!hi || hi.kind !== "number" || hi.opGiven || typeof hi.value !== "number" || hi.value <= lo.value)
    return null;
  if (isYearLike(lo) && isYearLike(hi)) return null;
  if (lo.unit && hi.unit && lo.unit !== hi.unit) return null;
  rest = rest.slice(hi.length);
  const length = s.length - rest.length;
  return {
    kind: "number",
    value: lo.value,
    max: hi.value,
    unit: hi.unit ?? lo.unit,
    raw: fold(s.slice(0, length)),
    op: "between",
    relative: null,
    length,
    opGiven: true,
  };
}

/** Reads one value at the start of `s`; null when `s` does not start with one. */
export function scanOne(
  s: string,
  ctx: ValueContext,
  opts: { relative?: boolean; joinSplit?: boolean; range?: boolean } = {},
): Scanned | null {
  if (opts.range !== false) {
    const r = scanRange(s, ctx);
    if (r) return r;
  }
  let rest = s;
  let op: Op | null = null;
  const eat = (n: number) => (rest = rest.slice(n).replace(/^\s+/, ""));
  let deadline = false;
  for (const [re, o] of OPS) {
    const m = re.exec(rest);
    if (m) {
      op = o;
      deadline = /^entro|^non oltre/i.test(m[0]);
      eat(m[0].length);
      break;
    }
  }
  // a short label before the comparator or value ("ITP < -10")
  if (!op) {
    const label = /^([A-Z]{2,5})\s+(?=[<>≤≥=])/.exec(rest);
    if (label) {
      eat(label[0].length);
      for (const [re, o] of OPS) {
        const m = re.exec(rest);
        if (m) {
          op = o;
          eat(m[0].length);
          break;
        }
      }
    }
  }
  let kind: ValueKind;
  let value: number | string | null = null;
  let unit: Unit = null;
  let relative: Relative | null = null;
  let suspect = false;
  let m: RegExpExecArray | null;
  // a figure that is no Italian number stays text, flagged, with what is glued to it ("1e308x")
  const notItalian = NOT_ITALIAN_NUMBER.exec(rest);
  if (notItalian) {
    const token = notItalian[0] + (/^[\p{L}\p{N}]*/u.exec(rest.slice(notItalian[0].length))?.[0] ?? "");
    kind = "text";
    value = token;
    unit = "text";
    suspect = true;
    eat(token.length);
  } else if (
    opts.relative !== false &&
    (m = /^([+\-−–])\s*(\d+(?:[.,]\d+)?)\s*%/.exec(rest)) &&
    (m[1] === "+" || !/[.,]/.test(m[2]!)) &&
    !op
  ) {
    // "+2%": a change against the base; "-2%" too when it has no decimals ("-10,10%" is a value)
    const pct = parseItalianNumber(m[2]!.replace(".", ","))!;
    relative = { changePct: m[1] === "+" ? pct : -pct, base: null };
    kind = "number";
    op = m[1] === "+" ? ">=" : "<=";
    eat(m[0].length);
    // "+5% rispetto al 2024", "-2% sul valore 2023", "+3% vs anno precedente": the base it is measured on
    const base =
      /^(?:rispetto\s+(?:all['’]\s*|alla\s+|al\s+|a\s+)|sul(?:l['’]\s*|\s+)|vs\.?\s+|su\s+)((?:(?:anno|valore|dato)\s+)?(?:del(?:l['’])?\s+)?(?:(?:19|20)\d\d|anno\s+precedente|baseline|valore\s+di\s+partenza|media\s+\w+))/i.exec(
        rest,
      );
    if (base) {
      relative.base = base[1]!.replace(/\s+/g, " ");
      eat(base[0].length);
    }
  } else if (
    (m = new RegExp(`^(?:${DATE_RE.source})`, "i").exec(rest)) &&
    (m[3] || m[5] || /\//.test(m[0])) &&
    // "≥ 4/5" is a score: a day and month with no year after "at least" is no deadline
    !(!m[3] && !m[6] && (op === ">=" || op === ">")) &&
    parseItalianDate(m[0], ctx)
  ) {
    kind = "date";
    value = parseItalianDate(m[0], ctx);
    unit = "date";
    eat(m[0].length);
    op ??= "<=";
  } else if ((m = PERIOD_END.exec(rest)) && (deadline || m[1])) {
    // "dicembre 2024", "entro il 2024", "entro il primo semestre 2025": the period's last day
    kind = "date";
    value = periodEnd(m);
    unit = "date";
    eat(m[0].length);
    op ??= "<=";
  } else if (
    (m = (
      opts.joinSplit
        ? /^(€\s*|(?:EUR|Euro|euro)\s+)?([+\-−–]?\s*\d[\d.,]*(?:\s+\d[\d.,]*)*)/
        : /^(€\s*|(?:EUR|Euro|euro)\s+)?([+\-−–]?\s*\d[\d.,]*(?:,\s+\d+|(?:\s+\d{3}(?![\d.,]))+)?)/
    ).exec(rest))
  ) {
    const figure = joinDigits(m[2]!, opts.joinSplit ?? false)
      .replace(/\s+/g, "")
      .replace(/[.,]$/, "");
    const num = parseItalianNumber(figure);
    if (num === null) {
      // digits that are no number ("1.5.6", more digits than a number holds exactly): text,
      // flagged, never another number; unless words are glued to them (a code, a reference)
      const glued = /^[\p{L}\p{N}]/u.test(rest.slice(m[0].length));
      if (glued && figure.replace(/\D/g, "").replace(/^0+/, "").length <= MAX_DIGITS) return null;
      kind = "text";
      value = m[0].trim();
      unit = "text";
      suspect = true;
      eat(m[0].length);
    } else {
      kind = "number";
      value = num;
      eat(m[0].length);
      if (m[1]) unit = "EUR";
      // "1,5 mld", "3 mila", "10 k€", "2 milioni di euro"
      const mult = readMultiplier(rest);
      if (mult) {
        value = scaleBy(num, mult.factor);
        if (mult.euro) unit = "EUR";
        eat(mult.length);
      }
      for (const [re, u] of UNIT_AFTER) {
        if (unit === "EUR" && mult) break;
        const um = re.exec(rest);
        if (um) {
          unit = u;
          eat(um[0].length);
          break;
        }
      }
      if (!unit) unit = bareUnit(ctx);
    }
  } else if ((m = QUALITATIVE.exec(rest))) {
    kind = "text";
    const w = m[1]!;
    value = /^(on|off)$/i.test(w)
      ? w.toUpperCase()
      : w.toLowerCase().replace("buona", "buono").replace(/^sì$/, "si");
    unit = "text";
    eat(m[0].length);
  } else if ((m = /^zero\b/i.exec(rest))) {
    kind = "number";
    value = 0;
    unit = ctx.unitHint ?? "count";
    eat(m[0].length);
  } else return null;
  const result: Scanned = {
    kind,
    value,
    unit,
    raw: "",
    op: op ?? "=",
    relative,
    length: 0,
    opGiven: op !== null,
    ...(suspect ? { suspect: true as const } : {}),
  };
  // a parenthetical: absolute figure of a relative target, a relative change of an absolute one
  // (on a scan its closing bracket can be lost at the text's end, with the unit after the figure
  // misread: `+3% (1.488 RE` for `+3% (1.488 N.)`)
  const closed = /^\(([^()]*(?:\([^()]*\)[^()]*)*)\)/.exec(rest);
  const open = closed ? null : /^\(([^()]*?)\s*(?:\s[\p{L}.]{1,3})?$/u.exec(rest);
  const p = closed ?? open;
  if (p && !REDEFINED.test(p[1]!)) {
    const inner = p[1]!.trim();
    const rel = /^([+\-−–])\s*(\d+(?:[.,]\d+)?)\s*%$/.exec(inner);
    const abs = /^(€\s*)?(\d[\d.,]*(?:\s\d{3})*)\s*(€|%|n\.?)?$/i.exec(inner);
    if (rel && !relative) {
      const pct = parseItalianNumber(rel[2]!)!;
      result.relative = { changePct: rel[1] === "+" ? pct : -pct, base: null };
    } else if (abs && relative && result.value === null) {
      result.value = parseItalianNumber(abs[2]!.replace(/\s/g, ""));
      if (abs[1] || abs[3] === "€") result.unit = "EUR";
      else result.unit = ctx.unitHint ?? null;
    }
    eat(p[0].length);
  }
  result.length = s.length - rest.length;
  result.raw = fold(s.slice(0, result.length));
  return result;
}

/**
 * "ridefinito"/"ridefinita", also broken over two lines of a narrow cell without a hyphen ("ridefini
 * to", as pdfkit and Writer wrap a word wider than the column)
 */
const REDEFINED = new RegExp([..."ridefinit"].join(String.raw`\s?`) + String.raw`\s?[oa]`, "i");
const REDEFINED_IN = new RegExp(String.raw`${REDEFINED.source}\s+(?:in|a)\s+`, "i");
const REDEFINED_AT = new RegExp(`^${REDEFINED_IN.source}`, "i");

/** All values in a text, in order; words between them are skipped; "ridefinito in X" marks X. */
export function scanValues(text: string, ctx: ValueContext = {}): Scanned[] {
  const out: Scanned[] = [];
  const suspects: Scanned[] = [];
  let s = fold(text);
  let redefine = false;
  let guard = 0;
  let prose = 0;
  while (s && guard++ < 200) {
    if (s.startsWith("(")) {
      // a parenthetical: "(ridefinito in 27% in sede di monitoraggio 2023)" holds a replacement value;
      // anything else in parentheses is a comment
      let depth = 0,
        end = s.length;
      for (let i = 0; i < s.length; i++) {
        if (s[i] === "(") depth++;
        else if (s[i] === ")" && --depth === 0) {
          end = i + 1;
          break;
        }
      }
      const inner = s.slice(1, end - 1);
      const r = REDEFINED_IN.exec(inner);
      if (r) {
        const v = scanOne(inner.slice(r.index + r[0].length), ctx);
        if (v)
          out.push({
            ...v,
            redefines: true,
            raw: fold(inner.slice(r.index + r[0].length, r.index + r[0].length + v.length)),
          });
      }
      s = s.slice(end).trim();
      continue;
    }
    const r = REDEFINED_AT.exec(s);
    if (r) {
      redefine = true;
      s = s.slice(r[0].length);
      continue;
    }
    const v = scanOne(s, ctx);
    if (v?.suspect) {
      // kept only if the text holds no value (a cell "NaN" is a target to check; a word in prose is not)
      suspects.push(v);
      s = s.slice(v.length).trim();
      continue;
    }
    if (v) {
      if (redefine) v.redefines = true;
      redefine = false;
      out.push(v);
      prose = 0;
      s = s.slice(v.length).trim();
      continue;
    }
    // skip one word (or a parenthetical comment) and go on; after a value, a run of prose ends the
    // list ("60 % in sede di monitoraggio si valuterà ... 70%": the 70 is not a target)
    const skip = /^\([^()]*\)\s*|^\S+\s*/.exec(s);
    s = s.slice(skip ? skip[0].length : s.length);
    if (out.length && !skip?.[0].startsWith("(") && ++prose >= 3) break;
    continue;
  }
  return out.length ? out : suspects;
}

const leadingValue = (t: string, ctx: ValueContext, relative = true, joinSplit = false) =>
  scanOne(t, ctx, { relative, joinSplit }) ??
  scanOne(t.replace(/^[A-Za-z]{1,12}\s*[:.]\s*/, ""), ctx, { relative, joinSplit });

export function parseValue(raw: string, ctx: ValueContext = {}): ParsedValue {
  const t = fold(raw ?? "");
  if (!t || MISSING.test(t)) return { kind: "missing", value: null, unit: null, raw: t };
  if (MARKER.test(t)) return { kind: "marker", value: null, unit: null, raw: t };
  // "72/100", "3,5/5": a score out of a scale, the score its value ("4/5" and "8/10" stay days and
  // months: a deadline's result is printed so)
  const score = /^(\d{1,3}(?:,\d+)?)\s*\/\s*(5|10|100)$/.exec(t);
  if (
    score &&
    (score[2] === "100" || score[1]!.includes(",")) &&
    parseItalianNumber(score[1]!)! <= Number(score[2])
  )
    return { kind: "number", value: parseItalianNumber(score[1]!), unit: "score", raw: t };
  // "289/289", "1.958/1.958": a count over a count, printed as such (not a date, not a number)
  const frac = /^(\d[\d.]*)\s*\/\s*(\d[\d.]*)$/.exec(t);
  if (
    frac &&
    (frac[1]!.includes(".") || frac[2]!.includes(".") || Number(frac[1]) > 31 || Number(frac[2]) > 12)
  )
    return {
      kind: "text",
      value: t.replace(/\s+/g, ""),
      unit: "text",
      raw: t,
      // over zero is no count over a count
      ...(/^[0.]+$/.test(frac[2]!) ? { suspect: true as const } : {}),
    };
  // a past value is never a change against a base: "-1 %" is minus one percent; a single value may be
  // split by a wrap, so digit groups are joined
  const v = leadingValue(t, ctx, false, true);
  // text that holds a figure but no Italian number ("1.5.6", "1e308") is flagged to be checked
  if (!v || v.suspect)
    return {
      kind: "text",
      value: t,
      unit: "text",
      raw: t,
      ...(!v && !looksLikeNumber(t) ? {} : { suspect: true }),
    };
  return { kind: v.kind, value: v.value, unit: v.unit, raw: t };
}

export function parseTarget(raw: string, ctx: ValueContext = {}): ParsedTarget | null {
  const t = fold(raw ?? "");
  if (!t || MISSING.test(t) || MARKER.test(t)) return null;
  const values = scanValues(t, ctx);
  const first = leadingValue(t, ctx);
  if (!first || !values.length) return null;
  const last = values[values.length - 1]!;
  const chosen = values.length > 1 ? last : first;
  const { length: _l, opGiven: _o, ...rest } = chosen;
  return { ...rest, op: chosen.opGiven ? chosen.op : first.op, raw: t };
}
