/** `allegati diff` for a person: the compared targets, then renames, additions and removals. */
import type { DiffResult } from "../index.js";
import { table } from "./output.js";

export function diffTable(d: DiffResult): string {
  const out: string[] = [`${d.from.file} → ${d.to.file}`];
  const changed = d.targets.filter((t) => t.change !== "unchanged");
  out.push("", `Targets (${changed.length} changed of ${d.targets.length} compared)`);
  out.push(
    table(
      ["change", "year", "indicator", "from", "to"],
      d.targets.map((t) => [t.change, t.year, t.indicator, t.from.raw, t.to.raw]),
      [1],
    ),
  );
  const renamed = d.links.filter((l) => l.renamed);
  if (renamed.length)
    out.push(
      "",
      `Renamed (${renamed.length})`,
      table(
        ["similarity", "from", "to"],
        renamed.map((l) => [l.score.toFixed(2), l.from, l.to]),
        [0],
      ),
    );
  if (d.added.length) out.push("", `Added (${d.added.length})`, ...d.added.map((n) => `  + ${n}`));
  if (d.removed.length) out.push("", `Removed (${d.removed.length})`, ...d.removed.map((n) => `  - ${n}`));
  return out.join("\n");
}
