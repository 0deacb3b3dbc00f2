/**
 * OCR reads the letters of objective codes as the digits they look like (`01.O1.O1.T1` comes back as
 * `01.01.01.71`). A family whose codes have a known shape (its profile's `codeShape`) gets them read
 * again: a code that misses the shape takes the variant with the fewest 0/O, 1/I, 7/T swaps that fits.
 */
const LOOKALIKES: Record<string, string> = { "0": "O", O: "0", "1": "I", I: "1", "7": "T", T: "7" };
/** at most this many ambiguous characters are tried (2^n variants) */
const MAX_AMBIGUOUS = 10;

export function repairCode(code: string, shape: RegExp): string {
  if (shape.test(code)) return code;
  const at = [...code].flatMap((c, i) => (c in LOOKALIKES ? [i] : [])).slice(0, MAX_AMBIGUOUS);
  let best: string | null = null;
  let fewest = Infinity;
  for (let mask = 1; mask < 1 << at.length; mask++) {
    let swaps = 0;
    const chars = [...code];
    at.forEach((i, k) => {
      if (mask & (1 << k)) {
        chars[i] = LOOKALIKES[chars[i]!]!;
        swaps++;
      }
    });
    const v = chars.join("");
    if (swaps < fewest && shape.test(v)) {
      best = v;
      fewest = swaps;
    }
  }
  return best ?? code;
}

/** Repairs every code in place: objectives', their parents', and the indicators' objective codes. */
export function repairCodes(
  objectives: { code: string | null; contextParent: string | null }[],
  indicators: { objectiveCode: string | null }[],
  shape: RegExp,
): void {
  const fix = (c: string | null) => (c ? repairCode(c, shape) : c);
  for (const o of objectives) {
    o.code = fix(o.code);
    o.contextParent = fix(o.contextParent);
  }
  for (const i of indicators) i.objectiveCode = fix(i.objectiveCode);
}

/** Whether `a` reads as `b` once some of its characters are taken for their lookalikes (0/O, 1/I, 7/T). */
function lookalike(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && LOOKALIKES[a[i]!] !== b[i]) return false;
  return true;
}

/**
 * Any document read by OCR, whatever its family: the codes of one document nest (`OB.2`, `OB.2.1`,
 * `OB.2.1.T1`), but tesseract reads the same letter one way in one code and the other way in the next
 * (`0B.2.1` under `OB.2`), which cuts a child from its parent. For each code, from the shortest, the
 * codes that start with it once lookalikes (0/O, 1/I, 7/T) are swapped take the way most of them read
 * that start (the code's own on a tie). Codes are changed in place as in `repairCodes`.
 */
export function alignCodes(
  objectives: { code: string | null; contextParent: string | null }[],
  indicators: { objectiveCode: string | null }[],
): void {
  const read = [...new Set(objectives.map((o) => o.code).filter((c): c is string => !!c))];
  const now = new Map(read.map((c) => [c, c]));
  for (const q of [...read].sort((a, b) => a.length - b.length)) {
    const head = now.get(q)!;
    const group = read.filter((c) => {
      const cur = now.get(c)!;
      if (cur.length < head.length || (cur.length > head.length && !/[.\-\s]/.test(cur[head.length]!)))
        return false;
      const start = cur.slice(0, head.length);
      return start === head || lookalike(start, head);
    });
    const votes = new Map<string, number>();
    for (const c of group) {
      const start = now.get(c)!.slice(0, head.length);
      votes.set(start, (votes.get(start) ?? 0) + 1);
    }
    let best = head;
    for (const [v, n] of votes) if (n > votes.get(best)!) best = v;
    for (const c of group) now.set(c, best + now.get(c)!.slice(head.length));
  }
  const fix = (c: string | null): string | null => {
    if (!c) return c;
    const known = now.get(c);
    if (known) return known;
    // (an indicator's or a parent's code that no objective has: under the longest code it starts with)
    let best: string | null = null;
    for (const r of read)
      if (r.length < c.length && /[.\-\s]/.test(c[r.length]!) && lookalike(c.slice(0, r.length), r))
        if (!best || r.length > best.length) best = r;
    return best ? now.get(best)! + c.slice(best.length) : c;
  };
  for (const o of objectives) {
    o.code = fix(o.code);
    o.contextParent = fix(o.contextParent);
  }
  for (const i of indicators) i.objectiveCode = fix(i.objectiveCode);
}
