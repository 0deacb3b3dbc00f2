/** What the command line prints for a person: fixed-width tables, names and messages on one line. */

type TableCell = string | number | null | undefined;

// C0 and C1 controls and the Unicode line and paragraph separators: any of them can end a line
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const HAS_CONTROL = new RegExp(CONTROL.source);
const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** Control characters written as JSON writes them (`\n`, `\u001b`), so that text stays on its line. */
export function oneLine(s: string): string {
  return s.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A file name for a line of output: as it is, or quoted as a JSON string when it holds a control
 * character or starts with a quote, so that a name with a newline cannot forge a second line.
 */
export function quoteName(s: string): string {
  if (!HAS_CONTROL.test(s) && !s.startsWith('"')) return s;
  return `"${oneLine(s.replace(/["\\]/g, "\\$&"))}"`;
}

/** Fixed-width text table; `right` lists columns to right-align (numbers). Columns are at most 60 wide. */
export function table(headers: string[], rows: TableCell[][], right: number[] = []): string {
  const cells = [
    headers,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : oneLine(String(c))))),
  ];
  // a loop, not Math.max(...column): a spread of a long column overflows the call stack
  const widths = headers.map((_, i) => {
    let w = 0;
    for (const r of cells) w = Math.max(w, (r[i] ?? "").length);
    return Math.min(60, w);
  });
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const w = widths[i]!;
        const t = c.length > w ? c.slice(0, w - 1) + "…" : c;
        return right.includes(i) ? t.padStart(w) : t.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join(
    "\n",
  );
}
