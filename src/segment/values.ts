/** Cell text to contract values, through the normalize stage; struck words become superseded targets. */
import type { Line, Provenance, Result, Target, TextSegment, Value, ValueContext } from "../model/index.js";
import { fold, parsePercent, parseTargetSegments, parseValue } from "../normalize/index.js";

/** Consecutive words with the same struck flag, lines joined by a space. */
export function segmentsOf(lines: Line[], fallback: string): TextSegment[] {
  const out: TextSegment[] = [];
  for (const line of lines)
    for (const w of line.words) {
      const last = out[out.length - 1];
      if (last && last.struck === w.struck) last.text += " " + w.text;
      else out.push({ text: w.text, struck: w.struck });
    }
  if (!out.length && fallback) out.push({ text: fallback, struck: false });
  return out.map((s) => ({ ...s, text: fold(s.text) }));
}

/** A value cell: what its parser needs (year and formula always given) and where it was read. */
export interface CellContext extends ValueContext {
  year: number | null;
  formula: string | null;
  source: Provenance;
  lowConfidence: boolean;
}

export function targetsOf(segments: TextSegment[], ctx: CellContext): Target[] {
  return parseTargetSegments(segments, { year: ctx.year, formula: ctx.formula, unitHint: ctx.unitHint }).map(
    (t) => ({
      ...t,
      source: ctx.source,
      ...(ctx.lowConfidence ? { lowConfidence: true } : {}),
    }),
  );
}

/** A baseline or result cell; "Stato 2015 3021" carries its own year. */
export function valueOf(text: string, ctx: CellContext): Value | null {
  let year = ctx.year;
  let raw = fold(text);
  const stato =
    /^(?:stato|anno|valore|dato)\s+((?:19|20)\d\d)\s*:?\s*(.*)$/i.exec(raw) ??
    /^((?:19|20)\d\d)\s*:\s*(.*)$/.exec(raw);
  if (stato) {
    year = Number(stato[1]);
    raw = stato[2]!.trim();
  }
  if (!raw) return null;
  const v = parseValue(raw, { formula: ctx.formula, unitHint: ctx.unitHint, year });
  if (v.kind === "marker") return null;
  return {
    year,
    value: v.value,
    unit: v.unit,
    raw,
    source: ctx.source,
    ...(ctx.lowConfidence ? { lowConfidence: true } : {}),
  };
}

export function resultOf(text: string, ctx: CellContext): Result | null {
  const v = valueOf(text, ctx);
  return v ? { ...v, achievementPct: null } : null;
}

/** "Percentuale (di) raggiungimento: 57%", "Percentuale raggiungimento = 96,7%" → 57, 96.7 */
export function achievementIn(text: string): number | null {
  const m = /percentuale\s+(?:di\s+)?raggiungimento\s*[:=]?\s*(?:=\s*)?(\d{1,3}(?:[.,]\d+)?)\s*%/i.exec(text);
  return m ? parsePercent(m[1]!) : null;
}

/** A baseline series inside a note: "2020: ND\n2021: 0,17 (112 imprese su 65.991 attive)". */
export function seriesOf(text: string, ctx: Omit<CellContext, "year">): Value[] {
  const out: Value[] = [];
  const re = /((?:19|20)\d\d)\s*:\s*([^\n]*?)(?=(?:\s(?:19|20)\d\d\s*:)|\n|$)/g;
  for (const m of text.matchAll(re)) {
    const v = valueOf(m[2]!.trim() || "ND", { ...ctx, year: Number(m[1]) });
    if (v) out.push({ ...v, year: Number(m[1]) });
  }
  return out;
}
