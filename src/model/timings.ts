/**
 * Where a document's time went, stage by stage, in milliseconds of wall time. The stages run one
 * after another in one thread (a page's extract, then its layout, …), so the parts add up to about
 * the document's whole time; `segment` excludes the layout of the pages it takes lazily and the
 * value parsing it calls (`normalize`), which are counted under their own stage.
 */
export interface StageTimings {
  acquire: number;
  extract: number;
  ocr: number;
  layout: number;
  segment: number;
  normalize: number;
  load: number;
  link: number;
}

export const STAGES = [
  "acquire",
  "extract",
  "ocr",
  "layout",
  "segment",
  "normalize",
  "load",
  "link",
] as const;

export function emptyTimings(): StageTimings {
  return { acquire: 0, extract: 0, ocr: 0, layout: 0, segment: 0, normalize: 0, load: 0, link: 0 };
}

/** Adds `b`'s stages into `a` (a batch's totals). */
export function addTimings(a: StageTimings, b: Partial<StageTimings>): StageTimings {
  for (const s of STAGES) a[s] += b[s] ?? 0;
  return a;
}

/** The same timings rounded to 0.1 ms, for a report. */
export function roundTimings(t: StageTimings): StageTimings {
  const out = emptyTimings();
  for (const s of STAGES) out[s] = Math.round(t[s] * 10) / 10;
  return out;
}
