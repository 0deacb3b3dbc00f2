/** The load stage: the SQLite store and every query run on it (no SQL lives outside this folder). */
export { Store, DEFAULT_DB, defaultDbPath, openStore, NoDatabaseError, NewerDatabaseError } from "./store.js";
export type { Failure, OpenStoreOptions } from "./store.js";
export { MIGRATIONS } from "./migrations.js";
export {
  linkCandidates,
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
