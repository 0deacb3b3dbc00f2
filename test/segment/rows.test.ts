/** Row shapes (src/segment/rows.ts). */
import { describe, expect, it } from "vitest";
import type { Line } from "../../src/model/index.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";
import { rowShape } from "../../src/segment/rows.js";
import type { LRow, Slot } from "../../src/segment/tables.js";

const lx = wordsOf(loadProfileSet().generic);

/** a row of one-line cells; `ocr` gives every word a confidence, as OCR'd words have */
function row(texts: string[], ocr: boolean): LRow {
  const slots: Slot[] = texts.map((text, i) => {
    const box: [number, number, number, number] = [40 + i * 60, 100, 95 + i * 60, 110];
    const line: Line = {
      text,
      box,
      words: text.split(" ").map((t) => ({
        text: t,
        box,
        fontSize: 9,
        bold: false,
        italic: false,
        struck: false,
        ...(ocr ? { confidence: 80 } : {}),
      })),
    };
    return { text, lines: [line], box, page: 1, key: `c${i}`, first: true, colSpan: 1, rowSpan: 1 };
  });
  return { page: 1, top: 100, slots, header: false };
}

describe("rowShape", () => {
  const noisy = [
    "8. Accountability e Trasparenza",
    "2021",
    "2022",
    "262:",
    "/",
    "\\bod&_",
    "” / 3025",
    "2026",
    "Risorse",
    "Owner",
  ];

  it("reads a scanned header row with labels lost to a signature as a titled header", () => {
    const s = rowShape(row(noisy, true), noisy.length, lx);
    expect(s.kind).toBe("titled-header");
    if (s.kind === "titled-header") expect(s.title.text).toBe("8. Accountability e Trasparenza");
  });

  it("keeps such a row as data on a page with a text layer, or with values in it", () => {
    expect(rowShape(row(noisy, false), noisy.length, lx).kind).toBe("data");
    const values = [
      "Imprese assistite",
      "2021",
      "2022",
      "2023",
      ">= 80%",
      "12",
      "15",
      "2026",
      "Risorse",
      "Owner",
    ];
    expect(rowShape(row(values, true), values.length, lx).kind).toBe("data");
    // two years only
    const two = ["Imprese assistite", "2021", "2022", "262:", "/", "10", "12", "14", "Risorse", "Owner"];
    expect(rowShape(row(two, true), two.length, lx).kind).toBe("data");
  });
});
