/** Two columns the layout read as one, cut apart by their header's labels (src/segment/splitcols.ts). */
import { describe, expect, it } from "vitest";
import type { Box, Line, Word } from "../../src/model/index.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";
import { columnCuts, withCutColumns } from "../../src/segment/splitcols.js";
import type { LRow, LTable, Slot } from "../../src/segment/tables.js";

const lx = wordsOf(loadProfileSet().generic);

/** a line of words, each given as [text, x0]: 5 pt a letter, 9 pt type */
function line(y: number, ...ws: [string, number][]): Line {
  const words: Word[] = ws.map(([text, x]) => ({
    text,
    box: [x, y, x + text.length * 5, y + 9],
    fontSize: 9,
    bold: false,
    italic: false,
    struck: false,
  }));
  const box: Box = [words[0]!.box[0], y, words[words.length - 1]!.box[2], y + 9];
  return { text: ws.map((w) => w[0]).join(" "), box, words };
}
function slot(key: string, lines: Line[], colSpan = 1): Slot {
  return {
    text: lines.map((l) => l.text).join(" "),
    lines,
    box: [lines[0]!.box[0], lines[0]!.box[1], lines[0]!.box[2], lines[lines.length - 1]!.box[3]],
    page: 1,
    key,
    first: true,
    colSpan,
    rowSpan: 1,
  };
}
const row = (header: boolean, ...slots: (Slot | null)[]): LRow => ({ page: 1, top: 0, header, slots });
const table = (rows: LRow[]): LTable => ({
  index: 0,
  page: 1,
  nCols: rows[0]!.slots.length,
  rows,
  method: "stream",
});

