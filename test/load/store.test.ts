import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { MIGRATIONS, Store } from "../../src/load/index.js";
import { exportDocuments } from "../../src/index.js";
import { contractValidator, sampleDocument, tempDir } from "../helpers.js";

describe("Store", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));
  const open = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return new Store(join(t.dir, "db", "test.db"));
  };

  it("round-trips a document in the contract's shape, with provenance and superseded targets", () => {
    const store = open();
    const doc = sampleDocument();
    expect(store.insertDocument(doc)).toBe(true);
    const back = store.exportDocument(doc.id);
    expect(back.indicators[0]!.targets).toEqual(
      doc.indicators[0]!.targets.map((t) => ({ ...t, max: null, relative: null, source: t.source })),
    );
    expect(back.indicators[0]!.baselines[0]!.value).toBeNull();
    expect(back.indicators[0]!.results[0]!.achievementPct).toBe(100);
    expect(back.objectives[1]!.parentCode).toBe("A01");
    expect(back.act).toEqual(doc.act);
    const validate = contractValidator();
    const out = { version: 1, documents: [...exportDocuments(store)] };
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    store.close();
  });

  it("keeps the envelope's timestamp times, and exports them only where there are some", () => {
    const store = open();
    const plain = sampleDocument();
    const stamped = { ...sampleDocument(), id: "b".repeat(64), timestamps: ["2023-03-01T10:20:30.000Z"] };
    store.insertDocument(plain);
    store.insertDocument(stamped);
    expect(store.exportDocument(stamped.id).timestamps).toEqual(["2023-03-01T10:20:30.000Z"]);
    expect("timestamps" in store.exportDocument(plain.id)).toBe(false);
    const validate = contractValidator();
    expect(
      validate({ version: 1, documents: [...exportDocuments(store)] }),
      JSON.stringify(validate.errors),
    ).toBe(true);
    store.close();
  });

  it("keeps an existing document unless asked to replace it", () => {
    const store = open();
    const doc = sampleDocument();
    store.insertDocument(doc);
    expect(store.insertDocument({ ...doc, title: "changed" })).toBe(false);
    expect(store.exportDocument(doc.id).title).toBe(doc.title);
    expect(store.insertDocument({ ...doc, title: "changed" }, { replace: true })).toBe(true);
    expect(store.exportDocument(doc.id).title).toBe("changed");
    expect(store.db.prepare("SELECT count(*) n FROM indicators").get()).toEqual({ n: 1 });
    store.close();
  });

  it("writes nothing of a document whose insert fails half-way", () => {
    const store = open();
    const bad = sampleDocument();
    // indicators.name is NOT NULL: the insert fails after the document row was written
    (bad.indicators[0] as { name: unknown }).name = null;
    expect(() => store.insertDocument(bad)).toThrow();
    expect(store.hasDocument(bad.id)).toBe(false);
    for (const t of ["objectives", "indicators", "targets", "signatures", "pages"])
      expect(store.db.prepare(`SELECT count(*) n FROM ${t}`).get()).toEqual({ n: 0 });
    store.close();
  });

  it("finds documents by id prefix and file name, and searches indicators with FTS", () => {
    const store = open();
    store.insertDocument(sampleDocument());
    store.insertDocument(sampleDocument({ id: "b".repeat(64), file: "relazione.pdf" }));
    expect(store.findDocuments("aaaa")).toEqual(["a".repeat(64)]);
    expect(store.findDocuments("relazione.pdf")).toEqual(["b".repeat(64)]);
    const hits = store.db
      .prepare("SELECT count(*) n FROM indicators_fts WHERE indicators_fts MATCH ?")
      .get("evasione");
    expect(hits).toEqual({ n: 2 });
    const titles = () =>
      store.db.prepare("SELECT count(*) n FROM objectives_fts WHERE objectives_fts MATCH ?").get("digitale");
    expect(titles()).toEqual({ n: 2 });
    // a document written again replaces its index entries, it does not add to them
    store.insertDocument(sampleDocument(), { replace: true });
    expect(
      store.db.prepare("SELECT count(*) n FROM indicators_fts WHERE indicators_fts MATCH ?").get("evasione"),
    ).toEqual({ n: 2 });
    expect(titles()).toEqual({ n: 2 });
    store.deleteDocument("a".repeat(64));
    expect(
      store.db.prepare("SELECT count(*) n FROM indicators_fts WHERE indicators_fts MATCH ?").get("evasione"),
    ).toEqual({ n: 1 });
    store.close();
  });

  it("applies migrations once, also when two connections open a fresh database", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, "x.db");
    const a = new Store(path);
    const b = new Store(path);
    expect(a.db.prepare("SELECT count(*) n FROM _migrations").get()).toEqual({ n: MIGRATIONS.length });
    expect(a.db.pragma("journal_mode", { simple: true })).toBe("wal");
    a.close();
    b.close();
  });

  it("reads a document's records through indexes: no table is scanned for one document", () => {
    const store = open();
    store.insertDocument(sampleDocument());
    store.exportDocument("a".repeat(64));
    // every statement the export prepared that picks rows by a key
    const prepared = [...(store as unknown as { statements: Map<string, unknown> }).statements.keys()];
    const keyed = prepared.filter((sql) => /^\s*SELECT/i.test(sql) && /\bWHERE\b/i.test(sql));
    expect(keyed.length).toBeGreaterThanOrEqual(6);
    for (const sql of keyed) {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      expect(
        plan.filter((r) => /^SCAN /.test(r.detail)).map((r) => r.detail),
        sql,
      ).toEqual([]);
    }
    store.close();
  });
});

describe("confidence and review", () => {
  it("keeps each record's confidence and review flag, and exports them", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = new Store(`${dir}/c.db`);
      const doc = sampleDocument();
      doc.objectives[0] = { ...doc.objectives[0]!, confidence: 0.7 };
      doc.indicators[0] = {
        ...doc.indicators[0]!,
        confidence: 0.6,
        review: true,
        targets: doc.indicators[0]!.targets.map((t) => ({ ...t, confidence: 0.5, review: true })),
      };
      store.insertDocument(doc);
      const back = store.exportDocument(doc.id);
      expect(back.objectives[0]!.confidence).toBe(0.7);
      expect(back.indicators[0]).toMatchObject({ confidence: 0.6, review: true });
      expect(back.indicators[0]!.targets.every((t) => t.review && t.confidence === 0.5)).toBe(true);
      const { path: _p, warnings: _w, ...exported } = back;
      const validate = contractValidator();
      expect(validate({ version: 1, documents: [exported] }), JSON.stringify(validate.errors)).toBe(true);
      store.close();
    } finally {
      cleanup();
    }
  });
});
