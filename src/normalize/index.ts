/** The normalize stage: Italian values, comparators, units and dates, always with the raw text kept. */
import { timed } from "./clock.js";
import { parseItalianDate as date } from "./date.js";
import { parseItalianNumber as number, parsePercent as percent } from "./number.js";
import { parseTarget as target, parseValue as value, scanValues as scan } from "./value.js";
import { parseTargetSegments as segments, splitYears as years } from "./yearly.js";

export { formatItalianNumber } from "./number.js";
export { fold } from "./text.js";
export { MISSING, MARKER } from "./value.js";
export type { ParsedValue, ParsedTarget, ValueKind, Scanned } from "./value.js";
export type { Chunk } from "./yearly.js";
export { normalizeClock } from "./clock.js";
// the parsers the other stages call, timed (see clock.ts)
export const parseItalianNumber = timed(number);
export const parsePercent = timed(percent);
export const parseItalianDate = timed(date);
export const parseValue = timed(value);
export const parseTarget = timed(target);
export const scanValues = timed(scan);
export const parseTargetSegments = timed(segments);
export const splitYears = timed(years);
