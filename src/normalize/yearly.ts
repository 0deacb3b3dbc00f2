/**
 * A whole target cell: split by year prefixes ("2022>=", "2022:", "2022 >="), then within a year every
 * value is a target; a value struck through, or followed in the same year by another one (a correction
 * printed beside it, "ridefinito in X"), is superseded; exactly one per year stays current.
 */
import type { Target } from "../model/index.js";
import { MARKER, MISSING, scanValues, type ValueContext } from "./value.js";

export interface TextSegment {
  text: string;
  struck: boolean;
}

const YEAR_PREFIX =
  /(^|[\s;,])((?:19|20)\d\d)\s*(?::\s*|(?=\s*(?:[<>≤≥=]|=>|entro\b|almeno\b|[+−-]?\s*\d)))/g;

interface Chunk {
  year: number | null;
  parts: TextSegment[];
}

/** Splits the segments at year prefixes, keeping each character's struck flag. */
export function splitYears(segments: TextSegment[], defaultYear: number | null): Chunk[] {
  const text = segments.map((s) => s.text).join(" ");
  const struck: boolean[] = [];
  segments.forEach((s, i) => {
    for (let k = 0; k < s.text.length; k++) struck.push(s.struck);
    if (i < segments.length - 1) struck.push(s.struck && segments[i + 1]!.struck);
  });
  const cuts: { at: number; end: number; year: number }[] = [];
  for (const m of text.matchAll(YEAR_PREFIX)) {
    const at = m.index! + m[1]!.length;
    // a year inside a date ("31/12/2023") or a parenthetical is not a prefix
    const before = text.slice(0, at);
    const open = (before.match(/\(/g) ?? []).length - (before.match(/\)/g) ?? []).length;
    if (open > 0 || /[/.-]\s*$/.test(before)) continue;
    cuts.push({ at, end: m.index! + m[0].length, year: Number(m[2]) });
  }
  const ranges: { year: number | null; from: number; to: number }[] = [];
  if (!cuts.length) ranges.push({ year: defaultYear, from: 0, to: text.length });
  else {
    if (text.slice(0, cuts[0]!.at).trim()) ranges.push({ year: defaultYear, from: 0, to: cuts[0]!.at });
    cuts.forEach((c, i) =>
      ranges.push({ year: c.year, from: c.end, to: i + 1 < cuts.length ? cuts[i + 1]!.at : text.length }),
    );
  }
  return ranges.map((r) => {
    const parts: TextSegment[] = [];
    for (let k = r.from; k < r.to; k++) {
      const last = parts[parts.length - 1];
      if (last && last.struck === struck[k]) last.text += text[k];
      else parts.push({ text: text[k]!, struck: struck[k] ?? false });
    }
    return { year: r.year, parts: parts.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => p.text) };
  });
}

export function parseTargetSegments(
  segments: TextSegment[],
  ctx: ValueContext & { year?: number | null } = {},
): Target[] {
  const out: Target[] = [];
  const clean = segments.filter((s) => s.text && s.text.trim());
  if (!clean.length) return out;
  const whole = clean
    .map((s) => s.text)
    .join(" ")
    .trim();
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
        });
      }
    }
    // a value not given its own comparator takes the one of the first value of its year
    const firstOp = found.find((f) => f.opGiven)?.op ?? lastOp;
    for (const f of found) if (!f.opGiven && !f.relative && firstOp && f.unit !== "text") f.op = firstOp;
    // one current target per year: the last one not struck through
    const live = found.filter((f) => !f.superseded);
    const current = live[live.length - 1];
    for (const f of found) {
      const { redefines: _r, opGiven: _o, ...t } = f;
      out.push({ ...t, superseded: f !== current });
    }
  }
  return out;
}
