/**
 * RFC 4180 CSV, safe to open in a spreadsheet. A text cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be read by Excel or LibreOffice as a formula (`=HYPERLINK(…)`,
 * `=cmd|' /C calc'!A0`), so it is written after a single quote, as OWASP recommends ("CSV
 * Injection"): the spreadsheet shows the text as it was printed, `=100%` included. Numbers are
 * written as they are (a negative number is not a formula).
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: empty for null, neutralised when it could be read as a formula, quoted when needed. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line of cells, with its line break. */
export function csvLine(cells: CsvCell[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

/** Whole rows at once (small tables: a diff). */
export function csv(rows: CsvCell[][]): string {
  return rows.map(csvLine).join("");
}
