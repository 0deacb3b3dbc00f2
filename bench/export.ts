/**
 * `npm run bench:export`: does `allegati export` stream, that is, does its memory stay flat however
 * many documents are stored?
 *
 * A database of `--docs` documents (default 100,000) and one of `--small` (default 10,000) are built
 * in bench/out/export (kept between runs, rebuilt when their parameters change or with `--rebuild`).
 * Their documents are made from a few real fixtures read once by `readDocument` (no OCR): each is a
 * window of `--indicators` indicators (default 8, with their values and objectives) of one fixture,
 * made a document of its own (its own sha256 id and file name, one of twenty issuers, its years moved
 * by 0–7), inserted through `Store.insertDocument` in transactions of a thousand. Pages' text is left
 * out: exports do not read it. A few of the built documents are checked against the export contract.
 *
 * Then `allegati export --format json` and `--format csv` (dist/cli/main.js, as a user runs it) each
 * run in a child process whose stdout the bench reads and discards, counting bytes and lines; its RSS
 * is read from /proc/<pid>/status every 100 ms: the peak, and the RSS at 10 %, 50 % and 90 % of the
 * run, which stay level when the export streams.
 *
 * Usage: npm run bench:export -- [--docs N] [--small N] [--indicators K] [--formats json,csv]
 *   [--rebuild] [--json]
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  exportDocuments,
  openStore,
  readDocument,
  type Indicator,
  type Objective,
  type StoredDocument,
} from "../src/index.js";
import { contractValidator } from "../test/helpers.js";

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const opt = (f: string, d: number) => (args.includes(f) ? Number(args[args.indexOf(f) + 1]) : d);
const json = flag("--json");
// progress on stderr: stdout holds only the table (or the JSON), which bench/run.ts prints with its own
const log = (s: string) => process.stderr.write(s + "\n");

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const OUT = join(ROOT, "bench", "out", "export");
const FIXTURES = [
  "cciaa-fe-ra-allegato4-2021.pdf",
  "cciaa-ferrara-piano-2017.pdf",
  "cciaa-riviere-liguria-relazione-2023.pdf",
  "cruscotto-strategico-2022-2027.pdf",
];
const ISSUERS = [
  "Agrigento",
  "Bari",
  "Bologna",
  "Cagliari",
  "Como-Lecco",
  "Cuneo",
  "Ferrara e Ravenna",
  "Firenze",
  "Genova",
  "Milano Monza Brianza Lodi",
  "Napoli",
  "Padova",
  "Palermo Enna",
  "Perugia",
  "Riviere di Liguria",
  "Roma",
  "Torino",
  "Trento",
  "Venezia Giulia",
  "Verona",
].map((c) => `Camera di commercio di ${c}`);

const docs = opt("--docs", 100_000);
const small = opt("--small", 10_000);
const perDoc = opt("--indicators", 8);
const formats = args.includes("--formats")
  ? args[args.indexOf("--formats") + 1]!.split(",")
  : ["json", "csv"];
const BATCH = 1000;

/** The fixtures as read, once per bench/out (reading them is the slow part, and it does not vary). */
async function templates(): Promise<StoredDocument[]> {
  const cache = join(OUT, "templates.json");
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8")) as StoredDocument[];
  const out: StoredDocument[] = [];
  for (const f of FIXTURES) out.push(await readDocument(join(ROOT, "fixtures", f), { ocr: "never" }));
  writeFileSync(cache, JSON.stringify(out));
  return out;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const moveYear = (y: number | null, by: number) => (y === null ? null : y + by);

/**
 * Document `n`: a window of `k` indicators of one template (with the objectives they and their
 * parents name), under its own id, file name and issuer, its years moved by 0–7.
 */
function variant(t: StoredDocument, n: number, k: number): StoredDocument {
  const by = n % 8;
  const from = (n * k) % Math.max(1, t.indicators.length - k + 1);
  const indicators: Indicator[] = t.indicators.slice(from, from + k).map((i) => ({
    ...i,
    targets: i.targets.map((v) => ({ ...v, year: moveYear(v.year, by) })),
    baselines: i.baselines.map((v) => ({ ...v, year: moveYear(v.year, by) })),
    results: i.results.map((v) => ({ ...v, year: moveYear(v.year, by) })),
  }));
  const codes = new Set(indicators.map((i) => i.objectiveCode).filter((c) => c !== null));
  for (const o of t.objectives) if (o.code && codes.has(o.code) && o.parentCode) codes.add(o.parentCode);
  const objectives: Objective[] = t.objectives.filter((o) => o.code !== null && codes.has(o.code));
  return {
    ...t,
    id: sha256(`allegati bench export ${n}`),
    file: `${t.file.replace(/\.pdf$/, "")}-${String(n).padStart(6, "0")}.pdf`,
    path: null,
    issuer: ISSUERS[n % ISSUERS.length]!,
    years: t.years.map((y) => y + by),
    objectives,
    indicators,
    pageInfo: [],
  };
}

interface Built {
  docs: number;
  indicators: number;
  values: number;
  dbMb: number;
  buildSeconds: number | null;
}

/** The database of `n` documents, built unless bench/out already holds it with these parameters. */
async function build(n: number): Promise<{ db: string; built: Built }> {
  const db = join(OUT, `export-${n}.db`);
  const metaFile = `${db}.meta.json`;
  const key = JSON.stringify({ n, perDoc, FIXTURES, version: 1 });
  if (!flag("--rebuild") && existsSync(db) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as { key: string; built: Built };
    if (meta.key === key) return { db, built: { ...meta.built, buildSeconds: null } };
  }
  for (const f of [db, `${db}-wal`, `${db}-shm`, metaFile]) rmSync(f, { force: true });
  const ts = await templates();
  const t0 = performance.now();
  const store = openStore(db);
  let indicators = 0;
  let values = 0;
  try {
    for (let start = 0; start < n; start += BATCH) {
      store.writeTransaction(() => {
        for (let i = start; i < Math.min(n, start + BATCH); i++) {
          const d = variant(ts[i % ts.length]!, i, perDoc);
          store.insertDocument(d);
          indicators += d.indicators.length;
          for (const x of d.indicators) values += x.targets.length + x.baselines.length + x.results.length;
        }
      });
      if ((start / BATCH) % 10 === 9)
        log(`  built ${(start + BATCH).toLocaleString("en")} of ${n.toLocaleString("en")}`);
    }
    // what the export will print is the contract's: a few documents checked, from the store
    const validate = contractValidator();
    let checked = 0;
    for (const d of exportDocuments(store)) {
      if (!validate({ version: 1, documents: [d] }))
        throw new Error(`document ${d.file} breaks the export contract: ${JSON.stringify(validate.errors)}`);
      if (++checked === ts.length * 2) break;
    }
  } finally {
    store.close();
  }
  const { size } = await import("node:fs").then((fs) => fs.statSync(db));
  const built: Built = {
    docs: n,
    indicators,
    values,
    dbMb: size / 2 ** 20,
    buildSeconds: (performance.now() - t0) / 1000,
  };
  writeFileSync(metaFile, JSON.stringify({ key, built }));
  return { db, built };
}

interface ExportRun {
  format: string;
  docs: number;
  seconds: number;
  bytes: number;
  lines: number;
  peakMb: number;
  /** RSS at 10 %, 50 % and 90 % of the run */
  rssMb: [number, number, number];
  samples: number;
}

/** `allegati export` in a child process: its output counted and dropped, its RSS sampled from /proc. */
function runExport(db: string, format: string, n: number): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [CLI, "export", "--format", format, "--db", db], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let bytes = 0;
    let lines = 0;
    child.stdout.on("data", (b: Buffer) => {
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    let err = "";
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    const samples: { at: number; kb: number }[] = [];
    let hwmKb = 0;
    const sample = () => {
      try {
        const s = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const rss = /VmRSS:\s+(\d+)/.exec(s);
        const hwm = /VmHWM:\s+(\d+)/.exec(s);
        if (rss) samples.push({ at: performance.now() - t, kb: Number(rss[1]) });
        if (hwm) hwmKb = Math.max(hwmKb, Number(hwm[1]));
      } catch {
        // gone
      }
    };
    const poll = setInterval(sample, 100);
    child.on("close", (code) => {
      clearInterval(poll);
      const ms = performance.now() - t;
      if (code !== 0)
        return reject(new Error(`export --format ${format} exited ${code}: ${err.slice(0, 300)}`));
      if (!samples.length) return reject(new Error("no RSS sample (no /proc?)"));
      const at = (f: number) =>
        samples.reduce((a, b) => (Math.abs(b.at - f * ms) < Math.abs(a.at - f * ms) ? b : a)).kb / 1024;
      resolve({
        format,
        docs: n,
        seconds: ms / 1000,
        bytes,
        lines,
        peakMb: Math.max(hwmKb, ...samples.map((s) => s.kb)) / 1024,
        rssMb: [at(0.1), at(0.5), at(0.9)],
        samples: samples.length,
      });
    });
  });
}

