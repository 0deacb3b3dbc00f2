/**
 * Strict Italian numbers. Text is tokenized first and only a whole token of digits, thousands dots
 * and one decimal comma is a number: "1.000" is 1000, "2.435,09" is 2435.09, "0,5" is 0.5; a dot
 * not followed by groups of exactly three digits is a decimal point ("0.5" is 0.5, never 5).
 * Never Intl or parseFloat on raw text: they silently misread these.
 */

const SIGN = /^[+\-−–]/;

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
  return sign * n;
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
