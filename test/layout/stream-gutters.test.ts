import { describe, expect, it } from "vitest";
import { alignedTable, DEFAULT_STREAM, loneLeft, ocrNoise } from "../../src/layout/stream.js";
import type { Line, Word } from "../../src/model/index.js";
import { seg } from "./segs.js";

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

  it("keeps a narrow gutter that a bold banner covers when the next column's lines start at it", () => {
    // objectives (bold, set once) in a column 4 points from the names; a banner runs over both
    const lines: Line[] = [
      seg("AMBITO 1 – Territorio e servizi alle imprese", 40, 80, true),
      seg("2024", 400, 80, true),
      seg("2025", 480, 80, true),
    ];
    const rows = [
      ["1.1 Riqualificare le aree", "Superficie riqualificata", ">= 10", ">= 12"],
      ["urbane degradate e dismesse", "Tempo medio di intervento", "<= 5", "<= 4"],
      ["1.2 Sostenere le imprese", "Imprese servite nell'anno", ">= 30", ">= 35"],
      ["", "Pratiche evase nei termini", ">= 90%", ">= 95%"],
    ];
    rows.forEach(([o, n, a, b], r) => {
      const y = 100 + r * 20;
      // the longest objective line ends at 169; the names start at 173
      if (o) lines.push(seg(o, 40, y, true));
      lines.push(seg(n!, 173, y), seg(a!, 400, y), seg(b!, 480, y));
    });
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const col = (text: string) => t.cells.find((c) => c.text === text)?.col;
    expect(col("Superficie riqualificata")).toBe(col("Pratiche evase nei termini"));
    expect(col("Superficie riqualificata")).not.toBe(col("1.1 Riqualificare le aree"));
  });
});

describe("tables ruled under each row", () => {
  it("keeps a cell whole, over the rows beside it, where the rules under them stop short of its column", () => {
    // an objective set once beside three indicators; the rules under the first two indicators start
    // at the names' column (the objective's cell is merged), the one under the third runs across
    const lines: Line[] = [
      seg("Obiettivo strategico A01:", 40, 100, true),
      seg("Garantire le entrate", 40, 112, true),
      seg("dell'ente", 40, 124, true),
    ];
    const names = ["Pratiche concluse", "Tempo medio", "Quota certificati"];
    names.forEach((n, r) => {
      const y = 100 + r * 30;
      lines.push(seg(n, 180, y), seg(`>= ${r}0`, 360, y), seg(`>= ${r}5`, 460, y));
    });
    const rules = [95, 125, 155, 185];
    const spans = new Map<number, [number, number]>([
      [95, [35, 520]],
      [125, [170, 520]],
      [155, [170, 520]],
      [185, [35, 520]],
    ]);
    const t = alignedTable(lines, 1, DEFAULT_STREAM, rules, [35, 170, 350, 450, 520], spans)!.table;
    const objective = t.cells.find((c) => c.text.startsWith("Obiettivo"))!;
    expect(objective.text).toContain("dell'ente");
    expect(objective.rowSpan).toBe(3);
    // the other columns are cut at every rule
    expect(t.cells.filter((c) => c.col === 1).map((c) => c.rowSpan)).toEqual([1, 1, 1]);
  });
});

