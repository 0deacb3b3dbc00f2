/**
 * Pipeline profiles (pipelines/<family>.json): which document family a file belongs to, chosen from
 * its text, and the few rules that differ between families. Unknown families get `generic`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DocumentKind, ObjectiveLevel, OcrMode } from "../model/index.js";

export const Profile = z.object({
  name: z.string(),
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
});
export type Profile = z.infer<typeof Profile>;

export const GENERIC: Profile = Profile.parse({
  name: "generic",
  description: "any table of indicators and targets; header words decide the columns",
});

function pipelinesDir(): string {
  // src/segment or dist/segment → ../../pipelines
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, "..", "..", "pipelines");
}

let cache: Profile[] | null = null;

export function loadProfiles(dir = pipelinesDir()): Profile[] {
  if (cache && dir === pipelinesDir()) return cache;
  const out: Profile[] = [];
  if (existsSync(dir))
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith(".json"))
      .sort()) {
      const parsed = Profile.safeParse(JSON.parse(readFileSync(join(dir, f), "utf8")));
      if (!parsed.success)
        throw new Error(
          `pipelines/${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      out.push(parsed.data);
    }
  if (dir === pipelinesDir()) cache = out;
  return out;
}

/** The profile with the most hits at or above its minimum, else generic. */
export function chooseProfile(text: string, profiles = loadProfiles(), forced?: string): Profile {
  if (forced) {
    const p = [...profiles, GENERIC].find((x) => x.name === forced);
    if (!p)
      throw new Error(
        `unknown profile '${forced}' (known: ${[...profiles, GENERIC].map((x) => x.name).join(", ")})`,
      );
    return p;
  }
  let best: Profile = GENERIC;
  let bestScore = 0;
  for (const p of profiles) {
    const score = p.match.filter((re) => new RegExp(re, "i").test(text)).length;
    if (score >= p.minScore && score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
