/**
 * `npm run bench:batch`: a corpus of many documents made from the born-digital fixtures (each copy
 * made unique by a trailing PDF comment, so none is skipped), ingested into a fresh database with one
 * worker and with one per core; pages per second, scaling and the peak RSS of this process and its
 * workers (they share it). Usage: npx tsx bench/batch.ts [copies per fixture, default 20]
 */
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ingestFiles } from "../src/ingest.js";
import { Store } from "../src/load/index.js";

const copies = Number(process.argv[2] ?? 20);
const FIX = join(import.meta.dirname, "..", "fixtures");
const sources = readdirSync(FIX).filter((f) => f.endsWith(".pdf") && !f.includes("-scan"));
const dir = mkdtempSync(join(tmpdir(), "allegati-batch-"));
const files: string[] = [];
for (let c = 0; c < copies; c++)
  for (const s of sources) {
    const f = join(dir, `${c}-${s}`);
    copyFileSync(join(FIX, s), f);
    appendFileSync(f, `\n%copy ${c}\n`);
    files.push(f);
  }
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const results: { workers: number; pages: number; seconds: number }[] = [];
for (const workers of [1, availableParallelism()]) {
  const db = join(dir, `b${workers}.db`);
  const store = new Store(db);
  const t = performance.now();
  const s = await ingestFiles(store, files, { workers, ocr: "never" });
  const seconds = (performance.now() - t) / 1000;
  store.close();
  results.push({ workers, pages: s.pages, seconds });
  console.log(
    `${workers} worker(s): ${s.loaded} documents, ${s.pages} pages in ${seconds.toFixed(1)} s = ${(s.pages / seconds).toFixed(1)} pages/s`,
  );
}
clearInterval(sample);
const [one, all] = results as [(typeof results)[0], (typeof results)[0]];
console.log(
  `scaling ${one.workers} → ${all.workers} workers: ${(one.seconds / all.seconds).toFixed(2)}x; peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`,
);
rmSync(dir, { recursive: true, force: true });
