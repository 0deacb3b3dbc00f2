export { Store, DEFAULT_DB, defaultDbPath } from "./store.js";
export type { Failure } from "./store.js";
export { MIGRATIONS } from "./migrations.js";
