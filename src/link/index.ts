/** The link stage: indicators linked across an issuer's documents, diffs between two, one indicator's history. */
export {
  relinkIssuer,
  relinkAll,
  relinkDocument,
  onDocumentRemoved,
  linkIndicators,
  SIMILARITY_THRESHOLD,
} from "./link.js";
export { diffDocuments, classifyChange } from "./diff.js";
export type { DiffResult, TargetChange, Change } from "./diff.js";
export { indicatorHistory } from "./history.js";
export type { HistoryEntry } from "./history.js";
