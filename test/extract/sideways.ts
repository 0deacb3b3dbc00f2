/** A PDF made for the tests of pages read level: a small ruled table drawn turned on its page. */
import PDFDocument from "pdfkit";

/** The table drawn: a header and two indicators with their weight and 2025 target. */
export const SIDEWAYS_ROWS = [
  ["Indicatore", "Peso", "Target 2025"],
  ["Tempo medio di evasione", "30%", "<= 30 gg"],
  ["Percentuale di pratiche concluse", "70%", ">= 75,00 %"],
];

/** A portrait A4 page with a small ruled table drawn turned by `angle` degrees around the page's centre. */
export async function sidewaysTable(angle: number, pageRotate = 0): Promise<Uint8Array> {
  const d = new PDFDocument({ size: "A4", margin: 0 });
  const chunks: Buffer[] = [];
  d.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => d.on("end", () => r()));
  if (pageRotate) (d.page.dictionary.data as { Rotate?: number }).Rotate = pageRotate;
  d.save().rotate(angle, { origin: [297.5, 421] });
  // the table, laid out as if on a landscape page centred on the portrait one
  const x0 = 297.5 - 300,
    y0 = 421 - 80;
  const widths = [260, 100, 140];
  SIDEWAYS_ROWS.forEach((row, r) => {
    let x = x0;
    row.forEach((cell, c) => {
      d.rect(x, y0 + r * 24, widths[c]!, 24).stroke();
      d.font(r ? "Helvetica" : "Helvetica-Bold")
        .fontSize(10)
        .text(cell, x + 4, y0 + r * 24 + 7, { lineBreak: false });
      x += widths[c]!;
    });
  });
  d.restore();
  d.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
