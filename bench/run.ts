/**
 * `npm run bench`: one run, same machine, same files.
 *
 * Born-digital: a corpus of copies of the born-digital fixtures (each copy made unique by a trailing
 * PDF comment, so none is skipped as already stored) read by poppler's `pdftotext -layout` (the speed
 * limit), by pdf.js's bare parsing (getTextContent and getOperatorList of every page: the ceiling of
 * this stack) and ingested by allegati (`dist/cli/main.js ingest`, a child process each, into a fresh
 * database) with one worker and with one per core; beside them, two independent one-worker ingests of
 * half the corpus each at the same time, which is as much as this machine can scale this work.
 * The same two, pinned to one core with taskset (V8 compiles and collects garbage on helper threads,
 * so one thread is not one core), give the ratio on one core; they run `--rounds` times, interleaved,
 * each row keeps its fastest round, and the one-core figure is the median of the rounds' ratios. A 500-page document (fixture pages joined by qpdf) gives the peak memory of one long document.
 * Scans: the scanned fixture read by allegati's OCR, beside Debian's `tesseract` CLI on the same pages
 * rendered at the same 300 dpi by pdftoppm; `--long-scan` adds the peak memory of a 50-page scan.
 * Linking: two synthetic editions of `--link-n` indicators (default 10,000) linked by the link step
 * in a child process of its own (bench/link.ts), its time and peak memory, with mixed names and with
 * names that are all alike; `--link-only` runs just that.
 *
 * Shapes (built at bench time in bench/out, not committed): long documents joined by qpdf (a Calc plan
 * whose table runs onto its second page, joined 280 times; the same plan's first page and then its
 * second page 559 times, one table of 560 pages; the cruscotto fixture joined 125 times), each
 * ingested with 1 and 2 workers for its peak RSS; dense pages (the variety corpus's Calc and Writer
 * tables, cycled to 100+ pages) read pinned to one core by pdf.js bare, allegati, pdfplumber (in a
 * venv made in bench/out/venv) and pdftotext, in interleaved rounds.
 *
 * Export: `allegati export` of 100,000 and 10,000 stored documents, JSON and CSV, its time and RSS over
 * the run (bench/export.ts, `npm run bench:export`, which has its own options).
 *
 * Usage: npm run bench -- [--copies N (default 40)] [--rounds N (default 3)] [--no-ocr] [--long-scan]
 *   [--link-n N] [--link-only] [--only corpus,long,dense,ocr,link,export] [--json]
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pdfjs, PDFJS_OPTIONS } from "../src/extract/pdfjs.js";

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const opt = (f: string, d: number) => (args.includes(f) ? Number(args[args.indexOf(f) + 1]) : d);
const json = flag("--json");
const copies = opt("--copies", 40);
const rounds = Math.max(1, opt("--rounds", 3));
const ROOT = join(import.meta.dirname, "..");
const FIX = join(ROOT, "fixtures");
const CLI = join(ROOT, "dist", "cli", "main.js");
const cores = availableParallelism();
const log = (s: string) => (json ? process.stderr : process.stdout).write(s + "\n");
const linkN = opt("--link-n", 10_000);
const SECTIONS = ["corpus", "long", "dense", "ocr", "link", "export"] as const;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1]!.split(",") : [...SECTIONS];
const section = (s: (typeof SECTIONS)[number]) => only.includes(s);
const OUT = join(ROOT, "bench", "out");

interface LinkRun {
  name: string;
  indicators: number;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  links: number;
  precision: number;
  recall: number;
  warnings: string[];
}

/**
 * Linking two synthetic editions of `n` indicators: the database is made by one child, linked by
 * another (so its peak memory is linking's), both through tsx from the sources.
 */
