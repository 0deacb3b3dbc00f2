/**
 * Reading documents with their corrections: what `show`, `export`, `diff` and `history` read, and
 * what the review page shows (every record with its key, and the review queue).
 */
import {
  allCorrections,
  correctionsOf,
  hasCorrections,
  originalPath,
  pageSizes,
  readOriginal,
  resolveDocument,
  type Store,
} from "../load/index.js";
import type { Box, Correction, ExportDocument, Indicator, ItemKind } from "../model/index.js";
import { applyCorrections, withoutKeys, type AppliedDocument, type CorrectionStatus } from "./apply.js";

export type StoredExportDocument = ExportDocument & { path: string | null; warnings: string[] };

/** A document with its corrections applied (and keys on its records), with its indicators by order as read. */
export function appliedDocument(store: Store, id: string): AppliedDocument<StoredExportDocument> {
  return applyCorrections(store.exportDocument(id), correctionsOf(store, id));
}

/**
 * A document as exports give it: with its corrections applied when it has any (each corrected
 * record lists its values as read), else exactly as read. No keys.
 */
export function correctedDocument(store: Store, id: string): StoredExportDocument {
  const asRead = store.exportDocument(id);
  if (!hasCorrections(store, id)) return asRead;
  return withoutKeys(applyCorrections(asRead, correctionsOf(store, id)).document);
}

/**
 * A document as exports give it (see correctedDocument), with its indicators also by their order as
 * read — what the links between documents name — null for one a person deleted.
 */
export function documentByOrd(
  store: Store,
  id: string,
): { document: StoredExportDocument; byOrd: (Indicator | null)[]; corrected: boolean } {
  const asRead = store.exportDocument(id);
  if (!hasCorrections(store, id)) return { document: asRead, byOrd: asRead.indicators, corrected: false };
  const applied = applyCorrections(asRead, correctionsOf(store, id));
  return { document: withoutKeys(applied.document), byOrd: applied.indicatorAt, corrected: true };
}

/** Why a record is in the review queue before the others. */
export type ReviewReason =
  /** the reading's own evidence was weak (segmentation confidence) */
  | "review"
  /** OCR read it with a confidence under 60 */
  | "lowConfidence"
  /** the document struck it through or replaced it */
  | "superseded"
  /** read without a box on the page */
  | "noBox";

/** One record of a document in the order a person checks them. */
export interface ReviewItem {
  key: string;
  kind: Exclude<ItemKind, "document">;
  /** the indicator's key, for its targets, baselines and results */
  parent: string | null;
  /** what a person reads: "target 2024 of C1.1_04 Rispetto dei tempi" */
  label: string;
  /** the text as printed, for values */
  raw: string | null;
  page: number | null;
  bbox: Box | null;
  reasons: ReviewReason[];
  /** a person corrected or added it */
  corrected: boolean;
}

const ind = (i: Indicator) => (i.code ? `${i.code} ${i.name}` : i.name);

/**
 * Every record of a (keyed) document, the flagged ones first (low confidence, unsure OCR,
 * superseded, no box), each group in the document's order.
 */
