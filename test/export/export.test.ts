/**
 * Exports from the library: JSON byte for byte as one JSON.stringify would print it, but written a
 * document at a time (never one string for the whole store), waiting for a slow reader, stopping on
 * a reader that went away; CSV cells that a spreadsheet would run as formulas neutralised.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Store } from "../../src/load/index.js";
import {
  csvCell,
  diff,
  diffCsv,
  exportDocuments,
  openStore,
  writeExport,
  type StoredDocument,
} from "../../src/index.js";
import { ROOT, sampleDocument, tempDir } from "../helpers.js";

/** Collects what is written, chunk by chunk; `slow` makes it ask the writer to wait. */
class Collector extends Writable {
  chunks: string[] = [];
  constructor(private readonly slow = false) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _enc: string, done: (e?: Error) => void) {
    this.chunks.push(chunk.toString("utf8"));
    if (this.slow) setTimeout(done, 0);
    else done();
  }
  get text() {
    return this.chunks.join("");
  }
}

const id = (n: number) => n.toString(16).padStart(64, "0");
const MANY = 400;
const t = tempDir("allegati-export-");
const manyDb = join(t.dir, "many.db");
afterAll(() => t.cleanup());

beforeAll(() => {
  const s = new Store(manyDb);
  for (let n = 1; n <= MANY; n++) s.insertDocument(sampleDocument({ id: id(n), file: `piano-${n}.pdf` }));
  s.close();
});

describe("writeExport", () => {
  it("writes JSON byte for byte as JSON.stringify prints the whole export, one document per write", async () => {
    const store = openStore(manyDb, { readonly: true });
    const out = new Collector();
    expect(await writeExport(store, out)).toEqual({ documents: MANY });
    const docs = [...exportDocuments(store)];
    expect(out.text).toBe(JSON.stringify({ version: 1, documents: docs }, null, 2) + "\n");
    // memory is one document's: no write holds more than one document
    const one = JSON.stringify(docs[0], null, 2).length;
    expect(Math.max(...out.chunks.map((c) => c.length))).toBeLessThan(one * 1.5 + 100);
    expect(out.chunks.length).toBeGreaterThan(MANY);
    store.close();
  });

  it("writes an empty store as an empty export", async () => {
    const s = new Store(join(t.dir, "empty.db"));
    const out = new Collector();
    await writeExport(s, out);
    expect(out.text).toBe(JSON.stringify({ version: 1, documents: [] }, null, 2) + "\n");
    const csv = new Collector();
    await writeExport(s, csv, { format: "csv" });
    expect(csv.text.split("\n")).toHaveLength(2);
    s.close();
  });

  it("waits for a slow reader, and CSV streams as JSON does", async () => {
    const store = openStore(manyDb, { readonly: true });
    const slow = new Collector(true);
    await writeExport(store, slow, { format: "csv" });
    const fast = new Collector();
    await writeExport(store, fast, { format: "csv" });
    expect(slow.text).toBe(fast.text);
    // the header, then 3 targets, a baseline and a result per document, and the last line break
    expect(slow.text.split("\n")).toHaveLength(1 + MANY * 5 + 1);
    store.close();
  });

  it("stops with the stream's error when the reader goes away, instead of hanging", async () => {
    const store = openStore(manyDb, { readonly: true });
    let written = 0;
    const broken = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > 20_000) done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        else done();
      },
    });
    await expect(writeExport(store, broken)).rejects.toMatchObject({ code: "EPIPE" });
    store.close();
  });
});

describe("exportDocuments", () => {
  const three = () => {
    const db = join(t.dir, `three-${Math.random().toString(36).slice(2)}.db`);
    const s = new Store(db);
    for (let n = 1; n <= 3; n++) s.insertDocument(sampleDocument({ id: id(n), file: `p-${n}.pdf` }));
    return { db, s };
  };

  it("reads one snapshot: a document another connection deletes meanwhile is still exported", () => {
    const { db, s } = three();
    const reader = openStore(db, { readonly: true });
    const it = exportDocuments(reader);
    expect(it.next().value?.file).toBe("p-1.pdf");
    // with the ids read up front and each document after, this one was gone ("no document …")
    s.deleteDocument(id(3));
    expect([...it].map((d) => d.file)).toEqual(["p-2.pdf", "p-3.pdf"]);
    // once the iterator ends the connection sees the store as it is now
    expect([...exportDocuments(reader)].map((d) => d.file)).toEqual(["p-1.pdf", "p-2.pdf"]);
    reader.close();
    s.close();
  });

  it("runs twice at once on one store, and refuses a write on it until it ends", () => {
    const { s } = three();
    const a = exportDocuments(s);
    const b = exportDocuments(s);
    const files: string[] = [];
    for (let r = a.next(), q = b.next(); !r.done && !q.done; r = a.next(), q = b.next())
      files.push(r.value.file, q.value.file);
    expect(files).toEqual(["p-1.pdf", "p-1.pdf", "p-2.pdf", "p-2.pdf", "p-3.pdf", "p-3.pdf"]);
    const c = exportDocuments(s);
    c.next();
    expect(() => s.deleteDocument(id(1))).toThrow(/busy/);
    c.return(undefined);
    s.deleteDocument(id(1));
    expect(s.documentIds()).toEqual([id(2), id(3)]);
    s.close();
  });
});

describe("CSV cells that a spreadsheet would run", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["=100%", "'=100%"],
    ["+39 0532", "'+39 0532"],
    ["-3,00%", `"'-3,00%"`],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", `"'\rx"`],
    ["≥ 75%", "≥ 75%"],
    ["a = b", "a = b"],
  ])("%j is written %s", (cell, want) => expect(csvCell(cell)).toBe(want));

  it("leaves numbers as numbers, negative ones too", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(null)).toBe("");
  });

  it("neutralises them in export --format csv and diff --format csv", async () => {
    const hostile = (n: number, year: number): StoredDocument => {
      const d = sampleDocument({ id: id(1000 + n), file: `ostile-${n}.pdf`, years: [year] });
      const ind = d.indicators[0]!;
      ind.name = '=HYPERLINK("http://x","y")';
      ind.formula = "=cmd|' /C calc'!A0";
      ind.targets = [
        // the same year in both editions, so that the diff compares them
        {
          year: 2025,
          op: "=",
          value: 100 - n,
          unit: "%",
          raw: `=${100 - n}%`,
          relative: null,
          superseded: false,
        },
      ];
      return d;
    };
    const path = join(t.dir, "hostile.db");
    const s = new Store(path);
    s.insertDocument(hostile(0, 2024));
    s.insertDocument(hostile(1, 2025));
    s.close();
    const store = openStore(path, { readonly: true });
    const out = new Collector();
    await writeExport(store, out, { format: "csv" });
    const lines = out.text.split("\n");
    expect(lines[1]).toContain(
      `"'=HYPERLINK(""http://x"",""y"")",'=cmd|' /C calc'!A0,target,2025,'=,100,,%,'=100%,`,
    );
    const d = diffCsv(diff(store, "ostile-0.pdf", "ostile-1.pdf"));
    expect(d).toContain(`changed,2025,"'=HYPERLINK(""http://x"",""y"")"`);
    expect(d).not.toMatch(/(^|,)=/m);
    store.close();
  });
});

describe("allegati export | head", () => {
  it("exits 0 without a word when the reader goes away", () => {
    const r = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; "${process.execPath}" --import tsx src/cli/main.ts export --db "${manyDb}" | head -c 100 >/dev/null`,
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
