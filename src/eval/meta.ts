/**
 * Reading a gold file's `<file>.meta.json` (the variety corpus), checked with zod. Kept apart from
 * the breakdown so that importing the library does not load zod.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { GoldMeta } from "./breakdown.js";

export const GoldMetaSchema = z.object({
  seed: z.number().int().nonnegative(),
  split: z.enum(["dev", "test"]),
  family: z.string().min(1),
  producer: z.string().min(1),
  layoutKind: z.string().min(1),
  features: z.record(z.string(), z.unknown()),
});

/** The meta file beside a source file, or null when there is none. A malformed one is an error. */
export function readMeta(source: string): GoldMeta | null {
  const path = `${source}.meta.json`;
  if (!existsSync(path)) return null;
  const parsed = GoldMetaSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
