/**
 * The segment stage: from the page layout to the contract's records. Profiles (pipelines/*.json)
 * are chosen from the document's text; the rules themselves are general (header words, banners,
 * value grammar), so an unknown family still yields its indicator and target tables.
 */
import type { ActRef, DocumentKind, DocumentLayout, Indicator, Objective } from "../model/index.js";
import { detectDefaultYear, detectIssuer, detectKind, detectTitle, documentText } from "./document.js";
import { resolveObjectives } from "./objectives.js";
import { chooseProfile, loadProfiles, type Profile } from "./profiles.js";
import { repairCodes } from "./ocrcodes.js";
import { walk } from "./walk.js";

export interface Segmented {
  kind: DocumentKind;
  issuer: string | null;
  title: string | null;
  act: ActRef | null;
  years: number[];
  objectives: Objective[];
  indicators: Indicator[];
  profile: string;
  warnings: string[];
}

export function segment(doc: DocumentLayout, ctx: { file?: string; profile?: string } = {}): Segmented {
  const text = documentText(doc) + "\n" + doc.running.join("\n");
  const profile: Profile = chooseProfile(text, loadProfiles(), ctx.profile);
  const title = detectTitle(doc);
  const defaultYear = detectDefaultYear(title, text);
  const walked = walk(doc, profile, defaultYear);
  if (profile.codeShape && doc.pages.some((p) => p.ocr))
    repairCodes(walked.objectives, walked.indicators, new RegExp(profile.codeShape));
  const objectives = resolveObjectives(walked.objectives, profile.levels);
  const years = [
    ...new Set(
      walked.indicators.flatMap((i) => i.targets.map((t) => t.year)).filter((y): y is number => y !== null),
    ),
  ].sort((a, b) => a - b);
  const hasResults = walked.indicators.some((i) => i.results.length > 0);
  return {
    kind: detectKind(title, text, profile.kind, hasResults),
    issuer: detectIssuer(text),
    title,
    act: doc.act,
    years,
    objectives,
    indicators: walked.indicators,
    profile: profile.name,
    warnings: walked.warnings,
  };
}

export { chooseProfile, loadProfiles } from "./profiles.js";
export type { Profile } from "./profiles.js";
