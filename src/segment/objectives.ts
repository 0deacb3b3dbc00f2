/**
 * Objectives found in banners (text blocks such as "OBIETTIVO OPERATIVO A01.01"), in section rows of a
 * table ("1.2.S - Semplificazione e trasparenza", "Area 1 – Competitività", "1. Semplificazione ..."),
 * or in an objective column. Levels come from words when printed, else from the profile's rules, else
 * from the depth of the code in the document's tree of codes.
 */
import { OBJECTIVE_LEVELS, type Box, type Objective, type ObjectiveLevel } from "../model/index.js";
import { fold } from "../normalize/index.js";
import { leadingObjectiveCode, plain } from "./text.js";

export interface FoundObjective {
  code: string | null;
  title: string;
  /** level named by the text itself */
  level: ObjectiveLevel | null;
  /** level implied by where it was found (a column header) */
  levelHint: ObjectiveLevel | null;
  weight: number | null;
  owner: string | null;
  /** code (or title) of the objective that was open above it when found */
  contextParent: string | null;
  page: number;
  box: Box;
}

const LEVEL_WORDS: [RegExp, ObjectiveLevel][] = [
  [/^(area|ambito|missione|priorita|linea strategica|asse)\b/, "area"],
  [/^(obiettivo|obiettivi) (strategic|di ente|generale|specific)/, "strategic"],
  [/^(obiettivo|obiettivi) operativ/, "operational"],
  [/^(obiettivo|obiettivi) (individual|di team|team|di gruppo)|^(azione|azioni|attivita)\b/, "action"],
];

export function levelFromWords(text: string): ObjectiveLevel | null {
  const t = plain(text);
  for (const [re, level] of LEVEL_WORDS) if (re.test(t)) return level;
  return null;
}

/**
 * Reads a banner or a section title: optional level words, a code, a title.
 * "OBIETTIVO STRATEGICO COMUNE 2022-2024 A01 FAVORIRE ..." → A01, strategic;
 * "Area 1 – Competitività delle imprese" → code "1", area; "1.2.S - 1.2.S Semplificazione" → 1.2.S.
 */
export function parseObjectiveText(
  text: string,
): { code: string | null; title: string; level: ObjectiveLevel | null } | null {
  const t = fold(text);
  if (!t) return null;
  const level = levelFromWords(t);
  if (level) {
    // drop the level words and qualifiers, then look for a code
    const rest = t
      .replace(
        /^(obiettivi|obiettivo|area|ambito|missione|priorita|priorità|linea strategica|asse|azioni|azione)\b\s*/i,
        "",
      )
      .replace(
        /^(strategic[oi]|operativ[oi]|di ente|generale|specific[oi]|individual[ei]|di team|team)\b\s*/i,
        "",
      )
      .replace(/^(comune|specific[oi]|di ente)\b\s*/i, "")
      .replace(/^[-–]\s*new\b\s*/i, "")
      .replace(/^(\d{4}\s*[-–]\s*\d{4})\s*/, "");
    // only level words ("Obiettivi operativi" as a band label): not an objective
    if (!rest) return null;
    // "Area 1 – Competitività delle imprese", "Ambito 2: ..."
    const numbered = /^(\d{1,2}|[A-Z])\s*[-–—:.]\s+(.+)$/su.exec(rest);
    if (numbered) return { code: numbered[1]!, title: numbered[2]!.trim(), level };
    const c = leadingObjectiveCode(rest);
    if (c) return { code: c.code, title: c.rest, level };
    // "AMBITO OBIETTIVI STRATEGICI COMUNI 3": the ambito's number printed after its name
    const trailing = /^(.+?)\s+(\d{1,2})$/su.exec(rest);
    if (level === "area" && trailing) return { code: trailing[2]!, title: trailing[1]!.trim(), level };
    if (level === "area") return { code: null, title: t, level };
    return { code: null, title: rest, level };
  }
  const c = leadingObjectiveCode(t);
  if (c && c.rest.length >= 3) return { code: c.code, title: c.rest, level: null };
  return null;
}

/** True when `parent` is a proper prefix of `child` at a segment boundary ("1.2" of "1.2.S.1"). */
export function isCodePrefix(parent: string, child: string): boolean {
  if (parent === child || !child.startsWith(parent)) return false;
  const next = child[parent.length];
  return next === "." || next === " ";
}

export interface LevelRule {
  pattern: string;
  level: ObjectiveLevel;
}

/**
 * Final levels and parents. Parent: the longest other code that prefixes this one, else the objective
 * open above it when it was found. Level: words, then profile rules, then the column hint, then depth.
 */
export function resolveObjectives(found: FoundObjective[], rules: LevelRule[]): Objective[] {
  const codes = found.map((f) => f.code).filter((c): c is string => c !== null);
  const parentOf = (f: FoundObjective): string | null => {
    if (f.code) {
      let best: string | null = null;
      for (const c of codes) if (isCodePrefix(c, f.code) && (!best || c.length > best.length)) best = c;
      if (best) return best;
    }
    return f.contextParent;
  };
  const byKey = new Map<string, FoundObjective>();
  for (const f of found) byKey.set(f.code ?? f.title, f);
  const levels = new Map<FoundObjective, ObjectiveLevel>();
  const levelOf = (f: FoundObjective, depth = 0): ObjectiveLevel => {
    const known = levels.get(f);
    if (known) return known;
    let level: ObjectiveLevel | null = f.level;
    if (!level && f.code) for (const r of rules) if (new RegExp(r.pattern).test(f.code)) level = r.level;
    if (!level) level = f.levelHint;
    if (!level) {
      const p = parentOf(f);
      const pf = p !== null ? byKey.get(p) : undefined;
      if (pf && pf !== f && depth < 10) {
        const pl = levelOf(pf, depth + 1);
        level = OBJECTIVE_LEVELS[Math.min(OBJECTIVE_LEVELS.length - 1, OBJECTIVE_LEVELS.indexOf(pl) + 1)]!;
      } else level = "strategic";
    }
    levels.set(f, level);
    return level;
  };
  return found.map((f) => ({
    code: f.code,
    title: f.title,
    level: levelOf(f),
    parentCode: parentOf(f),
    weight: f.weight,
    owner: f.owner,
    source: { page: f.page, bbox: f.box },
  }));
}
