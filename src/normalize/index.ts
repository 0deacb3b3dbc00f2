/** The normalize stage: Italian values, comparators, units and dates, always with the raw text kept. */
export { parseItalianNumber, parsePercent, formatItalianNumber } from "./number.js";
export { fold } from "./text.js";
export { parseItalianDate } from "./date.js";
export { parseValue, parseTarget, scanValues, MISSING, MARKER } from "./value.js";
export type { ParsedValue, ParsedTarget, ValueKind } from "./value.js";
export { parseTargetSegments, splitYears } from "./yearly.js";
