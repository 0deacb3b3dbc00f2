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