mkdirSync(OUT, { recursive: true });
if (!existsSync(CLI)) throw new Error(`no ${CLI}: run npm run build first (npm run bench:export does)`);
const sizes = [...new Set([small, docs])].filter((x) => x > 0).sort((a, b) => a - b);
const builds: Built[] = [];
const runs: ExportRun[] = [];
for (const n of sizes) {
  log(`database of ${n.toLocaleString("en")} documents (${perDoc} indicators each)…`);
  const { db, built } = await build(n);
  builds.push(built);
  for (const f of formats) {
    log(`  export --format ${f}…`);
    runs.push(await runExport(db, f, n));
  }
}

if (json) console.log(JSON.stringify({ indicatorsPerDocument: perDoc, builds, runs }, null, 2));
else {
  const n = (x: number) => x.toLocaleString("en");
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  for (const b of builds)
    console.log(
      `${n(b.docs)} documents: ${n(b.indicators)} indicators, ${n(b.values)} values, database ${mb(b.dbMb)}` +
        (b.buildSeconds === null ? " (built before)" : `, built in ${b.buildSeconds.toFixed(0)} s`),
    );
  console.log(
    `\n${"export".padEnd(24)} ${"seconds".padStart(8)} ${"docs/s".padStart(8)} ${"rows/s".padStart(9)} ` +
      `${"output".padStart(9)} ${"MB/s".padStart(6)} ${"peak RSS".padStart(9)} ${"RSS at 10/50/90 %".padStart(20)}`,
  );
  for (const r of runs) {
    // CSV: a line per row, the header's excepted
    const rows = r.format === "csv" ? `${n(Math.round((r.lines - 1) / r.seconds))}` : "";
    console.log(
      `${`${r.format}, ${n(r.docs)} documents`.padEnd(24)} ${r.seconds.toFixed(1).padStart(8)} ` +
        `${n(Math.round(r.docs / r.seconds)).padStart(8)} ${rows.padStart(9)} ${mb(r.bytes / 2 ** 20).padStart(9)} ` +
        `${(r.bytes / 2 ** 20 / r.seconds).toFixed(1).padStart(6)} ${mb(r.peakMb).padStart(9)} ` +
        `${r.rssMb
          .map((x) => x.toFixed(0))
          .join(" / ")
          .padStart(17)} MB`,
    );
  }
}