function linkBench(dir: string): LinkRun[] {
  const out: LinkRun[] = [];
  const child = (args: string[]) =>
    execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "link.ts"), ...args], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
  for (const [name, phrases] of [
    ["mixed names (3 in 10 numbered phrases)", 0.3],
    ["names all alike (numbered phrases)", 1],
  ] as const) {
    const db = join(dir, `link-${phrases}.db`);
    child(["--make", db, String(linkN), String(phrases)]);
    const r = JSON.parse(child(["--link", db]).trim().split("\n").pop()!) as Omit<
      LinkRun,
      "name" | "indicators"
    >;
    out.push({ name, indicators: linkN, ...r });
  }
  return out;
}

function printLinks(runs: LinkRun[]): void {
  const n = (x: number) => x.toLocaleString("en");
  for (const r of runs)
    console.log(
      `linking 2 × ${n(r.indicators)} indicators, ${r.name}: ${r.seconds.toFixed(1)} s ` +
        `(${r.cpuSeconds.toFixed(1)} s CPU), peak RSS ${r.peakMb.toFixed(0)} MB, ${n(r.links)} links, ` +
        `P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)}${r.warnings.length ? `; ${r.warnings.join("; ")}` : ""}`,
    );
}

if (flag("--link-only")) {
  const dir = mkdtempSync(join(tmpdir(), "allegati-bench-link-"));
  try {
    const runs = linkBench(dir);
    if (json) console.log(JSON.stringify({ linking: runs }, null, 2));
    else printLinks(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

function have(cmd: string, args: string[], pkg: string): boolean {
  if (spawnSync(cmd, args).status === 0) return true;
  spawnSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "ignore" });
  return spawnSync(cmd, args).status === 0;
}

async function pageCount(f: string): Promise<number> {
  const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(readFileSync(f)) }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

interface Run {
  seconds: number;
  peakMb: number | null;
  pages: number;
  /** the batch's per-stage milliseconds, from the summary */
  timings?: Record<string, number>;
  /** the batch's own duration (from the summary): the process's start and module loading excluded */
  innerSeconds?: number;
}

/** `allegati ingest` in a child process: wall time, and its peak RSS read from /proc while it runs. */
function ingest(
  inputs: string[],
  db: string,
  extra: string[],
  wrap: (cmd: string[]) => string[] = (c) => c,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const [cmd, ...rest] = wrap([process.execPath, CLI, "ingest", ...inputs, "--db", db, "--json", ...extra]);
    const child = spawn(cmd!, rest, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    let peakKb: number | null = null;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
      } catch {
        // gone, or no /proc here
      }
    }, 50);
    child.on("exit", (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - t) / 1000;
      try {
        const s = JSON.parse(out) as {
          pages: number;
          failed: number;
          peakRssMb?: number;
          timings?: Record<string, number>;
          durationMs?: number;
        };
        if (code !== 0 || s.failed) return reject(new Error(`ingest exited ${code}: ${out.slice(0, 300)}`));
        // the process's own account of its peak (under taskset the child's pid is not node's at first)
        resolve({
          seconds,
          peakMb: s.peakRssMb ?? (peakKb === null ? null : peakKb / 1024),
          pages: s.pages,
          timings: s.timings,
          innerSeconds: s.durationMs === undefined ? undefined : s.durationMs / 1000,
        });
      } catch {
        reject(new Error(`ingest exited ${code} without a summary`));
      }
    });
  });
}

/** pdf.js's bare parsing of files: getOperatorList and getTextContent of each page. */
async function bareParse(paths: string[]): Promise<void> {
  for (const f of paths) {
    const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(readFileSync(f)) }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      await page.getTextContent();
      page.cleanup();
    }
    await doc.destroy();
  }
}

// `--bare DIR`: the bare parse alone, for a child pinned to one core; prints its seconds
if (flag("--bare")) {
  const dir = args[args.indexOf("--bare") + 1]!;
  const t = performance.now();
  await bareParse(readdirSync(dir).map((f) => join(dir, f)));
  console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000 }));
  process.exit(0);
}

/** The same command on CPU 0 only (taskset), so that V8's helper threads share that one core too. */
const pinned = (cmd: string[]): string[] => ["taskset", "-c", "0", ...cmd];
const canPin = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

