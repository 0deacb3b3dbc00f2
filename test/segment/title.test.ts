/**
 * The document's title (segment/document.ts detectTitle): the leading pages' largest and boldest
 * lines of running text, never a protocol stamp, a protocol number or the issuer's name alone.
 */
import { describe, expect, it } from "vitest";
import type { Box, Line, PageLayout, Word } from "../../src/model/index.js";
import { detectTitle } from "../../src/segment/document.js";

function line(text: string, x: number, y: number, size: number, bold = false, ocr = false): Line {
  let cx = x;
  const words: Word[] = text.split(" ").map((t) => {
    const w = t.length * size * 0.5;
    const word: Word = {
      text: t,
      box: [cx, y, cx + w, y + size],
      fontSize: size,
      bold,
      italic: false,
      struck: false,
      ...(ocr ? { confidence: 90 } : {}),
    };
    cx += w + size * 0.3;
    return word;
  });
  const box: Box = [x, y, cx, y + size];
  return { text, box, words };
}

function page(n: number, blocks: Line[][], furniture: Line[] = []): PageLayout {
  return {
    page: n,
    width: 842,
    height: 595,
    ocr: false,
    lines: blocks.flat(),
    blocks: blocks.map((lines) => ({
      lines,
      text: lines.map((l) => l.text).join("\n"),
      box: [
        Math.min(...lines.map((l) => l.box[0])),
        Math.min(...lines.map((l) => l.box[1])),
        Math.max(...lines.map((l) => l.box[2])),
        Math.max(...lines.map((l) => l.box[3])),
      ] as Box,
    })),
    tables: [],
    furniture,
  };
}

/** a registry stamp in the top right corner, bolder and larger than anything else on the page */
const stamp = [
  line("CCIAA RIVIERE - PROTOCOLLO", 690, 8, 8, true),
  line("PCM194", 690, 18, 14, true),
  line("N. 0004517 del 12/03/2024", 690, 34, 7),
];

describe("detectTitle", () => {
  it("takes the largest and boldest running lines, consecutive ones joined", () => {
    const p = page(1, [
      [line("Piano della performance", 300, 60, 18, true), line("2021-2023", 300, 80, 18, true)],
      [line("Allegato tecnico alla determinazione", 300, 110, 11)],
    ]);
    expect(detectTitle([p])).toBe("Piano della performance 2021-2023");
  });

  it("never takes a stamp, a protocol number or the issuer's name alone", () => {
    const p = page(1, [
      stamp,
      [line("Prot. n. 4517/2024", 40, 10, 16, true)],
      [line("Camera di commercio di Ferrara e Ravenna", 40, 50, 16, true)],
      [line("Relazione sulla performance 2023", 40, 74, 13)],
    ]);
    expect(detectTitle([p])).toBe("Relazione sulla performance 2023");
  });

  it("goes on to the next leading pages, then to a running header, past the stamp", () => {
    const first = page(1, [stamp], [line("CRUSCOTTO STRATEGICO 2021-2026", 330, 24, 9, true)]);
    expect(detectTitle([first])).toBe("CRUSCOTTO STRATEGICO 2021-2026");
    const cover = page(2, [[line("Cruscotto strategico 2021-2026", 250, 120, 20, true)]]);
    expect(detectTitle([first, cover])).toBe("Cruscotto strategico 2021-2026");
  });

  it("takes no word left alone by OCR beside a table on a scanned page for a title", () => {
    const first = page(
      1,
      [],
      [
        line("Allegato 3-4-5", 768, 22, 10, false, true),
        line("OBIETTIVI PIANO DELLA PERFORMANCE 2017", 24, 23, 8, false, true),
      ],
    );
    const second = { ...page(2, [[line("digitale”", 60, 170, 16, false, true)]]), ocr: true };
    expect(detectTitle([{ ...first, ocr: true }, second])).toBe("OBIETTIVI PIANO DELLA PERFORMANCE 2017");
    // on a born-digital page, a one-word heading is a heading
    expect(detectTitle([first, page(2, [[line("Cruscotto", 60, 170, 16, true)]])])).toBe("Cruscotto");
  });

  it("reads an OCR'd page the same way (sizes and bold measured from the image)", () => {
    const p = page(1, [
      [line("PCM194", 700, 12, 15, true, true)],
      [line("OBIETTIVI PIANO DELLA PERFORMANCE 2017", 300, 40, 12, true, true)],
    ]);
    expect(detectTitle([p])).toBe("OBIETTIVI PIANO DELLA PERFORMANCE 2017");
  });
});

describe("detectTitle: a line that names the document", () => {
  it("is preferred to a larger heading that names nothing", () => {
    const p = page(1, [
      [line("PIAO 2025-2027 – Sottosezione Performance", 40, 60, 9, true)],
      [line("Scheda obiettivo n. 1", 40, 120, 11, true)],
    ]);
    expect(detectTitle([p])).toBe("PIAO 2025-2027 – Sottosezione Performance");
  });
  it("gives way to the largest line when no line names the document", () => {
    const p = page(1, [
      [line("Schede degli obiettivi", 40, 60, 14, true)],
      [line("Settore tecnico", 40, 120, 9)],
    ]);
    expect(detectTitle([p])).toBe("Schede degli obiettivi");
  });
});
