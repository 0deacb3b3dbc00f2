/**
 * Objectives found in banners (text blocks such as "OBIETTIVO OPERATIVO A01.01"), in section rows of a
 * table ("1.2.S - Semplificazione e trasparenza", "Area 1 – Competitività", "1. Semplificazione ..."),
 * or in an objective column. Levels come from words when printed, else from the profile's rules, else
 * from the depth of the code in the document's tree of codes.
 */
import { OBJECTIVE_LEVELS, type Box, type Objective, type ObjectiveLevel } from "../model/index.js";
import { headerPlain } from "./columns.js";
import type { CompiledLexicon } from "./lexicon.js";
import { leadingObjectiveCode } from "./text.js";
import { fold } from "../normalize/index.js";

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
  /** a heading not yet known to be an objective (no indicator read under it so far) */
  tentative?: boolean;
  /** 0..1, from the evidence it was read on (absent: printed with its level words or in its column) */
  confidence?: number;
}

/** The level words a heading opens with ("Area", "Obiettivo strategico"), and how long they are. */
function leadLevel(t: string, lx: CompiledLexicon): { level: ObjectiveLevel; length: number } | null {
  const h = headerPlain(t);
  let best: { level: ObjectiveLevel; length: number } | null = null;
  for (const l of lx.levels) {
    const m = l.lead.exec(h);
    if (m && (!best || m[0].length > best.length)) best = { level: l.level, length: m[0].length };
  }
  return best;
}

export function levelFromWords(text: string, lx: CompiledLexicon): ObjectiveLevel | null {
  return leadLevel(text, lx)?.level ?? null;
}

