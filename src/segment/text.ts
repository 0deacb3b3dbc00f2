/** Text helpers shared by the segment rules (`fold` is the normalize stage's, used by every stage). */
import { parsePercent } from "../normalize/index.js";

// the same cell and header texts are matched by many rules: each is folded once
const plainCache = new Map<string, string>();

/** Lower case without accents, for matching header and banner words. */
export function plain(s: string): string {
  const hit = plainCache.get(s);
  if (hit !== undefined) return hit;
  if (plainCache.size > 5000) plainCache.clear();
  const out = s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  plainCache.set(s, out);
  return out;
}

export const YEAR = /\b(19[89]\d|20\d\d)\b/g;

export function yearsIn(s: string): number[] {
  return [...s.matchAll(YEAR)].map((m) => Number(m[1]));
}

/**
 * An objective code at the start of a text: `1.2.S.1`, `01.O1.O1.T1`, `A02.01`, `B04`, `E 01.01`, `3.2.1`,
 * `OB.1.1`, `1.` (numbered area), `OS1 – Title` (an objective's initial, "O" or "AS", with a number,
 * before a dash and a title; "I1.1 - …" is an indicator's). Letters-only words are not codes.
 * Returns the code and the rest.
 */
export function leadingObjectiveCode(text: string): { code: string; rest: string } | null {
  // (a speck before a scan's code read as a quote, `‘A02.02 - Ridurre`: no code starts with one)
  const t = text.trim().replace(/^[‘’'"“”`]\s*(?=[A-Z\d])/u, "");
  const m =
    /^((?:[A-Z] )?\d{1,2}(?:\.[A-Z0-9]{1,3})+(?![\p{L}\d])|[A-Z]{1,2}\d{2}(?:\.\d{2})*(?![\p{L}\d])|[A-Z]{1,4}\.\d{1,2}(?:\.[A-Z0-9]{1,3})*(?![\p{L}\d])|\d{1,2}\.(?=\s|\p{Lu})|\d{1,2}(?=\s*[-–—:]\s+\p{Lu})|(?:O[A-Z]{0,3}|AS)\d{1,2}(?:\.\d{1,2})*(?=\s*[-–—:]\s*\p{Lu}))\s*(?:[-–—:]\s*)?(.*)$/su.exec(
      t,
    );
  if (!m) return null;
  let code = m[1]!.replace(/\.$/, "");
  let rest = m[2]!.trim();
  // "1.1 - 1.1 Internazionalizzazione": the code printed twice
  if (rest.startsWith(code + " ") || rest.startsWith(code + " -"))
    rest = rest.slice(code.length).replace(/^\s*[-–—]?\s*/, "");
  if (/^[A-Z] \d/.test(code) === false) code = code.replace(/\s+/g, "");
  return { code, rest };
}

/**
 * An indicator code before its name: `C1.1_04 - Rispetto…`, `F101 - …`, `EC15.4_rev2018 - …`, `DFP 1.3 - …`,
 * `Eff01 - …`, `F232- …`, `R.A.1.1a - …`, and numbers of three levels or more or of three to five
 * digits, not a year, before a name (`1.1.2 - Numero…`, `1101 - Costo…`: OCR makes them of `I1.1.2`
 * and `I101`). The separator dash is required, so names starting with a number are left alone.
 */
export function leadingIndicatorCode(text: string): { code: string; rest: string } | null {
  const t = text.trim();
  const m =
    /^((?:[A-Za-z]{1,3}\.){1,3}\d[\w.]*|[A-Za-z]{1,6} ?\d[\w.]*(?:_[\w.]+)*)\s*[-–]\s+(.+)$/su.exec(t) ??
    /^(\d{1,3}(?:\.\d{1,3}){2,}[a-z]?|(?!(?:19|20)\d\d\b)\d{3,5})\s*[-–]\s+(\p{Lu}\p{Ll}.+)$/su.exec(t) ??
    // (a code of two dotted letters and figures, its dash lost on a scan: `R.A.1.1a Quota di …`)
    /^((?:[A-Za-z]\.){2,3}\d+(?:\.\d+)*[a-z]?)\s+(\p{Lu}\p{Ll}.+)$/su.exec(t);
  if (m) return { code: m[1]!, rest: m[2]!.trim() };
  // (a scan's space after a code's letters' dot, `RA. 1.1c - …`: letters, then figures of two
  // levels; the space is no part of the code, as it is of `DFP 1.3`)
  const spaced = /^([A-Za-z]{2,3}\.) (\d+\.\d[\w.]*)\s*[-–]\s+(.+)$/su.exec(t);
  return spaced ? { code: spaced[1]! + spaced[2]!, rest: spaced[3]!.trim() } : null;
}

/** "20,00%" → 20; null when the text is not a lone percentage. */
export function percentWeight(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:,\d+)?)\s*%\s*$/.exec(text);
  return m ? parsePercent(m[1]!) : null;
}

/**
 * A weight in a column headed as one ("Peso", "Peso %"): a percentage, or a bare number up to 100
 * ("40"), the header giving its sense; null otherwise.
 */
export function columnWeight(text: string): number | null {
  const p = percentWeight(text);
  if (p !== null) return p;
  const m = /^\s*(\d{1,3}(?:,\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const n = parsePercent(m[1]!);
  return n !== null && n <= 100 ? n : null;
}
