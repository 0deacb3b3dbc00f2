/**
 * `allegati eval`: runs the whole pipeline on every fixture that has a gold file, each into a fresh
 * temporary database, exports it, and scores it against the gold.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../load/index.js";
import type { ReaderNote } from "../model/index.js";
import { classifyError } from "../errors.js";
import { breakdown, DIMENSIONS, type Breakdown, type GoldMeta } from "./breakdown.js";
import { addScores, CATEGORIES, compareDocuments, emptyScores, prf, type Scores } from "./compare.js";

export interface DocEval {
  file: string;
  scores: Scores;
  error?: string;
  ms: number;
  /** from `<file>.meta.json` when the gold has one (the variety corpus) */
  meta: GoldMeta | null;
  /** what pdf.js printed while reading the file (a font, a CMap or a decoder it could not load) */
  readerNotes?: ReaderNote[];
  /** the document's title as read, and as the gold has it */
  title?: { read: string | null; gold: string | null };
}

export interface EvalReport {
  documents: DocEval[];
  overall: Scores;
  /** F1 per family, producer and layout kind, when the documents have meta files */
  breakdown: Breakdown | null;
}

export function goldFiles(dir: string): { gold: string; source: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".gold.json") && !f.endsWith(".diff.gold.json"))
    .sort()
    .map((f) => ({ gold: join(dir, f), source: join(dir, f.slice(0, -".gold.json".length)) }))
    .filter((x) => existsSync(x.source));
}

/**
 * Reads every file of `dir` that has a `<file>.gold.json` beside it (or those whose name contains one
 * of `only`), each into a fresh temporary store, and scores its export against the gold.
 */
export async function runEval(dir: string, opts: { only?: string[] } = {}): Promise<EvalReport> {
  // pdf.js is loaded when documents are read, not when the report's formatters are imported
  const { readDocument } = await import("../pipeline.js");
  const { ExportDocument } = await import("../model/index.js");
  const { readMeta } = await import("./meta.js");
  const documents: DocEval[] = [];
  const overall = emptyScores();
  for (const { gold, source } of goldFiles(dir)) {
    const file = source.split("/").pop()!;
    if (opts.only?.length && !opts.only.some((o) => file.includes(o))) continue;
    const started = Date.now();
    const meta = readMeta(source);
    const goldDoc = ExportDocument.parse(JSON.parse(readFileSync(gold, "utf8")));
    const tmp = mkdtempSync(join(tmpdir(), "allegati-eval-"));
    const store = new Store(join(tmp, "eval.db"));
    let scores: Scores;
    let error: string | undefined;
    let readerNotes: ReaderNote[] = [];
    let title: string | null = null;
    try {
      const doc = await readDocument(source, { onReaderNotes: (n) => (readerNotes = n) });
      store.insertDocument(doc);
      scores = compareDocuments(store.exportDocument(doc.id), goldDoc);
      title = doc.title ?? null;
    } catch (e) {
      const c = classifyError(e);
      error = `${c.reason}: ${c.message}`;
      scores = compareDocuments({ ...goldDoc, objectives: [], indicators: [], signatures: [] }, goldDoc);
    } finally {
      store.close();
      rmSync(tmp, { recursive: true, force: true });
    }
    addScores(overall, scores);
    documents.push({
      file,
      scores,
      error,
      ms: Date.now() - started,
      meta,
      readerNotes,
      title: { read: title, gold: goldDoc.title ?? null },
    });
  }
  return { documents, overall, breakdown: breakdown(documents) };
}

const fmt = (x: number | null) => (x === null ? "   -" : x.toFixed(2).padStart(4));

/** A terminal table: one block per document, one line per category. */
export function formatEval(r: EvalReport): string {
  const out: string[] = [];
  const block = (title: string, s: Scores, extra = "") => {
    out.push(`${title}${extra}`);
    out.push("  category      P     R    F1     tp    fp    fn");
    for (const c of CATEGORIES) {
      const k = s[c];
      if (k.tp + k.fp + k.fn === 0) continue;
      const m = prf(k);
      out.push(
        `  ${c.padEnd(11)} ${fmt(m.precision)}  ${fmt(m.recall)}  ${fmt(m.f1)}  ${String(k.tp).padStart(5)} ${String(k.fp).padStart(5)} ${String(k.fn).padStart(5)}`,
      );
    }
  };
  for (const d of r.documents) block(d.file, d.scores, d.error ? `  (FAILED ${d.error})` : `  (${d.ms} ms)`);
  block("OVERALL", r.overall);
  if (r.breakdown) out.push("", formatBreakdown(r.breakdown));
  return out.join("\n");
}

/** One table per dimension: a row per family / producer / layout kind, F1 per category. */
export function formatBreakdown(b: Breakdown): string {
  const cats = CATEGORIES.filter((c) =>
    DIMENSIONS.some((d) =>
      Object.values(b[d]).some((g) => g.scores[c].tp + g.scores[c].fp + g.scores[c].fn > 0),
    ),
  );
  const out: string[] = [];
  for (const dim of DIMENSIONS) {
    const names = Object.keys(b[dim]);
    const w = Math.max(dim.length, ...names.map((n) => n.length));
    out.push(`F1 by ${dim}`);
    out.push(`  ${dim.padEnd(w)}  docs  ${cats.map((c) => c.slice(0, 10).padStart(10)).join(" ")}`);
    for (const name of names) {
      const g = b[dim][name]!;
      out.push(
        `  ${name.padEnd(w)}  ${String(g.documents).padStart(4)}  ${cats.map((c) => fmt(prf(g.scores[c]).f1).padStart(10)).join(" ")}`,
      );
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** Machine-readable form: precision/recall/F1 per category per document. */
export function evalJson(r: EvalReport) {
  const conv = (s: Scores) => Object.fromEntries(CATEGORIES.map((c) => [c, { ...s[c], ...prf(s[c]) }]));
  return {
    documents: r.documents.map((d) => ({
      file: d.file,
      error: d.error ?? null,
      ms: d.ms,
      ...(d.meta
        ? {
            family: d.meta.family,
            producer: d.meta.producer,
            layoutKind: d.meta.layoutKind,
            split: d.meta.split,
          }
        : {}),
      scores: conv(d.scores),
    })),
    overall: conv(r.overall),
    ...(r.breakdown
      ? {
          breakdown: Object.fromEntries(
            DIMENSIONS.map((dim) => [
              dim,
              Object.fromEntries(
                Object.entries(r.breakdown![dim]).map(([k, g]) => [
                  k,
                  { documents: g.documents, scores: conv(g.scores) },
                ]),
              ),
            ]),
          ),
        }
      : {}),
  };
}
