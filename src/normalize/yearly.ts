/**
 * A whole target cell: split by year prefixes ("2022>=", "2022:", "2022 >="), then within a year every
 * value is a target; a value struck through, or followed in the same year by another one (a correction
 * printed beside it, "ridefinito in X"), is superseded; exactly one per year stays current.
 */
import type { Target, TextSegment, ValueContext } from "../model/index.js";
import { MARKER, MISSING, QUALITATIVE_WORDS, scanValues } from "./value.js";

// "2022:", "2022 >=", "2022 - 45%" (a dash then a space separates; "2022 -2%" is a change); a scan's
// "2022;" for "2022:"; a year
// is never the start of a longer figure ("2000000", "2023,5")
// "2023 ON", "2023 Buono": a value word after the year
const YEAR_PREFIX = new RegExp(
  String.raw`(?<![^\s;,])((?:19|20)\d\d)(?![\d.,])\s*(?:[:;]\s*|[-–—](?=\s)\s*|(?=\s*(?:[<>≤≥=]|=>|entro\b|almeno\b|[+−-]?\s*\d|(?:${QUALITATIVE_WORDS})\b)))`,
  "gi",
);
/** a year standing alone before a space */
const BARE_YEAR = /(?<![^\s;,])((?:19|20)\d\d)(?![\d.,])\s+/g;
/** a year that a preposition names ("+2% rispetto al 2022"): the base of a change, not a prefix */
const NAMED_YEAR = /(?:\b(?:al|all'|del|dal|nel|sul|di|vs\.?)|rispetto a)\s*$/i;

export interface Chunk {
  year: number | null;
  parts: TextSegment[];
}

/** Splits the segments at year prefixes, keeping each character's struck flag. */
export function splitYears(segments: TextSegment[], defaultYear: number | null): Chunk[] {
  // loops, not closures, here and below: this runs for every target cell, and V8 drops the
  // optimized code of a per-call closure at each full garbage collection
  const text = segments.map(segmentText).join(" ");
  const struck: boolean[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let k = 0; k < s.text.length; k++) struck.push(s.struck);
    if (i < segments.length - 1) struck.push(s.struck && segments[i + 1]!.struck);
  }
  const cuts: { at: number; end: number; year: number }[] = [];
  for (const m of text.matchAll(YEAR_PREFIX)) {
    const at = m.index!;
    // a year inside a date ("31/12/2023") or a parenthetical is not a prefix
    const before = text.slice(0, at);
    const open = (before.match(/\(/g) ?? []).length - (before.match(/\)/g) ?? []).length;
    if (open > 0 || /\d\s*[/.-]\s*$/.test(before)) continue;
    if (NAMED_YEAR.test(before) && !m[0].includes(":")) continue;
    // a figure after a comparator is a value, however like a year (">= 1918" after "2024>= 1726")
    if (/(?:[<>≤≥=]|=>|=<)\s*$/.test(before)) continue;
    cuts.push({ at, end: m.index! + m[0].length, year: Number(m[1]) });
  }
  // a year printed plain before a struck value is that value's year, whatever the stroke left of
  // its comparator to read (`2026 ~~x 9.878 N.~~ ≥ 8.980 N.`, OCR's `x` for a struck `≥`)
  for (const m of text.matchAll(BARE_YEAR)) {
    const at = m.index!,
      end = at + m[0].length;
    if (struck[at] || !struck[end] || cuts.some((c) => c.at === at)) continue;
    cuts.push({ at, end, year: Number(m[1]) });
  }
  cuts.sort((a, b) => a.at - b.at);
  const ranges: { year: number | null; from: number; to: number }[] = [];
  if (!cuts.length) ranges.push({ year: defaultYear, from: 0, to: text.length });
  else {
    if (text.slice(0, cuts[0]!.at).trim()) ranges.push({ year: defaultYear, from: 0, to: cuts[0]!.at });
    for (let i = 0; i < cuts.length; i++)
      ranges.push({
        year: cuts[i]!.year,
        from: cuts[i]!.end,
        to: i + 1 < cuts.length ? cuts[i + 1]!.at : text.length,
      });
  }
  const chunks: Chunk[] = [];
  for (const r of ranges) {
    const runs: TextSegment[] = [];
    for (let k = r.from; k < r.to; k++) {
      const last = runs[runs.length - 1];
      if (last && last.struck === struck[k]) last.text += text[k];
      else runs.push({ text: text[k]!, struck: struck[k] ?? false });
    }
    const parts: TextSegment[] = [];
    for (const p of runs) {
      const t = p.text.trim();
      if (t) parts.push({ ...p, text: t });
    }
    chunks.push({ year: r.year, parts });
  }
  return chunks;
}

const segmentText = (s: TextSegment) => s.text;

export function parseTargetSegments(segments: TextSegment[], ctx: ValueContext = {}): Target[] {
  const out: Target[] = [];
  const clean: TextSegment[] = [];
  for (const s of segments) if (s.text && s.text.trim()) clean.push(s);
  if (!clean.length) return out;
  const whole = clean.map(segmentText).join(" ").trim();
  if (MISSING.test(whole) || MARKER.test(whole)) return out;
  for (const chunk of splitYears(clean, ctx.year ?? null)) {
    const vctx = { ...ctx, year: chunk.year ?? ctx.year ?? null };
    const found: (Target & { redefines?: boolean; opGiven: boolean })[] = [];
    let lastOp: Target["op"] | null = null;
    for (const part of chunk.parts) {
      if (MISSING.test(part.text) || MARKER.test(part.text)) continue;
      // a comparator standing alone before a struck value (">= ~~-8,20%~~ -3,00%") applies to what follows
      const bare = /^(≥|≤|>\s*=|<\s*=|=>|=<|>|<|=)$/.exec(part.text.trim());
      if (bare) {
        lastOp = scanValues(`${bare[1]} 0`, vctx)[0]?.op ?? lastOp;
        continue;
      }
      for (const v of scanValues(part.text, vctx)) {
        // "100% entro il 31/12/2024": the deadline of the figure before it, not a second target
        const prev = found[found.length - 1];
        if (
          v.kind === "date" &&
          /^entro\b/i.test(v.raw) &&
          prev &&
          !prev.superseded &&
          typeof prev.value === "number"
        )
          continue;
        if (v.opGiven) lastOp = v.op;
        found.push({
          year: chunk.year,
          op: v.opGiven || v.relative ? v.op : (lastOp ?? v.op),
          value: v.value,
          ...(v.max !== undefined ? { max: v.max } : {}),
          unit: v.unit,
          raw: v.raw,
          relative: v.relative,
          superseded: part.struck,
          redefines: v.redefines,
          opGiven: v.opGiven,
          // no Italian number: text, for a person to check
          ...(v.suspect ? { lowConfidence: true } : {}),
        });
      }
    }
    // a value not given its own comparator takes the one of the first value of its year
    let firstOp = lastOp;
    for (const f of found)
      if (f.opGiven) {
        firstOp = f.op ?? lastOp;
        break;
      }
    for (const f of found) if (!f.opGiven && !f.relative && firstOp && f.unit !== "text") f.op = firstOp;
    // one current target per year: the last one not struck through
    let current: (typeof found)[number] | undefined;
    for (const f of found) if (!f.superseded) current = f;
    for (const f of found) {
      const { redefines: _r, opGiven: _o, ...t } = f;
      out.push({ ...t, superseded: f !== current });
    }
  }
  return out;
}
