/** Where linking stands per document (migration 007): pending on write, neighbours pending on delete. */
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  Store,
  insertLinks,
  issuerSequence,
  linkStateOf,
  pendingDocuments,
  pendingIssuers,
  pruneLinks,
  setLinkState,
  storedLinks,
} from "../../src/load/index.js";
import { sampleDocument, tempDir } from "../helpers.js";

const t = tempDir("allegati-linkstate-");
afterAll(() => t.cleanup());
const doc = (c: string, year: number) =>
  sampleDocument({ id: c.repeat(64), file: `${c}.pdf`, years: [year] });

describe("link_state", () => {
  it("marks a document pending in its own transaction, and a removed one's neighbours", () => {
    const store = new Store(join(t.dir, "a.db"));
    const [a, b, c] = [doc("a", 2023), doc("b", 2024), doc("c", 2025)];
    for (const d of [a, b, c]) store.insertDocument(d);
    expect(pendingIssuers(store)).toEqual([a.issuer]);
    expect(pendingDocuments(store, a.issuer).sort()).toEqual([a.id, b.id, c.id]);
    expect(issuerSequence(store, a.issuer).map((d) => d.file)).toEqual(["a.pdf", "b.pdf", "c.pdf"]);
    setLinkState(store, [a.id, b.id, c.id], "linked");
    const ind = (id: string) =>
      (store.db.prepare("SELECT id FROM indicators WHERE document_id = ?").get(id) as { id: number }).id;
    insertLinks(store, a.id, b.id, [{ from: ind(a.id), to: ind(b.id), method: "name", score: 1 }], "now");
    insertLinks(store, b.id, c.id, [{ from: ind(b.id), to: ind(c.id), method: "name", score: 1 }], "now");
    store.deleteDocument(b.id);
    expect(linkStateOf(store, a.id)?.state).toBe("pending");
    expect(linkStateOf(store, c.id)?.state).toBe("pending");
    expect(linkStateOf(store, b.id)).toBeUndefined();
    // a replaced document is pending again
    setLinkState(store, [a.id, c.id], "linked");
    store.insertDocument(a, { replace: true });
    expect(linkStateOf(store, a.id)?.state).toBe("pending");
    store.close();
  });

  it("prunes a document's links to all but its neighbours, and the link over it", () => {
    const store = new Store(join(t.dir, "b.db"));
    const ds = [doc("a", 2023), doc("b", 2024), doc("c", 2025), doc("d", 2026)];
    for (const d of ds) store.insertDocument(d);
    const ind = (id: string) =>
      (store.db.prepare("SELECT id FROM indicators WHERE document_id = ?").get(id) as { id: number }).id;
    const link = (x: string, y: string) =>
      insertLinks(store, x, y, [{ from: ind(x), to: ind(y), method: "name", score: 1 }], "now");
    const [a, b, c, d] = ds.map((x) => x.id) as [string, string, string, string];
    link(a, c);
    link(a, b);
    link(b, c);
    link(b, d);
    pruneLinks(store, b, a, c);
    expect(storedLinks(store, a, b)).toHaveLength(1);
    expect(storedLinks(store, b, c)).toHaveLength(1);
    expect(storedLinks(store, b, d)).toHaveLength(0);
    expect(storedLinks(store, a, c)).toHaveLength(0);
    store.close();
  });

  it("marks the documents of a database made before it pending", () => {
    const path = join(t.dir, "old.db");
    // a database as the releases before migration 007 left it: without its table, triggers and record
    const before = new Store(path);
    before.db.exec(
      `DELETE FROM _migrations WHERE name = '007_link_state';
       DROP TRIGGER documents_link_pending; DROP TRIGGER documents_link_neighbours;
       DROP TABLE link_state; DROP INDEX links_to_document;`,
    );
    before.insertDocument(doc("e", 2023));
    before.close();
    const after = new Store(path);
    expect(linkStateOf(after, "e".repeat(64))?.state).toBe("pending");
    after.close();
  });
});
