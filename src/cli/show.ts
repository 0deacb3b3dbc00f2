/** `allegati show`: one document for a person to check, every value with its page. */
import type { ExportDocument, Target, Value } from "../index.js";
import { table } from "./output.js";

export function showDocument(d: ExportDocument & { warnings: string[] }): string {
  const out: string[] = [];
  out.push(`${d.file}  ${d.id}`);
  out.push(
    `kind ${d.kind}; issuer ${d.issuer ?? "?"}; pages ${d.pages} (OCR ${d.ocrPages}); years ${d.years.join(", ") || "-"}; profile ${d.profile ?? "-"}`,
  );
  if (d.title) out.push(`title: ${d.title}`);
  if (d.act)
    out.push(
      `act: ${[d.act.type, d.act.number && `n. ${d.act.number}`, d.act.date].filter(Boolean).join(" ")}`,
    );
  for (const s of d.signatures)
    out.push(`signature: ${s.format} ${s.signer ?? "?"} ${s.signedAt ?? ""} integrity ${s.integrity}`);
  for (const w of d.warnings) out.push(`warning: ${w}`);
  if (d.reviewed)
    out.push(
      `${d.reviewed.reviewed ? "reviewed" : "review withdrawn"} by ${d.reviewed.author ?? "?"} at ${d.reviewed.at}`,
    );
  for (const g of d.deleted ?? []) out.push(`deleted by a person: ${g.item}`);
  for (const o of d.orphanedCorrections ?? [])
    out.push(`orphaned correction ${o.id}: ${o.item} ${o.field} (${o.reason})`);
  out.push("", `Objectives (${d.objectives.length})`);
  out.push(
    table(
      ["code", "level", "weight", "title", "page"],
      d.objectives.map((o) => [o.code, o.level, o.weight, o.title, o.source?.page]),
      [2, 4],
    ),
  );
  out.push("", `Indicators (${d.indicators.length})`);
  // a value a person corrected (or added) is marked, its reading kept in `allegati review`
  const c = (x: { corrections?: unknown[] }) => (x.corrections?.length ? " [corrected]" : "");
  const v = (x: Value) => `${x.year ?? "-"}: ${x.raw}${c(x)}`;
  const t = (x: Target) =>
    `${x.year ?? "-"}: ${x.superseded ? "~" : ""}${x.raw}${x.superseded ? "~" : ""}${c(x)}`;
  out.push(
    table(
      ["objective", "code", "indicator", "baselines", "targets", "results", "page"],
      d.indicators.map((i) => [
        i.objectiveCode,
        i.code,
        i.name + c(i),
        i.baselines.map(v).join("; "),
        i.targets.map(t).join("; "),
        i.results.map(v).join("; "),
        i.source.page,
      ]),
      [6],
    ),
  );
  return out.join("\n");
}