const VARIETY = join(FIX, "variety", "dev");
/** A dense Calc plan of the variety corpus whose table runs onto its second page. */
const RUNNING_PLAN = join(VARIETY, "allegato-calc-merged-7a1b24c1.pdf");

/** `qpdf --empty --pages` with many parts, into `out`. */
function joinPdf(parts: string[], out: string): string {
  execFileSync("qpdf", ["--empty", "--pages", ...parts, "--", out]);
  return out;
}

/**
 * Long documents of other shapes than the corpus: [label, file] built in `dir` (bench/out), each
 * about 500 pages: a plan joined 280 times (each copy opens with its title: many tables, each
 * running onto the next page), the same plan's table running on for 560 pages (its first page, then
 * its second page 559 times: one logical table with its header repeated on every page), and the
 * cruscotto fixture joined 125 times.
 */
function longShapes(dir: string): [string, string][] {
  const plan: string[] = [];
  for (let i = 0; i < 280; i++) plan.push(RUNNING_PLAN);
  const running = [RUNNING_PLAN, "1-2"];
  for (let i = 0; i < 558; i++) running.push(RUNNING_PLAN, "2");
  const crusc: string[] = [];
  for (let i = 0; i < 125; i++) crusc.push(join(FIX, "cruscotto-strategico-2021-2026.pdf"));
  return [
    ["Calc plan ×280 (560 pages)", joinPdf(plan, join(dir, "plan-x280.pdf"))],
    ["one table over 560 pages", joinPdf(running, join(dir, "table-560.pdf"))],
    ["cruscotto ×125 (500 pages)", joinPdf(crusc, join(dir, "cruscotto-x125.pdf"))],
  ];
}

/** The variety corpus's Calc and Writer documents of tables (not lists), in name order. */
function denseSources(): string[] {
  return readdirSync(VARIETY)
    .filter((f) => f.endsWith(".meta.json"))
    .sort()
    .filter((f) => {
      const m = JSON.parse(readFileSync(join(VARIETY, f), "utf8")) as {
        producer: string;
        layoutKind: string;
      };
      return (m.producer === "calc" || m.producer === "writer") && m.layoutKind !== "lists";
    })
    .map((f) => join(VARIETY, f.replace(/\.meta\.json$/, "")));
}

/**
 * pdfplumber in a venv of its own (bench/out/venv): made and filled once; null with the reason when
 * Python, venv or the package cannot be had. Where pip cannot reach an index, Debian's
 * python3-pdfplumber (if the archive has it) is tried with the system Python.
 */
function plumberPython(): { python: string } | { skipped: string } {
  const venv = join(OUT, "venv");
  const py = join(venv, "bin", "python");
  const works = (python: string) => spawnSync(python, ["-c", "import pdfplumber"]).status === 0;
  if (existsSync(py) && works(py)) return { python: py };
  if (spawnSync("python3", ["--version"]).status !== 0) return { skipped: "no python3" };
  if (!existsSync(py) && spawnSync("python3", ["-m", "venv", venv], { stdio: "ignore" }).status !== 0)
    return { skipped: "python3 -m venv failed (Debian: apt-get install python3-venv)" };
  log("pdfplumber: pip install pdfplumber into bench/out/venv …");
  spawnSync(join(venv, "bin", "pip"), ["install", "-q", "pdfplumber"], { stdio: "ignore", timeout: 600_000 });
  if (works(py)) return { python: py };
  spawnSync("apt-get", ["install", "-y", "-qq", "python3-pdfplumber"], { stdio: "ignore" });
  if (existsSync("/usr/bin/python3") && works("/usr/bin/python3")) return { python: "/usr/bin/python3" };
  return {
    skipped:
      "pip install pdfplumber failed (no package index reachable?), and apt has no python3-pdfplumber (Debian 12 packages only python3-pdfminer)",
  };
}

interface DenseResult {
  pages: number;
  documents: number;
  /** per round, seconds of: bare pdf.js, allegati, pdfplumber (null when skipped) */
  rounds: { bare: number; allegati: number; allegatiInner: number | null; plumber: number | null }[];
  pdftotext: number | null;
  plumberSkipped?: string;
  allegatiTimings?: Record<string, number>;
}
let dense: DenseResult | null = null;

