/**
 * The link step: after documents are written (each in its own transaction, which marks it
 * 'pending'), each pending document is linked with its neighbours in its issuer's sequence of
 * documents (the closest older and newer edition), so that the cost of an ingest does not grow with
 * the store. History follows the chain; a diff between distant editions links them on the fly.
 *
 * Linking reads and compares outside any transaction (other writers go on), then writes in short
 * transactions, each checked against the sequence it linked: a pair whose documents are no longer
 * neighbours, or were replaced meanwhile, is not written, and its documents stay pending. A kill at
 * any moment leaves pending documents that the next run links. Each pair of documents has a time
 * budget; a pair that runs out of it is written as far as it got, its documents are 'partial' and a
 * warning says what was left.
 */
import type { IndicatorLink, LinkSide } from "../model/index.js";
import {
  insertLinks,
  issuerSequence,
  issuers,
  linkSide,
  pendingDocuments,
  pendingIssuers,
  pruneLinks,
  setLinkState,
  deleteLinksBetween,
  issuerOf,
  type SequenceEntry,
  type Store,
} from "../load/index.js";
import { linkSides } from "./link.js";

/** a pair of documents linked for longer than this stops where it got (milliseconds) */
export const DEFAULT_LINK_BUDGET_MS = 60_000;
/** computed links are written at least this often (milliseconds of linking), so no write waits long */
const FLUSH_MS = 500;

export interface LinkStepOptions {
  /** milliseconds each pair of documents may take (default 60 s) */
  budgetMs?: number;
  /** called after each pair of documents is linked */
  onPair?: (e: LinkPairEvent) => void;
}

/** One pair of documents linked. */
export interface LinkPairEvent {
  from: string;
  to: string;
  links: number;
  durationMs: number;
  /** set when the time budget ran out: what was left */
  warning?: string;
}

export interface LinkStepReport {
  /** pairs of documents linked */
  pairs: number;
  links: number;
  durationMs: number;
  /** one per pair that ran out of its time budget */
  warnings: string[];
}

interface Computed {
  a: SequenceEntry;
  b: SequenceEntry;
  links: IndicatorLink[];
  warning?: string;
}

const pairKey = (a: SequenceEntry, b: SequenceEntry) => `${a.id}@${a.ingestedAt}|${b.id}@${b.ingestedAt}`;

/** Links every pending document with its neighbours; returns what was done. */
export function linkPending(store: Store, opts: LinkStepOptions = {}): LinkStepReport {
  const report: LinkStepReport = { pairs: 0, links: 0, durationMs: 0, warnings: [] };
  const started = performance.now();
  // a pair already written in this run is not linked again when a concurrent writer made us retry
  const written = new Map<string, string | undefined>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const todo = pendingIssuers(store);
    if (!todo.length) break;
    for (const issuer of todo) linkIssuer(store, issuer, opts, report, written);
  }
  report.durationMs = performance.now() - started;
  return report;
}

function linkIssuer(
  store: Store,
  issuer: string | null,
  opts: LinkStepOptions,
  report: LinkStepReport,
  written: Map<string, string | undefined>,
): void {
  const pending = new Set(pendingDocuments(store, issuer));
  if (!pending.size) return;
  const seq = issuerSequence(store, issuer);
  let batch: Computed[] = [];
  let since = performance.now();
  let last: { id: string; side: LinkSide } | null = null;
  const sideOf = (id: string): LinkSide => {
    if (last?.id !== id) last = { id, side: linkSide(store, id) };
    return last.side;
  };
  for (let i = 0; i + 1 < seq.length; i++) {
    const a = seq[i]!,
      b = seq[i + 1]!;
    if (!pending.has(a.id) && !pending.has(b.id)) continue;
    if (written.has(pairKey(a, b))) continue;
    const t = performance.now();
    const budgetMs = opts.budgetMs ?? DEFAULT_LINK_BUDGET_MS;
    const sa = sideOf(a.id),
      sb = linkSide(store, b.id);
    last = { id: b.id, side: sb };
    const out = linkSides(sa, sb, { budgetMs });
    const durationMs = performance.now() - t;
    const warning = out.truncated
      ? `linking ${a.file} with ${b.file} stopped after its budget of ${budgetMs / 1000} s: ` +
        `${out.unexamined} indicators of the two were not looked up by name (those not linked by code or exact name are listed as removed or added)`
      : undefined;
    batch.push({ a, b, links: out.links, warning });
    opts.onPair?.({ from: a.file, to: b.file, links: out.links.length, durationMs, warning });
    if (performance.now() - since > FLUSH_MS) {
      flush(store, issuer, pending, batch, report, written);
      batch = [];
      since = performance.now();
    }
  }
  flush(store, issuer, pending, batch, report, written);
}

