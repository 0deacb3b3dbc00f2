/**
 * What changed between two documents: for every linked pair of indicators and every year both
 * target (current targets only), unchanged, tightened or loosened (from the comparator: a higher
 * `>=`/`>` or a lower `<=`/`<`, an earlier deadline), or changed (op, unit or a qualitative value);
 * and the indicators added, removed and renamed.
 */
import { linkSide, resolveDocument, storedLinks, type DocumentRef, type Store } from "../load/index.js";
import type { Indicator, Op, Target } from "../model/index.js";
import { documentByOrd } from "../review/index.js";
import { linkSides } from "./link.js";
import { tokens } from "./tokens.js";

export type Change = "unchanged" | "tightened" | "loosened" | "changed";

export interface TargetChange {
  indicator: string;
  previousName: string;
  objectiveCode: string | null;
  year: number;
  from: { op: Op; value: number | string | null; unit: string | null; raw: string };
  to: { op: Op; value: number | string | null; unit: string | null; raw: string };
  change: Change;
}

export interface DiffResult {
  from: DocumentRef;
  to: DocumentRef;
  links: { from: string; to: string; renamed: boolean; method: string; score: number }[];
  added: string[];
  removed: string[];
  targets: TargetChange[];
}

const comparable = (t: Target): number | string | null =>
  t.relative && t.value === null ? (t.relative.changePct ?? null) : t.value;

/** How a year's target changed from one edition to the next. */
export function classifyChange(a: Target, b: Target): Change {
  const va = comparable(a),
    vb = comparable(b);
  const sameUnit = a.unit === b.unit || a.unit === null || b.unit === null;
  // (a range's upper bound is part of it: "tra 80 e 90" to "tra 80 e 95" changed)
  if (a.op === b.op && sameUnit && va === vb && (a.max ?? null) === (b.max ?? null)) return "unchanged";
  if (a.op !== b.op || !sameUnit) return "changed";
  const up = a.op === ">=" || a.op === ">";
  const down = a.op === "<=" || a.op === "<";
  if (typeof va === "number" && typeof vb === "number") {
    if (up) return vb > va ? "tightened" : "loosened";
    if (down) return vb < va ? "tightened" : "loosened";
    return "changed";
  }
  // ISO dates compare as strings: an earlier deadline is tighter
  if (a.unit === "date" && typeof va === "string" && typeof vb === "string" && down)
    return vb < va ? "tightened" : "loosened";
  return "changed";
}

type Pair = { method: string; score: number; a_ord: number; b_ord: number };

/** Stored links between two documents (either direction); documents of different issuers are linked here. */
function linksBetween(store: Store, a: string, b: string): Pair[] {
  const ab = storedLinks(store, a, b);
  if (ab.length)
    return ab.map((r) => ({ method: r.method, score: r.score, a_ord: r.fromOrd, b_ord: r.toOrd }));
  const ba = storedLinks(store, b, a);
  if (ba.length)
    return ba.map((r) => ({ method: r.method, score: r.score, a_ord: r.toOrd, b_ord: r.fromOrd }));
  const sa = linkSide(store, a),
    sb = linkSide(store, b);
  const ordA = new Map(sa.indicators.map((x, i) => [x.id, i])),
    ordB = new Map(sb.indicators.map((x, i) => [x.id, i]));
  return linkSides(sa, sb).links.map((l) => ({
    method: l.method,
    score: l.score,
    a_ord: ordA.get(l.from)!,
    b_ord: ordB.get(l.to)!,
  }));
}

export function diffDocuments(
  store: Store,
  a: string,
  b: string,
  opts: { onlyChanged?: boolean } = {},
): DiffResult {
  const from = resolveDocument(store, a),
    to = resolveDocument(store, b);
  // corrected documents; the links name indicators by their order as read
  const A = documentByOrd(store, from.id),
    B = documentByOrd(store, to.id);
  const links = linksBetween(store, from.id, to.id);
  const result: DiffResult = { from, to, links: [], added: [], removed: [], targets: [] };
  const linkedA = new Set<Indicator>(),
    linkedB = new Set<Indicator>();
  for (const l of links) {
    const ia = A.byOrd[l.a_ord],
      ib = B.byOrd[l.b_ord];
    // an indicator a person deleted is linked to nothing
    if (!ia || !ib) continue;
    linkedA.add(ia);
    linkedB.add(ib);
    const renamed = tokens(ia.name).join(" ") !== tokens(ib.name).join(" ");
    result.links.push({ from: ia.name, to: ib.name, renamed, method: l.method, score: l.score });
    const cur = (xs: Target[]) =>
      new Map(xs.filter((t) => !t.superseded && t.year !== null).map((t) => [t.year!, t]));
    const ta = cur(ia.targets),
      tb = cur(ib.targets);
    for (const [year, t1] of [...ta].sort((x, y) => x[0] - y[0])) {
      const t2 = tb.get(year);
      if (!t2) continue;
      const change = classifyChange(t1, t2);
      if (opts.onlyChanged && change === "unchanged") continue;
      result.targets.push({
        indicator: ib.name,
        previousName: ia.name,
        objectiveCode: ib.objectiveCode,
        year,
        from: { op: t1.op, value: t1.value, unit: t1.unit, raw: t1.raw },
        to: { op: t2.op, value: t2.value, unit: t2.unit, raw: t2.raw },
        change,
      });
    }
  }
  result.removed = A.document.indicators.filter((i) => !linkedA.has(i)).map((i) => i.name);
  result.added = B.document.indicators.filter((i) => !linkedB.has(i)).map((i) => i.name);
  return result;
}