/**
 * 100+ pages of dense tables, every reader pinned to CPU 0, in interleaved rounds (bare pdf.js,
 * allegati ingest --workers 1, pdfplumber), and pdftotext once.
 */
async function densePages(work: string): Promise<void> {
  const srcs = denseSources();
  const counts = await Promise.all(srcs.map(pageCount));
  const dir = join(work, "dense");
  mkdirSync(dir);
  const files: string[] = [];
  let pages = 0;
  // whole copies of the set, each file made unique by a trailing comment, until 100 pages or more
  for (let c = 0; pages < 100; c++)
    for (let i = 0; i < srcs.length; i++) {
      const f = join(dir, `${c}-${srcs[i]!.split("/").pop()}`);
      copyFileSync(srcs[i]!, f);
      appendFileSync(f, `\n%copy ${c}\n`);
      files.push(f);
      pages += counts[i]!;
    }
  log(`dense pages: ${files.length} documents, ${pages} pages (the variety corpus's Calc and Writer tables)`);
  const py = plumberPython();
  const res: DenseResult = { pages, documents: files.length, rounds: [], pdftotext: null };
  if ("skipped" in py) res.plumberSkipped = py.skipped;
  for (let round = 0; round < rounds; round++) {
    const out = execFileSync(
      "taskset",
      ["-c", "0", process.execPath, "--import", "tsx", join(ROOT, "bench", "run.ts"), "--bare", dir],
      { encoding: "utf8" },
    );
    const bare = (JSON.parse(out.trim().split("\n").pop()!) as { seconds: number }).seconds;
    const db = join(work, `dense${round}.db`);
    const r = await ingest([dir], db, ["--workers", "1", "--ocr", "never"], pinned);
    res.allegatiTimings ??= r.timings;
    let plumber: number | null = null;
    if ("python" in py) {
      const o = execFileSync("taskset", ["-c", "0", py.python, join(ROOT, "bench", "plumber.py"), ...files], {
        encoding: "utf8",
        maxBuffer: 16 << 20,
      });
      plumber = (JSON.parse(o.trim().split("\n").pop()!) as { seconds: number }).seconds;
    }
    res.rounds.push({ bare, allegati: r.seconds, allegatiInner: r.innerSeconds ?? null, plumber });
  }
  if (have("pdftotext", ["-v"], "poppler-utils")) {
    const t = performance.now();
    for (const f of files)
      execFileSync("taskset", ["-c", "0", "pdftotext", "-layout", f, "-"], {
        stdio: ["ignore", "ignore", "ignore"],
      });
    res.pdftotext = (performance.now() - t) / 1000;
  }
  dense = res;
}

