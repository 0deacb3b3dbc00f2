/** `allegati export`: the contract's JSON, or one CSV row per value. */
import type { ExportDocument } from "../model/index.js";
import type { Store } from "../load/index.js";
import { csv } from "./output.js";

export function exportAll(store: Store): { version: 1; documents: ExportDocument[] } {
  return {
    version: 1,
    documents: store.documentIds().map((id) => {
      const { path: _p, warnings: _w, ...doc } = store.exportDocument(id);
      return doc;
    }),
  };
}

export const CSV_HEADER = [
  "document_id",
  "file",
  "issuer",
  "kind",
  "objective_code",
  "indicator_code",
  "indicator",
  "formula",
  "record",
  "year",
  "op",
  "value",
  "max",
  "unit",
  "raw",
  "superseded",
  "achievement_pct",
  "page",
  "bbox",
];

export function exportCsv(store: Store): string {
  const rows: (string | number | boolean | null | undefined)[][] = [CSV_HEADER];
  for (const d of exportAll(store).documents) {
    for (const i of d.indicators) {
      const base = [d.id, d.file, d.issuer, d.kind, i.objectiveCode, i.code, i.name, i.formula];
      const bbox = (b: { bbox: number[] | null } | undefined) => (b?.bbox ? b.bbox.join(" ") : null);
      for (const t of i.targets)
        rows.push([
          ...base,
          "target",
          t.year,
          t.op,
          t.value,
          t.max,
          t.unit,
          t.raw,
          t.superseded,
          null,
          t.source?.page,
          bbox(t.source),
        ]);
      for (const b of i.baselines)
        rows.push([
          ...base,
          "baseline",
          b.year,
          null,
          b.value,
          null,
          b.unit,
          b.raw,
          null,
          null,
          b.source?.page,
          bbox(b.source),
        ]);
      for (const r of i.results)
        rows.push([
          ...base,
          "result",
          r.year,
          null,
          r.value,
          null,
          r.unit,
          r.raw,
          null,
          r.achievementPct,
          r.source?.page,
          bbox(r.source),
        ]);
      if (!i.targets.length && !i.baselines.length && !i.results.length)
        rows.push([
          ...base,
          "indicator",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          i.source.page,
          bbox(i.source),
        ]);
    }
  }
  return csv(rows);
}