describe("columns cut apart by their header's labels", () => {
  // `Peso` and `Indicatore` over one column: the weights at 40, the names from 100
  const head = row(
    true,
    slot("h0", [line(10, ["Peso", 40], ["Indicatore", 100])]),
    slot("h1", [line(10, ["Target", 400])]),
  );
  const data = (y: number, w: string, name: string, target: string) =>
    row(false, slot(`d${y}`, [line(y, [w, 40], [name, 100])]), slot(`t${y}`, [line(y, [target, 400])]));

  it("cuts a column whose header holds two roles' labels apart, the data on both sides", () => {
    const t = table([head, data(30, "60%", "Pratiche", ">= 10"), data(50, "40%", "Istanze", ">= 5")]);
    const cuts = columnCuts(t, lx);
    expect(cuts).toHaveLength(1);
    expect(cuts[0]!.col).toBe(0);
    const { table: cut } = withCutColumns(t, lx);
    expect(cut.nCols).toBe(3);
    expect(cut.rows.map((r) => r.slots.map((s) => s?.text ?? ""))).toEqual([
      ["Peso", "Indicatore", "Target"],
      ["60%", "Pratiche", ">= 10"],
      ["40%", "Istanze", ">= 5"],
    ]);
  });

  it("keeps a comment whose words run across the cut whole, over both halves", () => {
    const comment = row(
      false,
      slot("c", [line(70, ["Risultato", 40], ["al", 86], ["31", 98], ["dicembre", 112])]),
      null,
    );
    const t = table([head, data(30, "60%", "Pratiche", ">= 10"), comment]);
    const { table: cut } = withCutColumns(t, lx);
    const last = cut.rows[2]!.slots;
    expect(last[0]!.text).toBe("Risultato al 31 dicembre");
    expect(last[1]!.key).toBe(last[0]!.key);
    expect(last[0]!.colSpan).toBe(2);
  });

  it("leaves one label's words, labels of one role, and a header over data on one side", () => {
    // (one label: its words a space apart)
    const one = row(
      true,
      slot("h0", [line(10, ["Descrizione", 40], ["indicatore", 100])]),
      slot("h1", [line(10, ["Target", 400])]),
    );
    expect(columnCuts(table([one, data(30, "60%", "Pratiche", ">= 10")]), lx)).toEqual([]);
    // (the data all on the left: the labels are one column's, however far apart)
    const left = row(
      false,
      slot("d", [line(30, ["Pratiche", 40], ["evase", 82])]),
      slot("t", [line(30, [">= 10", 400])]),
    );
    expect(columnCuts(table([head, left]), lx)).toEqual([]);
  });

  it("finds a scan's header among its first rows when the layout marked none, and reads no data above it", () => {
    // (the page's top folded into the first row: a stamp's words run over where the gutter is)
    const top = row(
      false,
      slot("p", [line(2, ["PROTOCOLLO", 40], ["N.", 96], ["123", 112]), line(4, ["2025", 40])]),
      null,
    );
    const plainHead = { ...head, header: false };
    const t = table([
      top,
      plainHead,
      data(30, "60%", "Pratiche", ">= 10"),
      data(50, "40%", "Istanze", ">= 5"),
    ]);
    const { table: cut, cuts } = withCutColumns(t, lx);
    expect(cuts).toHaveLength(1);
    expect(cut.rows.slice(1).map((r) => r.slots.map((s) => s?.text ?? ""))).toEqual([
      ["Peso", "Indicatore", "Target"],
      ["60%", "Pratiche", ">= 10"],
      ["40%", "Istanze", ">= 5"],
    ]);
  });

  it("reads no header printed again over a group of rows as data, its long label over the gutter", () => {
    // `Obiettivo 2027` over targets that end at 260, `Peso %` from 290 over the weights
    const h = (y: number, header: boolean) =>
      row(
        header,
        slot(`h${y}`, [line(y, ["Indicatore", 40])]),
        slot(`k${y}`, [line(y, ["Obiettivo", 200], ["2027", 250], ["Peso", 290], ["%", 312])]),
      );
    const d = (y: number, v: string, w: string) =>
      row(false, slot(`n${y}`, [line(y, ["Pratiche", 40])]), slot(`v${y}`, [line(y, [v, 240], [w, 292])]));
    // (printed again, its `2027` read wider, up to 283: 7 pt short of the gutter's end)
    const again = h(70, false);
    again.slots[1]!.lines[0]!.words[1]!.box[2] = 283;
    const t = table([h(10, true), d(30, ">= 4", "60%"), d(50, ">= 5", "40%"), again, d(90, ">= 6", "30%")]);
    const cuts = columnCuts(t, lx);
    expect(cuts.map((c) => c.col)).toEqual([1]);
    expect(cuts[0]!.x).toBeGreaterThan(260);
    expect(cuts[0]!.x).toBeLessThan(290);
  });

  it("cuts at a gutter narrower than a type size where no phrase of the data runs across it", () => {
    // formulas wrapped up to 180, descriptions from 186: 6 pt apart, under 9 pt type
    const head2 = row(
      true,
      slot("h0", [line(10, ["Metodo", 40], ["di", 75], ["calcolo", 90], ["Descrizione", 186])]),
    );
    const d = (y: number) =>
      row(
        false,
        slot(`d${y}`, [
          line(
            y,
            ["Conteggio", 40],
            ["delle", 88],
            ["istanze", 116],
            ["evase", 155],
            ["Misura", 186],
            ["il", 218],
          ),
        ]),
      );
    const t = table([head2, d(30), d(50)]);
    const cuts = columnCuts(t, lx);
    expect(cuts).toHaveLength(1);
    expect(cuts[0]!.x).toBeGreaterThan(180);
    expect(cuts[0]!.x).toBeLessThan(186);
  });

  it("reads no note's line as a phrase across the gutter, and keeps it whole on the side it starts on", () => {
    const note = (y: number) =>
      line(
        y,
        ["Note:", 40],
        ["dato", 68],
        ["provvisorio", 92],
        ["fino", 150],
        ["al", 172],
        ["31", 184],
        ["marzo", 196],
      );
    const d = (y: number, name: string, value: string, withNote: boolean) =>
      row(
        false,
        slot(`d${y}`, [
          line(y, ["Quota", 40], [name, 70], [value, 180]),
          ...(withNote ? [note(y + 10)] : []),
        ]),
        slot(`t${y}`, [line(y, [">= 5", 400])]),
      );
    const head3 = row(
      true,
      slot("h0", [line(10, ["Indicatore", 40], ["Valore", 180], ["2024", 212])]),
      slot("h1", [line(10, ["Target", 400])]),
    );
    const noteRow = row(false, slot("n", [note(90)]), null);
    const t = table([head3, d(30, "pratiche", "42%", true), d(60, "istanze", "ND", false), noteRow]);
    const { table: cut, cuts } = withCutColumns(t, lx);
    expect(cuts).toHaveLength(1);
    expect(cut.rows[1]!.slots.map((s) => s?.text ?? "")).toEqual([
      "Quota pratiche Note: dato provvisorio fino al 31 marzo",
      "42%",
      ">= 5",
    ]);
  });

  it("cuts a header cell of three labels twice, a column of codes printed for some rows only", () => {
    const head3 = row(
      true,
      slot("h0", [
        line(10, ["Codice", 40], ["Indicatore", 90], ["Unità", 250], ["di", 278], ["misura", 290]),
      ]),
      slot("h1", [line(10, ["Target", 400])]),
    );
    const d = (y: number, code: string | null, name: string, unit: string) =>
      row(
        false,
        slot(`d${y}`, [
          line(
            y,
            ...(code ? [[code, 40] as [string, number]] : []),
            ["Pratiche", 90],
            [name, 135],
            [unit, 250],
          ),
        ]),
        slot(`t${y}`, [line(y, [">= 5", 400])]),
      );
    const t = table([
      head3,
      d(30, "D2.1", "evase", "N."),
      d(50, null, "istruite", "%"),
      d(70, "D3.1", "chiuse", "N."),
      d(90, null, "aperte", "%"),
      d(110, null, "sospese", "gg"),
      d(130, null, "respinte", "%"),
      d(150, null, "concluse", "N."),
    ]);
    const { table: cut, cuts } = withCutColumns(t, lx);
    expect(cuts).toHaveLength(2);
    expect(cut.rows.slice(0, 3).map((r) => r.slots.map((s) => s?.text ?? ""))).toEqual([
      ["Codice", "Indicatore", "Unità di misura", "Target"],
      ["D2.1", "Pratiche evase", "N.", ">= 5"],
      ["", "Pratiche istruite", "%", ">= 5"],
    ]);
  });

  it("cuts stacks of labels of one role and several years, the header's row unmarked and a soup of them", () => {
    // `Consuntivo 2022 | Target 2023 | Target 2024` read as one column, their labels stacked in lines
    const soup = slot("h3", [
      line(10, ["Consuntivo", 300], ["Target", 360], ["Target", 399]),
      line(20, ["2022", 305], ["2023", 362], ["2024", 401]),
    ]);
    const head4 = row(
      false,
      slot("h0", [line(10, ["Indicatore", 40])]),
      slot("h1", [line(10, ["Peso", 150])]),
      slot("h2", [line(10, ["Formula", 200])]),
      soup,
    );
    const d = (y: number) =>
      row(
        false,
        slot(`n${y}`, [line(y, ["Pratiche", 40])]),
        slot(`w${y}`, [line(y, ["50%", 150])]),
        slot(`f${y}`, [line(y, ["N.", 200], ["evase", 215])]),
        // (a gutter of 7 pt between the targets, under 9 pt type; a stamp's word across it in one
        // row of eight)
        slot(`v${y}`, [
          line(y, ["12", 305], [">= 14", 362], [">= 15", 394]),
          ...(y === 30 ? [line(y + 5, ["PROTOCOLLO", 370])] : []),
        ]),
      );
    const t = table([head4, ...[30, 50, 70, 90, 110, 130, 150, 170].map(d)]);
    const { table: cut, cuts } = withCutColumns(t, lx);
    expect(cuts).toHaveLength(2);
    expect(cut.rows.slice(0, 3).map((r) => r.slots.slice(3).map((s) => s?.text ?? ""))).toEqual([
      ["Consuntivo 2022", "Target 2023", "Target 2024"],
      // (the row the stamp's word runs across stays whole over both)
      ["12", ">= 14 >= 15 PROTOCOLLO", ">= 14 >= 15 PROTOCOLLO"],
      ["12", ">= 14", ">= 15"],
    ]);
  });
});