function printDense(d: DenseResult): void {
  const rate = (s: number) => d.pages / s;
  const best = (k: "bare" | "allegati" | "plumber") => Math.min(...d.rounds.map((r) => r[k] ?? Infinity));
  console.log(`\ndense pages, pinned to one core: ${d.documents} documents, ${d.pages} pages`);
  const line = (name: string, s: number) =>
    console.log(
      `  ${name.padEnd(44)} ${rate(s).toFixed(1).padStart(7)} pages/s  (fastest of ${d.rounds.length})`,
    );
  line("pdf.js getTextContent + getOperatorList", best("bare"));
  line("allegati ingest, 1 worker", best("allegati"));
  if (d.plumberSkipped) console.log(`  pdfplumber: skipped: ${d.plumberSkipped}`);
  else line("pdfplumber extract_tables + extract_words", best("plumber"));
  if (d.pdftotext !== null)
    console.log(
      `  ${"pdftotext -layout (one run)".padEnd(44)} ${rate(d.pdftotext).toFixed(1).padStart(7)} pages/s`,
    );
  const ratios = (f: (r: DenseResult["rounds"][0]) => number | null) =>
    d.rounds.map(f).filter((x): x is number => x !== null);
  const vsBare = ratios((r) => r.bare / r.allegati);
  console.log(
    `  allegati ÷ bare pdf.js: ${median(vsBare).toFixed(2)}x (median of rounds: ${vsBare.map((x) => x.toFixed(2)).join(", ")})`,
  );
  // the bare parse is timed inside its process, after its modules are loaded; the same for allegati
  const inner = ratios((r) => (r.allegatiInner === null ? null : r.bare / r.allegatiInner));
  if (inner.length)
    console.log(
      `  the same, both without process start (ingest's own durationMs): ${median(inner).toFixed(2)}x (${inner.map((x) => x.toFixed(2)).join(", ")})`,
    );
  const vsPlumber = ratios((r) => (r.plumber === null ? null : r.plumber / r.allegati));
  if (vsPlumber.length)
    console.log(
      `  allegati ÷ pdfplumber: ${median(vsPlumber).toFixed(2)}x (median of rounds: ${vsPlumber.map((x) => x.toFixed(2)).join(", ")})`,
    );
  if (d.pdftotext !== null)
    console.log(
      `  allegati ÷ pdftotext: ${(d.pdftotext / best("allegati")).toFixed(2)}x (fastest allegati round)`,
    );
  if (d.allegatiTimings)
    console.log(
      `  allegati's stages (ms, first round): ${Object.entries(d.allegatiTimings)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(", ")}`,
    );
}