// qualifiers that may follow the level words: "strategica", "comune", "di ente", "2022-2024", "- new"
const QUALIFIER =
  /^(?:strategic[oaie]|operativ[oaie]|di ente|dell'ente|generale|generali|specific[oaie]|politic[ahe]|individual[ei]|di team|team|di gruppo|comun[ei]|trasversal[ei]|[-–]\s*new|\(?\d{4}\s*[-–/]\s*\d{2,4}\)?)\b\s*|^(?:n\.|n°|nr\.?)\s*(?=\d|[A-Z]\b)/iu;
// a caption names the objectives that follow ("Obiettivi operativi collegati all'obiettivo 1.1")
const CAPTION =
  /^(?:(?:collegat|conness|relativ|associat|afferent|riferit|discendent|derivant|previst|assegnat)\p{L}*|del|della|dello|dei|delle|di|per|che|in|a|al|alla|ai|agli|sono)(?![\p{L}\d])/iu;

/**
 * Reads a banner or a section title: optional level words, a code, a title.
 * "OBIETTIVO STRATEGICO COMUNE 2022-2024 A01 FAVORIRE ..." → A01, strategic;
 * "Area 1 – Competitività delle imprese" → code "1", area; "1.2.S - 1.2.S Semplificazione" → 1.2.S.
 * Level words alone ("Obiettivi operativi") and captions ("Obiettivi operativi collegati
 * all'obiettivo strategico 1.1") are not objectives: null.
 */
export function parseObjectiveText(
  text: string,
  lx: CompiledLexicon,
): { code: string | null; title: string; level: ObjectiveLevel | null } | null {
  const t = fold(text);
  if (!t) return null;
  const lead = leadLevel(t, lx);
  if (lead) {
    const level = lead.level;
    const plural = /^(?:obiettivi|aree|ambiti|azioni|linee|priorita)\b/i.test(headerPlain(t));
    // drop the level words and qualifiers, then look for a code
    let rest = t.slice(lead.length).replace(/^[\s:.\-–—]+/, "");
    for (let guard = 0; guard < 6; guard++) {
      const q = QUALIFIER.exec(rest);
      if (!q || !q[0]) break;
      rest = rest.slice(q[0].length).replace(/^[\s:]+/, "");
    }
    // only level words ("Obiettivi operativi" as a band label): not an objective
    if (!rest) return null;
    if (CAPTION.test(rest) && (plural || /^\p{Ll}/u.test(rest))) return null;
    // "Area 1 – Competitività delle imprese", "Ambito 2: ...", "AREA STRATEGICA 01"
    // (a scan's colon set close to the title, `Area strategica 2:Sicurezza`)
    const numbered = /^(\d{1,2}|[A-Z])\s*(?:[-–—:.)]\s+|:(?=\p{Lu}))(.+)$/su.exec(rest);
    if (numbered) return { code: numbered[1]!, title: numbered[2]!.trim(), level };
    // (a scan's 1 read as an accented or small i, an l or a bar, `Area strategica ì - Imprese`: no
    // level is numbered with a letter of those)
    const one = /^[ìíl|]\s*[-–—:]\s+(.+)$/su.exec(rest);
    if (one) return { code: "1", title: one[1]!.trim(), level };
    const bare = /^(\d{1,2}(?:\.\d{1,2})*|[A-Z]\d{0,2})\.?$/.exec(rest);
    if (bare) return { code: bare[1]!, title: "", level };
    const c = leadingObjectiveCode(rest);
    if (c) return { code: c.code, title: c.rest, level };
    const numberedSpace = /^(\d{1,2})\s+(\p{Lu}.+)$/su.exec(rest);
    if (numberedSpace) return { code: numberedSpace[1]!, title: numberedSpace[2]!.trim(), level };
    // "AMBITO OBIETTIVI STRATEGICI COMUNI 3": the ambito's number printed after its name
    const trailing = /^(.+?)\s+(\d{1,2})$/su.exec(rest);
    if (level === "area" && trailing) return { code: trailing[2]!, title: trailing[1]!.trim(), level };
    // "AREA STRATEGICA: Edilizia scolastica": after a separator, the rest is the title; without one,
    // the level word may belong to the name ("Area Servizi anagrafici")
    if (level === "area" && !/[:\-–—]$/.test(t.slice(0, t.length - rest.length).trim()))
      return { code: null, title: t, level };
    return { code: null, title: rest, level };
  }
  // "Obiettivo 1.1 - Titolo", "OB 2 – Titolo": the word names no level, the code does
  // (and "Obiettivo n. 1: …", "Obiettivo di Valore Pubblico 1 – …", "Obiettivo gestionale 5 – …":
  // up to three words of its kind, then the number)
  const untyped =
    /^(?:obiettivo|ob\.?|goal)(?:\s+(?:di|del|della|dell')?\s*\p{L}[\p{L}'-]*){0,3}?\s+(?:n\.\s*|n°\s*|nr\.?\s*)?(?=\d|[A-Z]{1,4}\.?\d)/iu.exec(
      t,
    );
  const c = leadingObjectiveCode(untyped ? t.slice(untyped[0].length) : t);
  if (c && c.rest.length >= 3) {
    // "2. Gli obiettivi": a section named with band words, not an objective
    if (lx.bands.test(headerPlain(c.rest).replace(/^(?:il|lo|la|i|gli|le|l')\s*/, ""))) return null;
    // "1.1 - Obiettivo strategico: Semplificare …": the level words after the code
    const after = leadLevel(c.rest, lx);
    if (after && /^\s*[:\-–—]/.test(c.rest.slice(after.length))) {
      const title = c.rest.slice(after.length).replace(/^\s*[:\-–—]\s*/, "");
      if (title.length >= 3) return { code: c.code, title, level: after.level };
    }
    return { code: c.code, title: c.rest, level: null };
  }
  return null;
}

/**
 * "1 Rafforzare i servizi educativi": a number, a space and a capitalized title of three words or
 * more, without the dash or dot a code needs elsewhere. Only a heading's style makes it one (the
 * caller checks bold): in running text it is a count ("3 Incontri svolti").
 */
export function numberedTitle(text: string, lx: CompiledLexicon): { code: string; title: string } | null {
  // (the title in capitals too: "1 SOSTENERE L'APERTURA DELLE IMPRESE")
  const m = /^(\d{1,2})\s+(\p{Lu}(?:\p{Ll}+|[\p{Lu}'’]+)(?:\s+\S+){2,})$/su.exec(fold(text));
  if (!m || lx.bands.test(headerPlain(m[2]!).replace(/^(?:il|lo|la|i|gli|le|l')\s*/, ""))) return null;
  return { code: m[1]!, title: m[2]! };
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
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
  }));
}
