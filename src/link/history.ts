/**
 * One indicator across all documents: found by code or by words of its name (FTS), followed through
 * the links to every document that has it, with its baselines, targets and results per year.
 */
import {
  findIndicator,
  hasCorrections,
  indicatorInDocument,
  indicatorValues,
  linkedIndicators,
  type IndicatorValue,
  type Store,
} from "../load/index.js";
import type { Indicator } from "../model/index.js";
import { documentByOrd } from "../review/index.js";

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
    // a corrected document's indicator is read corrected (one a person deleted drops out)
    if (!hasCorrections(store, i.document)) {
      rows.push({ ...entry(i), values: indicatorValues(store, id) });
      continue;
    }
    const now = documentByOrd(store, i.document).byOrd[i.ord];
    if (!now) continue;
    rows.push({ ...entry(i), name: now.name, code: now.code, values: valuesOf(now) });
  }
  return rows.sort((a, b) => (a.years[0] ?? 0) - (b.years[0] ?? 0) || a.file.localeCompare(b.file));
}

const entry = (i: {
  document: string;
  file: string;
  years: number[];
  name: string;
  code: string | null;
}) => ({
  document: i.document,
  file: i.file,
  years: i.years,
  name: i.name,
  code: i.code,
});

/** A (corrected) indicator's values as history lists them: baselines, targets, results, each by year. */
function valuesOf(i: Indicator): IndicatorValue[] {
  const byYear = <T extends { year: number | null }>(xs: T[]) =>
    xs
      .map((x, ord) => ({ x, ord }))
      .sort((a, b) => (a.x.year ?? -Infinity) - (b.x.year ?? -Infinity) || a.ord - b.ord);
  const out: IndicatorValue[] = [];
  for (const [kind, list] of [
    ["baseline", i.baselines],
    ["target", i.targets],
    ["result", i.results],
  ] as const)
    for (const { x } of byYear<(typeof list)[number]>(list))
      out.push({
        kind,
        year: x.year,
        raw: x.raw,
        value: x.value,
        unit: x.unit,
        superseded: "superseded" in x ? x.superseded : false,
        page: x.source?.page ?? null,
      });
  return out;
}
