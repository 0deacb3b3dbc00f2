/**
 * Pipeline profiles (pipelines/<family>.json): which document family a file belongs to, chosen from
 * its text, and the words and rules its documents are read by. `pipelines/generic.json` is the base:
 * its lexicon holds the general Italian vocabulary of these documents, and a family's profile adds
 * words to it, so a new family needs a JSON file, not code. Unknown families are read as `generic`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DocumentKind, ObjectiveLevel, OcrMode } from "../model/index.js";
import { ColumnRoleName, compileLexicon, Lexicon, mergeLexicons, type CompiledLexicon } from "./lexicon.js";

const PartialLexicon = z
  .object({
    headers: z.array(z.object({ role: ColumnRoleName, words: z.array(z.string().min(1)) })).optional(),
    levels: z.array(z.object({ level: ObjectiveLevel, words: z.array(z.string().min(1)) })).optional(),
    labels: z
      .object({
        owner: z.array(z.string()).optional(),
        weight: z.array(z.string()).optional(),
        evaluation: z.array(z.string()).optional(),
        scope: z.array(z.string()).optional(),
      })
      .optional(),
    bands: z.array(z.string()).optional(),
    comments: z.array(z.string()).optional(),
    offices: z.array(z.string()).optional(),
  })
  .strict();

export const ProfileFile = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string(),
    /** document kind when the text does not say */
    kind: DocumentKind.optional(),
    /** regexes (case-insensitive) over the document's text; each hit scores one */
    match: z.array(z.string()).default([]),
    /** hits needed to choose this profile */
    minScore: z.number().int().min(1).default(1),
    /** objective levels by code pattern, applied when no word names the level */
    levels: z.array(z.object({ pattern: z.string(), level: ObjectiveLevel })).default([]),
    stages: z.object({ ocr: OcrMode.default("auto") }).default({ ocr: "auto" }),
    /** the shape of the family's objective codes (a regular expression), to repair OCR's lookalikes */
    codeShape: z.string().optional(),
    /** words added to the generic lexicon (generic.json holds the whole one) */
    lexicon: PartialLexicon.optional(),
  })
  .strict();

/** A profile as the segment steps use it: the family's settings with the merged lexicon. */
export type Profile = Omit<z.infer<typeof ProfileFile>, "lexicon"> & { lexicon: Lexicon };

// src/segment or dist/segment → ../../pipelines (worked out once: the default is asked for per table)
const PIPELINES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pipelines");

function readProfile(dir: string, f: string): z.infer<typeof ProfileFile> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, f), "utf8"));
  } catch (e) {
    throw new Error(`pipelines/${f}: ${(e as Error).message}`);
  }
  const parsed = ProfileFile.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `pipelines/${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  for (const re of [...parsed.data.match, ...parsed.data.levels.map((l) => l.pattern)])
    try {
      new RegExp(re);
    } catch (e) {
      throw new Error(`pipelines/${f}: ${(e as Error).message}`);
    }
  return parsed.data;
}

export interface Profiles {
  generic: Profile;
  families: Profile[];
}

const caches = new Map<string, Profiles>();

/** The generic profile and the families of a folder (pipelines/ by default), checked. */
export function loadProfileSet(dir = PIPELINES_DIR): Profiles {
  const hit = caches.get(dir);
  if (hit) return hit;
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((x) => x.endsWith(".json"))
        .sort()
    : [];
  if (!files.includes("generic.json")) throw new Error(`${dir}: generic.json is missing`);
  const g = readProfile(dir, "generic.json");
  const base = Lexicon.parse(g.lexicon ?? {});
  const generic: Profile = { ...g, lexicon: base };
  const families: Profile[] = [];
  for (const f of files) {
    if (f === "generic.json") continue;
    const p = readProfile(dir, f);
    families.push({ ...p, lexicon: mergeLexicons(base, p.lexicon as Partial<Lexicon> | undefined) });
  }
  const set = { generic, families };
  caches.set(dir, set);
  return set;
}

/** Every profile, generic last. */
export function loadProfiles(dir?: string): Profile[] {
  const s = loadProfileSet(dir);
  return [...s.families, s.generic];
}

export function profileNames(dir?: string): string[] {
  return loadProfiles(dir).map((p) => p.name);
}

/** The named profile, or an error naming the ones there are. */
export function findProfile(name: string, dir?: string): Profile {
  const all = loadProfiles(dir);
  const p = all.find((x) => x.name === name);
  if (!p) throw new Error(`unknown profile '${name}' (known: ${all.map((x) => x.name).join(", ")})`);
  return p;
}

/** The profile with the most hits at or above its minimum, else generic. */
export function chooseProfile(text: string, profiles = loadProfiles(), forced?: string): Profile {
  if (forced) {
    const p = profiles.find((x) => x.name === forced);
    if (!p) throw new Error(`unknown profile '${forced}' (known: ${profiles.map((x) => x.name).join(", ")})`);
    return p;
  }
  let best: Profile | undefined = profiles.find((p) => p.name === "generic");
  let bestScore = 0;
  for (const p of profiles) {
    if (p.name === "generic") continue;
    const score = p.match.filter((re) => new RegExp(re, "i").test(text)).length;
    if (score >= p.minScore && score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best ?? loadProfileSet().generic;
}

/** The compiled words of a profile. */
export function wordsOf(p: Profile): CompiledLexicon {
  return compileLexicon(p.lexicon);
}
