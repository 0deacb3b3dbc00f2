/**
 * One indicator across all documents: found by code or by words of its name (FTS), followed through
 * the links to every document that has it, with its baselines, targets and results per year.
 */
import {
  findIndicator,
  indicatorInDocument,
  indicatorValues,
  linkedIndicators,
  type IndicatorValue,
  type Store,
} from "../load/index.js";

export interface HistoryEntry {
  document: string;
  file: string;
  years: number[];
  name: string;
  code: string | null;
  values: IndicatorValue[];
}

export function indicatorHistory(store: Store, ref: string): HistoryEntry[] {
  const start = findIndicator(store, ref);
  if (start === null) throw new Error(`no indicator matches '${ref}'`);
  // every indicator connected to it through links, in any direction
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const o of linkedIndicators(store, id))
      if (!seen.has(o)) {
        seen.add(o);
        queue.push(o);
      }
  }
  const rows: HistoryEntry[] = [];
  for (const id of seen) {
    const i = indicatorInDocument(store, id);
    rows.push({
      document: i.document,
      file: i.file,
      years: i.years,
      name: i.name,
      code: i.code,
      values: indicatorValues(store, id),
    });
  }
  return rows.sort((a, b) => (a.years[0] ?? 0) - (b.years[0] ?? 0) || a.file.localeCompare(b.file));
}
