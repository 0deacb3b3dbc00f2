/** A diff as CSV (one row per compared target, rename, addition, removal) or an Excel workbook. */
import type { DiffResult } from "../link/index.js";
import { csv, type CsvCell } from "./csv.js";

/**
 * The diff as CSV: one row per compared target (kind = its change), then one per renamed, added and
 * removed indicator; text cells are neutralised against formula injection (see csv.ts).
 */
export function diffCsv(d: DiffResult): string {
  const rows: CsvCell[][] = [
    [
      "kind",
      "year",
      "indicator",
      "previous_name",
      "objective_code",
      "from_op",
      "from_value",
      "from_unit",
      "from_raw",
      "to_op",
      "to_value",
      "to_unit",
      "to_raw",
      "similarity",
    ],
  ];
  for (const t of d.targets)
    rows.push([
      t.change,
      t.year,
      t.indicator,
      t.previousName,
      t.objectiveCode,
      t.from.op,
      t.from.value,
      t.from.unit,
      t.from.raw,
      t.to.op,
      t.to.value,
      t.to.unit,
      t.to.raw,
      null,
    ]);
  for (const l of d.links.filter((x) => x.renamed))
    rows.push(["renamed", null, l.to, l.from, null, null, null, null, null, null, null, null, null, l.score]);
  for (const n of d.added)
    rows.push(["added", null, n, null, null, null, null, null, null, null, null, null, null, null]);
  for (const n of d.removed)
    rows.push(["removed", null, null, n, null, null, null, null, null, null, null, null, null, null]);
  return csv(rows);
}

/**
 * The diff as an Excel workbook at `path`: one sheet per kind of change (text cells are stored as
 * text, never as formulas).
 */
export async function diffXlsx(d: DiffResult, path: string): Promise<void> {
  // exceljs is loaded by the one command that writes a workbook
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "allegati";
  const sheet = (
    name: string,
    columns: { header: string; key: string; width: number }[],
    rows: Record<string, unknown>[],
  ) => {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  };
  const targetCols = [
    { header: "Anno", key: "year", width: 8 },
    { header: "Indicatore", key: "indicator", width: 60 },
    { header: "Obiettivo", key: "objective", width: 12 },
    { header: "Target precedente", key: "from", width: 22 },
    { header: "Target nuovo", key: "to", width: 22 },
  ];
  for (const kind of ["tightened", "loosened", "changed", "unchanged"] as const)
    sheet(
      kind,
      targetCols,
      d.targets
        .filter((t) => t.change === kind)
        .map((t) => ({
          year: t.year,
          indicator: t.indicator,
          objective: t.objectiveCode,
          from: t.from.raw,
          to: t.to.raw,
        })),
    );
  sheet(
    "renamed",
    [
      { header: "Nome precedente", key: "from", width: 60 },
      { header: "Nome nuovo", key: "to", width: 60 },
      { header: "Somiglianza", key: "score", width: 12 },
    ],
    d.links.filter((l) => l.renamed),
  );
  sheet(
    "added",
    [{ header: "Indicatore aggiunto", key: "name", width: 80 }],
    d.added.map((name) => ({ name })),
  );
  sheet(
    "removed",
    [{ header: "Indicatore rimosso", key: "name", width: 80 }],
    d.removed.map((name) => ({ name })),
  );
  await wb.xlsx.writeFile(path);
}
