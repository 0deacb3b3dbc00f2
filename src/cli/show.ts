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
  out.push("", `Objectives (${d.objectives.length})`);
  out.push(
    table(
      ["code", "level", "weight", "title", "page"],
      d.objectives.map((o) => [o.code, o.level, o.weight, o.title, o.source?.page]),
      [2, 4],
    ),
  );
  out.push("", `Indicators (${d.indicators.length})`);
  const v = (x: Value) => `${x.year ?? "-"}: ${x.raw}`;
  const t = (x: Target) => `${x.year ?? "-"}: ${x.superseded ? "~" : ""}${x.raw}${x.superseded ? "~" : ""}`;
  out.push(
    table(
      ["objective", "code", "indicator", "baselines", "targets", "results", "page"],
      d.indicators.map((i) => [
        i.objectiveCode,
        i.code,
        i.name,
        i.baselines.map(v).join("; "),
        i.targets.map(t).join("; "),
        i.results.map((r) => `${r.year ?? "-"}: ${r.raw}`).join("; "),
        i.source.page,
      ]),
      [6],
    ),
  );
  return out.join("\n");
}
