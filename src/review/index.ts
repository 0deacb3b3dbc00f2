/**
 * The review stage: corrections applied to what was read (every read, export, diff and history goes
 * through here), the corrections a person makes, the review queue, and the kept files' pages.
 */
export { applyCorrections, keyDocument, withoutKeys } from "./apply.js";
export type { AppliedDocument, CorrectionStatus, ItemSnapshot } from "./apply.js";
export {
  appliedDocument,
  correctedDocument,
  documentByOrd,
  reviewDocument,
  reviewQueue,
  documentPdf,
  listCorrections,
} from "./read.js";
export type {
  StoredExportDocument,
  ReviewItem,
  ReviewReason,
  DocumentReview,
  CorrectionEntry,
} from "./read.js";
export { correctItem, addItem, deleteItem, restoreItem, markReviewed, readValueText } from "./edits.js";
export type { CorrectionMeta, FieldChanges, NewItem } from "./edits.js";
export { FIELDS, valueFromText, fieldsFromText, checkValue, sameValue } from "./fields.js";
export type { FieldType } from "./fields.js";
export { slug, kindOfKey } from "./keys.js";