describe("unruled tables: rows of their own", () => {
  /** rows set close, as LibreOffice sets them: lines of a cell touch, rows 3 pt apart */
  const build = (rows: [string, string, string, string][]) => {
    const lines: Line[] = [];
    let y = 100;
    for (const cells of rows) {
      const parts = cells.map((c) => c.split("\n"));
      const n = Math.max(...parts.map((p) => p.length));
      parts.forEach((p, c) =>
        p.forEach((t, i) => t && lines.push(seg(t, [40, 200, 360, 460][c]!, y + i * 9))),
      );
      y += n * 9 + 3;
    }
    return lines;
  };

  it("makes lines alone in the first column, between two objectives' rows, a row of their own", () => {
    const lines = build([
      ["Obiettivi operativi", "KPI", "2024", "2025"],
      ["OBIETTIVO OPERATIVO 1.1\nMonitorare le attività", "Tempo medio", "<= 30", "<= 28"],
      ["", "Pratiche evase", ">= 50", ">= 55"],
      ["OBIETTIVO STRATEGICO 2\nContenere la spesa", "", "", ""],
      ["OBIETTIVO OPERATIVO 2.1\nRidurre i tempi", "Costo medio", "<= 40", "<= 38"],
      ["", "Ordini emessi", ">= 10", ">= 12"],
    ]);
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const cell = (start: string) => t.cells.find((c) => c.text.startsWith(start))!;
    expect(cell("OBIETTIVO STRATEGICO 2").text).toBe("OBIETTIVO STRATEGICO 2\nContenere la spesa");
    expect(cell("OBIETTIVO STRATEGICO 2").row).toBeGreaterThan(cell("Pratiche evase").row);
    expect(cell("OBIETTIVO STRATEGICO 2").row).toBeLessThan(cell("OBIETTIVO OPERATIVO 2.1").row);
    expect(cell("OBIETTIVO OPERATIVO 1.1").text).toBe("OBIETTIVO OPERATIVO 1.1\nMonitorare le attività");
  });

  it("finds lines alone in the first column when only a weight stands beside them", () => {
    // (column, line): a banner with its weight far right, between two rows of names and values
    const at = (c: number, text: string, y: number) => ({ line: seg(text, 40 + c * 160, y), c0: c, c1: c });
    const placed = [
      at(0, "1.1 Garantire l'equilibrio", 100),
      at(1, "Costo medio di istruttoria", 100),
      at(2, "214 €", 100),
      at(0, "Area strategica 2 – Servizi", 115),
      at(3, "100%", 115),
      at(0, "2.1 Ridurre i tempi", 130),
      at(1, "Customer satisfaction", 130),
      at(2, "4", 130),
    ];
    expect(loneLeft(placed, 0)).toEqual([115]);
    // a value beside it is no weight: a row of indicators
    placed[4] = at(3, ">= 4", 115);
    expect(loneLeft(placed, 0)).toEqual([]);
  });

  it("keeps an OCR'd cell's lines, apart by the leading less the capitals, one group", () => {
    // (OCR'd boxes are ink: 9 pt tall lines, 12.6 pt apart, leave 3.6 pt, 0.4 of the type, between)
    const at = (c: number, text: string, y: number, ocr: boolean) => ({
      line: seg(text, 40 + c * 160, y, true, ocr ? { confidence: 90 } : {}),
      c0: c,
      c1: c,
    });
    for (const ocr of [true, false]) {
      const placed = [
        at(0, "OBIETTIVO", 100, ocr),
        at(1, "50%", 100, ocr),
        at(0, "STRATEGICO", 112.6, ocr),
        at(0, "A01", 125.2, ocr),
        at(0, "Qualificare", 137.8, ocr),
      ];
      // (the heading with its weight beside it is one row; born-digital boxes are the type's: lines
      // so far apart are rows of their own)
      expect(loneLeft(placed, 0)).toEqual(ocr ? [100] : [100, 112.6, 125.2, 137.8]);
    }
  });

  it("makes an objective's weight and title, alone in the first two columns, a row of their own", () => {
    const lines = build([
      ["Peso", "Descrizione indicatore", "2024", "2025"],
      ["70%", "A03 Accrescere la trasparenza", "", ""],
      ["70%", "A03.01 Digitalizzare le fasi\nResponsabile: Servizi Demografici", "", ""],
      ["70%", "Attivazione del servizio online", "OFF", "ON"],
      ["30%", "Quota di fatture pagate", "> 76%", "> 78%"],
    ]);
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const row = (start: string) => t.cells.find((c) => c.text.startsWith(start))!.row;
    expect(new Set([row("A03 "), row("A03.01"), row("Attivazione"), row("Quota")]).size).toBe(4);
  });
});

