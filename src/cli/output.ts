/** Small helpers for what the CLI prints. */

/** Fixed-width text table; `right` lists columns to right-align (numbers). */
export function table(
  headers: string[],
  rows: (string | number | null | undefined)[][],
  right: number[] = [],
): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? "").length))));
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

/** RFC 4180 CSV. */
export function csv(rows: (string | number | boolean | null | undefined)[][]): string {
  const cell = (v: string | number | boolean | null | undefined) => {
    if (v === null || v === undefined) return "";
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
