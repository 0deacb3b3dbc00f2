/** The layout steps on small PDFs drawn here with pdfkit, where every cell is known. */
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { openPdf } from "../../src/extract/index.js";
import { assembleDocument, layoutPage, parseAct, parseSignatories } from "../../src/layout/index.js";
import type { PageLayout } from "../../src/model/index.js";

async function pdf(
  draw: (d: PDFKit.PDFDocument) => void,
  opts: PDFKit.PDFDocumentOptions = {},
): Promise<Uint8Array> {
  const d = new PDFDocument({ size: "A4", layout: "landscape", margin: 20, ...opts });
  const chunks: Buffer[] = [];
  d.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => d.on("end", () => r()));
  draw(d);
  d.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

async function layout(bytes: Uint8Array): Promise<PageLayout[]> {
  const src = await openPdf(bytes);
  const pages: PageLayout[] = [];
  for await (const raw of src.pages()) pages.push(layoutPage(raw));
  await src.close();
  return assembleDocument(pages).pages;
}

/** A ruled grid: 4 columns, a header, and a first-column cell merged over two rows. */
function ruledTable(d: PDFKit.PDFDocument, x = 40, y = 60) {
  const xs = [x, x + 150, x + 350, x + 450, x + 550];
  const ys = [y, y + 20, y + 45, y + 70, y + 95];
  d.lineWidth(0.75);
  for (const yy of [ys[0]!, ys[1]!, ys[3]!, ys[4]!]) d.moveTo(xs[0]!, yy).lineTo(xs[4]!, yy).stroke();
  d.moveTo(xs[1]!, ys[2]!).lineTo(xs[4]!, ys[2]!).stroke(); // not under the merged cell
  for (const xx of xs) d.moveTo(xx, ys[0]!).lineTo(xx, ys[4]!).stroke();
  d.font("Helvetica-Bold").fontSize(9);
  ["Obiettivo", "Indicatore", "Target 2024", "Target 2025"].forEach((t, i) =>
    d.text(t, xs[i]! + 3, ys[0]! + 5, { lineBreak: false }),
  );
  d.font("Helvetica").fontSize(9);
  d.text("1.1 Digitalizzazione", xs[0]! + 3, ys[1]! + 5, { width: 140 });
  d.text("Imprese assistite", xs[1]! + 3, ys[1]! + 5, { lineBreak: false });
  d.text(">= 100", xs[2]! + 3, ys[1]! + 5, { lineBreak: false });
  d.text(">= 120", xs[3]! + 3, ys[1]! + 5, { lineBreak: false });
  d.text("Eventi organizzati", xs[1]! + 3, ys[2]! + 5, { lineBreak: false });
  d.text("10", xs[2]! + 3, ys[2]! + 5, { lineBreak: false });
  d.text("12", xs[3]! + 3, ys[2]! + 5, { lineBreak: false });
  d.text("1.2 Semplificazione", xs[0]! + 3, ys[3]! + 5, { lineBreak: false });
  d.text("Pratiche evase", xs[1]! + 3, ys[3]! + 5, { lineBreak: false });
  // a struck-through superseded target beside the current one
  d.text("80%", xs[2]! + 3, ys[3]! + 5, { lineBreak: false });
  const w = d.widthOfString("80%");
  d.moveTo(xs[2]! + 3, ys[3]! + 8.5)
    .lineTo(xs[2]! + 3 + w, ys[3]! + 8.5)
    .lineWidth(0.6)
    .stroke();
  d.text("85%", xs[2]! + 40, ys[3]! + 5, { lineBreak: false });
}

