export {
  relinkIssuer,
  relinkAll,
  relinkDocument,
  onDocumentRemoved,
  linkIndicators,
  SIMILARITY_THRESHOLD,
} from "./link.js";
export { diffDocuments, classify } from "./diff.js";
export type { DiffResult, TargetChange, Change } from "./diff.js";
export { indicatorHistory } from "./history.js";
export type { HistoryEntry } from "./history.js";
export { diffTable, diffCsv, diffXlsx } from "./format.js";
