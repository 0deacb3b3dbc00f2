/**
 * SQLite's busy handler (busy_timeout) waits for a lock in most cases, but not where waiting could
 * deadlock: two connections opening a fresh database at once both read it (shared lock) and both ask
 * for the exclusive lock that switching it to WAL needs; the second is told SQLITE_BUSY at once. Such
 * a step is tried again after a short pause, since by then the other connection has finished.
 */

const pause = new Int32Array(new SharedArrayBuffer(4));

const isBusy = (e: unknown) =>
  typeof (e as { code?: unknown })?.code === "string" && /^SQLITE_BUSY/.test((e as { code: string }).code);

/** Runs `step`, again after 20, 40, 80 … ms while SQLite says busy at once, for up to `withinMs` in all. */
export function retryBusy<T>(step: () => T, withinMs = 30_000): T {
  const until = Date.now() + withinMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return step();
    } catch (e) {
      if (!isBusy(e) || Date.now() + wait > until) throw e;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}
