/**
 * What a person may correct on each kind of item, and how a typed value is checked (the library's
 * calls) or read from text (a form's or the command line's `field=value`). Plain checks, not zod:
 * the read commands apply corrections and must not load it.
 */
import { UsageError } from "../errors.js";
import { OBJECTIVE_LEVELS } from "../model/constants.js";
import type { ItemKind } from "../model/index.js";
import { parseItalianNumber } from "../normalize/index.js";

export type FieldType =
  | "text" // a string, not empty
  | "text?" // a string or null (empty text is null)
  | "number?" // a number or null
  | "year?" // a whole year or null
  | "value" // a number, a string (qualitative, ISO date) or null
  | "op"
  | "unit"
  | "level"
  | "boolean";

const OPS = [">=", "<=", ">", "<", "=", "between"] as const;
const UNITS = ["%", "EUR", "count", "days", "date", "ratio", "score", "text"] as const;

/** The fields a person may correct, by kind of item. */
export const FIELDS: Record<ItemKind, Record<string, FieldType>> = {
  document: { reviewed: "boolean" },
  objective: {
    code: "text?",
    title: "text",
    level: "level",
    parentCode: "text?",
    weight: "number?",
    owner: "text?",
  },
  indicator: {
    code: "text?",
    name: "text",
    description: "text?",
    objectiveCode: "text?",
    formula: "text?",
    weight: "number?",
    owner: "text?",
  },
  target: {
    year: "year?",
    op: "op",
    value: "value",
    max: "number?",
    unit: "unit",
    raw: "text",
    superseded: "boolean",
  },
  baseline: { year: "year?", value: "value", unit: "unit", raw: "text" },
  result: { year: "year?", value: "value", unit: "unit", raw: "text", achievementPct: "number?" },
};

/** Whether a value is one a field of this type may hold. */
export function validValue(type: FieldType, v: unknown): boolean {
  switch (type) {
    case "text":
      return typeof v === "string" && v.trim() !== "";
    case "text?":
      return v === null || typeof v === "string";
    case "number?":
      return v === null || (typeof v === "number" && Number.isFinite(v));
    case "year?":
      return v === null || (Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2200);
    case "value":
      return v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    case "op":
      return (OPS as readonly unknown[]).includes(v);
    case "unit":
      return v === null || (UNITS as readonly unknown[]).includes(v);
    case "level":
      return (OBJECTIVE_LEVELS as readonly unknown[]).includes(v);
    case "boolean":
      return typeof v === "boolean";
  }
}

/** The type of a field of a kind of item; throws UsageError naming the fields there are. */
export function fieldType(kind: ItemKind, field: string): FieldType {
  const t = FIELDS[kind][field];
  if (!t)
    throw new UsageError(
      `a ${kind} has no field '${field}' to correct (fields: ${Object.keys(FIELDS[kind]).join(", ")})`,
    );
  return t;
}

/** Checks a typed value for a field (throws UsageError). */
export function checkValue(kind: ItemKind, field: string, v: unknown): void {
  const type = fieldType(kind, field);
  if (!validValue(type, v))
    throw new UsageError(`${JSON.stringify(v)} is not a valid ${field} of a ${kind} (${describe(type)})`);
}

function describe(type: FieldType): string {
  switch (type) {
    case "op":
      return `one of ${OPS.join(" ")}`;
    case "unit":
      return `one of ${UNITS.join(" ")}, or empty`;
    case "level":
      return `one of ${OBJECTIVE_LEVELS.join(" ")}`;
    case "year?":
      return "a year, or empty";
    case "number?":
      return "a number, or empty";
    case "boolean":
      return "true or false";
    case "text":
      return "some text";
    default:
      return "text, or empty";
  }
}

/**
 * A field's value from text a person typed: empty is null where null is allowed; numbers in the
 * Italian way or with a dot ("75", "75,5", "1.000"); ≥ and ≤ as >= and <=. Throws UsageError when
 * the text is not a value of the field.
 */
export function valueFromText(kind: ItemKind, field: string, text: string): unknown {
  const type = fieldType(kind, field);
  const t = text.trim();
  let v: unknown = t;
  switch (type) {
    case "text":
      v = t;
      break;
    case "text?":
      v = t === "" ? null : t;
      break;
    case "number?":
      v = t === "" ? null : number(t);
      break;
    case "year?":
      v = t === "" ? null : /^\d{4}$/.test(t) ? Number(t) : NaN;
      break;
    case "value":
      // an ISO date stays text; a number is a number; anything else is a qualitative value
      v = t === "" ? null : /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : (number(t) ?? t);
      break;
    case "op":
      v = t === "≥" || t === "=>" ? ">=" : t === "≤" || t === "=<" ? "<=" : t;
      break;
    case "unit":
      v = t === "" ? null : t === "€" ? "EUR" : t;
      break;
    case "level":
      v = t;
      break;
    case "boolean":
      v = /^(true|yes|si|sì|1|on)$/i.test(t) ? true : /^(false|no|0|off)$/i.test(t) ? false : t;
      break;
  }
  checkValue(kind, field, v);
  return v;
}

function number(t: string): number | null {
  if (/^[+-]?\d+(\.\d+)?$/.test(t) && !/^\d{1,3}\.\d{3}$/.test(t)) return Number(t);
  return parseItalianNumber(t);
}

/** Deep equality of JSON values (what corrections hold). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Fields of an item of a kind from text a person typed (`value=80`, `unit=%`, `year=2025`), each
 * read as valueFromText reads it; `text` (a value's printed text) is passed on as it is.
 */
export function fieldsFromText(kind: ItemKind, pairs: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, text] of Object.entries(pairs)) {
    if (field === "text") out.text = text;
    else out[field] = valueFromText(kind, field, text);
  }
  return out;
}
