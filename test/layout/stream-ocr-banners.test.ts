/**
 * Unruled tables on OCR'd pages whose banners carry their weight (src/layout/stream.ts): a weight
 * read plain beside a bold title, a banner's box raised by its accents, a speck beside a row's
 * first line, and rules that leave no line to a table.
 */
import { describe, expect, it } from "vitest";
import { alignedTable, bannerWithWeight, DEFAULT_STREAM, streamTables } from "../../src/layout/stream.js";
import type { Line } from "../../src/model/index.js";
import { seg } from "./segs.js";

const ocr = (text: string, x: number, y: number, bold = false) => seg(text, x, y, bold, { confidence: 95 });

/**
 * Weight | indicator | description | target: the names end 6 pt before the descriptions start, and
 * each objective's banner (a bold title over both, its weight read plain) runs across that white.
 */
function table(): Line[] {
  const lines: Line[] = [
    ocr("Peso", 30, 80, true),
    ocr("Indicatore", 80, 80, true),
    ocr("Descrizione", 246, 80, true),
    ocr("Target", 420, 80, true),
  ];
  let y = 100;
  for (let k = 1; k <= 3; k++) {
    // (a title narrower than three fifths of the table: not a band across it)
    lines.push(ocr(`${30 + k}%`, 30, y), ocr(`${k}.1 ACCRESCERE LA TRASPARENZA DELL'AZIONE`, 80, y, true));
    y += 20;
    for (let r = 0; r < 2; r++) {
      // names of 32 characters: 80 + 32 × 5 = 240, 6 pt short of the descriptions
      lines.push(
        ocr(`${k}0%`, 30, y),
        ocr(`Quota di pratiche evase ${k}${r} nei`.padEnd(30, "x").slice(0, 32), 80, y),
        ocr("Misura le pratiche evase", 246, y),
        ocr(`>= ${k}${r}`, 420, y),
      );
      y += 20;
    }
  }
  return lines;
}

describe("banners with their weight on OCR'd pages", () => {
  it("tells a bold title beside weights read plain", () => {
    expect(bannerWithWeight([ocr("40%", 30, 0), ocr("1.2 ACCRESCERE LA TRASPARENZA", 80, 0, true)])).toBe(
      true,
    );
    expect(bannerWithWeight([ocr("1.2 ACCRESCERE", 80, 0, true), ocr("40,5 %", 400, 0)])).toBe(true);
    // a lone bold word is no title; a plain word is no weight
    expect(bannerWithWeight([ocr("40%", 30, 0), ocr("ACCRESCERE", 80, 0, true)])).toBe(false);
    expect(bannerWithWeight([ocr("Quota", 30, 0), ocr("1.2 ACCRESCERE LA TRASPARENZA", 80, 0, true)])).toBe(
      false,
    );
  });

  it("keeps the white between names and descriptions that the banners run across", () => {
    const r = alignedTable(table(), 1, DEFAULT_STREAM)!;
    expect(r.table.nCols).toBe(4);
    const texts = r.table.cells.filter((c) => c.col === 2).map((c) => c.text);
    expect(texts).toContain("Misura le pratiche evase");
  });

  it("puts a banner raised by its accents in the row its weight starts", () => {
    const lines = table();
    // the second banner's title read 1.5 pt taller upwards (`LEGALITÀ`), its weight as it is
    const i = lines.findIndex((l) => l.text.startsWith("2.1 "));
    const b = lines[i]!;
    b.box = [b.box[0], b.box[1] - 1.5, b.box[2], b.box[3]];
    for (const w of b.words) w.box = [w.box[0], w.box[1] - 1.5, w.box[2], w.box[3]];
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const banner = t.cells.find((c) => c.text.startsWith("2.1 "))!;
    const weight = t.cells.find((c) => c.text === "32%")!;
    expect(banner.row).toBe(weight.row);
    expect(banner.text).toBe("2.1 ACCRESCERE LA TRASPARENZA DELL'AZIONE");
  });

  it("starts a row at its first line though a speck stands beside it, reaching above it", () => {
    // descriptions of two lines, rows set apart; a speck read as a tall `a` at the end of a row's
    // first line, reaching 4.5 pt above it
    const lines: Line[] = [
      ocr("Indicatore", 40, 80, true),
      ocr("Descrizione", 200, 80, true),
      ocr("2024", 360, 80, true),
      ocr("2025", 420, 80, true),
    ];
    for (let r = 0; r < 4; r++) {
      const y = 100 + r * 30;
      lines.push(
        ocr(`Numero pratiche ${r}`, 40, y),
        ocr(`Misura le pratiche ${r}`, 200, y),
        ocr("evase nell'anno", 200, y + 10.5),
        ocr(`>= ${r}0`, 360, y),
        ocr(`>= ${r}5`, 420, y),
      );
    }
    const speck = ocr("a", 310, 155.5);
    speck.words[0]!.box = speck.box = [310, 155.5, 315, 165];
    lines.push(speck);
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const desc = t.cells.filter((c) => c.col === 1 && c.row > 0).map((c) => c.text.split("\n")[0]);
    expect(desc).toEqual([0, 1, 2, 3].map((r) => `Misura le pratiche ${r}`));
  });

  it("finds no table where the rules leave it no line", () => {
    // a stamp's bands and a heading's pieces at the top; the table's rules far below, one label between
    const lines: Line[] = [
      ocr("PROT. N.", 600, 36),
      ocr("0031927 del 13/04/2022", 660, 36),
      ocr("Registro", 600, 45),
      ocr("ufficiale", 660, 45),
      ocr("Migliorare la", 29, 173, true),
      ocr("regolarità.", 120, 173, true),
      ocr("ni. 000", 636, 173),
      ocr("OBIETTIVO OPERATIVO 1.1.1", 29, 236, true),
      ocr("L'obiettivo concorre alla creazione di valore pubblico", 29, 286),
      ocr("Formula", 338, 306, true),
    ];
    const words = lines.flatMap((l) => l.words);
    const rules: [number, number, number][] = [
      [302.76, 28, 770],
      [318.24, 28, 770],
    ];
    expect(() => streamTables(words, 1, DEFAULT_STREAM, [], rules)).not.toThrow();
  });
});

describe("rows of OCR'd tables", () => {
  it("do not start where every cell of a row wraps onto a next line set at the leading", () => {
    // boxes of ink, 9 pt type: a cell's next line 3 pt under (the leading less the capitals), rows 14 apart
    const lines: Line[] = [
      ocr("Misura", 40, 80, true),
      ocr("Formula", 200, 80, true),
      ocr("Baseline", 360, 80, true),
      ocr("Target", 420, 80, true),
    ];
    let y = 100;
    for (let r = 0; r < 3; r++) {
      lines.push(
        ocr(`Quota di pratiche ${r} evase sul`, 40, y),
        ocr("N. pratiche evase / N.", 200, y),
        ocr(`3${r},07`, 360, y),
        ocr("2024>=39 2025>=40", 420, y),
      );
      // the name, the formula and the targets wrap; the baseline does not
      lines.push(
        ocr("totale", 40, y + 12),
        ocr("pratiche ricevute", 200, y + 12),
        ocr("2026>=41", 420, y + 12),
      );
      y += 38;
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.nRows).toBe(4);
    const names = t.cells.filter((c) => c.col === 0 && c.row > 0).map((c) => c.text.replace(/\n/g, " "));
    expect(names).toEqual([0, 1, 2].map((r) => `Quota di pratiche ${r} evase sul totale`));
  });
});
