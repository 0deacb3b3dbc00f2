/**
 * The parse pool's memory watchdog: a worker whose buffers (outside the V8 heap its resourceLimits
 * cap) pass the cap is stopped and the job fails with `limit`, whether the worker can still report
 * its memory or is stuck in one synchronous step; the pool goes on with a new worker.
 */
import { describe, expect, it } from "vitest";
import { ParsePool } from "../../src/batch/pool.js";
import { AllegatiError } from "../../src/errors.js";

const entry = new URL("./hungry-worker.mjs", import.meta.url);

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AllegatiError ? `${e.reason}: ${e.message}` : String(e)),
  );

describe("parse pool hand-over", () => {
  it("keeps a worker after a document, and retires one that handed over a packed (long) one", async () => {
    const pool = new ParsePool({ size: 1, entry, timeoutMs: 60_000 });
    const thread = async (input: string) =>
      ((await pool.read(input, {})) as unknown as { file: string; thread: number }).thread;
    try {
      const a = await thread("small");
      expect(await thread("small")).toBe(a);
      // unpacked only once its worker is gone: the next document has a new worker
      const b = await thread("packed");
      expect(b).toBe(a);
      const c = await thread("packed");
      expect(c).not.toBe(b);
      expect(await thread("small")).not.toBe(c);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe("parse pool watchdog", () => {
  it("stops a worker past its memory cap, reporting or not, and goes on", async () => {
    const pool = new ParsePool({ size: 1, maxMemoryMb: 400, entry, timeoutMs: 60_000 });
    const rss0 = process.memoryUsage.rss();
    try {
      expect(await outcome(pool.read("yielding:2000", {}))).toMatch(
        /^limit: out of memory: the worker passed 400 MB/,
      );
      expect(await outcome(pool.read("blocked:2000", {}))).toMatch(
        /^limit: out of memory: the worker passed 400 MB/,
      );
      // a worker under the cap is left alone, and the pool has a worker again
      expect(await outcome(pool.read("yielding:100", {}))).toBe("ok");
      expect(await outcome(pool.read("small", {}))).toBe("ok");
    } finally {
      await pool.close();
    }
    // the 2 GB were never all held
    expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(1500 * 1024 * 1024);
  }, 60_000);

  it("stops the worker that grows, not one silent beside it in a long synchronous step", async () => {
    const pool = new ParsePool({ size: 2, maxMemoryMb: 400, entry, timeoutMs: 60_000 });
    try {
      // the busy one holds more than the other when both fall silent, and stays silent from before
      // the other's growth to after it: only its own thread's page faults tell it took nothing since
      const busy = outcome(pool.read("busy:6000:160", {}));
      await new Promise((r) => setTimeout(r, 1000));
      const hungry = outcome(pool.read("blocked:2000", {}));
      expect(await hungry).toMatch(/^limit: out of memory/);
      expect(await busy).toBe("ok");
    } finally {
      await pool.close();
    }
  }, 60_000);
});
