import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../src/model/index.js";
import { TableJoiner } from "../../src/segment/tables.js";

/** A cell of one line at [x0, x1] on row r. */
function cell(row: number, col: number, x0: number, x1: number, text: string): Cell {
  const box: [number, number, number, number] = [x0, 100 + row * 12, x1, 110 + row * 12];
  return { row, col, rowSpan: 1, colSpan: 1, box, text, lines: [{ text, box, words: [] }] };
}

function table(page: number, cells: Cell[], nRows: number, continues: number | null, headerRows = 0): Table {
  return { page, box: [40, 100, 600, 200], method: "stream", nRows, nCols: 4, headerRows, cells, continues };
}

describe("TableJoiner", () => {
  it("puts a run-on cell wider than its column's cells above into the column it overlaps most", () => {
    const j = new TableJoiner();
    const first = j.add(
      table(
        1,
        [
          cell(0, 0, 40, 100, "Cod."),
          cell(0, 1, 100, 366, "Indicatore"),
          cell(0, 2, 366, 528, "Valore 2025"),
          cell(0, 3, 528, 592, "Target"),
          cell(1, 0, 40, 100, "I1.1"),
          cell(1, 1, 100, 366, "Tempo medio di notifica"),
          cell(1, 2, 366, 528, "20"),
          cell(1, 3, 528, 592, "2026 <= 15"),
        ],
        2,
        null,
        1,
      ),
    )!;
    // on the next page, a row whose target cell runs far right ("… (ridefinito in 46 …)")
    const joined = j.add(
      table(
        2,
        [
          cell(0, 1, 98, 366, "Tempo medio di conclusione"),
          cell(0, 2, 366, 528, "54"),
          cell(0, 3, 528, 738, "2026 <= 41 (ridefinito in 46)"),
        ],
        1,
        0,
      ),
    );
    expect(joined).toBeNull();
    const last = first.rows.at(-1)!;
    expect(last.slots.map((s) => s?.text ?? null)).toEqual([
      null,
      "Tempo medio di conclusione",
      "54",
      expect.stringContaining("2026"),
    ]);
  });
});
