/**
 * Links indicators between documents of the same issuer, older to newer, one to one: the same code
 * first, then the same normalized name (the objective breaking ties between repeated names), then the
 * most similar name above a threshold, with formula and unit as supporting evidence. Each link keeps
 * its method and score; links are recomputed when documents are added or removed.
 */
import type { IndicatorLink, LinkCandidate } from "../model/index.js";
import {
  deleteLinksBetween,
  deleteLinksOf,
  documentsOfIssuer,
  insertLinks,
  issuerOf,
  issuers,
  linkCandidates,
  type Store,
} from "../load/index.js";
import { nameSimilarity, tokens } from "./tokens.js";

export const SIMILARITY_THRESHOLD = 0.55;

export function linkIndicators(a: LinkCandidate[], b: LinkCandidate[]): IndicatorLink[] {
  const links: IndicatorLink[] = [];
  const usedA = new Set<number>(),
    usedB = new Set<number>();
  const take = (x: LinkCandidate, y: LinkCandidate, method: IndicatorLink["method"], score: number) => {
    usedA.add(x.id);
    usedB.add(y.id);
    links.push({ from: x.id, to: y.id, method, score });
  };
  const norm = (s: string | null) => tokens(s).join(" ");
  const passes: [IndicatorLink["method"], (x: LinkCandidate) => string | null][] = [
    ["code", (x) => (x.code ? `${x.code}` : null)],
    ["name", (x) => `${norm(x.name)}|${x.objective ?? ""}`],
    ["name", (x) => norm(x.name)],
  ];
  for (const [method, key] of passes) {
    const index = new Map<string, LinkCandidate[]>();
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
  const cands: [number, LinkCandidate, LinkCandidate][] = [];
  // names that share no token score under the threshold whatever the evidence: compare only the
  // pairs an index of B's tokens brings together
  const byToken = new Map<string, Set<LinkCandidate>>();
  for (const y of b)
    if (!usedB.has(y.id))
      for (const t of tokens(y.name)) (byToken.get(t) ?? byToken.set(t, new Set()).get(t)!).add(y);
  for (const x of a) {
    if (usedA.has(x.id)) continue;
    const near = new Set<LinkCandidate>();
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

export function relinkIssuer(store: Store, issuer: string | null): number {
  const docs = documentsOfIssuer(store, issuer);
  return store.writeTransaction(() => {
    for (const d of docs) deleteLinksOf(store, d);
    const now = new Date().toISOString();
    const inds = new Map(docs.map((d) => [d, linkCandidates(store, d)]));
    let n = 0;
    // consecutive documents only: a chain, as relinkDocument keeps it
    for (let i = 0; i + 1 < docs.length; i++)
      n += insertLinks(
        store,
        docs[i]!,
        docs[i + 1]!,
        linkIndicators(inds.get(docs[i]!)!, inds.get(docs[i + 1]!)!),
        now,
      );
    return n;
  });
}

/**
 * After a document was added: link it with its neighbours in its issuer's sequence of documents (the
 * closest older and newer one), and drop the link that joined those two directly. Consecutive
 * editions stay linked, history follows the chain, and a diff between distant editions links them on
 * the fly; the cost of an ingest does not grow with the number of documents stored.
 */
export function relinkDocument(store: Store, docId: string): number {
  const issuer = issuerOf(store, docId);
  if (issuer === undefined) return 0;
  const docs = documentsOfIssuer(store, issuer);
  const i = docs.indexOf(docId);
  const prev = i > 0 ? docs[i - 1] : undefined;
  const next = i >= 0 && i + 1 < docs.length ? docs[i + 1] : undefined;
  return store.writeTransaction(() => {
    deleteLinksOf(store, docId);
    if (prev && next) deleteLinksBetween(store, prev, next);
    const now = new Date().toISOString();
    let n = 0;
    for (const [a, b] of [
      [prev, docId],
      [docId, next],
    ] as const) {
      if (!a || !b) continue;
      n += insertLinks(store, a, b, linkIndicators(linkCandidates(store, a), linkCandidates(store, b)), now);
    }
    return n;
  });
}

/** After a document was removed: its links went with it (ON DELETE CASCADE); join its former neighbours. */
export function onDocumentRemoved(store: Store, issuer: string | null): number {
  return relinkIssuer(store, issuer);
}

export function relinkAll(store: Store): number {
  return issuers(store).reduce((n, issuer) => n + relinkIssuer(store, issuer), 0);
}
