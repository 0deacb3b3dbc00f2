import { describe, expect, it } from "vitest";
import { headerRowsOf } from "../../src/layout/index.js";
import type { Cell, Table } from "../../src/model/index.js";

/** A table from rows of cells: [text, colSpan], every word bold when `bold`. */
function table(rows: { cells: [string, number][]; bold: boolean }[], nCols: number): Table {
  const cells: Cell[] = [];
  rows.forEach(({ cells: rc, bold }, r) => {
    let col = 0;
    for (const [text, colSpan] of rc) {
      const box: [number, number, number, number] = [col * 50, r * 20, (col + colSpan) * 50, r * 20 + 20];
      const words = text
        .split(" ")
        .map((w) => ({ text: w, box, fontSize: 9, bold, italic: false, struck: false }));
      cells.push({ row: r, col, rowSpan: 1, colSpan, box, text, lines: [{ text, box, words }] });
      col += colSpan;
    }
  });
  return {
    page: 1,
    box: [0, 0, nCols * 50, rows.length * 20],
    method: "stream",
    nRows: rows.length,
    nCols,
    headerRows: 0,
    cells,
    continues: null,
  };
}

const labels = (bold: boolean, ...t: string[]) => ({ cells: t.map((x): [string, number] => [x, 1]), bold });

describe("header rows", () => {
  it("counts the leading bold label rows, years included", () => {
    const t = table(
      [
        labels(true, "Indicatore", "Target", "Target"),
        labels(true, "", "2025", "2026"),
        labels(false, "Numero pratiche", ">= 10", ">= 12"),
      ],
      3,
    );
    expect(headerRowsOf(t)).toBe(2);
  });

  it("stops at a bold banner across the whole table under the header", () => {
    const t = table(
      [
        labels(true, "Indicatore", "Target", "Target"),
        { cells: [["Obiettivi operativi", 3]], bold: true },
        labels(false, "Numero pratiche", ">= 10", ">= 12"),
      ],
      3,
    );
    expect(headerRowsOf(t)).toBe(1);
  });

  it("stops at a row holding data", () => {
    const t = table([labels(true, "Indicatore", "Target"), labels(true, "Numero pratiche", ">= 10")], 2);
    expect(headerRowsOf(t)).toBe(1);
  });
});
