/** The library's API as a batch job or the web app calls it: files or bytes in, documents out. */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  getDocument,
  history,
  ingest,
  openStore,
  profileNames,
  query,
  readDocument,
  UsageError,
  type FileEvent,
  type IngestProgress,
} from "../../src/index.js";
import { ROOT, tempDir } from "../helpers.js";

const FILE = join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf");
const bytes = new Uint8Array(readFileSync(FILE));
const t = tempDir("allegati-api-");
afterAll(() => t.cleanup());

describe("ingest", () => {
  it("takes bytes with a name, in this thread and in a worker, and skips them once stored", async () => {
    const store = openStore(join(t.dir, "bytes.db"));
    const events: FileEvent[] = [];
    const progress: IngestProgress[] = [];
    const s = await ingest(
      store,
      { name: "cruscotto.pdf", data: bytes },
      {
        workers: 0,
        onFile: (e) => events.push(e),
        onProgress: (p) => progress.push(p),
      },
    );
    expect([s.loaded, s.failed]).toEqual([1, 0]);
    expect(events[0]).toMatchObject({
      file: "cruscotto.pdf",
      outcome: "loaded",
      id: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(progress.map((p) => p.done)).toEqual([0, 1]);
    const again = await ingest(store, [{ name: "copia.pdf", data: bytes }], { workers: 1 });
    expect(again.skipped).toBe(1);
    // forced, through a worker thread: the bytes are copied to it
    const forced = await ingest(store, [{ name: "cruscotto.pdf", data: bytes }], { workers: 1, force: true });
    expect(forced.loaded).toBe(1);
    expect(getDocument(store, "cruscotto.pdf").indicators.length).toBe(s.indicators);
    store.close();
  }, 120_000);

  it.each([
    [{ profile: "nosuch" }, /unknown profile 'nosuch' \(known: .*generic\)/],
    [{ workers: -1 }, /workers/],
    [{ maxPages: 0 }, /maxPages/],
    [{ timeoutMs: 1.5 }, /timeoutMs/],
    [{ ocr: "sometimes" as never }, /OCR mode/],
  ])("refuses %o before reading any file", async (opts, message) => {
    const store = openStore(join(t.dir, "refused.db"));
    let read = 0;
    await expect(
      ingest(store, [FILE], { ...opts, onFile: () => read++, onProgress: () => read++ }),
    ).rejects.toThrow(UsageError);
    await expect(ingest(store, [FILE], opts)).rejects.toThrow(message);
    expect(read).toBe(0);
    expect(store.failures()).toEqual([]);
    expect(store.documentIds()).toEqual([]);
    store.close();
  });

  it("refuses a read-only store before reading any file", async () => {
    const path = join(t.dir, "ro.db");
    openStore(path).close();
    const store = openStore(path, { readonly: true });
    await expect(ingest(store, [FILE])).rejects.toThrow(/read-only/);
    store.close();
  });

  it("names the profiles there are", async () => {
    const names = await profileNames();
    expect(names).toContain("generic");
    expect(names.length).toBeGreaterThan(1);
  });

  it("is imported without pdf.js or zod: commands that only read the store start fast", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `await import(${JSON.stringify(join(ROOT, "src", "index.ts"))});
         console.log(JSON.stringify({ pdfjs: "pdfjsLib" in globalThis, zod: "__zod_globalConfig" in globalThis }));`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ pdfjs: false, zod: false });
  });
});

describe("reading without storing, and the read functions", () => {
  it("reads bytes as it reads the file", async () => {
    const fromFile = await readDocument(FILE, { ocr: "never" });
    const fromBytes = await readDocument(
      { name: "cruscotto-strategico-2021-2026.pdf", data: bytes },
      { ocr: "never" },
    );
    expect({ ...fromBytes, path: null }).toEqual({ ...fromFile, path: null });
    await expect(readDocument(FILE, { profile: "nosuch" })).rejects.toThrow(UsageError);
  }, 60_000);

  it("shows, follows and queries what was stored, read-only", async () => {
    const path = join(t.dir, "read.db");
    const w = openStore(path);
    await ingest(w, [FILE], { workers: 0 });
    w.close();
    const store = openStore(path, { readonly: true });
    const d = getDocument(store, "cruscotto-strategico-2021-2026.pdf");
    expect(d.path).toBe(FILE);
    // the dashboard's indicators have no code: found by words of the name
    const name = d.indicators[0]!.name;
    const h = history(store, name);
    expect(h).toHaveLength(1);
    expect(h[0]!.name).toBe(name);
    expect(h[0]!.values.length).toBeGreaterThan(0);
    const q = query(store, "SELECT count(*) AS n FROM indicators");
    expect(q.columns).toEqual(["n"]);
    expect([...q.rows]).toEqual([{ n: d.indicators.length }]);
    expect(() => getDocument(store, "nothing-like-this")).toThrow(/no document matches/);
    store.close();
  }, 60_000);
});
