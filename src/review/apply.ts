/**
 * Applies a document's corrections to the document as read: the latest correction of each item's
 * field wins; an item can be deleted (kept in `deleted` with what was read), restored, or added by a
 * person; each corrected record lists its corrected fields with the values as read. A correction
 * whose item is not in the document as read now is listed in `orphanedCorrections`, never dropped;
 * one that sets a field back to what was read is a revert and leaves no trace on the record.
 */
import { DOCUMENT_ITEM, WHOLE_ITEM } from "../model/constants.js";
import type {
  Correction,
  CorrectionNote,
  DeletedItem,
  ExportDocument,
  Indicator,
  ItemKind,
  OrphanReason,
  OrphanedCorrection,
} from "../model/index.js";
import { FIELDS, sameValue, validValue } from "./fields.js";
import { indicatorKeys, objectiveKeys, valueKeys, type ValueListKind } from "./keys.js";

/** What a whole-item correction holds: the kind of item, the key it sits under, and the record. */
export interface ItemSnapshot {
  kind: Exclude<ItemKind, "document">;
  /** the indicator's key for a target, baseline or result; null for an indicator or objective */
  parent: string | null;
  record: Record<string, unknown>;
}

/** What became of a stored correction when applied. */
export type CorrectionStatus = "applied" | "reverted" | "replaced" | "orphaned";

export interface AppliedDocument<D extends ExportDocument> {
  /** the document with its corrections, every record carrying its key */
  document: D;
  /** for each indicator as read (by its order), the indicator it is now, or null when deleted */
  indicatorAt: (Indicator | null)[];
  /** whether any correction changes what was read (a sign-off alone counts) */
  corrected: boolean;
  /** each correction's fate, by id */
  status: Map<number, CorrectionStatus>;
}

type Rec = Record<string, unknown> & { key?: string; corrections?: CorrectionNote[] };

interface Slot {
  kind: Exclude<ItemKind, "document">;
  rec: Rec;
  /** the array the record sits in */
  list: Rec[];
  /** the record as read, or as added */
  origin: Rec;
  asRead: boolean;
  parent: string | null;
  deleted?: boolean;
}

const VALUE_LISTS: [ValueListKind, "targets" | "baselines" | "results"][] = [
  ["target", "targets"],
  ["baseline", "baselines"],
  ["result", "results"],
];

/** A record as it was, for `deleted` and notes: no key, no corrections. */
function clean(r: Rec): Record<string, unknown> {
  const { key: _k, corrections: _c, ...rest } = r;
  return structuredClone(rest);
}

/** Defaults that make a person's added record a whole record of its kind. */
function recordOf(snap: ItemSnapshot): Rec {
  const r = snap.record;
  switch (snap.kind) {
    case "objective":
      return {
        code: null,
        title: "",
        level: "operational",
        parentCode: null,
        weight: null,
        owner: null,
        ...r,
      };
    case "indicator":
      return {
        code: null,
        name: "",
        description: null,
        objectiveCode: null,
        formula: null,
        weight: null,
        owner: null,
        ...r,
        baselines: [],
        targets: [],
        results: [],
        notes: [],
        source: r.source ?? { page: 1, bbox: null },
      };
    case "target":
      return {
        year: null,
        op: "=",
        value: null,
        max: null,
        unit: null,
        raw: "",
        relative: null,
        superseded: false,
        ...r,
      };
    default:
      return { year: null, value: null, unit: null, raw: "", ...r };
  }
}

function validSnapshot(s: unknown): s is ItemSnapshot {
  if (!s || typeof s !== "object") return false;
  const snap = s as ItemSnapshot;
  const fields = FIELDS[snap.kind as ItemKind];
  if (!fields || snap.kind === ("document" as string) || !snap.record || typeof snap.record !== "object")
    return false;
  const full = recordOf(snap);
  return Object.entries(fields).every(([f, type]) => validValue(type, full[f] ?? null));
}

/** The document with a key on every record (nothing else changed). */
export function keyDocument<D extends ExportDocument>(asRead: D): D {
  return applyCorrections(asRead, []).document;
}

