/**
 * The closed lists of the model as plain values, for code that needs a list without the schemas
 * (importing zod costs the command line's start-up; the schemas are built from these lists).
 */

/** Levels of the objective tree, broadest first: an objective's children are one level down. */
export const OBJECTIVE_LEVELS = ["area", "strategic", "operational", "action"] as const;

/** When pages are read by OCR: `auto` those without a usable text layer, `always`, or `never`. */
export const OCR_MODES = ["auto", "always", "never"] as const;

/** What a document is: a plan, a report on a plan's results, a dashboard, or something else. */
export const DOCUMENT_KINDS = ["plan", "report", "dashboard", "other"] as const;

/** What kind of thing a correctable item is (issue 18: review and correction). */
export const ITEM_KINDS = ["document", "objective", "indicator", "target", "baseline", "result"] as const;

/** The item key of the document itself (its review sign-off is a correction of its `reviewed` field). */
export const DOCUMENT_ITEM = "doc";

/** The field of a correction that adds (old value null) or deletes (new value null) a whole item. */
export const WHOLE_ITEM = "*";
