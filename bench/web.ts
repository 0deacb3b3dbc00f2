/**
 * `npx tsx bench/web.ts [--documents 5000] [--rounds 10]`: how fast `allegati serve` answers.
 *
 * A database of N documents (default 5,000) is made from one fixture read once and stored N times
 * under other ids, files, issuers and kinds (its 58 indicators and 322 targets each: 290,000
 * indicators in all), its file kept. Then, over HTTP on loopback: the documents page (first page, a
 * page deep in the list, a filter, the review status, a full-text search of a common word and of a
 * rare one), each asked `--rounds` times after one warm-up, median and slowest; and in chromium, the
 * time from clicking a value to its page drawn with the box on it (the first click, which waits for
 * the file and pdf.js's worker, and then values on other pages).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { ingest, openStore, readDocument } from "../src/index.js";
import { startServer } from "../src/web/index.js";

const args = process.argv.slice(2);
const opt = (f: string, d: number) => (args.includes(f) ? Number(args[args.indexOf(f) + 1]) : d);
const N = opt("--documents", 5000);
const ROUNDS = opt("--rounds", 10);
const FIXTURE = join(import.meta.dirname, "..", "fixtures", "cruscotto-strategico-2021-2026.pdf");
const dir = mkdtempSync(join(tmpdir(), "allegati-bench-web-"));
const db = join(dir, "allegati.db");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

try {
  let t0 = performance.now();
  const store = openStore(db);
  const real = (await ingest(store, [FIXTURE], { workers: 0 })).events[0]!.id!;
  const doc = await readDocument(FIXTURE);
  const KINDS = ["plan", "report", "dashboard", "other"] as const;
  store.db.exec("BEGIN");
  for (let i = 1; i < N; i++) {
    const id = i.toString(16).padStart(64, "0");
    store.insertDocument({
      ...doc,
      id,
      file: `allegato-${i}.pdf`,
      path: `/archive/allegato-${i}.pdf`,
      issuer: `Ente ${i % 100}`,
      kind: KINDS[i % 4]!,
    });
  }
  store.db.exec("COMMIT");
  store.close();
  const built = (performance.now() - t0) / 1000;
  console.log(
    `database: ${N} documents, ${N * doc.indicators.length} indicators, built in ${built.toFixed(0)} s`,
  );

  const server = await startServer({ db, port: 0, host: "127.0.0.1" });
  const base = server.url.replace(/\/$/, "");
  const cases: [string, string][] = [
    ["first page", "/"],
    ["page 60 of 100", "/?page=60"],
    ["one issuer", "/?issuer=Ente%2042"],
    ["kind, sorted by pages", "/?kind=report&sort=pages"],
    ["not reviewed", "/?status=unreviewed"],
    ["search a common word (every document)", "/?q=imprese"],
    ["search a rare prefix", "/?q=allegato-4999"],
  ];
  console.log(`\ndocuments page over HTTP, ${ROUNDS} rounds after a warm-up (median, slowest):`);
  for (const [label, path] of cases) {
    await fetch(base + path).then((r) => r.text());
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      t0 = performance.now();
      const res = await fetch(base + path);
      await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    console.log(
      `  ${label.padEnd(40)} ${ms(median(times)).padStart(10)} ${ms(Math.max(...times)).padStart(10)}`,
    );
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // the fixture itself: the copies share its rows but not its kept file
  await page.goto(`${base}/documents/${real}`);
  const buttons = page.locator("button.val");
  const count = await buttons.count();
  // values spread over the pages: every 25th, so that most clicks change page
  const picks = Array.from({ length: Math.min(12, count) }, (_, k) => (k * 25) % count);
  const times: { ms: number; page: string | null; changed: boolean }[] = [];
  let shown: string | null = null;
  for (const k of picks) {
    t0 = performance.now();
    await buttons.nth(k).click();
    await page.waitForFunction(
      () =>
        document.querySelector(".hl") &&
        document.querySelector(".textLayer span") &&
        document.querySelector("#pdfviewer")?.getAttribute("data-page"),
    );
    const p = await page.locator("#pdfviewer").getAttribute("data-page");
    times.push({ ms: performance.now() - t0, page: p, changed: p !== shown });
    shown = p;
    // the next click's box must not be this one's
    await page.evaluate(() => document.querySelector(".hl")?.remove());
  }
  await browser.close();
  await server.close();
  const changed = times
    .slice(1)
    .filter((t) => t.changed)
    .map((t) => t.ms);
  const same = times
    .slice(1)
    .filter((t) => !t.changed)
    .map((t) => t.ms);
  console.log("\npage image in chromium, click to box drawn on the rendered page:");
  console.log(`  first click (loads the file and pdf.js's worker)  ${ms(times[0]!.ms)}`);
  if (changed.length)
    console.log(
      `  another page (${changed.length} clicks)  median ${ms(median(changed))}, slowest ${ms(Math.max(...changed))}`,
    );
  if (same.length)
    console.log(
      `  same page (${same.length} clicks)  median ${ms(median(same))}, slowest ${ms(Math.max(...same))}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