export function applyCorrections<D extends ExportDocument>(
  asRead: D,
  rows: readonly Correction[],
): AppliedDocument<D> {
  const doc = structuredClone(asRead);
  const index = new Map<string, Slot>();
  const objectives = doc.objectives as unknown as Rec[];
  const indicators = doc.indicators as unknown as Rec[];
  objectiveKeys(doc.objectives).forEach((k, i) => {
    const rec = objectives[i]!;
    rec.key = k;
    index.set(k, {
      kind: "objective",
      rec,
      list: objectives,
      origin: asRead.objectives[i] as Rec,
      asRead: true,
      parent: null,
    });
  });
  indicatorKeys(doc.indicators).forEach((k, i) => {
    const rec = indicators[i]!;
    rec.key = k;
    const origin = asRead.indicators[i] as unknown as Rec;
    index.set(k, { kind: "indicator", rec, list: indicators, origin, asRead: true, parent: null });
    for (const [kind, field] of VALUE_LISTS) {
      const list = rec[field] as Rec[];
      valueKeys(k, kind, list as { year: number | null }[]).forEach((vk, j) => {
        list[j]!.key = vk;
        index.set(vk, {
          kind,
          rec: list[j]!,
          list,
          origin: (origin[field] as Rec[])[j]!,
          asRead: true,
          parent: k,
        });
      });
    }
  });
  const indicatorAt: (Indicator | null)[] = [...doc.indicators];
  const status = new Map<number, CorrectionStatus>();
  const deleted: DeletedItem[] = [];
  const orphaned: OrphanedCorrection[] = [];
  let corrected = false;
  const orphan = (r: Correction, reason: OrphanReason) => {
    status.set(r.id, "orphaned");
    orphaned.push({
      id: r.id,
      item: r.item,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      author: r.author,
      at: r.at,
      note: r.note,
      reason,
    });
  };
  const noteOf = (r: Correction, field: string, original: unknown): CorrectionNote => ({
    field,
    original,
    author: r.author,
    at: r.at,
    note: r.note,
  });

  // the latest correction of each item's field; the ones before it are replaced
  const latest = new Map<string, Correction>();
  const lastAdded = new Map<string, ItemSnapshot>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const id = `${r.item}\u0000${r.field}`;
    const prev = latest.get(id);
    if (prev) status.set(prev.id, "replaced");
    latest.set(id, r);
    if (r.field === WHOLE_ITEM && r.newValue !== null && validSnapshot(r.newValue))
      lastAdded.set(r.item, r.newValue);
  }
  const effective = [...latest.values()].sort((a, b) => a.id - b.id);
  const depth = (k: string) => k.split("/").length;

  // whole items first, parents before their children: deleted, restored, added
  for (const r of effective
    .filter((c) => c.field === WHOLE_ITEM)
    .sort((a, b) => depth(a.item) - depth(b.item) || a.id - b.id)) {
    const slot = index.get(r.item);
    if (r.newValue === null) {
      if (slot && !slot.deleted) {
        slot.list.splice(slot.list.indexOf(slot.rec), 1);
        slot.deleted = true;
        for (const s of index.values()) if (s.parent === r.item) s.deleted = true;
        const at = indicatorAt.indexOf(slot.rec as unknown as Indicator);
        if (at >= 0) indicatorAt[at] = null;
        deleted.push({
          item: r.item,
          kind: slot.kind,
          original: clean(slot.origin),
          author: r.author,
          at: r.at,
          note: r.note,
        });
        status.set(r.id, "applied");
        corrected = true;
      } else if (!slot && lastAdded.has(r.item)) {
        // an item a person added, then deleted
        const snap = lastAdded.get(r.item)!;
        deleted.push({
          item: r.item,
          kind: snap.kind,
          original: clean(recordOf(snap)),
          author: r.author,
          at: r.at,
          note: r.note,
        });
        status.set(r.id, "applied");
        corrected = true;
      } else orphan(r, slot?.deleted ? "item deleted" : "no such item");
      continue;
    }
    if (slot) {
      // the item is there as read: a deletion was undone
      status.set(r.id, "reverted");
      continue;
    }
    if (!validSnapshot(r.newValue)) {
      orphan(r, "invalid value");
      continue;
    }
    const snap = r.newValue;
    let list: Rec[];
    if (snap.kind === "objective") list = objectives;
    else if (snap.kind === "indicator") list = indicators;
    else {
      const parent = snap.parent === null ? undefined : index.get(snap.parent);
      if (!parent || parent.kind !== "indicator" || parent.deleted) {
        orphan(r, parent?.deleted ? "item deleted" : "no such parent");
        continue;
      }
      list = parent.rec[`${snap.kind}s`] as Rec[];
    }
    const origin = recordOf(snap);
    const rec: Rec = { ...structuredClone(origin), key: r.item, corrections: [noteOf(r, WHOLE_ITEM, null)] };
    list.push(rec);
    index.set(r.item, { kind: snap.kind, rec, list, origin, asRead: false, parent: snap.parent });
    status.set(r.id, "applied");
    corrected = true;
  }

  // then fields, in the order they were corrected
  for (const r of effective) {
    if (r.field === WHOLE_ITEM) continue;
    if (r.item === DOCUMENT_ITEM) {
      if (r.field === "reviewed" && typeof r.newValue === "boolean") {
        doc.reviewed = { reviewed: r.newValue, author: r.author, at: r.at, note: r.note };
        status.set(r.id, "applied");
        corrected = true;
      } else orphan(r, "invalid value");
      continue;
    }
    const slot = index.get(r.item);
    if (!slot || slot.deleted) {
      orphan(r, slot ? "item deleted" : "no such item");
      continue;
    }
    const type = FIELDS[slot.kind][r.field];
    if (!type || !validValue(type, r.newValue)) {
      orphan(r, "invalid value");
      continue;
    }
    const original = slot.origin[r.field] ?? null;
    if (sameValue(r.newValue, original)) {
      status.set(r.id, "reverted");
      continue;
    }
    slot.rec[r.field] = r.newValue;
    const note = noteOf(r, r.field, original);
    // made against another reading than today's (the file was read differently since)
    if (slot.asRead && !sameValue(r.oldValue, original)) note.stale = true;
    (slot.rec.corrections ??= []).push(note);
    status.set(r.id, "applied");
    corrected = true;
  }

  if (deleted.length) doc.deleted = deleted;
  if (orphaned.length) doc.orphanedCorrections = orphaned;
  if (corrected) {
    // years a person gave targets carry targets too
    const years = new Set(doc.years);
    for (const i of doc.indicators) for (const t of i.targets) if (t.year !== null) years.add(t.year);
    doc.years = [...years].sort((a, b) => a - b);
  }
  return { document: doc, indicatorAt, corrected, status };
}

/** The document without the items' keys (exports carry no keys). */
export function withoutKeys<D extends ExportDocument>(doc: D): D {
  for (const o of doc.objectives) delete o.key;
  for (const i of doc.indicators) {
    delete i.key;
    for (const v of i.targets) delete v.key;
    for (const v of i.baselines) delete v.key;
    for (const v of i.results) delete v.key;
  }
  return doc;
}
