/**
 * The linking benchmark's child process (bench/run.ts runs it twice per case, so that the peak memory
 * it reports is linking's own): `--make DB N PHRASES` writes two synthetic editions of N indicators
 * (test/link/synthetic.ts) into a fresh database, pending, and the gold beside it; `--link DB`
 * links them and prints time, peak RSS, links and their precision and recall against the gold.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { openStore, linkPending, query } from "../src/index.js";
import { syntheticEditions } from "../test/link/synthetic.js";

const [mode, db, n, phrases] = process.argv.slice(2);
if (mode === "--make") {
  const p = syntheticEditions(Number(n), { phrases: Number(phrases) });
  const store = openStore(db);
  store.insertDocument(p.a);
  store.insertDocument(p.b);
  store.close();
  // the gold, by indicator positions, for --link to score against
  writeFileSync(`${db}.gold.json`, JSON.stringify({ a: p.a.id, b: p.b.id, links: p.links }));
} else if (mode === "--link") {
  const gold = JSON.parse(readFileSync(`${db}.gold.json`, "utf8")) as {
    a: string;
    b: string;
    links: [number, number][];
  };
  const store = openStore(db);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const r = linkPending(store);
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rows = [
    ...query(
      store,
      `SELECT fa.ord AS i, fb.ord AS j FROM links l JOIN indicators fa ON fa.id = l.from_indicator
       JOIN indicators fb ON fb.id = l.to_indicator WHERE l.from_document = '${gold.a}' AND l.to_document = '${gold.b}'`,
    ).rows,
  ] as { i: number; j: number }[];
  store.close();
  const want = new Set(gold.links.map(([i, j]) => `${i}|${j}`));
  const tp = rows.filter((x) => want.has(`${x.i}|${x.j}`)).length;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakMb: process.resourceUsage().maxRSS / 1024,
      links: r.links,
      warnings: r.warnings,
      precision: rows.length ? tp / rows.length : 1,
      recall: tp / want.size,
    }),
  );
}