const work = mkdtempSync(join(tmpdir(), "allegati-bench-"));
const rows: { name: string; pages: number; seconds: number; peakMb?: number | null; note?: string }[] = [];
/** allegati's pinned ingest as a share of the pinned bare parse, one per round */
const pinnedRounds: number[] = [];
let linkRuns: LinkRun[] = [];
let exportOut: string | null = null;
try {
  const sources = readdirSync(FIX).filter((f) => f.endsWith(".pdf") && !f.includes("-scan"));
  const perSource = await Promise.all(sources.map((s) => pageCount(join(FIX, s))));
  // --- born-digital corpus
  if (section("corpus")) {
    const corpus = join(work, "corpus");
    mkdirSync(corpus);
    const files: string[] = [];
    for (let c = 0; c < copies; c++)
      for (const s of sources) {
        const f = join(corpus, `${c}-${s}`);
        copyFileSync(join(FIX, s), f);
        appendFileSync(f, `\n%copy ${c}\n`);
        files.push(f);
      }
    const pages = perSource.reduce((a, b) => a + b, 0) * copies;
    log(`corpus: ${files.length} documents, ${pages} pages (${copies} copies of ${sources.length} fixtures)`);

    if (have("pdftotext", ["-v"], "poppler-utils")) {
      const t = performance.now();
      for (const f of files)
        execFileSync("pdftotext", ["-layout", f, "-"], { stdio: ["ignore", "ignore", "ignore"] });
      rows.push({
        name: "pdftotext -layout (poppler), one core",
        pages,
        seconds: (performance.now() - t) / 1000,
      });
    }
    {
      const t = performance.now();
      await bareParse(files);
      rows.push({
        name: "pdf.js getTextContent + getOperatorList, one thread",
        pages,
        seconds: (performance.now() - t) / 1000,
      });
    }
    if (canPin) {
      // one thread is not one core: V8 compiles and collects garbage on helper threads. This VM's
      // neighbours move timings by a third from one minute to the next, so the pinned pair runs
      // `--rounds` times, interleaved; each row keeps its fastest round and the ratio of every round
      // is printed; the headline is the median of the rounds' ratios
      let bestBare = Infinity;
      let best: Run | null = null;
      for (let round = 0; round < rounds; round++) {
        const out = execFileSync(
          "taskset",
          ["-c", "0", process.execPath, "--import", "tsx", join(ROOT, "bench", "run.ts"), "--bare", corpus],
          { encoding: "utf8" },
        );
        const { seconds } = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number };
        const r = await ingest(
          [corpus],
          join(work, `pinned${round}.db`),
          ["--workers", "1", "--ocr", "never"],
          pinned,
        );
        pinnedRounds.push(seconds / r.seconds);
        bestBare = Math.min(bestBare, seconds);
        if (!best || r.seconds < best.seconds) best = r;
      }
      rows.push({
        name: "pdf.js getTextContent + getOperatorList, pinned to one core",
        pages,
        seconds: bestBare,
      });
      rows.push({ name: "allegati ingest, 1 worker, pinned to one core", ...best! });
    }
    for (const workers of [...new Set([1, cores])]) {
      const r = await ingest([corpus], join(work, `w${workers}.db`), [
        "--workers",
        String(workers),
        "--ocr",
        "never",
      ]);
      rows.push({ name: `allegati ingest, ${workers} worker${workers > 1 ? "s" : ""}`, ...r });
    }
    if (cores > 1) {
      // the machine's own ceiling for this work: two ingests that share nothing, at the same time
      const half = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
      const t = performance.now();
      const both = await Promise.all(
        half.map((h, i) => ingest(h, join(work, `p${i}.db`), ["--workers", "1", "--ocr", "never"])),
      );
      rows.push({
        name: "2 separate one-worker ingests at once (machine ceiling)",
        pages: both[0]!.pages + both[1]!.pages,
        seconds: (performance.now() - t) / 1000,
      });
    }
  }

  // --- long documents
  if (section("long") && have("qpdf", ["--version"], "qpdf")) {
    const big = join(work, "long-500.pdf");
    const parts: string[] = [];
    let n = 0;
    for (let i = 0; n < 500; i = (i + 1) % sources.length) {
      const take = Math.min(perSource[i]!, 500 - n);
      parts.push(join(FIX, sources[i]!), `1-${take}`);
      n += take;
    }
    execFileSync("qpdf", ["--empty", "--pages", ...parts, "--", big]);
    const r = await ingest([big], join(work, "long.db"), ["--workers", "1", "--ocr", "never"]);
    rows.push({ name: "allegati ingest, one 500-page document", ...r });
    mkdirSync(OUT, { recursive: true });
    for (const [k, [name, file]] of longShapes(OUT).entries())
      for (const workers of [1, 2]) {
        // a database each: documents of one issuer in one database would be linked to each other
        const r = await ingest([file], join(work, `long-${k}-${workers}.db`), [
          "--workers",
          String(workers),
          "--ocr",
          "never",
        ]);
        rows.push({ name: `allegati ingest, ${name}, ${workers} worker${workers > 1 ? "s" : ""}`, ...r });
      }
  }

  // --- dense pages, one core: pdf.js bare, allegati, pdfplumber, pdftotext
  if (section("dense") && canPin) await densePages(work);

  // --- scans
  if (section("ocr") && !flag("--no-ocr")) {
    const scan = join(FIX, "cruscotto-strategico-2021-2026-scan.pdf");
    const scanPages = await pageCount(scan);
    const r = await ingest([scan], join(work, "scan.db"), ["--ocr", "always"]);
    rows.push({ name: `allegati OCR (tesseract.js, ${Math.min(4, cores)} workers, cells re-read)`, ...r });
    if (have("tesseract", ["--version"], "tesseract-ocr-ita") && have("pdftoppm", ["-v"], "poppler-utils")) {
      const img = join(work, "img");
      mkdirSync(img);
      execFileSync("pdftoppm", ["-r", "300", "-gray", "-png", scan, join(img, "p")]);
      const t = performance.now();
      for (const f of readdirSync(img))
        execFileSync("tesseract", [join(img, f), "-", "-l", "ita"], {
          stdio: ["ignore", "ignore", "ignore"],
        });
      rows.push({
        name: "tesseract CLI (Debian), same pages at 300 dpi",
        pages: scanPages,
        seconds: (performance.now() - t) / 1000,
      });
    }
    if (flag("--long-scan") && have("qpdf", ["--version"], "qpdf")) {
      const long = join(work, "scan-50.pdf");
      const parts: string[] = [];
      for (let n = 0; n < 50; n += scanPages) parts.push(scan, `1-${Math.min(scanPages, 50 - n)}`);
      execFileSync("qpdf", ["--empty", "--pages", ...parts, "--", long]);
      const r50 = await ingest([long], join(work, "scan50.db"), ["--ocr", "auto"]);
      rows.push({ name: "allegati OCR, one 50-page scan", ...r50 });
    }
  }
  // --- linking two large editions
  if (section("link")) linkRuns = linkBench(work);
  // its own process (it builds its databases in bench/out/export and keeps them): its JSON, or its table
  if (section("export"))
    exportOut = execFileSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "bench", "export.ts"), ...(json ? ["--json"] : [])],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 },
    );
} finally {
  rmSync(work, { recursive: true, force: true });
}