describe("unruled tables: header labels set otherwise than their values", () => {
  it("takes a label standing alone between two columns of values over the unlabelled values beside it", () => {
    // a spreadsheet's header: years as numbers set to the left, the values centred well to the right,
    // so each year stands in the white between the values of two years
    const lines: Line[] = [
      seg("KPI", 40, 100, true),
      seg("Valore 2021", 300, 100, true),
      seg("2022", 420, 100, true),
      seg("2023", 520, 100, true),
      seg("2024", 620, 100, true),
    ];
    for (let r = 0; r < 4; r++) {
      const y = 120 + r * 14;
      lines.push(
        seg(`Quota di pratiche concluse ${r}`, 40, y),
        seg(`${r}1,00%`, 360, y),
        seg(`>= ${r}5,0%`, 460, y),
        seg(`>= ${r}6,0%`, 560, y),
        seg(`>= ${r}7,0%`, 660, y),
      );
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.nCols).toBe(5);
    const col = (text: string) => t.cells.find((c) => c.text === text)?.col;
    expect([col("2022"), col(">= 05,0%")]).toEqual([2, 2]);
    expect([col("2024"), col(">= 07,0%")]).toEqual([4, 4]);
    expect([col("Valore 2021"), col("01,00%")]).toEqual([1, 1]);
  });

  it("leaves a label over bold objectives apart from the unlabelled names beside them", () => {
    // an ambito banner repeating the years is the only header; objectives (bold) stand under its title
    const lines: Line[] = [
      seg("AMBITO 1", 40, 100, true),
      seg("2024", 420, 100, true),
      seg("2025", 520, 100, true),
      seg("Servizio", 620, 100, true),
    ];
    for (let r = 0; r < 4; r++) {
      const y = 120 + r * 14;
      if (r % 2 === 0) lines.push(seg(`OBIETTIVO ${r}.1`, 40, y, true));
      lines.push(
        seg(`Quota di pratiche ${r}`, 200, y),
        seg(`>= ${r}5%`, 420, y),
        seg(`>= ${r}6%`, 520, y),
        seg("Ufficio", 620, y),
      );
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const col = (text: string) => t.cells.find((c) => c.text === text)?.col;
    expect(col("AMBITO 1")).not.toBe(col("Quota di pratiche 1"));
  });
});

describe("unruled tables: titles and the lines above them", () => {
  /** a line of one segment in `size` pt type */
  const sized = (text: string, x0: number, y: number, size: number, bold = false): Line => {
    const l = seg(text, x0, y, bold);
    for (const w of l.words) w.fontSize = size;
    return l;
  };

  it("keeps an objective's title wrapped in a narrow first column whole, past the gutter of its codes", () => {
    // codes (to x 75) and weights (from 110) leave their gutter at 75-110; the titles' lines run to 105
    const lines: Line[] = [
      seg("Codice", 40, 80, true),
      seg("Peso", 110, 80, true),
      seg("Misura", 160, 80, true),
      seg("2025", 400, 80, true),
      seg("2026", 460, 80, true),
    ];
    let y = 95;
    for (let o = 0; o < 2; o++) {
      lines.push(seg("Migliorare la", 40, y, true), seg("60%", 110, y, true));
      lines.push(seg("relazione con", 40, (y += 9), true), seg("cittadini", 40, (y += 9), true));
      for (let r = 0; r < 2; r++) {
        y += 14;
        lines.push(seg(`B3.${o}_0${r}`, 40, y), seg("50%", 110, y), seg(`Numero di ricoveri ${r}`, 160, y));
        lines.push(seg(`>= ${r}5`, 400, y), seg(`>= ${r}6`, 460, y));
      }
      y += 16;
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const title = t.cells.filter((c) => c.text.includes("relazione con"));
    expect(title).toHaveLength(2);
    for (const c of title) expect([c.col, c.colSpan, c.text.includes("cittadini")]).toEqual([0, 1, true]);
  });

  it("leaves what stands above a title in larger type over the header out of the table", () => {
    // the issuer and a protocol stamp, then the document's title, then the table
    const lines: Line[] = [
      seg("Azienda USL di Pescara", 40, 40),
      seg("PROT. N. 0016705", 380, 40),
      seg("del 21/04/2026", 460, 40),
      sized("Allegato 1 – Obiettivi 2026-2028", 150, 60, 14, true),
      seg("Indicatore", 40, 90, true),
      seg("Formula", 200, 90, true),
      seg("2026", 380, 90, true),
      seg("2027", 460, 90, true),
    ];
    for (let r = 0; r < 3; r++) {
      const y = 105 + r * 14;
      lines.push(seg(`Numero di pratiche ${r}`, 40, y), seg("Somma delle pratiche", 200, y));
      lines.push(seg(`>= ${r}5`, 380, y), seg(`>= ${r}6`, 460, y));
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.cells.some((c) => /PROT|Azienda/.test(c.text))).toBe(false);
    expect(t.cells.filter((c) => c.row === 0).map((c) => c.text)).toEqual([
      "Indicatore",
      "Formula",
      "2026",
      "2027",
    ]);
  });
});

describe("unruled tables: columns set close", () => {
  it("finds a column from its aligned starts when notes across the columns fill its gutter, and cuts a name run close to it", () => {
    // names from 40, formulas from 200; one name runs to 195 (a gap of 5, under the split between
    // segments), and two notes written across the names and formulas fill the gutter
    const lines: Line[] = [
      seg("Indicatori", 40, 80, true),
      seg("Formula", 200, 80, true),
      seg("2025", 380, 80, true),
      seg("2026", 440, 80, true),
    ];
    const word = (text: string, x: number, y: number): Word => ({
      text,
      box: [x, y, x + text.length * 5, y + 9],
      fontSize: 9,
      bold: false,
      italic: false,
      struck: false,
    });
    let y = 95;
    for (let r = 0; r < 7; r++) {
      if (r === 0) {
        // "Percentuale di atti pubblicati" ends at 195, "N. atti" starts at 200: one segment
        const ws = [
          word("Percentuale", 40, y),
          word("di", 98, y),
          word("atti", 113, y),
          word("pubblicati", 135, y),
        ];
        ws.push(word("N.", 200, y), word("atti", 213, y));
        lines.push({ text: ws.map((w) => w.text).join(" "), box: [40, y, 233, y + 9], words: ws });
      } else {
        lines.push(seg(`Quota di pratiche ${r}`, 40, y), seg(`N. pratiche ${r}`, 200, y));
      }
      lines.push(seg(`>= ${r}5`, 380, y), seg(`>= ${r}6`, 440, y));
      if (r === 2 || r === 4)
        lines.push(seg("Note: Fonte: banca dati regionale, aggiornamento trimestrale", 40, (y += 12)));
      y += 14;
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const col = (text: string) => t.cells.find((c) => c.text === text)?.col;
    expect(col("N. pratiche 1")).toBe(col("Formula"));
    expect(col("Quota di pratiche 1")).not.toBe(col("Formula"));
    expect(col("N. atti")).toBe(col("Formula"));
    expect(col("Percentuale di atti pubblicati")).toBe(col("Indicatori"));
  });

  it.each([false, true])(
    "finds a column from four aligned starts that no word crosses, one of them run close (OCR: %s)",
    (ocr) => {
      // two indicators: formulas (from 200) wrap, their targets by year (from 330) too; the first
      // formula's line runs to 325, a gap of 5 before "2024:", under the split between segments
      const word = (text: string, x: number, y: number): Word => ({
        text,
        box: [x, y, x + text.length * 5, y + 9],
        fontSize: 9,
        bold: false,
        italic: false,
        struck: false,
        ...(ocr ? { confidence: 90 } : {}),
      });
      const line = (ws: Word[]): Line => ({
        text: ws.map((w) => w.text).join(" "),
        box: [ws[0]!.box[0], ws[0]!.box[1], ws[ws.length - 1]!.box[2], ws[0]!.box[3]],
        words: ws,
      });
      const lines: Line[] = [
        seg("Indicatori", 40, 80, true),
        seg("Formula", 200, 80, true),
        seg("Risultato atteso", 330, 80, true),
        seg("Partenza", 480, 80, true),
      ];
      for (let r = 0; r < 2; r++) {
        const y = 95 + r * 30;
        lines.push(seg(`Costo medio ${r}`, 40, y), seg("43,16", 480, y));
        if (r === 0)
          lines.push(
            line([
              word("Costi", 200, y),
              word("diretti", 228, y),
              word("posti", 300, y),
              word("2024:", 330, y),
              word("<=", 358, y),
            ]),
          );
        else lines.push(seg("Costi diretti", 200, y), seg("2024: <= 40", 330, y));
        lines.push(seg("nido assegnati", 200, y + 10), seg("2026: <= 39", 330, y + 10));
      }
      const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
      const texts = t.cells.map((c) => c.text);
      // (on an OCR'd page, words' places and gaps are only the reading's: two such words are needed)
      if (ocr) expect(texts).not.toContain("Risultato atteso");
      else {
        expect(texts).toContain("Risultato atteso");
        expect(texts).toContain("2024: <=\n2026: <= 39");
        expect(texts).toContain("Costi diretti posti\nnido assegnati");
      }
    },
  );
});

describe("a part read on known column bounds", () => {
  it("puts text printed a little past the last bound in the last column, not the first", () => {
    const lines = [seg("Tempo medio", 40, 100), seg("54", 200, 100), seg(">= 1.810 (rivisto)", 300, 100)];
    // (the previous part's bounds end at 370; the last cell here runs to 385)
    const t = alignedTable(
      lines,
      2,
      { ...DEFAULT_STREAM, minMultiLines: 1 },
      undefined,
      [38, 180, 280, 370],
    )!.table;
    const last = t.cells.find((c) => c.text.startsWith(">="))!;
    expect([last.col, last.colSpan]).toEqual([2, 1]);
  });
});

describe("unruled tables: guards", () => {
  it("keeps the rows above a line in large type when the table has no header of bold labels", () => {
    const lines: Line[] = [];
    for (let r = 0; r < 6; r++) {
      const y = 100 + r * 14 + (r >= 3 ? 30 : 0);
      lines.push(seg(`Numero di pratiche ${r}`, 40, y), seg(`${r}5`, 300, y), seg(`>= ${r}6`, 380, y));
    }
    // (a large line between the rows: an OCR'd word box, a heading)
    const big = seg("Allegato", 40, 150);
    for (const w of big.words) w.fontSize = 30;
    const t = alignedTable([...lines, big], 1, DEFAULT_STREAM)!.table;
    expect(t.cells.some((c) => c.text === "Numero di pratiche 0")).toBe(true);
  });
});

describe("unruled tables: header labels run on one line", () => {
  /** One segment of labels: a label's words a space (3 pt) apart, the labels `gap` apart. */
  function labels(parts: string[], x0: number, y: number, gap: number): Line {
    const words: Word[] = [];
    let x = x0;
    for (const p of parts) {
      for (const t of p.split(" ")) {
        words.push({
          text: t,
          box: [x, y, x + t.length * 5, y + 9],
          fontSize: 9,
          bold: true,
          italic: false,
          struck: false,
        });
        x += t.length * 5 + 3;
      }
      x += gap - 3;
    }
    return { text: parts.join(" "), box: [x0, y, x - gap, y + 9], words };
  }

  it("puts each label over its own column when the labels of columns set close form one segment", () => {
    // "Target 2022", "Target 2023", "Valore 2021" 5 pt apart (a space is 3): the values' gutters fall
    // inside "2022" and "Valore", so the line read as one label across the three columns
    const lines: Line[] = [
      seg("Indicatore", 40, 80, true),
      seg("Formula", 160, 80, true),
      labels(["Target 2022", "Target 2023", "Valore 2021"], 300, 80, 5),
    ];
    for (let r = 0; r < 3; r++) {
      const y = 95 + r * 14;
      lines.push(seg(`Numero di pratiche ${r}`, 40, y), seg("Somma delle pratiche", 160, y));
      lines.push(seg(`>= ${r}0`, 310, y), seg(`>= ${r}1`, 368, y), seg(`${r}5`, 450, y));
    }
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    expect(t.nCols).toBe(5);
    expect(t.cells.filter((c) => c.row === 0).map((c) => [c.col, c.colSpan, c.text])).toEqual([
      [0, 1, "Indicatore"],
      [1, 1, "Formula"],
      [2, 1, "Target 2022"],
      [3, 1, "Target 2023"],
      [4, 1, "Valore 2021"],
    ]);
    expect(t.cells.filter((c) => c.row === 1 && c.col >= 2).map((c) => c.text)).toEqual([
      ">= 00",
      ">= 01",
      "05",
    ]);
  });
});

describe("unruled tables: rows without a code", () => {
  it("keeps an uncoded row under a coded one apart, when the code column ties for the anchor", () => {
    // rows set 13.5 pt apart (close enough that a column's lines run into one block); the second row
    // has no code, and a weight under the table gives the code column as many blocks as the others
    const lines: Line[] = [
      seg("Codice", 40, 100, true),
      seg("Misura", 100, 100, true),
      seg("U.M.", 300, 100, true),
      seg("Baseline", 350, 100, true),
      seg("Target 2024", 420, 100, true),
      seg("Target 2025", 500, 100, true),
    ];
    const rows = [
      ["I1.1", "Percentuale di atti pubblicati", "%", "94", "100", "100"],
      ["", "Percentuale di controlli eseguiti", "%", "33", "> 35", "> 40"],
      ["I1.3", "Percentuale di istanze definite", "%", "56", ">= 59", ">= 60"],
    ];
    rows.forEach((row, r) => {
      const y = 115 + r * 13.5;
      const xs = [40, 100, 300, 350, 420, 500];
      row.forEach((t, c) => {
        if (t) lines.push(seg(t, xs[c]!, y));
      });
    });
    lines.push(seg("Peso: 40%", 40, 165));
    const t = alignedTable(lines, 1, DEFAULT_STREAM)!.table;
    const names = t.cells.filter((c) => c.col === 1 && c.text.startsWith("Percentuale"));
    expect(names.map((c) => c.text)).toEqual([
      "Percentuale di atti pubblicati",
      "Percentuale di controlli eseguiti",
      "Percentuale di istanze definite",
    ]);
    expect(new Set(names.map((c) => c.row)).size).toBe(3);
    expect(t.cells.find((c) => c.text === "> 35")?.row).toBe(names[1]!.row);
  });
});

describe("unruled tables on OCR'd pages: specks and smudges", () => {
  /** a line as OCR reads it: each word with tesseract's confidence */
  const read = (text: string, x0: number, y: number, confidence: number, width?: number): Line => {
    const l = seg(text, x0, y, false, { confidence });
    if (width !== undefined) l.words[0]!.box = l.box = [x0, y, x0 + width, y + 9];
    return l;
  };
  const table: Line[] = [];
  for (let r = 0; r < 4; r++) {
    const y = 120 + r * 20;
    table.push(
      read(`Numero pratiche ${r}`, 40, y, 95),
      read(`>= ${r}0`, 200, y, 92),
      read(`${r}5`, 280, y, 90),
    );
  }

  it("tells a smudge from print read unsure", () => {
    // marks alone, and letters spread far wider than type sets them, read unsure
    expect(ocrNoise(read("_", 100, 50, 23))).toBe(true);
    expect(ocrNoise(read("prov", 150, 50, 29, 48))).toBe(true);
    // the grain of a dithered banner: letters squeezed into a post, or standing taller than the type
    expect(ocrNoise(read("ni", 150, 50, 13, 3))).toBe(true);
    const tall = read("seria", 150, 50, 20);
    tall.words[0]!.box = tall.box = [150, 50, 175, 62];
    expect(ocrNoise(tall)).toBe(true);
    // a signature's loops read as letters three times as wide as type, less unsure
    expect(ocrNoise(read("AAP", 150, 50, 42, 90))).toBe(true);
    expect(ocrNoise(read("AAP", 150, 50, 42, 30))).toBe(false);
    expect(ocrNoise(read("AAP", 150, 50, 80, 90))).toBe(false);
    // the same words set as type sets them, or read surely
    expect(ocrNoise(read("ni", 150, 50, 13))).toBe(false);
    expect(ocrNoise(read("ni", 150, 50, 90, 3))).toBe(false);
    // a header word on a shaded ground: unsure, but as wide as its letters
    expect(ocrNoise(read("Indicatore", 40, 50, 12))).toBe(false);
    // a sure reading, and a word of the text layer (no confidence)
    expect(ocrNoise(read("_", 100, 50, 90))).toBe(false);
    expect(ocrNoise(seg("-", 100, 50))).toBe(false);
  });

  it("keeps the gutters a smudge across a row stands in", () => {
    expect(alignedTable(table, 1, DEFAULT_STREAM)!.table.nCols).toBe(3);
    // a ruling's remains read as a word over the gutters, beside a speck, between two rows
    const smudged = [...table, read("prov", 90, 131, 29, 170), read("-", 30, 131, 40 - 1)];
    const r = alignedTable(smudged, 1, DEFAULT_STREAM)!;
    expect(r.table.nCols).toBe(3);
    expect(r.table.nRows).toBe(4);
    expect(r.table.cells.some((c) => c.text.includes("prov"))).toBe(false);
  });
});

describe("unruled tables on OCR'd pages: spaces measured on ink", () => {
  /** a line of OCR'd words from x0, 5 pt a character, the spaces `space` pt wide */
  const ocrLine = (text: string, x0: number, y: number, space: number): Line =>
    seg(text, x0, y, false, { space, confidence: 92 });
  // targets by year in one cell ("2024 ≥ 38%"), three rows of them, beside a name and a formula
  const rows = (space: number) => {
    const lines: Line[] = [];
    for (let r = 0; r < 3; r++) {
      const y = 100 + r * 40;
      lines.push(ocrLine(`Numero pratiche ${r}`, 40, y, 3), ocrLine(`Somma pratiche ${r}`, 200, y, 3));
      for (let k = 0; k < 3; k++) lines.push(ocrLine(`${2024 + k} ≥ ${3 * r + k}8%`, 360, y + k * 10, space));
    }
    return lines;
  };

  it("takes a space between a year and its value for a space, not for a column's edge", () => {
    // 4 pt: 0.44 of the type size, as OCR's ink-tight boxes measure a plain space
    const r = alignedTable(rows(4), 1, DEFAULT_STREAM)!;
    expect(r.table.nCols).toBe(3);
    expect(r.table.cells.find((c) => c.col === 2)!.text).toContain("2024 ≥ 08%");
  });
});
