/**
 * Stable item keys: an item is named by what was read — an indicator by its code (or its name when
 * it has none), a target by its indicator's key and its year — counted in order of appearance when
 * the same name comes back (`#2`). Row ids change with every ingest; these do not, as long as the
 * same file is read the same way, so that corrections survive `ingest --force`.
 */
import type { ExportDocument, ItemKind } from "../model/index.js";

/** Lower-case words joined by dashes, accents dropped, at most about `max` characters (whole words). */
export function slug(s: string, max = 48): string {
  const t = s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (t.length <= max) return t || "-";
  const cut = t.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf("-"), 1)) || cut;
}

// a code is kept as printed; the characters the key's own grammar uses are escaped
const code = (c: string) => c.replace(/[%#/:+~]/g, (ch) => encodeURIComponent(ch));

/** `base`, then `base#2`, `base#3` for the same base again, in order. */
function counted(bases: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return bases.map((b) => {
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return n === 1 ? b : `${b}#${n}`;
  });
}

export const objectiveKeys = (objectives: ExportDocument["objectives"]): string[] =>
  counted(objectives.map((o) => `obj:${o.code ? code(o.code) : `~${slug(o.title)}`}`));

export const indicatorKeys = (indicators: ExportDocument["indicators"]): string[] =>
  counted(indicators.map((i) => `ind:${i.code ? code(i.code) : `~${slug(i.name)}`}`));

export type ValueListKind = "target" | "baseline" | "result";

export const valueKeys = (
  parent: string,
  kind: ValueListKind,
  values: readonly { year: number | null }[],
): string[] => counted(values.map((v) => `${parent}/${kind}:${v.year ?? "-"}`));

/** The key of an item a person added: never one that a reading makes (`+`, then random hex). */
export function addedKey(kind: Exclude<ItemKind, "document">, parent: string | null, id: string): string {
  if (kind === "objective") return `obj:+${id}`;
  if (kind === "indicator") return `ind:+${id}`;
  return `${parent}/${kind}:+${id}`;
}

/** The kind of item a key names, from its last part; null for a string that is no key. */
export function kindOfKey(key: string): ItemKind | null {
  if (key === "doc") return "document";
  const last = key.slice(key.lastIndexOf("/") + 1);
  const prefix = last.slice(0, last.indexOf(":"));
  const kinds: Record<string, ItemKind> = {
    obj: "objective",
    ind: "indicator",
    target: "target",
    baseline: "baseline",
    result: "result",
  };
  return kinds[prefix] ?? null;
}
