import { z } from "zod";
import { DOCUMENT_KINDS, OBJECTIVE_LEVELS } from "./constants.js";
import { Provenance } from "./geometry.js";
import { CorrectionNote, DeletedItem, OrphanedCorrection, ReviewMark } from "./corrections.js";

/**
 * Extensions on every record a person can correct (issue 18): the corrected fields with their
 * values as read (absent when nothing was corrected), and the item's stable key (in review views
 * only, not in exports).
 */
const correctable = {
  corrections: z.array(CorrectionNote).optional(),
  key: z.string().optional(),
};

/**
 * The records of the export contract (shared/contract/export.schema.json, v1).
 * Required fields keep the contract's meaning; the extra fields (source on every value,
 * lowConfidence) are extensions the contract allows.
 */
export const Unit = z.enum(["%", "EUR", "count", "days", "date", "ratio", "score", "text"]).nullable();
export type Unit = z.infer<typeof Unit>;

export const Op = z.enum([">=", "<=", ">", "<", "=", "between"]);
export type Op = z.infer<typeof Op>;

const scalar = z.union([z.number(), z.string(), z.null()]);

export const Value = z.object({
  year: z.number().int().nullable(),
  value: scalar,
  unit: Unit,
  raw: z.string(),
  source: Provenance.optional(),
  lowConfidence: z.boolean().optional(),
  ...correctable,
});
export type Value = z.infer<typeof Value>;

export const Relative = z.object({ changePct: z.number().nullable(), base: z.string().nullable() });
export type Relative = z.infer<typeof Relative>;

export const Target = z.object({
  year: z.number().int().nullable(),
  op: Op,
  value: scalar,
  max: z.number().nullable().optional(),
  unit: Unit,
  raw: z.string(),
  relative: Relative.nullable().optional(),
  superseded: z.boolean(),
  source: Provenance.optional(),
  lowConfidence: z.boolean().optional(),
  /** extension: 0..1, from the evidence it was read on (header word, row kind, value parsed) */
  confidence: z.number().min(0).max(1).optional(),
  /** extension: flagged for a person to check first (low confidence) */
  review: z.boolean().optional(),
  ...correctable,
});
export type Target = z.infer<typeof Target>;

export const Result = z.object({
  year: z.number().int().nullable(),
  value: scalar,
  unit: Unit,
  raw: z.string(),
  achievementPct: z.number().nullable().optional(),
  source: Provenance.optional(),
  lowConfidence: z.boolean().optional(),
  ...correctable,
});
export type Result = z.infer<typeof Result>;

export const ObjectiveLevel = z.enum(OBJECTIVE_LEVELS);
export type ObjectiveLevel = z.infer<typeof ObjectiveLevel>;

export const Objective = z.object({
  code: z.string().nullable(),
  title: z.string(),
  level: ObjectiveLevel,
  parentCode: z.string().nullable(),
  weight: z.number().nullable().optional(),
  owner: z.string().nullable().optional(),
  source: Provenance.optional(),
  /** extension: 0..1, from the evidence it was read on */
  confidence: z.number().min(0).max(1).optional(),
  /** extension: flagged for a person to check first (low confidence) */
  review: z.boolean().optional(),
  ...correctable,
});
export type Objective = z.infer<typeof Objective>;

export const Indicator = z.object({
  code: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable().optional(),
  objectiveCode: z.string().nullable(),
  formula: z.string().nullable(),
  weight: z.number().nullable().optional(),
  owner: z.string().nullable().optional(),
  baselines: z.array(Value),
  targets: z.array(Target),
  results: z.array(Result),
  notes: z.array(z.string()).optional(),
  source: Provenance,
  /** extension: 0..1, from the evidence it was read on (header word, row kind, value parsed) */
  confidence: z.number().min(0).max(1).optional(),
  /** extension: flagged for a person to check first (low confidence) */
  review: z.boolean().optional(),
  ...correctable,
});
export type Indicator = z.infer<typeof Indicator>;

export const Signature = z.object({
  format: z.enum(["CAdES", "PAdES"]),
  signer: z.string().nullable(),
  signedAt: z.string().nullable().optional(),
  integrity: z.enum(["valid", "invalid", "unknown"]).optional(),
});
export type Signature = z.infer<typeof Signature>;

/** The act (determinazione, delibera, ...) a document belongs to, as its running lines cite it. */
export const ActRef = z.object({
  type: z.string().nullable(),
  number: z.string().nullable(),
  /** ISO 8601 date */
  date: z.string().nullable(),
});
export type ActRef = z.infer<typeof ActRef>;

export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const ExportDocument = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  file: z.string(),
  kind: DocumentKind,
  issuer: z.string().nullable(),
  title: z.string().nullable().optional(),
  act: ActRef.nullable().optional(),
  years: z.array(z.number().int()),
  pages: z.number().int().min(0),
  ocrPages: z.number().int().min(0),
  signatures: z.array(Signature),
  objectives: z.array(Objective),
  indicators: z.array(Indicator),
  /** extension: the pipeline profile that read the document */
  profile: z.string().optional(),
  /** extension: signatories printed in the running footer */
  signatories: z.array(z.string()).optional(),
  /** extension: ISO 8601 times of the RFC 3161 timestamps of the envelope (.tsd, .m7m) */
  timestamps: z.array(z.string()).optional(),
  /** extension: the review sign-off, when a person marked the document reviewed (or not) */
  reviewed: ReviewMark.optional(),
  /** extension: items a person deleted, with what was read */
  deleted: z.array(DeletedItem).optional(),
  /** extension: corrections whose item is not in the document as read now */
  orphanedCorrections: z.array(OrphanedCorrection).optional(),
});
export type ExportDocument = z.infer<typeof ExportDocument>;

export const Export = z.object({ version: z.literal(1), documents: z.array(ExportDocument) });
export type Export = z.infer<typeof Export>;

/** One page as the store keeps it: size, whether it was read by OCR, and its body text. */
export interface PageInfo {
  page: number;
  width: number;
  height: number;
  /** degrees the page was turned to read its text level (boxes are in that view); 0 for most */
  turn?: number;
  ocr: boolean;
  text: string;
}

/** What the pipeline reads from a file and the store writes: the export document plus what only the store keeps. */
export interface StoredDocument extends ExportDocument {
  /** the path it was read from (for bytes given without one, the name they were given) */
  path?: string | null;
  /** the PDF's producer, from its info dictionary */
  producer?: string | null;
  warnings?: string[];
  pageInfo?: PageInfo[];
}
