/**
 * Notes tables: "Nota N" cells beside "Fonte" and "Serie storica" ones. Each note's text goes to the
 * indicators that cite it, and its series ("2020: ND", "2021: 0,17 (…)") to their baselines.
 */
import { lowConf, noteId, type RecordBuilder } from "./builder.js";
import { rowCells, type LTable, type Slot } from "./tables.js";
import { plain } from "./text.js";
import { fold } from "../normalize/index.js";
import { seriesOf } from "./values.js";

/** An unruled notes table: "Nota N" cells beside "Fonte" / "Serie storica" ones. */
export function isNotesTable(t: LTable): boolean {
  return anyCell(t, isNoteCell) && anyCell(t, isSourceCell);
}

function anyCell(t: LTable, test: (s: Slot) => boolean): boolean {
  for (const r of t.rows) for (const s of rowCells(r)) if (test(s)) return true;
  return false;
}

const isNoteCell = (s: Slot) => /^nota\s*\d/i.test(s.text);
const isSourceCell = (s: Slot) => /serie storica|^fonte$/i.test(plain(s.text));

export function readNotes(t: LTable, b: RecordBuilder): void {
  let cur: ReturnType<RecordBuilder["notes"]["get"]> | null = null;
  for (const row of t.rows) {
    for (const s of rowCells(row)) {
      const m = /^nota\s*(\d+(?:\s*(?:bis|ter|quater))?)\b\s*(.*)$/is.exec(s.text);
      if (m && s.first) {
        cur = { id: noteId(m[1]!), text: fold(s.text), series: [] };
        b.notes.set(cur.id, cur);
        continue;
      }
      if (!cur || !s.first || /^(fonte|serie storica)$/i.test(plain(s.text))) continue;
      // only a cell that starts with "2020:" is a series; years cited inside a Fonte are not
      const series = !/^(19|20)\d\d\s*:/.test(s.text)
        ? []
        : seriesOf(s.lines.map((l) => l.text).join("\n") || s.text, {
            formula: null,
            source: { page: s.page, bbox: s.box },
            lowConfidence: lowConf(s),
          });
      if (series.length) cur.series.push(...series);
      else if (!/^(19|20)\d\d\s*:/.test(s.text)) cur.text = fold(`${cur.text} ${s.text}`);
    }
  }
}
