/** The normalize stage: Italian values, comparators, units and dates, always with the raw text kept. */
export { parseItalianNumber, formatItalianNumber } from "./number.js";
export { parseItalianDate } from "./date.js";
export { parseValue, parseTarget, scanValues, MISSING, MARKER } from "./value.js";
export type { ParsedValue, ParsedTarget, ValueContext, ValueKind } from "./value.js";
export { parseTargetSegments, splitYears } from "./yearly.js";
export type { TextSegment } from "./yearly.js";
