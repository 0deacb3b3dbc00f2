/** Shared test helpers: temp dirs, the contract validator, a sample document. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { StoredDocument } from "../src/model/index.js";

export const ROOT = join(import.meta.dirname, "..");
export const SHARED = join(ROOT, "..", "shared");

export function tempDir(prefix = "allegati-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The export contract as an ajv validator (draft 2020-12, formats checked). */
export function contractValidator() {
  const schema = JSON.parse(readFileSync(join(SHARED, "contract", "export.schema.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(schema);
}

export function sampleDocument(over: Partial<StoredDocument> = {}): StoredDocument {
  return {
    id: "a".repeat(64),
    file: "piano.pdf",
    path: "/tmp/piano.pdf",
    kind: "plan",
    issuer: "Camera di commercio di Prova",
    title: "Piano della performance 2024-2026",
    act: { type: "determinazione", number: "12", date: "2024-01-31" },
    years: [2024, 2025],
    pages: 2,
    ocrPages: 0,
    signatures: [
      { format: "PAdES", signer: "Mario Rossi", signedAt: "2024-02-01T10:00:00Z", integrity: "valid" },
    ],
    signatories: ["Il Segretario generale Mario Rossi"],
    objectives: [
      {
        code: "A01",
        title: "Favorire la transizione digitale",
        level: "strategic",
        parentCode: null,
        weight: 20,
        owner: null,
        source: { page: 1, bbox: [10, 10, 200, 30] },
      },
      {
        code: "A01.01",
        title: "Aumentare le imprese informate",
        level: "operational",
        parentCode: "A01",
        weight: null,
        owner: "Servizio X",
        source: { page: 1, bbox: [10, 40, 200, 60] },
      },
    ],
    indicators: [
      {
        code: "C1.1_04",
        name: "Rispetto dei tempi di evasione",
        description: null,
        objectiveCode: "A01.01",
        formula: "N_Prot_C1.1_5gg / N_Prot",
        weight: 10,
        owner: null,
        baselines: [
          { year: 2022, value: null, unit: null, raw: "N/D", source: { page: 1, bbox: [300, 70, 340, 80] } },
        ],
        targets: [
          {
            year: 2024,
            op: ">=",
            value: 75,
            unit: "%",
            raw: ">= 75,00 %",
            relative: null,
            superseded: false,
            source: { page: 1, bbox: [400, 70, 440, 80] },
          },
          {
            year: 2025,
            op: ">=",
            value: 70,
            unit: "%",
            raw: ">= 70 %",
            relative: null,
            superseded: true,
            source: { page: 1, bbox: [450, 70, 490, 80] },
          },
          {
            year: 2025,
            op: "<=",
            value: "2025-12-31",
            unit: "date",
            raw: "entro il 31/12/2025",
            relative: null,
            superseded: false,
          },
        ],
        results: [{ year: 2024, value: 80, unit: "%", raw: "80 %", achievementPct: 100 }],
        notes: ["Nota 1 Fonte: Kronos"],
        source: { page: 1, bbox: [20, 70, 200, 80] },
      },
    ],
    profile: "generic",
    producer: "test",
    warnings: [],
    pageInfo: [
      { page: 1, width: 842, height: 595, ocr: false, text: "Piano" },
      { page: 2, width: 842, height: 595, ocr: false, text: "" },
    ],
    ...over,
  };
}

/** Runs the CLI from source, as a user would run the built one. */
export function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The newest modification time of the files under `dir`, in ms (0 when there is none). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  return t;
}

/**
 * The built CLI (`dist/cli/main.js`), built first when it is missing or older than a source file
 * (CI builds it in `npm ci`). Tests that measure a batch's memory run it: under tsx every thread
 * (the batch's and each parse worker's) gets a loader thread of its own that compiles the sources
 * again, about 300 MB each, which the built CLI does not have.
 */
export function builtCli(): string {
  const main = join(ROOT, "dist", "cli", "main.js");
  const fresh = () => {
    try {
      return statSync(main).mtimeMs >= newest(join(ROOT, "src"));
    } catch {
      return false;
    }
  };
  if (fresh()) return main;
  // one build at a time: test files run in parallel
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const lock = join(ROOT, "dist", ".building");
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} held for 5 minutes: remove it`);
      spawnSync("sleep", ["1"]);
    }
  }
  try {
    if (!fresh()) {
      const r = spawnSync(
        process.execPath,
        [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: ROOT,
          encoding: "utf8",
        },
      );
      if (r.status !== 0) throw new Error(`building dist failed:\n${r.stdout}${r.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return main;
}

/**
 * Whether tests that drop from root to nobody (so that permissions hold) can run here: nobody must
 * reach the checkout and node (a clone in a folder only root may enter, as `mktemp -d` makes, cannot).
 * Null when they can (or when not root), else the reason, for the skip message.
 */
export function nobodyCannotRun(): string | null {
  if (process.getuid?.() !== 0) return null;
  for (const start of [ROOT, dirname(process.execPath)]) {
    let dir = start;
    for (;;) {
      if ((statSync(dir).mode & 0o001) === 0) return `${dir} cannot be entered by nobody`;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return null;
}
