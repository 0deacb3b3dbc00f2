/** What the command line prints for a person: fixed-width tables. */

type TableCell = string | number | null | undefined;

/** Fixed-width text table; `right` lists columns to right-align (numbers). Columns are at most 60 wide. */
export function table(headers: string[], rows: TableCell[][], right: number[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))];
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
