/**
 * Corrections as a person makes them — set fields of an item, add a missed item, delete a wrong one,
 * restore it, sign a document off — checked against the document as it is now (corrections
 * included) and stored in the corrections log. A value's printed text can be given instead of its
 * parts: it is read as the pipeline reads a cell (comparator, number, unit, range).
 */
import { randomBytes } from "node:crypto";
import { UsageError } from "../errors.js";
import { correctionsOf, insertCorrections, resolveDocument, type Store } from "../load/index.js";
import { DOCUMENT_ITEM, WHOLE_ITEM } from "../model/constants.js";
import type { Correction, ExportDocument, Indicator, ItemKind, NewCorrection } from "../model/index.js";
import { parseTarget, parseValue } from "../normalize/index.js";
import { applyCorrections, type ItemSnapshot } from "./apply.js";
import { checkValue, FIELDS, sameValue } from "./fields.js";
import { addedKey } from "./keys.js";

/** Who made a correction, and why. */
export interface CorrectionMeta {
  author?: string | null;
  note?: string | null;
  /** ISO 8601; default now */
  at?: string;
}

/**
 * Fields of an item, typed (`value: 80`, `unit: "%"`, `year: 2025`). For a target, baseline or
 * result, `text` is the value as printed ("≥ 80%"): it is read into raw, op, value, unit and max,
 * and fields given beside it that differ from the item's win.
 */
export type FieldChanges = Record<string, unknown> & { text?: string };

type Located = {
  kind: Exclude<ItemKind, "document">;
  rec: Record<string, unknown>;
  /** as read, or as added */
  asRead: Record<string, unknown> | null;
  parent: Indicator | null;
};

interface Loaded {
  id: string;
  asRead: ExportDocument;
  current: ExportDocument;
}

function load(store: Store, ref: string): Loaded {
  if (store.readonly)
    throw new UsageError(`the store at ${store.path} is open read-only: nothing can be corrected`);
  const { id } = resolveDocument(store, ref);
  const asRead = store.exportDocument(id);
  // the document as read, keyed, so that an item's value as read is found by its key
  const keyed = applyCorrections(asRead, []).document;
  const current = applyCorrections(asRead, correctionsOf(store, id)).document;
  return { id, asRead: keyed, current };
}

/** The record a key names in a keyed document, with its kind and indicator. */
function locate(doc: ExportDocument, key: string): Located | null {
  for (const o of doc.objectives)
    if (o.key === key) return { kind: "objective", rec: o, asRead: null, parent: null };
  for (const i of doc.indicators) {
    if (i.key === key)
      return { kind: "indicator", rec: i as unknown as Record<string, unknown>, asRead: null, parent: null };
    for (const [kind, list] of [
      ["target", i.targets],
      ["baseline", i.baselines],
      ["result", i.results],
    ] as const)
      for (const v of list)
        if (v.key === key) return { kind, rec: v as Record<string, unknown>, asRead: null, parent: i };
  }
  return null;
}

function find(l: Loaded, key: string): Located {
  const found = locate(l.current, key);
  if (!found) {
    const gone = l.current.deleted?.some((d) => d.item === key);
    throw new UsageError(
      gone
        ? `item '${key}' was deleted: restore it first`
        : `no item '${key}' in ${l.current.file} (see allegati review)`,
    );
  }
  const asRead = locate(l.asRead, key);
  return { ...found, asRead: asRead?.rec ?? null };
}

/** Reads a value's printed text into its fields, as the pipeline reads a cell. */
export function readValueText(
  kind: "target" | "baseline" | "result",
  text: string,
  ctx: { unit?: string | null; year?: number | null } = {},
): Record<string, unknown> {
  const vctx = { unitHint: (ctx.unit ?? undefined) as never, year: ctx.year ?? null };
  if (kind === "target") {
    const t = parseTarget(text, vctx);
    // "N/D", "da definire": a target with no value, kept as printed
    if (!t) return { raw: text.trim(), value: null };
    return { raw: t.raw, op: t.op, value: t.value, unit: t.unit, max: t.max ?? null };
  }
  const v = parseValue(text, vctx);
  return { raw: v.raw || text.trim(), value: v.value, unit: v.unit };
}

