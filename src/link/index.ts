/** The link stage: indicators linked across an issuer's documents, diffs between two, one indicator's history. */
export {
  linkSides,
  linkIndicators,
  SIMILARITY_THRESHOLD,
  NAME_FLOOR,
  EVIDENCE_WEIGHT,
  LINK_MARGIN,
} from "./link.js";
export type { LinkOptions, LinkOutcome } from "./link.js";
export {
  linkPending,
  relinkIssuer,
  relinkAll,
  relinkDocument,
  onDocumentRemoved,
  DEFAULT_LINK_BUDGET_MS,
} from "./step.js";
export type { LinkStepOptions, LinkStepReport, LinkPairEvent } from "./step.js";
export { diffDocuments, classifyChange } from "./diff.js";
export type { DiffResult, TargetChange, Change } from "./diff.js";
export { indicatorHistory } from "./history.js";
export type { HistoryEntry } from "./history.js";