export function reviewQueue(doc: ExportDocument): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const o of doc.objectives)
    items.push({
      key: o.key!,
      kind: "objective",
      parent: null,
      label: `objective ${o.code ? `${o.code} ` : ""}${o.title}`,
      raw: null,
      page: o.source?.page ?? null,
      bbox: o.source?.bbox ?? null,
      reasons: [...(o.review ? (["review"] as const) : []), ...(o.source?.bbox ? [] : (["noBox"] as const))],
      corrected: !!o.corrections?.length,
    });
  for (const i of doc.indicators) {
    items.push({
      key: i.key!,
      kind: "indicator",
      parent: null,
      label: `indicator ${ind(i)}`,
      raw: null,
      page: i.source.page,
      bbox: i.source.bbox,
      reasons: [...(i.review ? (["review"] as const) : []), ...(i.source.bbox ? [] : (["noBox"] as const))],
      corrected: !!i.corrections?.length,
    });
    const values = [
      ...i.baselines.map((v) => ({ kind: "baseline" as const, v, review: false, superseded: false })),
      ...i.targets.map((v) => ({ kind: "target" as const, v, review: !!v.review, superseded: v.superseded })),
      ...i.results.map((v) => ({ kind: "result" as const, v, review: false, superseded: false })),
    ];
    for (const { kind, v, review, superseded } of values) {
      const reasons: ReviewReason[] = [];
      if (review) reasons.push("review");
      if (v.lowConfidence) reasons.push("lowConfidence");
      if (superseded) reasons.push("superseded");
      if (!v.source?.bbox) reasons.push("noBox");
      items.push({
        key: v.key!,
        kind,
        parent: i.key!,
        label: `${kind} ${v.year ?? "-"} of ${ind(i)}`,
        raw: v.raw,
        page: v.source?.page ?? null,
        bbox: v.source?.bbox ?? null,
        reasons,
        corrected: !!v.corrections?.length,
      });
    }
  }
  const flagged = items.filter((x) => x.reasons.length && !x.corrected);
  return [...flagged, ...items.filter((x) => !flagged.includes(x))];
}

/** What the review page shows of a document. */
export interface DocumentReview {
  /** corrected, every record carrying its key */
  document: StoredExportDocument;
  /** every record, the flagged ones first */
  queue: ReviewItem[];
  /** how many records are flagged and not yet corrected */
  flagged: number;
  /**
   * page sizes in points (scale 1, rotation applied) and the turn each was read in (degrees beyond
   * its own /Rotate): the boxes' frame
   */
  pages: { page: number; width: number; height: number; turn: number; ocr: boolean }[];
  /** the file is kept, so its pages can be shown */
  original: boolean;
}

/** A document (id prefix, file name or path) for review: corrected, keyed, with its review queue. */
export function reviewDocument(store: Store, ref: string): DocumentReview {
  const { id } = resolveDocument(store, ref);
  const { document } = appliedDocument(store, id);
  const queue = reviewQueue(document);
  return {
    document,
    queue,
    flagged: queue.filter((x) => x.reasons.length && !x.corrected).length,
    pages: pageSizes(store, id),
    original: originalPath(store, id) !== null,
  };
}

/**
 * The PDF of a stored document, from the kept file (a signed envelope is unwrapped): for showing
 * its pages. Null when the file was not kept (`ingest --no-keep`, or ingested before files were).
 */
export async function documentPdf(
  store: Store,
  ref: string,
): Promise<{ file: string; data: Uint8Array } | null> {
  const { id, file } = resolveDocument(store, ref);
  const bytes = await readOriginal(store, id);
  if (!bytes) return null;
  // "%PDF" at the start: no envelope to open (the common case needs no CMS parser)
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
    return { file, data: bytes };
  const { unwrap } = await import("../acquire/envelope.js");
  return { file, data: (await unwrap(bytes)).pdf };
}

/** A stored correction with its document's file name and what became of it. */
export interface CorrectionEntry extends Correction {
  /** the document's file name; null when the document is no longer in the store */
  file: string | null;
  status: CorrectionStatus;
}

/**
 * The corrections of one document (id prefix, file name or path), or of every document, oldest
 * first, each with its fate: applied, reverted (set back to what was read), replaced (by a later
 * correction of the same field) or orphaned (its item is not in the document as read now, or the
 * document is gone).
 */
export function listCorrections(store: Store, ref?: string): CorrectionEntry[] {
  const ids = ref
    ? [resolveDocument(store, ref).id]
    : [...new Set(allCorrections(store).map((c) => c.document))];
  const out: CorrectionEntry[] = [];
  for (const id of ids) {
    const rows = correctionsOf(store, id);
    if (!store.hasDocument(id)) {
      for (const c of rows) out.push({ ...c, file: null, status: "orphaned" });
      continue;
    }
    const applied = applyCorrections(store.exportDocument(id), rows);
    for (const c of rows)
      out.push({ ...c, file: applied.document.file, status: applied.status.get(c.id) ?? "applied" });
  }
  return out.sort((a, b) => a.id - b.id);
}
