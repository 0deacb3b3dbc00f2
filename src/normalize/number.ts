/**
 * Strict Italian numbers. Text is tokenized first and only a whole token of digits, thousands dots
 * and one decimal comma is a number: "1.000" is 1000, "2.435,09" is 2435.09, "0,5" is 0.5; a dot
 * not followed by groups of exactly three digits is a decimal point ("0.5" is 0.5, never 5).
 * Never Intl or parseFloat on raw text: they silently misread these. A figure may be followed by an
 * Italian multiplier ("1,5 mld", "3 mila", "10 k€"); what looks like a number and is not an
 * Italian one ("1e308", "0x1F", "--1", "1/0", "NaN", "∞") is told apart so that it stays text.
 */

const SIGN = /^[+\-−–]/;

/** A double holds 15 significant digits exactly: a longer figure would be stored as another number. */
export const MAX_DIGITS = 15;

export function parseItalianNumber(text: string): number | null {
  if (typeof text !== "string") return null;
  let t = text.trim();
  if (!t || t.length > 40) return null;
  let sign = 1;
  if (SIGN.test(t)) {
    if (t[0] !== "+") sign = -1;
    t = t.slice(1).trim();
  }
  let m: RegExpExecArray | null;
  let n: number;
  if ((m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(t)))
    n = Number(m[1]!.replace(/\./g, "") + (m[2] ? "." + m[2] : ""));
  else if ((m = /^(\d{1,3}(?: \d{3})+)(?:,(\d+))?$/.exec(t)))
    n = Number(m[1]!.replace(/ /g, "") + (m[2] ? "." + m[2] : ""));
  else if ((m = /^(\d+)(?:,(\d+))?$/.exec(t))) n = Number(m[1]! + (m[2] ? "." + m[2] : ""));
  else if ((m = /^(\d+)\.(\d+)$/.exec(t))) n = Number(`${m[1]}.${m[2]}`);
  else if ((m = /^,(\d+)$/.exec(t))) n = Number(`0.${m[1]}`);
  else return null;
  if (!Number.isFinite(n)) return null;
  if (t.replace(/\D/g, "").replace(/^0+/, "").length > MAX_DIGITS) return null;
  return sign * n;
}

/** An Italian multiplier and whether it names euros ("k€", "milioni di euro"). */
export interface Multiplier {
  factor: number;
  euro: boolean;
  /** characters of the text it takes, white space before it included */
  length: number;
}

const MULTIPLIERS: [RegExp, number][] = [
  [/^\s*mila\b/i, 1e3],
  [/^\s*k(?=\s*€)/i, 1e3],
  [/^\s*(?:mln\b\.?|milion[ei]\b|M(?=\s*€))/i, 1e6],
  [/^\s*(?:mld\b\.?|miliard[oi]\b)/i, 1e9],
];
const EURO_AFTER = /^\s*(?:di\s+)?(?:€|euro\b|eur\b)/i;

/** The multiplier written right after a figure ("1,5 mld", "10 k€", "2 milioni di euro"), or null. */
export function readMultiplier(rest: string): Multiplier | null {
  for (const [re, factor] of MULTIPLIERS) {
    const m = re.exec(rest);
    if (!m) continue;
    // "M" alone is a multiplier only before "€" (otherwise a unit or a label); "mila" is a word
    if (/^\s*M$/.test(m[0]) && !/^\s*M\s*€/.test(rest)) continue;
    const euro = EURO_AFTER.exec(rest.slice(m[0].length));
    return { factor, euro: !!euro, length: m[0].length + (euro?.[0].length ?? 0) };
  }
  return null;
}

/** `n` times a power of ten, exactly as the decimal written (1,1 mln is 1 100 000, not 1 100 000.0000000002). */
export function scaleBy(n: number, factor: number): number {
  const s = String(n);
  if (/e/i.test(s)) return n * factor;
  return Number(`${s}e${Math.round(Math.log10(factor))}`);
}

/**
 * A token that looks like a number and is not an Italian one: an exponent ("1e308", "1,5E3"), hex
 * ("0x1F"), a doubled sign ("--1", "+-3"), a division by zero ("1/0"), NaN or infinity ("∞"),
 * superscript, fraction or non-Latin digits. Matched at the start of the text; such a token stays text and is
 * flagged, never read as the number its first digits would give.
 */
export const NOT_ITALIAN_NUMBER =
  /^(?:[+\-−–]{2,}\s*\d[\d.,]*|[+\-−–]?(?:nan|infinity|∞)(?![\p{L}\d])|\d[\d.,]*\s*\/\s*0+(?![\d.,/])|[+\-−–]?0[xX][0-9a-fA-F]+|[+\-−–]?\d[\d.,]*[eE][+\-−–]?\d+|\d*[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[½¼¾⅓⅔⅛]|[\d.,]*[٠-٩۰-۹０-９][٠-٩۰-۹０-９\d.,]*)/iu;

/**
 * True when `text` holds a figure but is no Italian number: one of NOT_ITALIAN_NUMBER's shapes, a
 * figure with more than MAX_DIGITS digits, or a run of digits and separators that is not a number
 * ("1.5.6"). Text with words ("entro 30 giorni") is not a figure.
 */
export function looksLikeNumber(text: string): boolean {
  const t = text.trim();
  if (NOT_ITALIAN_NUMBER.test(t)) return true;
  return /^[+\-−–]?\s*\d[\d.,\s]*$/.test(t) && parseItalianNumber(t.replace(/\s+/g, "")) === null;
}

/**
 * The figure of a percentage ("96,7", "96.7", "-3,5", "20"): at most three whole digits, so a comma
 * or a dot after them can only be the decimal separator. Null for anything else (a percentage's
 * figure is never written with thousands separators).
 */
export function parsePercent(text: string): number | null {
  const m = /^([+\-−–])?\s*(\d{1,3})(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(`${m[2]}.${m[3] ?? "0"}`);
  return m[1] && m[1] !== "+" ? -n : n;
}

/** Formats a number Italian-style (thousands dots, decimal comma): the inverse, for tests and output. */
export function formatItalianNumber(n: number, decimals?: number): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  const s = decimals === undefined ? String(abs) : abs.toFixed(decimals);
  const [int, frac] = s.split(".") as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${neg ? "-" : ""}${grouped}${frac ? "," + frac : ""}`;
}
