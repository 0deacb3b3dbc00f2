/**
 * The export of every born-digital fixture, compared byte for byte with the committed snapshot in
 * test/snapshots/export/ (the two scans are left out: OCR is slow). A change in what is read shows
 * here as a diff of the snapshot; when the change is wanted, regenerate them with
 *
 *     ALLEGATI_UPDATE_SNAPSHOTS=1 npx vitest run test/snapshots
 *
 * and commit the new files with the change. Nothing in an export depends on time (ingest times
 * are not exported), so the files are compared whole.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { ingest, openStore, writeExport } from "../../src/index.js";
import { ROOT, tempDir } from "../helpers.js";

const BORN_DIGITAL = [
  "cciaa-fe-ra-allegato4-2021.pdf",
  "cciaa-ferrara-piano-2017.pdf",
  "cciaa-riviere-liguria-relazione-2023.pdf",
  "cruscotto-strategico-2021-2026.pdf",
  "cruscotto-strategico-2021-2026.pdf.p7m",
  "cruscotto-strategico-2021-2026-b64.pdf.p7m",
  "cruscotto-strategico-2022-2027.pdf",
];
const DIR = join(ROOT, "test", "snapshots", "export");
const update = process.env.ALLEGATI_UPDATE_SNAPSHOTS === "1";

class Text extends Writable {
  text = "";
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString("utf8");
    done();
  }
}

const t = tempDir("allegati-snapshot-");
afterAll(() => t.cleanup());

describe("export snapshots of the born-digital fixtures", async () => {
  const store = openStore(join(t.dir, "snap.db"));
  const summary = await ingest(
    store,
    BORN_DIGITAL.map((f) => join(ROOT, "fixtures", f)),
    { workers: 0 },
  );
  afterAll(() => store.close());

  it("reads every fixture", () => {
    expect(summary.events.map((e) => `${e.file}: ${e.outcome}`)).toEqual(
      BORN_DIGITAL.map((f) => `${f}: loaded`),
    );
  });

  it.each(BORN_DIGITAL)("%s", async (file) => {
    const id = summary.events.find((e) => e.file === file)!.id!;
    const out = new Text();
    await writeExport(store, out, { ids: [id] });
    const path = join(DIR, `${file}.json`);
    if (update) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, out.text);
      return;
    }
    expect(existsSync(path), `${path} is missing: run with ALLEGATI_UPDATE_SNAPSHOTS=1`).toBe(true);
    // compared whole: a failure shows the first lines that differ
    expect(out.text).toBe(readFileSync(path, "utf8"));
  });
});
