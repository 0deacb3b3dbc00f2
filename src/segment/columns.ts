/**
 * Column roles from header words: which column holds the indicator, its formula, weight, owner, the
 * objective, and which hold baselines, targets and results for which year. General Italian header
 * vocabulary, not one document's layout; a profile may add words.
 */
import type { ObjectiveLevel } from "../model/index.js";
import { plain, yearsIn } from "./text.js";

export type Role =
  | "indicator"
  | "formula"
  | "weight"
  | "owner"
  | "objective"
  | "code"
  | "description"
  | "note"
  | "source"
  | "history"
  | "target"
  | "baseline"
  | "result"
  | "achievement"
  | "unknown";

export interface ColumnRole {
  role: Role;
  year: number | null;
  /** objective level named by the header (obiettivi strategici / operativi / area) */
  level?: ObjectiveLevel;
  header: string;
}

export interface HeaderWords {
  [role: string]: string[];
}

/** Order matters: the first role whose words match wins. */
export const DEFAULT_HEADER_WORDS: [Role, RegExp][] = [
  ["achievement", /\b(raggiungimento|grado di raggiungimento|% ragg)/],
  ["formula", /\b(algoritmo|formula|modalita di calcolo|metodo di calcolo|calcolo)\b/],
  ["weight", /\b(peso|pesi|ponderazione)\b/],
  ["target", /\b(target|valore atteso|valore obiettivo|risultato atteso|atteso)\b/],
  ["result", /\b(consuntivo|risultato|risultati|valore raggiunto|valore conseguito|rilevato|realizzato)\b/],
  ["history", /\b(serie storica)\b/],
  [
    "baseline",
    /\b(baseline|valore storico|valori storici|stato|valore di partenza|storico|dato storico|anno base)\b/,
  ],
  ["indicator", /\b(indicatore|indicatori|kpi|misura)\b/],
  ["source", /\b(fonte|fonti)\b/],
  ["note", /^(nota|note)\b/],
  ["code", /^(codice|cod\.?|id)$/],
  ["description", /^(descrizione)\b/],
  [
    "owner",
    /\b(owner|responsabile|responsabili|risorse|servizio|struttura|ufficio|dirigente|referente|centro di responsabilita)\b/,
  ],
  [
    "objective",
    /\b(obiettivo|obiettivi|area|aree|ambito|ambiti|missione|azione|azioni|linea|linee|programma|priorita)\b/,
  ],
];

function levelOf(h: string): ColumnRole["level"] {
  if (/\b(area|aree|ambito|ambiti|missione|priorita)\b/.test(h)) return "area";
  if (/strategic/.test(h)) return "strategic";
  if (/operativ/.test(h)) return "operational";
  if (/\b(azion|team|individual|attivita)/.test(h)) return "action";
  return undefined;
}

/** Headers and cells repeat across rows, pages and documents: their reading is kept (bounded). */
const classified = new Map<string, ColumnRole>();

export function classifyHeader(text: string): ColumnRole {
  let c = classified.get(text);
  if (!c) {
    if (classified.size >= 20000) classified.clear();
    c = classify(text);
    classified.set(text, c);
  }
  return { ...c };
}

function classify(text: string): ColumnRole {
  const h = plain(text);
  const years = yearsIn(h);
  const year = years.length === 1 ? years[0]! : null;
  if (!h) return { role: "unknown", year: null, header: text };
  // a bare year ("2021") or "Target 2021", "Consuntivo 2020", "Valore 2019"
  for (const [role, re] of DEFAULT_HEADER_WORDS) {
    if (!re.test(h)) continue;
    if (role === "objective") return { role, year: null, level: levelOf(h), header: text };
    return { role, year, header: text };
  }
  if (year !== null && /^\D{0,12}(19|20)\d\d\D{0,3}$/.test(h)) return { role: "target", year, header: text };
  return { role: "unknown", year: null, header: text };
}

/** True when a text reads like a column header rather than data. */
export function isHeaderText(text: string): boolean {
  // data cells also contain words like "obiettivo"; headers are short
  if (plain(text).length > 40) return false;
  return classifyHeader(text).role !== "unknown";
}

/**
 * Settles bare year columns: when some columns are explicitly targets for years, bare years before the
 * first of them are history (baselines); values of "Valore 2019"-style headers are baselines.
 */
export function settleYears(input: ColumnRole[]): ColumnRole[] {
  // a header printed over two columns of an unruled table ("STATO" over the year and the value) leaves
  // the second one without a header: it shares the role on its left
  const roles = input.map((r) => ({ ...r }));
  for (let k = 1; k < roles.length; k++)
    if (
      roles[k]!.role === "unknown" &&
      !roles[k]!.header.trim() &&
      ["baseline", "history", "result"].includes(roles[k - 1]!.role)
    )
      roles[k] = { ...roles[k - 1]!, header: "" };
  const explicitTargets = roles.filter(
    (r) => r.role === "target" && r.year !== null && /target|atteso|obiettivo/.test(plain(r.header)),
  );
  const firstTarget = explicitTargets.length ? Math.min(...explicitTargets.map((r) => r.year!)) : null;
  return roles.map((r) => {
    if (
      r.role === "target" &&
      r.year !== null &&
      firstTarget !== null &&
      r.year < firstTarget &&
      !explicitTargets.includes(r)
    )
      return { ...r, role: "baseline" };
    if (r.role === "unknown" && r.year !== null)
      return { ...r, role: firstTarget !== null && r.year < firstTarget ? "baseline" : "target" };
    if (r.role === "history") return { ...r, role: "baseline" };
    return r;
  });
}