/**
 * Writes computed pairs in one transaction: only those still neighbours and unchanged; then marks
 * the pending documents whose two pairs are written as linked (or partial), dropping their stale links.
 */
function flush(
  store: Store,
  issuer: string | null,
  pending: Set<string>,
  batch: Computed[],
  report: LinkStepReport,
  written: Map<string, string | undefined>,
): void {
  store.writeTransaction(() => {
    const seq = issuerSequence(store, issuer);
    const now = new Date().toISOString();
    const consecutive = new Set<string>();
    for (let i = 0; i + 1 < seq.length; i++) consecutive.add(pairKey(seq[i]!, seq[i + 1]!));
    for (const c of batch) {
      const k = pairKey(c.a, c.b);
      if (!consecutive.has(k)) continue;
      deleteLinksBetween(store, c.a.id, c.b.id);
      report.links += insertLinks(store, c.a.id, c.b.id, c.links, now);
      report.pairs++;
      if (c.warning) report.warnings.push(c.warning);
      written.set(k, c.warning);
    }
    const still = new Set(pendingDocuments(store, issuer));
    seq.forEach((d, i) => {
      if (!pending.has(d.id) || !still.has(d.id)) return;
      const prev = seq[i - 1] ?? null,
        next = seq[i + 1] ?? null;
      const left = prev ? pairKey(prev, d) : null,
        right = next ? pairKey(d, next) : null;
      if ((left && !written.has(left)) || (right && !written.has(right))) return;
      pruneLinks(store, d.id, prev?.id ?? null, next?.id ?? null);
      const warnings = [left, right].map((k) => (k ? written.get(k) : undefined)).filter((w) => w);
      setLinkState(store, [d.id], warnings.length ? "partial" : "linked", warnings.join("; ") || null);
      pending.delete(d.id);
    });
  });
}

/** Links one document with its neighbours now (it is marked pending first); returns the links written. */
export function relinkDocument(store: Store, docId: string, opts: LinkStepOptions = {}): number {
  if (issuerOf(store, docId) === undefined) return 0;
  store.writeTransaction(() => setLinkState(store, [docId], "pending"));
  return linkPending(store, opts).links;
}

/** Links every consecutive pair of one issuer's documents again; returns the links written. */
export function relinkIssuer(store: Store, issuer: string | null, opts: LinkStepOptions = {}): number {
  store.writeTransaction(() =>
    setLinkState(
      store,
      issuerSequence(store, issuer).map((d) => d.id),
      "pending",
    ),
  );
  return linkPending(store, opts).links;
}

/** After a document was removed: its neighbours were marked pending (migration 007); link them. */
export function onDocumentRemoved(store: Store, issuer: string | null, opts: LinkStepOptions = {}): number {
  return relinkIssuer(store, issuer, opts);
}

/** Links every issuer's documents again. */
export function relinkAll(store: Store, opts: LinkStepOptions = {}): number {
  store.writeTransaction(() => {
    for (const issuer of issuers(store))
      setLinkState(
        store,
        issuerSequence(store, issuer).map((d) => d.id),
        "pending",
      );
  });
  return linkPending(store, opts).links;
}
