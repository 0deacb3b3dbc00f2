/**
 * The process a limited query runs in (querylimits.ts): it opens the database read-only, runs the
 * one statement and sends its rows in batches, each after the parent
 * asked for more, so that a slow reader holds back a fast query. Killed by its parent past the
 * time limit: SQLite cannot be interrupted from JavaScript, a process can.
 */
import { openStore } from "./store.js";
import { readOnlyQuery, QueryRefused } from "./query.js";
import type { ChildReply, ChildRequest } from "./querylimits.js";

const BATCH = 500;

const send = (m: ChildReply) =>
  new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));
const more = () => new Promise<void>((resolve) => process.once("message", () => resolve()));

process.once("message", async (req: ChildRequest) => {
  try {
    const store = openStore(req.path, { readonly: true });
    // a sort's or a UNION's temporary b-trees are kept in memory, where the parent's limit on this
    // process's resident memory bounds them, rather than in temporary files that could fill a disk
    // (SQLite's own heap limit does nothing here: better-sqlite3 builds it without memory statistics)
    store.db.pragma("temp_store = MEMORY");
    const { columns, rows } = readOnlyQuery(store, req.sql);
    await send({ columns });
    let batch: Record<string, unknown>[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) {
        const asked = more();
        await send({ rows: batch });
        await asked;
        batch = [];
      }
    }
    await send({ rows: batch, done: true });
    store.close();
  } catch (e) {
    await send({ error: (e as Error).message, refused: e instanceof QueryRefused });
  }
  process.disconnect();
});