const bare = rows.find((r) => r.name.startsWith("pdf.js"));
const barePinned = rows.find((r) => r.name.startsWith("pdf.js") && r.name.includes("pinned"));
/** A born-digital row against pdf.js's bare parsing run the same way (pinned or not). */
const vsBare = (r: (typeof rows)[0]): string => {
  const base = r.name.includes("pinned") ? barePinned : bare;
  if (!base || r.name.includes("OCR") || r.name.includes("tesseract")) return "".padStart(9);
  return `${((rate(r) / rate(base)) * 100).toFixed(0)} %`.padStart(9);
};
const rate = (r: (typeof rows)[0]) => r.pages / r.seconds;
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
/** Each round pairs a bare parse and an ingest a minute apart: the median of their ratios is the figure
 * least moved by the neighbours, who slow one round or speed up another */
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
if (json)
  console.log(
    JSON.stringify(
      {
        cores,
        copies,
        pinnedRounds,
        rows: rows.map((r) => ({ ...r, pagesPerSecond: rate(r) })),
        dense,
        linking: linkRuns,
        export: exportOut === null ? null : (JSON.parse(exportOut) as unknown),
      },
      null,
      2,
    ),
  );
else {
  console.log(
    `\n${"".padEnd(68)} ${"pages".padStart(6)} ${"pages/s".padStart(8)} ${"vs pdf.js".padStart(9)} ${"peak RSS".padStart(9)}`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(68)} ${String(r.pages).padStart(6)} ${rate(r).toFixed(1).padStart(8)} ${vsBare(r)} ${r.peakMb ? `${r.peakMb.toFixed(0)} MB`.padStart(9) : ""}`,
    );
  const pinnedIngest = rows.find((r) => r.name.startsWith("allegati ingest, 1 worker, pinned"));
  if (barePinned && pinnedIngest)
    console.log(
      `one core: allegati ingest at ${pct(median(pinnedRounds))} of pdf.js's bare parsing (median of ${pinnedRounds.length} interleaved rounds: ${pinnedRounds.map(pct).join(", ")}; fastest round of each: ${pct(rate(pinnedIngest) / rate(barePinned))})`,
    );
  const one = rows.find((r) => r.name === "allegati ingest, 1 worker");
  const all = rows.find((r) => r.name === `allegati ingest, ${cores} workers`);
  const ceiling = rows.find((r) => r.name.startsWith("2 separate"));
  if (one && all) console.log(`scaling 1 → ${cores} workers: ${(rate(all) / rate(one)).toFixed(2)}x`);
  if (one && ceiling)
    console.log(`machine ceiling (2 separate processes vs 1): ${(rate(ceiling) / rate(one)).toFixed(2)}x`);
  const ocr = rows.find((r) => r.name.startsWith("allegati OCR ("));
  const cli = rows.find((r) => r.name.startsWith("tesseract CLI"));
  if (ocr && cli)
    console.log(
      `OCR: allegati ${(rate(ocr) * 60).toFixed(1)} pages/min, tesseract CLI ${(rate(cli) * 60).toFixed(1)} pages/min (${(rate(ocr) / rate(cli)).toFixed(2)}x)`,
    );
  if (dense) printDense(dense);
  printLinks(linkRuns);
  if (exportOut !== null) console.log("\n" + exportOut.trimEnd());
}
