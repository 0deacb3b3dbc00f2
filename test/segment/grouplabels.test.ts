/** Group labels of an unruled header: "Target" centred over several years, read into one of them. */
import { describe, expect, it } from "vitest";
import type { Line, Table } from "../../src/model/index.js";
import { segmentPages } from "../../src/segment/index.js";
import { groupLabels } from "../../src/segment/tablereader.js";
import { emptyTrace } from "../../src/segment/trace.js";
import { line, page, table } from "./pages.js";

/** a header column: its lines, each centred on `mid`, the first at `y` */
const col = (mid: number, y: number, ...texts: string[]): Line[] =>
  texts.map((t, i) => {
    const l = line(t, 0, y + i * 13);
    const w = l.box[2] - l.box[0];
    const dx = mid - w / 2;
    return {
      ...l,
      box: [l.box[0] + dx, l.box[1], l.box[2] + dx, l.box[3]],
      words: l.words.map((x) => ({ ...x, box: [x.box[0] + dx, x.box[1], x.box[2] + dx, x.box[3]] })),
    } as Line;
  });

describe("groupLabels", () => {
  it("spreads a label centred over three years to the two bare years beside it", () => {
    const cols = [
      col(60, 100, "Misura"),
      col(200, 113, "2025"),
      col(290, 100, "Target", "2026"),
      col(380, 113, "2027"),
    ];
    expect(groupLabels(cols)).toEqual([null, "Target", null, "Target"]);
  });
  it("spreads a label centred over two years, read into the first", () => {
    const cols = [col(200, 100, "Valori attesi", "2025 (gg)"), col(290, 113, "2026 (gg)")];
    // the label's middle is the two years' middle
    cols[0]![0] = col(245, 100, "Valori attesi")[0]!;
    expect(groupLabels(cols)).toEqual([null, "Valori attesi"]);
  });
  it("leaves a label over its own year alone, and years with labels of their own", () => {
    expect(
      groupLabels([col(200, 100, "Baseline", "2024"), col(290, 113, "2025"), col(380, 113, "2026")]),
    ).toEqual([null, null, null]);
    expect(
      groupLabels([
        col(200, 100, "Valore", "2024"),
        col(290, 100, "Target", "2025"),
        col(380, 100, "Target", "2026"),
      ]),
    ).toEqual([null, null, null]);
    // a bare year at the label's height is a header of its own
    expect(
      groupLabels([col(200, 100, "2025"), col(290, 100, "Target", "2026"), col(380, 100, "2027")]),
    ).toEqual([null, null, null]);
  });
});

describe("a group label in an unruled table's header", () => {
  it("makes every year under it a target, though the first year is before the one it stood over", () => {
    const t: Table = table(
      [
        ["Misura", "Valore 2024", "2025", "Target\n2026", "2027"],
        ["Tempo medio di conclusione delle pratiche", "64", "<=57", "<=57", "<=55"],
      ],
      { headerRows: 1, method: "stream", colWidth: 90 },
    );
    // centre the header's lines in their cells; bare years on the second line
    for (const c of t.cells.filter((x) => x.row === 0)) {
      const mid = (c.box[0] + c.box[2]) / 2;
      const texts = c.lines.map((l) => l.text);
      c.lines = col(mid, texts.length === 1 && /^\d{4}$/.test(texts[0]!) ? 113 : 100, ...texts);
    }
    const trace = emptyTrace();
    const seg = segmentPages([page(1, { tables: [t] })], { running: [], act: null, trace });
    const roles = trace.tables[0]!.roles[0]!.columns;
    expect(roles.map((c) => [c.role, c.year])).toEqual([
      ["indicator", null],
      ["baseline", 2024],
      ["target", 2025],
      ["target", 2026],
      ["target", 2027],
    ]);
    expect(seg.indicators[0]!.targets.map((x) => x.year)).toEqual([2025, 2026, 2027]);
  });
});
