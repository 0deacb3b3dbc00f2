/** The load stage: the SQLite store and every query run on it (no SQL lives outside this folder). */
export { Store, DEFAULT_DB, defaultDbPath, openStore, NoDatabaseError, NewerDatabaseError } from "./store.js";
export type { Failure, OpenStoreOptions } from "./store.js";
export { MIGRATIONS } from "./migrations.js";
export {
  linkCandidates,
  linkObjectives,
  linkSide,
  issuerOf,
  issuers,
  documentsOfIssuer,
  deleteLinksOf,
  deleteLinksBetween,
  insertLinks,
  storedLinks,
} from "./links.js";
export type { StoredLink } from "./links.js";
export {
  pendingIssuers,
  pendingDocuments,
  issuerSequence,
  setLinkState,
  linkStateOf,
  pruneLinks,
} from "./linkstate.js";
export type { LinkState, SequenceEntry } from "./linkstate.js";
export {
  resolveDocument,
  findIndicator,
  linkedIndicators,
  indicatorInDocument,
  indicatorValues,
} from "./queries.js";
export type { DocumentRef, IndicatorInDocument, IndicatorValue, IndicatorValueKind } from "./queries.js";
export { readOnlyQuery, QueryRefused } from "./query.js";
export type { QueryResult } from "./query.js";
export {
  limitedQuery,
  QueryStopped,
  DEFAULT_QUERY_TIMEOUT_MS,
  DEFAULT_QUERY_MEMORY_MB,
} from "./querylimits.js";
export type { QueryLimits, LimitedQuery } from "./querylimits.js";
export {
  insertCorrections,
  correctionsOf,
  hasCorrections,
  allCorrections,
  correctedDocumentsGone,
  correctionsTableThere,
} from "./corrections.js";
export { originalsDir, originalPath, readOriginal, keepOriginal } from "./originals.js";
export {
  listDocuments,
  issuerCounts,
  pageSizes,
  turnedPages,
  ftsQuery,
  DOCUMENT_SORTS,
  REVIEW_STATUSES,
} from "./catalog.js";
export type {
  DocumentListQuery,
  DocumentSummary,
  DocumentList,
  DocumentSort,
  ReviewStatus,
} from "./catalog.js";
