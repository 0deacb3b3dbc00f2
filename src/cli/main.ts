#!/usr/bin/env node
/**
 * The allegati command line. Each command is a thin shell over the library; this file is the only
 * place that sets the exit code: 0 success, 1 something failed (a file, a query, a floor), 2 usage.
 */
import { Command, CommanderError, Option } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { pino } from "pino";
import { defaultDbPath, Store } from "../load/index.js";
import { expandInputs } from "../walk.js";
import type { FileEvent, IngestSummary } from "../ingest.js";
import { exportAll, exportCsv } from "./export.js";
import { table } from "./output.js";
import { showDocument } from "./show.js";
import { runQuery } from "./query.js";
// the pipeline (pdf.js, OCR) is imported only by the commands that read PDFs, so that export, show
// and query start fast

class UsageError extends Error {}

const program = new Command();
program
  .name("allegati")
  .description("Turns the PDF annexes of Italian performance plans and reports into queryable data.")
  .version(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version)
  .showHelpAfterError()
  .exitOverride();

const dbOption = () =>
  new Option("--db <path>", "SQLite database (default: $ALLEGATI_DB or data/allegati.db)");
const intArg = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} must be a positive whole number, not '${v}'`);
  return n;
};

program
  .command("ingest")
  .description("read PDF and .p7m files (or folders of them) into the database")
  .argument("<paths...>", "files or folders")
  .addOption(dbOption())
  .option("--force", "re-read files already in the database (same sha256) and replace them")
  .option("--max-pages <n>", "fail a document with more pages than this", intArg("--max-pages"))
  .option("--profile <name>", "use this pipeline profile instead of choosing one")
  .option(
    "--workers <n>",
    "parse workers (default: one per core; 0 parses in the main thread)",
    (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--workers must be a whole number, not '${v}'`);
      return n;
    },
  )
  .option(
    "--timeout <seconds>",
    "fail a document that takes longer than this (default 600)",
    intArg("--timeout"),
  )
  .addOption(
    new Option(
      "--ocr <mode>",
      "OCR pages without a text layer (default: the forced --profile's stages.ocr, else auto)",
    ).choices(["auto", "always", "never"]),
  )
  .option("--json", "print the summary as JSON on stdout")
  .option("--summary", "print a table of what was found per document")
  .addOption(
    new Option("--log-format <format>", "machine logs on stderr").choices(["none", "json"]).default("none"),
  )
  .option("--debug", "include stack traces of unexpected errors")
  .action(async (paths: string[], o) => {
    const files = expandInputs(paths);
    if (!files.length) throw new UsageError("no PDF or .p7m files found in the given paths");
    const store = new Store(o.db ?? defaultDbPath());
    const log = o.logFormat === "json" ? pino({ base: null }, pino.destination(2)) : null;
    const onFile = ({ notes, ...e }: FileEvent) => {
      if (e.outcome === "failed") process.stderr.write(`FAILED ${e.path}: ${e.reason}: ${e.message}\n`);
      // what pdf.js printed goes to the machine log only
      for (const n of notes ?? [])
        log?.[n.level]({ event: "pdfjs", file: e.file, count: n.count }, n.message);
      log?.info({ event: "document", ...e }, e.outcome);
    };
    const { ingestFiles } = await import("../ingest.js");
    const { availableParallelism } = await import("node:os");
    const cliProgress = (await import("cli-progress")).default;
    // a progress bar for a person at a terminal; nothing for scripts and log readers
    const bar =
      process.stderr.isTTY && !o.json && o.logFormat === "none" && files.length > 1
        ? new cliProgress.SingleBar(
            {
              format: "{bar} {value}/{total} files | {pages} pages | {rate} pages/s | ETA {eta_formatted}",
              hideCursor: true,
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
    const started = Date.now();
    bar?.start(files.length, 0, { pages: 0, rate: "0.0" });
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once("SIGINT", onSigint);
    let summary: IngestSummary;
    try {
      summary = await ingestFiles(store, files, {
        force: o.force,
        maxPages: o.maxPages,
        profile: o.profile,
        debug: o.debug,
        ocr: o.ocr,
        workers: o.workers ?? Math.min(availableParallelism(), files.length),
        timeoutMs: o.timeout ? o.timeout * 1000 : undefined,
        signal: controller.signal,
        onFile,
        onProgress: (p) =>
          bar?.update(p.done, {
            pages: p.pages,
            rate: (p.pages / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1),
          }),
      });
    } finally {
      bar?.stop();
      process.off("SIGINT", onSigint);
      store.close();
    }
    if (controller.signal.aborted) {
      process.stderr.write(
        `allegati: interrupted: ${summary.loaded} loaded, ${summary.skipped} skipped; run the same command again to resume\n`,
      );
      process.exitCode = 130;
      return;
    }
    // the process's peak resident memory, its worker threads included (resourceUsage gives KB)
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (o.json) process.stdout.write(JSON.stringify({ ...summary, peakRssMb }, null, 2) + "\n");
    else {
      if (o.summary) process.stdout.write(summaryTable(summary) + "\n");
      process.stdout.write(
        `${summary.loaded} loaded, ${summary.skipped} skipped, ${summary.failed} failed ` +
          `(${summary.pages} pages, ${summary.indicators} indicators, ${summary.targets} targets, ${(summary.durationMs / 1000).toFixed(1)} s)\n`,
      );
    }
    process.exitCode = summary.failed ? 1 : 0;
  });

function summaryTable(s: IngestSummary): string {
  return table(
    ["file", "outcome", "pages", "indicators", "targets", "profile / reason"],
    s.events.map((e) => [
      e.file,
      e.outcome,
      e.pages,
      e.indicators,
      e.targets,
      e.outcome === "failed" ? `${e.reason}: ${e.message}` : e.profile,
    ]),
    [2, 3, 4],
  );
}

program
  .command("export")
  .description("print every document in the database (JSON: the export contract v1)")
  .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
  .addOption(dbOption())
  .option("-o, --out <file>", "write to a file instead of stdout")
  .action((o) => {
    const store = openExisting(o.db);
    try {
      const text = o.format === "csv" ? exportCsv(store) : JSON.stringify(exportAll(store), null, 2) + "\n";
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    } finally {
      store.close();
    }
  });

program
  .command("show")
  .description("show one document: objectives, indicators, targets, with pages")
  .argument("<document>", "id prefix or file name")
  .addOption(dbOption())
  .option("--json", "print the document as JSON")
  .action((ref: string, o) => {
    const store = openExisting(o.db);
    try {
      process.stdout.write(showDocument(store, ref, { json: o.json }) + "\n");
    } finally {
      store.close();
    }
  });

program
  .command("eval")
  .description("score the pipeline against the gold files of the fixtures")
  .option("--gold <dir>", "folder with <file>.gold.json beside each file", "fixtures")
  .option("--only <names...>", "only files whose name contains one of these")
  .option("--json", "print JSON")
  .action(async (o) => {
    const { evalJson, formatEval, runEval } = await import("../eval/run.js");
    const report = await runEval(o.gold, { only: o.only });
    if (!report.documents.length) throw new UsageError(`no gold files in ${o.gold}`);
    process.stdout.write((o.json ? JSON.stringify(evalJson(report), null, 2) : formatEval(report)) + "\n");
  });

program
  .command("layout")
  .description("dump the page model of a PDF: lines, tables and cells with their boxes")
  .argument("<file>")
  .option("--page <n>", "only this page", intArg("--page"))
  .addOption(new Option("--format <format>").choices(["json", "text", "svg"]).default("text"))
  .addOption(
    new Option("--ocr <mode>", "OCR pages without a usable text layer")
      .choices(["auto", "always", "never"])
      .default("auto"),
  )
  .addOption(
    new Option("--log-format <format>", "machine logs on stderr (what pdf.js printed)")
      .choices(["none", "json"])
      .default("none"),
  )
  .action(async (file: string, o) => {
    const { layoutCommand } = await import("./layout.js");
    const log = o.logFormat === "json" ? pino({ base: null }, pino.destination(2)) : null;
    process.stdout.write(
      await layoutCommand(file, {
        page: o.page,
        format: o.format,
        ocr: o.ocr,
        onReaderNotes: (notes) => {
          for (const n of notes) log?.[n.level]({ event: "pdfjs", file, count: n.count }, n.message);
        },
      }),
    );
  });

program
  .command("query")
  .description("run read-only SQL on the database")
  .argument("<sql>")
  .addOption(dbOption())
  .option("--json", "print rows as JSON")
  .action((sql: string, o) => {
    process.stdout.write(runQuery(o.db ?? defaultDbPath(), sql, { json: o.json }) + "\n");
  });

program
  .command("diff")
  .description(
    "compare the targets of two documents (id prefix or file name): tightened, loosened, changed, renamed, added, removed",
  )
  .argument("<a>", "the earlier document")
  .argument("<b>", "the later document")
  .addOption(new Option("--format <format>").choices(["table", "json", "csv", "xlsx"]).default("table"))
  .option("--only <what>", "only 'changed' targets")
  .option("-o, --out <file>", "write to a file (required for xlsx)")
  .addOption(dbOption())
  .action(async (a: string, b: string, o) => {
    if (o.only && o.only !== "changed") throw new UsageError("--only takes 'changed'");
    if (o.format === "xlsx" && !o.out) throw new UsageError("--format xlsx needs --out FILE");
    const { diffDocuments, diffTable, diffCsv, diffXlsx } = await import("../link/index.js");
    const store = openExisting(o.db);
    try {
      const d = diffDocuments(store, a, b, { onlyChanged: o.only === "changed" });
      if (o.format === "xlsx") return void (await diffXlsx(d, o.out));
      const text =
        o.format === "json"
          ? JSON.stringify(d, null, 2) + "\n"
          : o.format === "csv"
            ? diffCsv(d)
            : diffTable(d) + "\n";
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    } finally {
      store.close();
    }
  });

program
  .command("history")
  .description(
    "one indicator (code or words of its name) across all documents: baselines, targets, results per year",
  )
  .argument("<indicator>")
  .option("--json", "print JSON")
  .addOption(dbOption())
  .action(async (ref: string, o) => {
    const { indicatorHistory } = await import("../link/index.js");
    const store = openExisting(o.db);
    try {
      const h = indicatorHistory(store, ref);
      if (o.json) return void process.stdout.write(JSON.stringify(h, null, 2) + "\n");
      const rows = h.flatMap((e) =>
        e.values.map((v) => [
          e.file,
          e.name,
          v.kind,
          v.year,
          `${v.superseded ? "~" : ""}${v.raw}${v.superseded ? "~" : ""}`,
          v.page,
        ]),
      );
      process.stdout.write(
        table(["document", "indicator", "kind", "year", "value", "page"], rows, [3, 5]) + "\n",
      );
    } finally {
      store.close();
    }
  });

function openExisting(db: string | undefined): Store {
  return new Store(db ?? defaultDbPath());
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; everything else commander rejects is a usage error
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`allegati: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    const err = e as Error;
    process.stderr.write(`allegati: ${err.message}\n`);
    if (process.argv.includes("--debug") && err.stack) process.stderr.write(err.stack + "\n");
    process.exitCode = 1;
  }
}

await main();