describe("layout", () => {
  it("reads a ruled table with a merged cell, a header row and a struck word", async () => {
    const [p] = await layout(await pdf((d) => ruledTable(d)));
    expect(p!.tables).toHaveLength(1);
    const t = p!.tables[0]!;
    expect(t.method).toBe("lattice");
    expect([t.nRows, t.nCols]).toEqual([4, 4]);
    expect(t.headerRows).toBe(1);
    const merged = t.cells.find((c) => c.text === "1.1 Digitalizzazione")!;
    expect([merged.row, merged.col, merged.rowSpan, merged.colSpan]).toEqual([1, 0, 2, 1]);
    const target = t.cells.find((c) => c.row === 3 && c.col === 2)!;
    const words = target.lines.flatMap((l) => l.words);
    expect(words.map((w) => [w.text, w.struck])).toEqual([
      ["80%", true],
      ["85%", false],
    ]);
  });

  it("closes a ruled grid whose last column has no border where its rows' rulings end", async () => {
    // a scan's edge cut the table's right border off: the rows' rulings run on over the last column
    const draw = (d: PDFKit.PDFDocument) => {
      const xs = [40, 200, 300, 400];
      const end = 500;
      const ys = [60, 80, 105, 130];
      d.lineWidth(0.75);
      for (const y of ys) d.moveTo(xs[0]!, y).lineTo(end, y).stroke();
      for (const x of xs) d.moveTo(x, ys[0]!).lineTo(x, ys[3]!).stroke();
      d.font("Helvetica-Bold").fontSize(9);
      ["Indicatore", "2021", "2022", "2023"].forEach((t, i) =>
        d.text(t, (xs[i] ?? 400) + 3, ys[0]! + 5, { lineBreak: false }),
      );
      d.font("Helvetica").fontSize(9);
      const rows = [
        ["Imprese assistite", ">= 500", ">= 550", ">= 560"],
        ["Eventi organizzati", ">= 10", ">= 10", ">= 12"],
      ];
      rows.forEach((r, k) =>
        r.forEach((t, i) => {
          d.text(t, (xs[i] ?? 400) + 3, ys[k + 1]! + 5, { lineBreak: false });
        }),
      );
    };
    const [p] = await layout(await pdf(draw));
    const t = p!.tables[0]!;
    expect([t.nRows, t.nCols]).toEqual([3, 4]);
    expect(t.box[2]).toBeCloseTo(500, 0);
    expect(t.cells.find((c) => c.row === 1 && c.col === 3)!.text).toBe(">= 560");
    expect(t.cells.find((c) => c.row === 0 && c.col === 3)!.text).toBe("2023");
    expect(t.cells.find((c) => c.row === 2 && c.col === 3)!.text).toBe(">= 12");
    expect(p!.blocks.some((b) => b.text.includes(">= 12"))).toBe(false);
    // rulings run on past the grid over nothing: no column is made of them
    const [r] = await layout(
      await pdf((d) => {
        const xs = [40, 200, 300, 400];
        const ys = [60, 80, 105, 130];
        d.lineWidth(0.75);
        for (const y of ys) d.moveTo(xs[0]!, y).lineTo(500, y).stroke();
        for (const x of xs) d.moveTo(x, ys[0]!).lineTo(x, ys[3]!).stroke();
        d.font("Helvetica").fontSize(9);
        ["Imprese", "10", "12"].forEach((t, i) => d.text(t, xs[i]! + 3, ys[1]! + 5, { lineBreak: false }));
        ["Eventi", "4", "5"].forEach((t, i) => d.text(t, xs[i]! + 3, ys[2]! + 5, { lineBreak: false }));
      }),
    );
    expect(r!.tables[0]!.nCols).toBe(3);
    expect(r!.tables[0]!.box[2]).toBeCloseTo(400, 0);
  });

  it("finds an unruled table by its gutters, with a side cell spanning rows", async () => {
    const [p] = await layout(
      await pdf((d) => {
        d.font("Helvetica-Bold").fontSize(9);
        ["Obiettivo", "Indicatore", "Stato 2015", "Target 2017"].forEach((t, i) =>
          d.text(t, 40 + [0, 180, 420, 520][i]!, 60, { lineBreak: false }),
        );
        d.font("Helvetica").fontSize(9);
        // the objective's text runs down beside its first two indicators
        d.text(
          "01.O1 Generare una forte cultura pro impresa e migliorare la qualità dell'ambiente di business anche per favorire la creazione di start-up",
          40,
          80,
          { width: 130 },
        );
        const rows = [
          ["F001 - Unità locali di imprese", "3021", ">= 3100"],
          ["F002 - Numero delle imprese hitech", "1208", ">= 1210"],
          ["F003 - Numero nuove start up", "376", "+1% (380)"],
        ];
        rows.forEach((r, i) => {
          d.text(r[0]!, 220, 80 + i * 30, { lineBreak: false });
          d.text(r[1]!, 460, 80 + i * 30, { lineBreak: false });
          d.text(r[2]!, 560, 80 + i * 30, { lineBreak: false });
        });
      }),
    );
    const t = p!.tables.find((x) => x.method === "stream")!;
    expect(t).toBeDefined();
    expect(t.nCols).toBe(4);
    const obj = t.cells.find((c) => c.text.startsWith("01.O1"))!;
    expect(obj.rowSpan).toBeGreaterThanOrEqual(2);
    const f3 = t.cells.find((c) => c.text.startsWith("F003"))!;
    const target = t.cells.find((c) => c.row === f3.row && c.text === "+1% (380)");
    expect(target).toBeDefined();
  });

  it("keeps a stamp's spaced words above a heading and its paragraph out of an unruled table's gutters", async () => {
    const [p] = await layout(
      await pdf((d) => {
        d.font("Helvetica").fontSize(9);
        // a protocol stamp at the top right, its words spaced apart, over the year columns
        d.text("PROT.", 560, 25, { lineBreak: false });
        d.text("0026117", 620, 25, { lineBreak: false });
        d.text("del 11/02/2021", 680, 25, { lineBreak: false });
        d.text("Classif.", 560, 37, { lineBreak: false });
        d.text("1.6", 620, 37, { lineBreak: false });
        d.font("Helvetica-Bold").text("1.1 Digitalizzare le fasi di liquidazione delle fatture", 40, 70, {
          lineBreak: false,
        });
        d.font("Helvetica");
        d.text(
          "L'obiettivo è trasversale e coinvolge più strutture dell'ente, coordinate dalla struttura.",
          40,
          84,
          {
            lineBreak: false,
          },
        );
        d.text(
          "Le azioni previste saranno monitorate con cadenza semestrale e rendicontate nella Relazione.",
          40,
          96,
          {
            lineBreak: false,
          },
        );
        d.font("Helvetica-Bold");
        ["KPI", "Stato 2020", "2021", "2022", "2023"].forEach((t, i) =>
          d.text(t, [40, 480, 560, 640, 720][i]!, 130, { lineBreak: false }),
        );
        d.font("Helvetica");
        const rows = [
          ["Costo medio di assegnazione dei posti nido", "354", "<= 340", "<= 300 <= 333", "<= 326"],
          ["Costo medio di rilascio dei certificati", "32", "<= 28 <= 31", "<= 30", "<= 30"],
          ["Costo medio di emissione delle carte", "342", "<= 329", "<= 322", "<= 315"],
        ];
        rows.forEach((r, i) =>
          r.forEach((c, k) => d.text(c, [40, 480, 560, 640, 720][k]!, 150 + i * 20, { lineBreak: false })),
        );
      }),
    );
    const t = p!.tables.find((x) => x.method === "stream")!;
    expect(t.nCols).toBe(5);
    expect(t.cells.filter((c) => c.row === 0).map((c) => c.text)).toEqual([
      "KPI",
      "Stato 2020",
      "2021",
      "2022",
      "2023",
    ]);
    expect(t.cells.some((c) => /PROT/.test(c.text))).toBe(false);
  });

  it("moves repeated footers out of the body and reads the act and signatories", async () => {
    const pages = await layout(
      await pdf((d) => {
        for (let i = 0; i < 3; i++) {
          if (i) d.addPage();
          d.font("Helvetica")
            .fontSize(11)
            .text(`Testo della pagina ${i + 1} con contenuto diverso ${"x".repeat(i)}`, 40, 100);
          d.fontSize(7).text(
            "Allegato 4) alla determinazione del Segretario generale n. 12 del 3 marzo 2024",
            20,
            560,
            { lineBreak: false },
          );
          d.text(`Pagina ${i + 1} di 3`, 760, 560, { lineBreak: false });
        }
      }),
    );
    expect(pages.every((p) => p.furniture.length === 2)).toBe(true);
    expect(pages[0]!.blocks.map((b) => b.text).join(" ")).not.toMatch(/Allegato|Pagina/);
  });

  it("parses acts and signatories in running text", () => {
    expect(
      parseAct(
        "Allegato 4) alla determinazione del Commissario straordinario con i poteri di Giunta n. 53 del 21 luglio 2021",
      ),
    ).toEqual({
      type: "determinazione del Commissario straordinario con i poteri di Giunta",
      number: "53",
      date: "2021-07-21",
    });
    expect(parseAct("delibera di Giunta n. 7/2023 del 30/01/2023")?.date).toBe("2023-01-30");
    expect(
      parseSignatories(
        "Il Segretario generale Mauro Giannattasio Il Commissario straordinario Giorgio Guberti (firmato digitalmente)",
      ),
    ).toEqual(["Il Segretario generale Mauro Giannattasio", "Il Commissario straordinario Giorgio Guberti"]);
  });
});
