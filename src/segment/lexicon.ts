/**
 * The words a profile reads documents by: header words per column role, level words per objective
 * level, label words that name a field beside a title (owner, evaluation, scope), band words, code
 * shapes. They are data (pipelines/*.json), compiled here once per profile.
 *
 * A word list entry is a phrase matched on the folded text (lower case, no accents, spaces folded):
 * it must stand as whole words; a trailing `*` lets the last word run on (`strategic*`); a leading
 * `^` or a trailing `$` anchors it to the start or end of the text.
 */
import { z } from "zod";
import { ObjectiveLevel } from "../model/index.js";

export const COLUMN_ROLES = [
  "achievement",
  "formula",
  "weight",
  "target",
  "result",
  "history",
  "baseline",
  "indicator",
  "unit",
  "source",
  "note",
  "code",
  "description",
  "owner",
  "objective",
  // a column that is no field of the record and holds no target (a deviation, an outcome, a type):
  // named so that its figures are never taken for values by their look
  "other",
] as const;
export const ColumnRoleName = z.enum(COLUMN_ROLES);
export type ColumnRoleName = z.infer<typeof ColumnRoleName>;

const Words = z.array(z.string().min(1));

export const Lexicon = z.object({
  /** header words per column role; order matters: the first role whose words match wins */
  headers: z.array(z.object({ role: ColumnRoleName, words: Words })).default([]),
  /** words that name an objective level at the start of a heading or a header ("area", "obiettivo operativo") */
  levels: z.array(z.object({ level: ObjectiveLevel, words: Words })).default([]),
  /** a label printed beside an objective's title, naming a field of its own ("Servizio", "Responsabile:") */
  labels: z
    .object({
      owner: Words.default([]),
      weight: Words.default([]),
      evaluation: Words.default([]),
      /** a scope or section label with no value of its own ("PERFORMANCE D'ENTE") */
      scope: Words.default([]),
    })
    .default({ owner: [], weight: [], evaluation: [], scope: [] }),
  /** a table row or heading that only names what follows ("Indicatori", "Obiettivi operativi") */
  bands: Words.default([]),
  /** words that open a comment row about an indicator's result ("Al 31 dicembre", "raggiungimento") */
  comments: Words.default([]),
  /** words of an office or a person responsible (an owner cell's content) */
  offices: Words.default([]),
});
export type Lexicon = z.infer<typeof Lexicon>;

/** A family's lexicon adds its words to the generic one, role by role. */
export function mergeLexicons(base: Lexicon, extra: Partial<Lexicon> | undefined): Lexicon {
  if (!extra) return base;
  const headers = base.headers.map((h) => ({ ...h, words: [...h.words] }));
  for (const h of extra.headers ?? []) {
    const have = headers.find((x) => x.role === h.role);
    if (have) have.words.unshift(...h.words);
    else headers.push({ ...h, words: [...h.words] });
  }
  const levels = base.levels.map((l) => ({ ...l, words: [...l.words] }));
  for (const l of extra.levels ?? []) {
    const have = levels.find((x) => x.level === l.level);
    if (have) have.words.unshift(...l.words);
    else levels.push({ ...l, words: [...l.words] });
  }
  const lab = extra.labels;
  return {
    headers,
    levels,
    labels: {
      owner: [...(lab?.owner ?? []), ...base.labels.owner],
      weight: [...(lab?.weight ?? []), ...base.labels.weight],
      evaluation: [...(lab?.evaluation ?? []), ...base.labels.evaluation],
      scope: [...(lab?.scope ?? []), ...base.labels.scope],
    },
    bands: [...(extra.bands ?? []), ...base.bands],
    comments: [...(extra.comments ?? []), ...base.comments],
    offices: [...(extra.offices ?? []), ...base.offices],
  };
}

// ("-" and "/" are no syntax outside a class, and escaping them is an error in a Unicode pattern)
const ESCAPE = /[.*+?^${}()|[\]\\]/g;

function wordSource(w: string): string {
  let s = w.trim();
  // "re:" gives a raw regular expression, for what words cannot say ("re:^al \\d{1,2} ")
  if (s.startsWith("re:")) return `(?:${s.slice(3)})`;
  const start = s.startsWith("^");
  const end = s.endsWith("$");
  if (start) s = s.slice(1);
  if (end) s = s.slice(0, -1);
  const parts = s.split(/\s+/);
  const body = parts
    .map((part) => {
      const open = part.length > 1 && part.endsWith("*");
      const p = (open ? part.slice(0, -1) : part).replace(ESCAPE, "\\$&");
      return open ? `${p}\\p{L}*` : p;
    })
    .join("\\s+");
  const last = parts[parts.length - 1]!;
  // a phrase that starts or ends with punctuation ("% ragg", "u.o.") has no word boundary there
  const lead = start ? "^" : /^[\p{L}\d]/u.test(s) ? "(?<![\\p{L}\\d])" : "";
  const tail = end ? "$" : last.endsWith("*") || !/[\p{L}\d]$/u.test(last) ? "" : "(?![\\p{L}\\d])";
  return `(?:${lead}${body}${tail})`;
}

/** One regular expression for a list of words (never matches when the list is empty). */
export function compileWords(words: readonly string[]): RegExp {
  if (!words.length) return /(?!)/;
  return new RegExp(words.map(wordSource).join("|"), "u");
}

/** A lexicon with its word lists compiled, as the segment steps use it. */
export interface CompiledLexicon {
  headers: { role: ColumnRoleName; re: RegExp }[];
  levels: { level: ObjectiveLevel; re: RegExp; lead: RegExp }[];
  labels: { owner: RegExp; weight: RegExp; evaluation: RegExp; scope: RegExp };
  bands: RegExp;
  comments: RegExp;
  offices: RegExp;
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

export function compileLexicon(lx: Lexicon): CompiledLexicon {
  const hit = compiled.get(lx);
  if (hit) return hit;
  const c: CompiledLexicon = {
    headers: lx.headers.map((h) => ({ role: h.role, re: compileWords(h.words) })),
    levels: lx.levels.map((l) => ({
      level: l.level,
      re: compileWords(l.words),
      // the level words at the very start of a heading, the longest first ("ambito di intervento"
      // before "ambito": an alternation takes the first that matches)
      lead: new RegExp(
        `^(?:${[...l.words]
          .sort((a, b) => b.length - a.length)
          .map((w) => wordSource(w.replace(/^\^/, "")))
          .join("|")})`,
        "u",
      ),
    })),
    labels: {
      owner: compileWords(lx.labels.owner),
      weight: compileWords(lx.labels.weight),
      evaluation: compileWords(lx.labels.evaluation),
      scope: compileWords(lx.labels.scope),
    },
    bands: compileWords(lx.bands),
    comments: compileWords(lx.comments),
    offices: compileWords(lx.offices),
  };
  compiled.set(lx, c);
  return c;
}
