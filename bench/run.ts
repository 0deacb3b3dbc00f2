/**
 * `npm run bench`: born-digital throughput in pages per second, measured in one run on the same
 * files: poppler's `pdftotext -layout` (the speed limit), pdf.js's bare parsing (getTextContent and
 * getOperatorList of every page: the ceiling of this stack), allegati's extract + layout, and the
 * whole read (acquire → segment). Prints a table with ratios; `--json` for machines.
 * Usage: npx tsx bench/run.ts [--rounds N] [files...]   (default: the born-digital fixtures)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openPdf } from "../src/extract/index.js";
import { pdfjs, PDFJS_OPTIONS } from "../src/extract/pdfjs.js";
import { layoutPage, assembleDocument } from "../src/layout/index.js";
import { readDocument } from "../src/pipeline.js";
import type { PageLayout } from "../src/model/index.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const roundsArg = args.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 3;
const given = args.filter((a, i) => !a.startsWith("--") && (roundsArg < 0 || i !== roundsArg + 1));
const FIX = join(import.meta.dirname, "..", "fixtures");
const files = given.length
  ? given
  : readdirSync(FIX)
      .filter((f) => f.endsWith(".pdf") && !f.includes("-scan"))
      .map((f) => join(FIX, f));

function ensurePoppler(): boolean {
  if (spawnSync("pdftotext", ["-v"]).status === 0) return true;
  spawnSync("apt-get", ["install", "-y", "-qq", "poppler-utils"], { stdio: "ignore" });
  return spawnSync("pdftotext", ["-v"]).status === 0;
}

async function pagesOf(f: string): Promise<number> {
  const src = await openPdf(readFileSync(f));
  const n = src.numPages;
  await src.close();
  return n;
}

async function time(fn: () => Promise<void> | void): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best / 1000;
}

const totalPages = (await Promise.all(files.map(pagesOf))).reduce((a, b) => a + b, 0);
const results: Record<string, number | null> = {};
if (ensurePoppler())
  results["pdftotext -layout"] = await time(() => {
    for (const f of files)
      execFileSync("pdftotext", ["-layout", f, "-"], { stdio: ["ignore", "ignore", "ignore"] });
  });
else results["pdftotext -layout"] = null;
results["pdf.js getTextContent + getOperatorList"] = await time(async () => {
  for (const f of files) {
    const doc = await pdfjs.getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(readFileSync(f)) }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      await page.getTextContent();
      page.cleanup();
    }
    await doc.destroy();
  }
});
results["allegati extract + layout"] = await time(async () => {
  for (const f of files) {
    const src = await openPdf(readFileSync(f));
    const pages: PageLayout[] = [];
    for await (const raw of src.pages()) pages.push(layoutPage(raw));
    assembleDocument(pages);
    await src.close();
  }
});
results["allegati whole read (to records)"] = await time(async () => {
  for (const f of files) await readDocument(f, { ocr: "never" });
});

const base = results["pdf.js getTextContent + getOperatorList"]!;
const rows = Object.entries(results).map(([name, s]) => ({
  name,
  seconds: s,
  pagesPerSecond: s ? totalPages / s : null,
  vsPdfjs: s ? base / s : null,
}));
if (json) console.log(JSON.stringify({ files: files.length, pages: totalPages, rounds, rows }, null, 2));
else {
  console.log(`${files.length} files, ${totalPages} pages, best of ${rounds} rounds, one core`);
  for (const r of rows)
    console.log(
      `${r.name.padEnd(42)} ${r.seconds === null ? "      n/a" : `${r.seconds.toFixed(3).padStart(7)} s`}  ${r.pagesPerSecond === null ? "" : `${r.pagesPerSecond.toFixed(1).padStart(7)} pages/s`}  ${r.vsPdfjs === null ? "" : `${(r.vsPdfjs * 100).toFixed(0).padStart(4)} % of pdf.js`}`,
    );
}
