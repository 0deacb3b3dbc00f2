/**
 * What a cell holds, read from its text alone: a year, a value (a target with its comparator, a
 * percentage, an amount, a date, a qualitative word), a missing marker, an objective or indicator
 * code, a coded title, a formula, prose, a header label or other text. Column roles and row kinds
 * are decided from these readings when header words are missing or ambiguous.
 */
import { MARKER, MISSING, scanValues } from "../normalize/index.js";
import { leadingIndicatorCode, leadingObjectiveCode, plain } from "./text.js";

export type CellKind =
  "empty" | "year" | "value" | "missing" | "marker" | "code" | "coded" | "formula" | "prose" | "text";

export interface CellReading {
  kind: CellKind;
  /** words in the text */
  words: number;
  /** a value with a comparator, a deadline or a year prefix: a target as printed */
  comparator: boolean;
  /** a lone percentage ("20,00%"): a weight or a value */
  percent: boolean;
  /** an office or person responsible ("Ufficio …", "Segretario generale") */
  office: boolean;
}

const YEAR = /^(?:19|20)\d\d$/;
const YEAR_PREFIX = /^(?:19|20)\d\d\s*(?::|(?=\s*(?:[<>≤≥=]|=>|entro\b)))\s*/;
const COMPARATOR =
  /^(?:≥|≤|>|<|=|=>|=<|entro\b|almeno\b|non (?:inferiore|superiore)\b|massimo\b|minimo\b|\+\s*\d)/i;
const LEVELLED =
  /^(?:obiettiv[oi]|area|ambito|asse|missione|linea|priorit[aà]|azione)\b[^\d\n]{0,40}?\b(?:[A-Z]{0,3}\.?\d{1,2}(?:\.[\dA-Z]{1,3})*|[A-Z]\d{0,2})\b/iu;
const LONE_PERCENT = /^\d{1,3}(?:[.,]\d+)?\s*%$/;
// what formulas are written with: a division, a sum, "x 100", counts of things over other counts
const FORMULA =
  /[/÷∑]|\bx\s*100\b|\*\s*100\b|\b(?:rapporto|somma|sommatoria|differenza|conteggio)\s+(?:tra|fra|de)|^(?:n\.|n°|nr\.|numero(?!\s+di\b)|totale|media)\s/i;
const OFFICE =
  /^(?:ufficio|uffici|servizio|servizi|settore|u\.?\s?o\.?|area|direzione|dirigente|segretario|segreteria|staff|unit[àa]|s\.\s?\p{L}|tutti gli uffici|tutti i servizi|provveditorato|ragioneria|responsabile)\b/iu;

/** The share of a text that values cover (0..1), and whether one is a target as printed. */
function valueCover(t: string): { cover: number; comparator: boolean } {
  const body = t.replace(YEAR_PREFIX, "");
  const values = scanValues(body);
  if (!values.length) return { cover: 0, comparator: false };
  let covered = 0;
  let comparator = YEAR_PREFIX.test(t);
  for (const v of values) {
    covered += v.raw.length;
    if (v.opGiven || v.relative || v.kind === "date") comparator = true;
  }
  // year prefixes and their separators count as covered
  const prefixes = (t.match(/(?:19|20)\d\d\s*:/g) ?? []).join("").length;
  return { cover: Math.min(1, (covered + prefixes) / Math.max(1, body.length)), comparator };
}

const cache = new Map<string, CellReading>();

/** Reads one cell's text (folded). */
export function readCell(text: string): CellReading {
  const hit = cache.get(text);
  if (hit) return hit;
  if (cache.size > 20000) cache.clear();
  const r = read(text.trim());
  cache.set(text, r);
  return r;
}

function read(t: string): CellReading {
  const words = t ? t.split(/\s+/).length : 0;
  const base = { words, comparator: false, percent: false, office: OFFICE.test(t) };
  if (!t) return { ...base, kind: "empty" };
  if (YEAR.test(t)) return { ...base, kind: "year" };
  if (MISSING.test(t)) return { ...base, kind: "missing" };
  if (MARKER.test(t)) return { ...base, kind: "marker" };
  if (LONE_PERCENT.test(t)) return { ...base, kind: "value", percent: true };
  // a code alone with letters or two dots ("1.2.S", "A01.02", "1.1.1") is no number
  const code = leadingObjectiveCode(t);
  if (code && !code.rest && (/\p{L}/u.test(code.code) || /\..*\./.test(code.code)))
    return { ...base, kind: "code" };
  const startsLikeValue = /^(?:[<>≤≥=+\-−–€]|\d|(?:19|20)\d\d\s*:|entro\b|almeno\b|on$|off$)/i.test(t);
  if (startsLikeValue || words <= 3) {
    const { cover, comparator } = valueCover(t);
    if (cover >= 0.6 || (comparator && COMPARATOR.test(t.replace(YEAR_PREFIX, "")) && cover >= 0.3))
      return { ...base, kind: "value", comparator };
  }
  const obj = leadingObjectiveCode(t);
  if (obj && !obj.rest) return { ...base, kind: "code" };
  if (/^[A-Za-z]{1,6}\s?\d[\w.]*$/.test(t) && words === 1) return { ...base, kind: "code" };
  if (obj && obj.rest.length >= 3 && /^\p{Lu}|^["“«(]/u.test(obj.rest)) return { ...base, kind: "coded" };
  // "OBIETTIVO STRATEGICO 1.1 Migliorare …", "Area 2 – Servizi": a heading with its level words
  if (LEVELLED.test(t)) return { ...base, kind: "coded" };
  if (FORMULA.test(t) && words >= 3 && !/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(t))
    return { ...base, kind: "formula" };
  if (words >= 14 && /[.;:]\s+\p{L}/u.test(t)) return { ...base, kind: "prose" };
  if (leadingIndicatorCode(t)) return { ...base, kind: "text" };
  return { ...base, kind: plain(t) ? "text" : "empty" };
}

/** True when a reading is some value (missing and marker cells included: they stand in value columns). */
export function isValueKind(k: CellKind): boolean {
  return k === "value" || k === "missing" || k === "marker" || k === "year";
}
