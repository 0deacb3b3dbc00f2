/**
 * Links indicators between documents of the same issuer, older to newer, one to one: the same code
 * first, then the same normalized name (the objective breaking ties between repeated names), then the
 * most similar name above a threshold, with formula and unit as supporting evidence. Each link keeps
 * its method and score; links are recomputed when documents are added or removed.
 */
import type { Store } from "../load/index.js";
import { nameSimilarity, tokens } from "./tokens.js";

export const SIMILARITY_THRESHOLD = 0.55;

export interface Ind {
  id: number;
  code: string | null;
  name: string;
  objective: string | null;
  formula: string | null;
  units: string;
}

export function indicatorsOf(store: Store, doc: string): Ind[] {
  return (
    store
      .stmt(
        `SELECT i.id, i.code, i.name, i.objective_code AS objective, i.formula,
                (SELECT group_concat(DISTINCT unit) FROM targets t WHERE t.indicator_id = i.id) AS units
         FROM indicators i WHERE i.document_id = ? ORDER BY i.ord`,
      )
      .all(doc) as (Ind & { units: string | null })[]
  ).map((r) => ({ ...r, units: r.units ?? "" }));
}

export interface Link {
  from: number;
  to: number;
  method: "code" | "name" | "similarity";
  score: number;
}

export function linkIndicators(a: Ind[], b: Ind[]): Link[] {
  const links: Link[] = [];
  const usedA = new Set<number>(),
    usedB = new Set<number>();
  const take = (x: Ind, y: Ind, method: Link["method"], score: number) => {
    usedA.add(x.id);
    usedB.add(y.id);
    links.push({ from: x.id, to: y.id, method, score });
  };
  const norm = (s: string | null) => tokens(s).join(" ");
  const passes: [Link["method"], (x: Ind) => string | null][] = [
    ["code", (x) => (x.code ? `${x.code}` : null)],
    ["name", (x) => `${norm(x.name)}|${x.objective ?? ""}`],
    ["name", (x) => norm(x.name)],
  ];
  for (const [method, key] of passes) {
    const index = new Map<string, Ind[]>();
    for (const y of b) {
      if (usedB.has(y.id)) continue;
      const k = key(y);
      if (k) (index.get(k) ?? index.set(k, []).get(k)!).push(y);
    }
    for (const x of a) {
      if (usedA.has(x.id)) continue;
      const k = key(x);
      const y = k ? index.get(k)?.find((c) => !usedB.has(c.id)) : undefined;
      if (y) take(x, y, method, 1);
    }
  }
  const cands: [number, Ind, Ind][] = [];
  // names that share no token score under the threshold whatever the evidence: compare only the
  // pairs an index of B's tokens brings together
  const byToken = new Map<string, Set<Ind>>();
  for (const y of b)
    if (!usedB.has(y.id))
      for (const t of tokens(y.name)) (byToken.get(t) ?? byToken.set(t, new Set()).get(t)!).add(y);
  for (const x of a) {
    if (usedA.has(x.id)) continue;
    const near = new Set<Ind>();
    for (const t of tokens(x.name)) for (const y of byToken.get(t) ?? []) near.add(y);
    for (const y of b) {
      if (!near.has(y)) continue;
      // the evidence below adds at most 0.13: names that cannot reach the threshold with it are cut short
      let s = nameSimilarity(x.name, y.name, SIMILARITY_THRESHOLD - 0.13);
      if (s < SIMILARITY_THRESHOLD - 0.13) continue;
      if (x.formula && y.formula) s += 0.1 * (nameSimilarity(x.formula, y.formula) - 0.5);
      if (x.objective && x.objective === y.objective) s += 0.05;
      if (x.units && x.units === y.units) s += 0.03;
      if (s >= SIMILARITY_THRESHOLD) cands.push([s, x, y]);
    }
  }
  cands.sort((p, q) => q[0] - p[0]);
  for (const [s, x, y] of cands)
    if (!usedA.has(x.id) && !usedB.has(y.id))
      take(x, y, "similarity", Math.min(1, Math.round(s * 1000) / 1000));
  return links;
}

/** Documents of one issuer, oldest first (by their first target year, then by ingest time). */
function documentsOf(store: Store, issuer: string | null): string[] {
  return (
    store
      .stmt(
        `SELECT id FROM documents WHERE issuer IS ? ORDER BY (SELECT min(value) FROM json_each(years)), ingested_at, id`,
      )
      .all(issuer) as { id: string }[]
  ).map((r) => r.id);
}

export function relinkIssuer(store: Store, issuer: string | null): number {
  const docs = documentsOf(store, issuer);
  let n = 0;
  store.db
    .transaction(() => {
      const del = store.stmt("DELETE FROM links WHERE from_document = ? OR to_document = ?");
      for (const d of docs) del.run(d, d);
      const ins = store.stmt(
        "INSERT INTO links (from_indicator, to_indicator, from_document, to_document, method, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      );
      const now = new Date().toISOString();
      const inds = new Map(docs.map((d) => [d, indicatorsOf(store, d)]));

      // consecutive documents only: a chain, as relinkDocument keeps it
      for (let i = 0; i + 1 < docs.length; i++)
        for (const l of linkIndicators(inds.get(docs[i]!)!, inds.get(docs[i + 1]!)!)) {
          ins.run(l.from, l.to, docs[i], docs[i + 1], l.method, l.score, now);
          n++;
        }
    })
    .immediate();
  return n;
}

/**
 * After a document was added: link it with its neighbours in its issuer's sequence of documents (the
 * closest older and newer one), and drop the link that joined those two directly. Consecutive
 * editions stay linked, history follows the chain, and a diff between distant editions links them on
 * the fly; the cost of an ingest does not grow with the number of documents stored.
 */
export function relinkDocument(store: Store, docId: string): number {
  const row = store.stmt("SELECT issuer FROM documents WHERE id = ?").get(docId) as
    { issuer: string | null } | undefined;
  if (!row) return 0;
  const docs = documentsOf(store, row.issuer);
  const i = docs.indexOf(docId);
  const prev = i > 0 ? docs[i - 1] : undefined;
  const next = i >= 0 && i + 1 < docs.length ? docs[i + 1] : undefined;
  let n = 0;
  store.db
    .transaction(() => {
      store.stmt("DELETE FROM links WHERE from_document = ? OR to_document = ?").run(docId, docId);
      if (prev && next)
        store.stmt("DELETE FROM links WHERE from_document = ? AND to_document = ?").run(prev, next);
      const ins = store.stmt(
        "INSERT INTO links (from_indicator, to_indicator, from_document, to_document, method, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      );
      const now = new Date().toISOString();
      for (const [a, b] of [
        [prev, docId],
        [docId, next],
      ] as const) {
        if (!a || !b) continue;
        for (const l of linkIndicators(indicatorsOf(store, a), indicatorsOf(store, b))) {
          ins.run(l.from, l.to, a, b, l.method, l.score, now);
          n++;
        }
      }
    })
    .immediate();
  return n;
}

/** After a document was removed: its links went with it (ON DELETE CASCADE); join its former neighbours. */
export function onDocumentRemoved(store: Store, issuer: string | null): number {
  return relinkIssuer(store, issuer);
}

export function relinkAll(store: Store): number {
  const issuers = store.stmt("SELECT DISTINCT issuer FROM documents").all() as {
    issuer: string | null;
  }[];
  return issuers.reduce((n, r) => n + relinkIssuer(store, r.issuer), 0);
}
