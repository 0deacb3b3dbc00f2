/**
 * A query with a time and a memory limit (what `allegati query` runs): the statement runs in a
 * child process, read-only, killed past the time limit or when its resident memory passes the
 * memory limit. SQLite cannot be stopped from JavaScript otherwise: better-sqlite3 has no interrupt,
 * its SQLite is built without the progress handler and without the memory statistics its heap
 * limit needs, and a query stuck in a worker thread keeps the process alive for ever. Rows come
 * back in batches as they are read.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { NoDatabaseError } from "./store.js";
import { QueryRefused } from "./query.js";

export interface QueryLimits {
  /** milliseconds (default 30 s) */
  timeoutMs?: number;
  /** the query process's resident memory, in MB (default 1024; read from /proc, so Linux only) */
  maxMemoryMb?: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
export const DEFAULT_QUERY_MEMORY_MB = 1024;

/** The query ran past its time or memory limit and was stopped. */
export class QueryStopped extends Error {
  override readonly name = "QueryStopped";
}

export interface ChildRequest {
  path: string;
  sql: string;
}

export type ChildReply =
  | { columns: string[] }
  | { rows: Record<string, unknown>[]; done?: boolean }
  | { error: string; refused: boolean };

export interface LimitedQuery {
  columns: string[];
  /** the rows as they come; iterate to the end (or break) so that the child process ends */
  rows: AsyncGenerator<Record<string, unknown>>;
}

// from source (tests, tsx) the child runs the TypeScript module through tsx, as the parse workers do
const here = import.meta.url;
const fromSource = here.endsWith(".ts");
const childUrl = new URL(fromSource ? "./querychild.ts" : "./querychild.js", here);

/**
 * Runs one read-only statement on the database at `path` within `limits`. Rejects with
 * NoDatabaseError, QueryRefused (a statement that writes, or SQL SQLite refuses) or QueryStopped
 * (past the time limit, or out of the memory allowed); the rows' iterator throws QueryStopped when
 * the limit comes while they are read.
 */
export async function limitedQuery(
  path: string,
  sql: string,
  limits: QueryLimits = {},
): Promise<LimitedQuery> {
  if (!existsSync(path)) throw new NoDatabaseError(path);
  const timeoutMs = limits.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const maxMemoryMb = limits.maxMemoryMb ?? DEFAULT_QUERY_MEMORY_MB;
  const child: ChildProcess = fork(childUrl, [], {
    execArgv: [
      ...(fromSource ? ["--import", import.meta.resolve("tsx")] : []),
      `--max-old-space-size=${Math.max(64, maxMemoryMb)}`,
    ],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const replies: ChildReply[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let ended = false;
  const seconds = Math.round(timeoutMs / 1000);
  const timer = setTimeout(() => {
    failure = new QueryStopped(`query stopped: it ran longer than ${seconds} s (--timeout)`);
    child.kill("SIGKILL");
  }, timeoutMs);
  const watch = setInterval(() => {
    const rss = residentMb(child.pid);
    if (rss === null || rss <= maxMemoryMb) return;
    failure ??= new QueryStopped(`query stopped: it needed more than ${maxMemoryMb} MB (--max-memory)`);
    child.kill("SIGKILL");
  }, 100);
  const notify = () => {
    wake?.();
    wake = null;
  };
  child.on("message", (m: ChildReply) => {
    replies.push(m);
    notify();
  });
  child.on("exit", () => {
    ended = true;
    clearTimeout(timer);
    clearInterval(watch);
    notify();
  });
  child.on("error", (e) => {
    failure ??= e;
    notify();
  });
  const next = async (): Promise<ChildReply | null> => {
    for (;;) {
      const m = replies.shift();
      if (m) return m;
      if (failure) throw failure;
      if (ended) return null;
      await new Promise<void>((r) => (wake = r));
    }
  };
  const stop = () => {
    clearTimeout(timer);
    clearInterval(watch);
    if (!ended) child.kill("SIGKILL");
  };
  const fail = (m: { error: string; refused: boolean }) => {
    stop();
    return m.refused ? new QueryRefused(m.error) : new Error(m.error);
  };
  child.send({ path, sql } satisfies ChildRequest);
  let first: ChildReply | null;
  try {
    first = await next();
  } catch (e) {
    stop();
    throw e;
  }
  if (!first) throw failure ?? new QueryStopped("query stopped: its process ended without an answer");
  if ("error" in first) throw fail(first);
  const columns = "columns" in first ? first.columns : [];
  async function* rows(): AsyncGenerator<Record<string, unknown>> {
    try {
      for (;;) {
        const m = await next();
        if (!m) return;
        if ("error" in m) throw fail(m);
        if (!("rows" in m)) continue;
        if (!m.done) child.send("more");
        yield* m.rows;
        if (m.done) return;
      }
    } finally {
      stop();
    }
  }
  return { columns, rows: rows() };
}

/** A process's resident memory in MB, from /proc (null where there is none). */
function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
