import { describe, expect, it } from "vitest";
import { alignedTable, DEFAULT_STREAM } from "../../src/layout/stream.js";
import type { Line, Word } from "../../src/model/index.js";

/** A line of one segment: words of 5 pt a character from x0, at y, 9 pt type. */
function seg(text: string, x0: number, y: number, bold = false): Line {
  const words: Word[] = [];
  let x = x0;
  for (const t of text.split(" ")) {
    words.push({
      text: t,
      box: [x, y, x + t.length * 5, y + 9],
      fontSize: 9,
      bold,
      italic: false,
      struck: false,
    });
    x += t.length * 5 + 3;
  }
  return { text, box: [x0, y, x - 3, y + 9], words };
}

describe("unruled tables: gutters", () => {
  // four columns; the third and fourth are 90 points apart, with nothing between them in the table
  const table = [
    seg("Indicatore", 40, 100, true),
    seg("Formula", 200, 100, true),
    seg("Target", 360, 100, true),
    seg("Stato", 520, 100, true),
  ];
  for (let r = 0; r < 4; r++) {
    const y = 120 + r * 20;
    table.push(
      seg(`Numero pratiche ${r}`, 40, y),
      seg("Somma delle pratiche", 200, y),
      seg(`>= ${r}0`, 360, y),
      seg(`${r}5`, 520, y),
    );
  }

  it("finds every column of a table under its header", () => {
    const r = alignedTable(table, 1, DEFAULT_STREAM)!;
    expect(r.table.nCols).toBe(4);
  });

  it("does not let a stamp above the header fill a gutter of the table", () => {
    // a protocol stamp of two segments, printed at the top right, over the white between Target and Stato
    const stamp = [
      seg("PROT. N.", 385, 40),
      seg("0078754 del 10/03/2021", 428, 40),
      seg("AOO:", 385, 55),
      seg("PROTOCOLLO GENERALE", 410, 55),
    ];
    const r = alignedTable([...stamp, ...table], 1, DEFAULT_STREAM)!;
    expect(r.table.nCols).toBe(4);
    const header = r.table.cells.filter((c) => c.text === "Target" || c.text === "Stato");
    expect(header.map((c) => c.col)).toEqual([2, 3]);
  });
});
