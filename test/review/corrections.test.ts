/**
 * Corrections through the library: stored apart, applied on every read (getDocument, export, diff,
 * history), kept across a replaced document (what `ingest --force` does), orphaned when their item
 * is gone, reverted by setting a field back.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  addItem,
  corrections,
  correct,
  deleteItem,
  diff,
  documentPdf,
  getDocument,
  history,
  ingest,
  originalsDir,
  openStore,
  restoreItem,
  review,
  reviewDocument,
  listDocuments,
  UsageError,
  writeExport,
} from "../../src/index.js";
import { Store } from "../../src/load/index.js";
import { contractValidator, ROOT, sampleDocument, tempDir } from "../helpers.js";

const t = tempDir("allegati-corrections-");
afterAll(() => t.cleanup());
let n = 0;
function fresh(): Store {
  const s = openStore(join(t.dir, `c${n++}.db`));
  s.insertDocument(sampleDocument());
  return s;
}
const IND = "ind:C1.1_04";
const T2024 = `${IND}/target:2024`;

class Text extends Writable {
  text = "";
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString("utf8");
    done();
  }
}

describe("corrections", () => {
  it("keys every record by what was read, counting repeats in order", () => {
    const s = fresh();
    const r = reviewDocument(s, "piano.pdf");
    const ind = r.document.indicators[0]!;
    expect(r.document.objectives.map((o) => o.key)).toEqual(["obj:A01", "obj:A01.01"]);
    expect(ind.key).toBe(IND);
    // two targets of 2025: the struck one, then the current one
    expect(ind.targets.map((x) => x.key)).toEqual([T2024, `${IND}/target:2025`, `${IND}/target:2025#2`]);
    expect(ind.baselines[0]!.key).toBe(`${IND}/baseline:2022`);
    // the superseded target and the values read without a box come first, in the document's order
    expect(r.queue.slice(0, 3).map((x) => [x.key, x.reasons])).toEqual([
      [`${IND}/target:2025`, ["superseded"]],
      [`${IND}/target:2025#2`, ["noBox"]],
      [`${IND}/result:2024`, ["noBox"]],
    ]);
    expect(r.flagged).toBe(3);
    expect(r.queue).toHaveLength(2 + 1 + 1 + 3 + 1);
    s.close();
  });

  it("applies a value's printed text as the pipeline reads it, with the original kept, in export too", async () => {
    const s = fresh();
    const stored = correct(s, "piano.pdf", T2024, { text: "≥ 80,5 %" }, { author: "anna", note: "misread" });
    expect(stored.map((c) => c.field).sort()).toEqual(["raw", "value"]);
    const d = getDocument(s, "piano.pdf");
    const tgt = d.indicators[0]!.targets[0]!;
    expect([tgt.op, tgt.value, tgt.unit, tgt.raw]).toEqual([">=", 80.5, "%", "≥ 80,5 %"]);
    const note = { author: "anna", at: expect.any(String), note: "misread" };
    expect(tgt.corrections).toEqual(
      stored.map((c) => ({ field: c.field, original: { raw: ">= 75,00 %", value: 75 }[c.field], ...note })),
    );
    expect(getDocument(s, "piano.pdf", { asRead: true }).indicators[0]!.targets[0]!.value).toBe(75);
    const out = new Text();
    await writeExport(s, out);
    const json = JSON.parse(out.text);
    expect(json.documents[0].indicators[0].targets[0].value).toBe(80.5);
    expect(json.documents[0].indicators[0].targets[0].key).toBeUndefined();
    const validate = contractValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const csv = new Text();
    await writeExport(s, csv, { format: "csv" });
    // the corrected row says which fields a person corrected, and what was read
    expect(csv.text).toContain(
      ',80.5,,%,"≥ 80,5 %",false,,1,400 70 440 80,,,raw value,"{""raw"":"">= 75,00 %"",""value"":75}"',
    );
    s.close();
  });

  it("drops fields that would not change, and a field set back to what was read is a revert", () => {
    const s = fresh();
    expect(correct(s, "piano.pdf", T2024, { value: 75, unit: "%" })).toEqual([]);
    correct(s, "piano.pdf", IND, { name: "Rispetto dei tempi" });
    expect(getDocument(s, "piano.pdf").indicators[0]!.name).toBe("Rispetto dei tempi");
    correct(s, "piano.pdf", IND, { name: "Rispetto dei tempi di evasione" });
    const d = getDocument(s, "piano.pdf");
    expect(d.indicators[0]!.name).toBe("Rispetto dei tempi di evasione");
    expect(d.indicators[0]!.corrections).toBeUndefined();
    expect(corrections(s, "piano.pdf").map((c) => c.status)).toEqual(["replaced", "reverted"]);
    s.close();
  });

  it("refuses unknown items and fields and values a field cannot hold", () => {
    const s = fresh();
    expect(() => correct(s, "piano.pdf", "ind:NOPE", { name: "x" })).toThrow(UsageError);
    expect(() => correct(s, "piano.pdf", IND, { colour: "x" })).toThrow(/no field 'colour'/);
    expect(() => correct(s, "piano.pdf", T2024, { op: "≈" })).toThrow(UsageError);
    expect(() => correct(s, "piano.pdf", T2024, { year: 20 })).toThrow(UsageError);
    expect(() => correct(s, "piano.pdf", IND, { name: "" })).toThrow(UsageError);
    s.close();
    const ro = openStore(join(t.dir, `c${n - 1}.db`), { readonly: true });
    expect(() => correct(ro, "piano.pdf", IND, { name: "x" })).toThrow(/read-only/);
    ro.close();
  });

  it("adds and deletes items, keeps what was deleted, and restores it", () => {
    const s = fresh();
    const { key } = addItem(
      s,
      "piano.pdf",
      { kind: "target", parent: IND, fields: { text: "≥ 90%", year: 2026 } },
      { author: "anna" },
    );
    expect(key).toMatch(/^ind:C1\.1_04\/target:\+[0-9a-f]{8}$/);
    const added = getDocument(s, "piano.pdf").indicators[0]!.targets[3]!;
    expect([added.year, added.op, added.value, added.unit, added.superseded]).toEqual([
      2026,
      ">=",
      90,
      "%",
      false,
    ]);
    expect(added.corrections![0]!.field).toBe("*");
    expect(getDocument(s, "piano.pdf").years).toContain(2026);
    const ind = addItem(s, "piano.pdf", {
      kind: "indicator",
      fields: { name: "Nuovo indicatore", code: "X1" },
    });
    addItem(s, "piano.pdf", { kind: "target", parent: ind.key, fields: { text: "100%", year: 2024 } });
    expect(getDocument(s, "piano.pdf").indicators[1]!.targets[0]!.value).toBe(100);
    deleteItem(s, "piano.pdf", IND, { note: "not an indicator" });
    let d = getDocument(s, "piano.pdf");
    expect(d.indicators.map((i) => i.name)).toEqual(["Nuovo indicatore"]);
    expect(d.deleted![0]).toMatchObject({ item: IND, kind: "indicator", note: "not an indicator" });
    expect((d.deleted![0]!.original as { name: string }).name).toBe("Rispetto dei tempi di evasione");
    // the target added to the deleted indicator goes with it, and is not lost
    expect(() => correct(s, "piano.pdf", key, { value: 91 })).toThrow(UsageError);
    restoreItem(s, "piano.pdf", IND);
    d = getDocument(s, "piano.pdf");
    expect(d.indicators.map((i) => i.name)).toEqual(["Rispetto dei tempi di evasione", "Nuovo indicatore"]);
    expect(d.indicators[0]!.targets).toHaveLength(4);
    expect(d.deleted).toBeUndefined();
    s.close();
  });

  it("survives the document being replaced, and shows a correction whose item is gone as orphaned", () => {
    const s = fresh();
    correct(s, "piano.pdf", T2024, { value: 80 });
    review(s, "piano.pdf", { author: "anna", note: "checked" });
    // what ingest --force does: the same file read again, replacing the rows
    s.insertDocument(sampleDocument(), { replace: true });
    let d = getDocument(s, "piano.pdf");
    expect(d.indicators[0]!.targets[0]!.value).toBe(80);
    expect(d.reviewed).toMatchObject({ reviewed: true, author: "anna", note: "checked" });
    // read differently: the indicator now has another code, so the correction's item is gone
    const other = sampleDocument();
    other.indicators[0]!.code = "C9";
    s.insertDocument(other, { replace: true });
    d = getDocument(s, "piano.pdf");
    expect(d.indicators[0]!.targets[0]!.value).toBe(75);
    expect(d.orphanedCorrections).toEqual([
      expect.objectContaining({ item: T2024, field: "value", newValue: 80, reason: "no such item" }),
    ]);
    expect(corrections(s).map((c) => c.status)).toEqual(["orphaned", "applied"]);
    s.close();
  });

  it("marks a correction stale when the reading changed under it", () => {
    const s = fresh();
    correct(s, "piano.pdf", T2024, { value: 80 });
    const other = sampleDocument();
    other.indicators[0]!.targets[0]!.value = 76;
    s.insertDocument(other, { replace: true });
    const tg = getDocument(s, "piano.pdf").indicators[0]!.targets[0]!;
    expect(tg.value).toBe(80);
    expect(tg.corrections![0]).toMatchObject({ field: "value", original: 76, stale: true });
    s.close();
  });

  it("lists documents with their sign-off and corrections, filtered in SQL", () => {
    const s = fresh();
    s.insertDocument(
      sampleDocument({ id: "b".repeat(64), file: "relazione.pdf", kind: "report", issuer: "Altro ente" }),
    );
    review(s, "piano.pdf");
    correct(s, "relazione.pdf", T2024, { value: 1 });
    const all = listDocuments(s);
    expect(all.total).toBe(2);
    expect(
      all.documents.map((d) => [d.file, d.reviewed, d.corrections, d.flagged, d.targets, d.integrity]),
    ).toEqual([
      ["piano.pdf", true, 0, 3, 3, "valid"],
      ["relazione.pdf", null, 1, 3, 3, "valid"],
    ]);
    expect(listDocuments(s, { status: "reviewed" }).documents.map((d) => d.file)).toEqual(["piano.pdf"]);
    expect(listDocuments(s, { status: "unreviewed" }).documents.map((d) => d.file)).toEqual([
      "relazione.pdf",
    ]);
    expect(listDocuments(s, { status: "corrected" }).documents.map((d) => d.file)).toEqual(["relazione.pdf"]);
    expect(listDocuments(s, { kind: "report" }).total).toBe(1);
    expect(listDocuments(s, { q: "evasion" }).total).toBe(2);
    expect(listDocuments(s, { q: "altro" }).documents.map((d) => d.file)).toEqual(["relazione.pdf"]);
    expect(listDocuments(s, { q: '"NEAR(' }).total).toBe(0);
    expect(listDocuments(s, { limit: 1, offset: 1 }).documents.map((d) => d.file)).toEqual(["relazione.pdf"]);
    s.close();
  });
});

describe("corrections on real documents", () => {
  const A = join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf");
  const B = join(ROOT, "fixtures", "cruscotto-strategico-2022-2027.pdf");

  it("are seen by diff and history, survive ingest --force, and the files are kept by sha256", async () => {
    const s = openStore(join(t.dir, "real", "x.db"));
    await ingest(s, [A, B], { workers: 0 });
    const before = diff(s, "cruscotto-strategico-2021-2026.pdf", "cruscotto-strategico-2022-2027.pdf", {
      onlyChanged: true,
    });
    const change = before.targets[0]!;
    // the later edition's target of that year, by its key
    const later = reviewDocument(s, "cruscotto-strategico-2022-2027.pdf");
    const ind = later.document.indicators.find((i) => i.name === change.indicator)!;
    const tg = ind.targets.find((x) => x.year === change.year && !x.superseded)!;
    correct(s, "cruscotto-strategico-2022-2027.pdf", tg.key!, { text: change.from.raw }, { author: "anna" });
    const after = diff(s, "cruscotto-strategico-2021-2026.pdf", "cruscotto-strategico-2022-2027.pdf");
    const same = after.targets.find((x) => x.indicator === change.indicator && x.year === change.year)!;
    expect(same.change).toBe("unchanged");
    expect(same.to.value).toBe(change.from.value);
    const h = history(s, ind.code ?? ind.name);
    const entry = h.find((e) => e.file === "cruscotto-strategico-2022-2027.pdf")!;
    expect(
      entry.values.find((v) => v.kind === "target" && v.year === change.year && !v.superseded)!.value,
    ).toBe(change.from.value);
    // a deleted indicator is linked to nothing: it is no longer in the diff's links
    deleteItem(
      s,
      "cruscotto-strategico-2021-2026.pdf",
      reviewDocument(s, "cruscotto-strategico-2021-2026.pdf").document.indicators[0]!.key!,
    );
    const d3 = diff(s, "cruscotto-strategico-2021-2026.pdf", "cruscotto-strategico-2022-2027.pdf");
    expect(d3.links).toHaveLength(after.links.length - 1);

    // read again, replaced: the corrections hold
    const again = await ingest(s, [B], { workers: 0, force: true });
    expect(again.loaded).toBe(1);
    const re = getDocument(s, "cruscotto-strategico-2022-2027.pdf");
    const tg2 = re.indicators
      .find((i) => i.name === change.indicator)!
      .targets.find((x) => x.year === change.year && !x.superseded)!;
    expect(tg2.value).toBe(change.from.value);
    expect(tg2.corrections!.map((c) => c.original)).toContain(change.to.value);
    expect(re.orphanedCorrections).toBeUndefined();

    // the file as given is kept under its sha256, and its PDF is served from there
    const id = re.id;
    expect(existsSync(join(originalsDir(s)!, id.slice(0, 2), id))).toBe(true);
    const pdf = await documentPdf(s, id);
    expect(Buffer.from(pdf!.data).equals(readFileSync(B))).toBe(true);
    s.close();
  });

  it("keeps no file with keep: false, and unwraps a kept signed envelope", async () => {
    const s = openStore(join(t.dir, "nokeep", "x.db"));
    await ingest(s, [A], { workers: 0, keep: false });
    expect(await documentPdf(s, "cruscotto-strategico-2021-2026.pdf")).toBeNull();
    // an ingest that skips the stored file keeps it then
    await ingest(s, [A], { workers: 0 });
    expect((await documentPdf(s, "cruscotto-strategico-2021-2026.pdf"))!.data.length).toBe(
      readFileSync(A).length,
    );
    await ingest(s, [join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf.p7m")], { workers: 0 });
    const pdf = await documentPdf(s, "cruscotto-strategico-2021-2026.pdf.p7m");
    expect(Buffer.from(pdf!.data.subarray(0, 5)).toString()).toBe("%PDF-");
    s.close();
  });
});