/** The fields that change, typed and checked, from what the caller gave and the item now. */
function changedFields(
  kind: Exclude<ItemKind, "document">,
  rec: Record<string, unknown>,
  changes: FieldChanges,
) {
  const { text, ...fields } = changes;
  const out: Record<string, unknown> = {};
  if (text !== undefined && text !== null) {
    if (kind !== "target" && kind !== "baseline" && kind !== "result")
      throw new UsageError(`'text' is a value's printed text: a ${kind} has none`);
    if (typeof text !== "string" || !text.trim())
      throw new UsageError("the printed text of a value cannot be empty");
    Object.assign(
      out,
      readValueText(kind, text, { unit: rec.unit as string | null, year: rec.year as number | null }),
    );
  }
  for (const [f, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    checkValue(kind, f, v);
    // beside a printed text, a field left as it was is not a correction of what the text says
    if (text !== undefined && f in out && sameValue(v, rec[f] ?? null)) continue;
    out[f] = v;
  }
  for (const f of Object.keys(out)) if (sameValue(out[f], rec[f] ?? null)) delete out[f];
  return out;
}

const now = (meta: CorrectionMeta) => meta.at ?? new Date().toISOString();
const row = (
  l: Loaded,
  item: string,
  field: string,
  oldValue: unknown,
  newValue: unknown,
  meta: CorrectionMeta,
): NewCorrection => ({
  document: l.id,
  item,
  field,
  oldValue: oldValue ?? null,
  newValue: newValue ?? null,
  author: meta.author ?? null,
  at: now(meta),
  note: meta.note ?? null,
});

/**
 * Corrects fields of one item of a document (id prefix, file name or path), by its key. Fields that
 * would not change are left out; resolves with the corrections stored (none when nothing changes).
 * Setting a field back to the value read is a revert. Throws UsageError for an unknown item or
 * field, or a value the field cannot hold.
 */
export function correctItem(
  store: Store,
  ref: string,
  key: string,
  changes: FieldChanges,
  meta: CorrectionMeta = {},
): Correction[] {
  const l = load(store, ref);
  if (key === DOCUMENT_ITEM) throw new UsageError("the document's sign-off is set with review, not correct");
  const it = find(l, key);
  const fields = changedFields(it.kind, it.rec, changes);
  const rows = Object.entries(fields).map(([f, v]) => row(l, key, f, it.asRead?.[f] ?? null, v, meta));
  return rows.length ? insertCorrections(store, rows) : [];
}

/** An item a person adds: its kind, the indicator it belongs to (for values), and its fields. */
export interface NewItem {
  kind: Exclude<ItemKind, "document">;
  /** the indicator's key, for a target, baseline or result */
  parent?: string | null;
  fields: FieldChanges;
}

/** Adds a missed item; resolves with its key (a new one, never a reading's) and the correction stored. */
export function addItem(
  store: Store,
  ref: string,
  item: NewItem,
  meta: CorrectionMeta = {},
): { key: string; correction: Correction } {
  const l = load(store, ref);
  if (!FIELDS[item.kind] || item.kind === ("document" as string))
    throw new UsageError(`cannot add a ${item.kind}`);
  const isValue = item.kind === "target" || item.kind === "baseline" || item.kind === "result";
  let parent: string | null = null;
  if (isValue) {
    if (!item.parent) throw new UsageError(`a ${item.kind} is added to an indicator: give its key`);
    const p = find(l, item.parent);
    if (p.kind !== "indicator") throw new UsageError(`'${item.parent}' is a ${p.kind}, not an indicator`);
    parent = item.parent;
  } else if (item.parent) throw new UsageError(`a ${item.kind} is not added under another item`);
  const { source, ...given } = item.fields as FieldChanges & { source?: unknown };
  const blank: Record<string, unknown> = isValue
    ? {
        year: null,
        value: null,
        unit: null,
        raw: "",
        ...(item.kind === "target" ? { op: "=", superseded: false } : {}),
      }
    : {};
  const fields = changedFields(item.kind, blank, given);
  const record: Record<string, unknown> = { ...blank, ...fields };
  if (item.kind === "indicator") {
    if (!record.name) throw new UsageError("an indicator needs a name");
    const page = (source as { page?: unknown } | undefined)?.page ?? 1;
    if (!Number.isInteger(page) || (page as number) < 1 || (page as number) > l.current.pages)
      throw new UsageError(`page must be a page of the document (1-${l.current.pages})`);
    record.source = { page, bbox: null };
  }
  if (item.kind === "objective" && !record.title) throw new UsageError("an objective needs a title");
  if (isValue && !record.raw) throw new UsageError(`a ${item.kind} needs its value as printed (text)`);
  const key = addedKey(item.kind, parent, randomBytes(4).toString("hex"));
  const snap: ItemSnapshot = { kind: item.kind, parent, record };
  const [correction] = insertCorrections(store, [row(l, key, WHOLE_ITEM, null, snap, meta)]);
  return { key, correction: correction! };
}

/** Deletes a wrong item (an indicator with its values); it is kept in the document's `deleted` with what was read. */
export function deleteItem(store: Store, ref: string, key: string, meta: CorrectionMeta = {}): Correction {
  const l = load(store, ref);
  const it = find(l, key);
  const { key: _k, corrections: _c, ...record } = (it.asRead ?? it.rec) as Record<string, unknown>;
  const snap: ItemSnapshot = { kind: it.kind, parent: it.parent?.key ?? null, record };
  return insertCorrections(store, [row(l, key, WHOLE_ITEM, snap, null, meta)])[0]!;
}

/** Brings a deleted item back (as it was read, or as it was added). */
export function restoreItem(store: Store, ref: string, key: string, meta: CorrectionMeta = {}): Correction {
  const l = load(store, ref);
  const gone = l.current.deleted?.find((d) => d.item === key);
  if (!gone) throw new UsageError(`item '${key}' is not deleted`);
  const parent = key.includes("/") ? key.slice(0, key.lastIndexOf("/")) : null;
  const snap: ItemSnapshot = {
    kind: gone.kind as ItemSnapshot["kind"],
    parent,
    record: gone.original as Record<string, unknown>,
  };
  return insertCorrections(store, [row(l, key, WHOLE_ITEM, null, snap, meta)])[0]!;
}

/** Marks a document reviewed (signed off) or not. */
export function markReviewed(
  store: Store,
  ref: string,
  reviewed: boolean,
  meta: CorrectionMeta = {},
): Correction {
  const l = load(store, ref);
  return insertCorrections(store, [
    row(l, DOCUMENT_ITEM, "reviewed", l.current.reviewed?.reviewed ?? null, reviewed, meta),
  ])[0]!;
}
