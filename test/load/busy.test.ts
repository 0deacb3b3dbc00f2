/**
 * A step SQLite refuses at once as busy (where its busy handler would deadlock, as when two processes
 * switch a fresh database to WAL together) is tried again; anything else fails at once.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retryBusy } from "../../src/load/busy.js";
import { ROOT, tempDir } from "../helpers.js";

const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
const t = tempDir("allegati-busy-");
afterAll(() => t.cleanup());

describe("retryBusy", () => {
  it("tries a busy step again until it goes through", () => {
    let calls = 0;
    const v = retryBusy(() => {
      if (++calls < 3) throw busy();
      return "fatto";
    });
    expect([v, calls]).toEqual(["fatto", 3]);
  });

  it("fails at once on any other error, and gives up on a step busy past its time", () => {
    let calls = 0;
    expect(() =>
      retryBusy(() => {
        calls++;
        throw Object.assign(new Error("no such table"), { code: "SQLITE_ERROR" });
      }),
    ).toThrow(/no such table/);
    expect(calls).toBe(1);
    const t0 = Date.now();
    expect(() =>
      retryBusy(() => {
        throw busy();
      }, 100),
    ).toThrow(/locked/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("lets processes open one fresh database at the same moment", async () => {
    const open = (db: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const p = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "--input-type=module",
            "-e",
            `const { openStore } = await import("./src/load/index.ts"); openStore(${JSON.stringify(db)}).close();`,
          ],
          { cwd: ROOT },
        );
        let err = "";
        p.stderr.on("data", (c: Buffer) => (err += c.toString()));
        p.on("close", (code) => resolve({ code, err }));
      });
    const runs = await Promise.all(
      [1, 2, 3].flatMap((i) => [open(join(t.dir, `fresh-${i}.db`)), open(join(t.dir, `fresh-${i}.db`))]),
    );
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0 });
  }, 60_000);
});
