/**
 * Time spent in the value parsers, for the per-stage timings: the segment stage calls them as it
 * reads cells, so their time is counted here and taken out of the segment's. A nested call (one
 * parser calling another through the stage's face) is counted once.
 */
export const normalizeClock = { ms: 0 };
let depth = 0;

export function timed<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    if (depth++) {
      try {
        return f(...args);
      } finally {
        depth--;
      }
    }
    const t = performance.now();
    try {
      return f(...args);
    } finally {
      depth--;
      normalizeClock.ms += performance.now() - t;
    }
  };
}
