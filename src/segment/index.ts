/**
 * The segment stage: from the page layout to the contract's records. Profiles (pipelines/*.json)
 * are chosen from the document's text; the rules themselves are general (header words, banners,
 * value grammar), so an unknown family still yields its indicator and target tables.
 */
import type {
  ActRef,
  DocumentKind,
  DocumentLayout,
  Indicator,
  Objective,
  PageLayout,
} from "../model/index.js";
import {
  detectDefaultYear,
  detectIssuer,
  detectKind,
  detectTitle,
  documentText,
  HEAD_PAGES,
} from "./document.js";
import { resolveObjectives } from "./objectives.js";
import { chooseProfile, loadProfiles, type Profile } from "./profiles.js";
import { alignCodes, repairCodes } from "./ocrcodes.js";
import { repairUnitReadings, repairDecimals, repairSigns, repairThousands } from "./ocrvalues.js";
import { repairNames, Vocabulary } from "./ocrnames.js";
import { walker } from "./reader.js";
import type { SegmentTrace } from "./trace.js";

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

/** The whole document at once. */
export function segment(
  doc: DocumentLayout,
  ctx: { file?: string; profile?: string; trace?: SegmentTrace } = {},
): Segmented {
  return segmentPages(doc.pages, { ...ctx, running: doc.running, act: doc.act });
}

/**
 * Segments pages as they come (an iterator that may lay them out lazily): the first pages decide the
 * profile, the title and the default year, then every page is walked and let go.
 */
export function segmentPages(
  pages: Iterable<PageLayout>,
  ctx: {
    file?: string;
    profile?: string;
    running: string[];
    act: ActRef | null;
    /** filled with each row's kind and each column's role, for `allegati segment` */
    trace?: SegmentTrace;
    /** rows of a table held before it is read as a stream (reader.ts, STREAM_ROWS) */
    streamRows?: number;
  },
): Segmented {
  const it = pages[Symbol.iterator]();
  const head: PageLayout[] = [];
  for (let n = it.next(); ; n = it.next()) {
    if (n.done) break;
    head.push(n.value);
    if (head.length === HEAD_PAGES) break;
  }
  const text = documentText(head) + "\n" + ctx.running.join("\n");
  const profile: Profile = chooseProfile(text, loadProfiles(), ctx.profile);
  const title = detectTitle(head);
  const defaultYear = detectDefaultYear(title, text);
  const w = walker(profile, defaultYear, ctx.trace, ctx.streamRows);
  let ocr = false;
  const vocabulary = new Vocabulary();
  const take = (p: PageLayout) => {
    ocr ||= p.ocr;
    vocabulary.add(p);
    w.page(p);
  };
  head.splice(0).forEach(take);
  for (let n = it.next(); !n.done; n = it.next()) take(n.value);
  const walked = w.finish();
  if (profile.codeShape && ocr)
    repairCodes(walked.objectives, walked.indicators, new RegExp(profile.codeShape));
  if (ocr) alignCodes(walked.objectives, walked.indicators);
  if (ocr) {
    repairThousands(walked.indicators);
    repairSigns(walked.indicators);
    repairDecimals(walked.indicators);
    repairUnitReadings(walked.indicators);
    repairNames(walked.indicators, vocabulary);
  }
  const objectives = resolveObjectives(walked.objectives, profile.levels);
  const years = [
    ...new Set(
      walked.indicators.flatMap((i) => i.targets.map((t) => t.year)).filter((y): y is number => y !== null),
    ),
  ].sort((a, b) => a - b);
  const hasResults = walked.indicators.some((i) => i.results.length > 0);
  const kind = detectKind(
    title,
    text,
    profile.kind,
    hasResults,
    walked.indicators.length > 0 || objectives.length > 0,
  );
  // a document read to nothing says so, whatever made it (a layout the rules do not know)
  const warnings = [...walked.warnings];
  if (!walked.indicators.length)
    warnings.unshift(
      kind === "other"
        ? "no objective or indicator was read: not recognised as a plan, report or dashboard"
        : `no indicator was read from this ${KIND_WORDS[kind]}${objectives.length ? ` (${objectives.length} objectives)` : ""}`,
    );
  return {
    kind,
    issuer: detectIssuer(text),
    title,
    act: ctx.act,
    years,
    objectives: objectives.map(flagObjective),
    indicators: flagReview(walked.indicators),
    profile: profile.name,
    warnings,
  };
}

const KIND_WORDS: Record<DocumentKind, string> = {
  plan: "plan",
  report: "report",
  dashboard: "dashboard",
  other: "document",
};

/** Below this confidence a record is flagged for review. */
export const REVIEW_BELOW = 0.65;

function flagObjective(o: Objective): Objective {
  return o.confidence !== undefined && o.confidence < REVIEW_BELOW ? { ...o, review: true } : o;
}

/** Indicators and targets read on weak evidence (or from unsure OCR) are flagged for review. */
function flagReview(indicators: Indicator[]): Indicator[] {
  for (const i of indicators) {
    if ((i.confidence ?? 1) < REVIEW_BELOW) i.review = true;
    for (const t of i.targets) if ((t.confidence ?? 1) < REVIEW_BELOW || t.lowConfidence) t.review = true;
  }
  return indicators;
}

export { chooseProfile, findProfile, loadProfiles, loadProfileSet, profileNames } from "./profiles.js";
export type { Profile } from "./profiles.js";
export { emptyTrace } from "./trace.js";
export type { SegmentTrace, TableTrace, BlockTrace } from "./trace.js";
