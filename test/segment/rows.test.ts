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

  it("reads such a row whose first cell is a label itself as a header, not a titled one", () => {
    const labelled = [
      "Obiettivi operativi",
      "Indicatore",
      "onsuntivi an inni",
      "2022",
      "2023",
      "2024",
      "Peso",
    ];
    expect(rowShape(row(labelled, true), labelled.length, lx)).toMatchObject({ kind: "header" });
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

describe("rowShape: a banner under a stamp", () => {
  /** a banner over `span` columns of `nCols`, then cells of a stamp's marks with their confidence */
  function stamped(span: number, nCols: number, marks: [string, number][]): LRow {
    const r = row(["OBIETTIVO OPERATIVO 01.O1.O1 MONITORARE LE ATTIVITÀ DI RICERCA"], true);
    r.slots[0]!.colSpan = span;
    for (const w of r.slots[0]!.lines[0]!.words) w.confidence = 96;
    const rest = row(
      marks.map(([t]) => t),
      true,
    );
    rest.slots.forEach((s, i) => {
      for (const w of s!.lines[0]!.words) w.confidence = marks[i]![1];
      r.slots.push({ ...s!, key: `m${i}` });
    });
    while (r.slots.length < nCols) r.slots.push(null);
    return r;
  }

  it("reads an objective's heading beside marks read unsure as the row's banner", () => {
    const s = rowShape(
      stamped(6, 11, [
        ["tf NY 00457", 20],
        ["|", 87],
      ]),
      11,
      lx,
    );
    expect(s.kind).toBe("wide");
    if (s.kind === "wide") expect(s.cell.text).toContain("OBIETTIVO OPERATIVO");
  });

  it("keeps the row as data when a cell beside it reads surely, or the heading is narrow", () => {
    expect(rowShape(stamped(6, 11, [[">= 80%", 92]]), 11, lx).kind).toBe("data");
    expect(rowShape(stamped(2, 11, [["tf NY", 20]]), 11, lx).kind).toBe("data");
  });
});

describe("rowShape: header labels with level words", () => {
  it("reads level words with no code and no title as a header's label", () => {
    const labels = [
      "Obiettivi operativi",
      "Obiettivo di team / individuale",
      "Descrizione indicatore",
      "Valore 2023",
    ];
    expect(rowShape(row(labels, true), labels.length, lx).kind).toBe("header");
  });

  it("keeps a row with an objective's heading as no header", () => {
    const heading = [
      "Obiettivo operativo 1.1 Digitalizzare le pratiche",
      "Descrizione indicatore",
      "Valore 2023",
    ];
    expect(rowShape(row(heading, true), heading.length, lx).kind).not.toBe("header");
  });
});

describe("rowShape: a header label cut where it wraps", () => {
  it("reads header words with one short label cut short as a header", () => {
    const cut = ["Descrizione indicatore", "Unità di", "Algoritmo", "Target"];
    expect(rowShape(row(cut, true), cut.length, lx).kind).toBe("header");
  });

  it("keeps a row with a name or a value among header words as data", () => {
    const name = ["Descrizione indicatore", "Tempo medio di rilascio", "Algoritmo", "Target"];
    expect(rowShape(row(name, true), name.length, lx).kind).toBe("data");
    const value = ["Descrizione indicatore", "≥ 75%", "Algoritmo", "Target"];
    expect(rowShape(row(value, true), value.length, lx).kind).toBe("data");
  });
});

describe("rowShape: a scan's label with a letter read as a figure", () => {
  const misread = [
    "Ponderazione",
    "Descrizione indicatore",
    "Algoritmo",
    "Serie storica",
    "Valore 2 tteso 2021",
  ];

  it("reads header words with one OCR'd label holding a lone figure as a header", () => {
    expect(rowShape(row(misread, true), misread.length, lx).kind).toBe("header");
  });

  it("keeps such a row as data when printed, or when the odd cell is a value", () => {
    expect(rowShape(row(misread, false), misread.length, lx).kind).toBe("data");
    const value = [...misread.slice(0, 4), ">= 5 pratiche evase"];
    expect(rowShape(row(value, true), value.length, lx).kind).toBe("data");
    // a band's title before its years is the title of a titled header
    const band = ["AREA STRATEGICA 1 — Welfare e coesione sociale", "2023", "2024", "2025", "Note"];
    expect(rowShape(row(band, true), band.length, lx).kind).toBe("titled-header");
  });
});
