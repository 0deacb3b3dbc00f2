import { z } from "zod";
import { ITEM_KINDS } from "./constants.js";

/**
 * Corrections a person makes to what was read (issue 18), kept apart from the rows read from the
 * file and applied on every read. An item is named by a stable key made from what was read (codes,
 * names, years and their order of appearance), never from row ids, so that a correction survives
 * `ingest --force` of the same file.
 */

export type ItemKind = (typeof ITEM_KINDS)[number];

/** One stored correction: an item's field set from one value to another by someone at a time. */
export interface Correction {
  id: number;
  /** the document's id (sha256 of the file as given) */
  document: string;
  /** the item's stable key */
  item: string;
  /** the field corrected, `*` for the whole item (added or deleted), `reviewed` on the document */
  field: string;
  /** the value as read when the correction was made (null for an added item) */
  oldValue: unknown;
  /** the corrected value (null for a deleted item) */
  newValue: unknown;
  author: string | null;
  /** ISO 8601 */
  at: string;
  note: string | null;
}

/** A correction to be stored (the store gives it its id). */
export type NewCorrection = Omit<Correction, "id">;

/**
 * On a corrected record (export extension): one corrected field with its value as read. A record
 * added by a person has one with field `*` and original null.
 */
export const CorrectionNote = z.object({
  field: z.string(),
  original: z.unknown(),
  author: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
  /** the reading changed since the correction was made (it was made against another value) */
  stale: z.boolean().optional(),
});
export type CorrectionNote = z.infer<typeof CorrectionNote>;

/** A document's review sign-off (export extension). */
export const ReviewMark = z.object({
  reviewed: z.boolean(),
  author: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
});
export type ReviewMark = z.infer<typeof ReviewMark>;

/** An item a person deleted, kept with what was read (export extension). */
export const DeletedItem = z.object({
  item: z.string(),
  kind: z.enum(ITEM_KINDS),
  original: z.unknown(),
  author: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
});
export type DeletedItem = z.infer<typeof DeletedItem>;

/** Why a correction applies to nothing: its item (or the parent it was added under) is not there. */
export type OrphanReason = "no such item" | "no such parent" | "item deleted" | "invalid value";

/** A correction that applies to nothing in the document as read now: shown, never dropped. */
export const OrphanedCorrection = z.object({
  id: z.number().int(),
  item: z.string(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  author: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
  reason: z.enum(["no such item", "no such parent", "item deleted", "invalid value"]),
});
export type OrphanedCorrection = z.infer<typeof OrphanedCorrection>;
