#!/usr/bin/env node
/**
 * The allegati command line. Each command is a thin shell over the library; this file is the only
 * place that sets the exit code: 0 success, 1 something failed (a file, a query, a floor), 2 usage.
 */
import { Command, CommanderError, Option } from "commander";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { pino } from "pino";
import { userInfo } from "node:os";
import {
  addItem,
  checkIngestOptions,
  correct,
  corrections,
  deleteItem,
  fieldsFromText,
  ITEM_KINDS,
  kindOfKey,
  restoreItem,
  review,
  reviewDocument,
  type ItemKind,
  defaultDbPath,
  diff,
  diffCsv,
  diffXlsx,
  evalJson,
  EXPORT_FORMATS,
  formatEval,
  getDocument,
  history,
  ingest,
  limitedQuery,
  DEFAULT_QUERY_TIMEOUT_MS,
  NoDatabaseError,
  OCR_MODES,
  openStore,
  runEval,
  StreamWriter,
  UsageError,
  walkInputs,
  writeExport,
  writeJsonArray,
  type FileEvent,
  type IngestOptions,
  type IngestSummary,
  type LinkPairEvent,
  type ReaderNote,
  type Sink,
  type Store,
} from "../index.js";
import { diffTable } from "./diff.js";
import { correctionsTable, reviewTable } from "./review.js";
import { oneLine, quoteName, table } from "./output.js";
import { showDocument } from "./show.js";
// the library loads pdf.js, tesseract.js and exceljs only when a command reads a PDF or writes a
// workbook, so that export, show and query start fast

const program = new Command();
program
  .name("allegati")
  .description("Turns the PDF annexes of Italian performance plans and reports into queryable data.")
  .version(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version)
  .showHelpAfterError()
  .exitOverride();

/**
 * What pdf.js printed while a command read `file`: to the machine log with `--log-format json`,
 * nowhere otherwise (never to stderr as pdf.js's own console lines).
 */
const pdfjsLog = (format: string, file: string) => {
  const log = format === "json" ? pino({ base: null }, pino.destination(2)) : null;
  return (notes: ReaderNote[]) => {
    for (const n of notes) log?.[n.level]({ event: "pdfjs", file, count: n.count }, n.message);
  };
};

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
    "fail a document that takes longer than this to hash and read (default 600)",
    intArg("--timeout"),
  )
  .option(
    "--max-memory <MB>",
    "stop a parse worker whose heap and buffers pass this (default 1536)",
    intArg("--max-memory"),
  )
  .option(
    "--link-budget <seconds>",
    "link each pair of documents for at most this long, then warn (default 60)",
    intArg("--link-budget"),
  )
  .addOption(
    new Option(
      "--ocr <mode>",
      "OCR pages without a text layer (default: the forced --profile's stages.ocr, else auto)",
    ).choices(OCR_MODES),
  )
  .option("--json", "print the summary as JSON on stdout")
  .option("--summary", "print a table of what was found per document")
  .addOption(
    new Option("--log-format <format>", "machine logs on stderr").choices(["none", "json"]).default("none"),
  )
  .option("--debug", "include stack traces of unexpected errors")
  .option("--no-keep", "do not keep the files beside the database (their pages cannot be shown by serve)")
  .action(async (paths: string[], o) => {
    const opts: IngestOptions = {
      keep: o.keep,
      force: o.force,
      maxPages: o.maxPages,
      profile: o.profile,
      debug: o.debug,
      ocr: o.ocr,
      workers: o.workers,
      timeoutMs: o.timeout ? o.timeout * 1000 : undefined,
      maxMemoryMb: o.maxMemory,
      linkBudgetMs: o.linkBudget ? o.linkBudget * 1000 : undefined,
    };
    // every option is checked before a folder is walked, a file read or the database created
    await checkIngestOptions(opts);
    const walk = walkInputs(paths);
    if (!walk.files.length && !walk.failures.length)
      throw new UsageError("no PDF or .p7m files found in the given paths");
    const files = walk.files.length + walk.failures.length;
    const store = openStore(o.db ?? defaultDbPath());
    const log = o.logFormat === "json" ? pino({ base: null }, pino.destination(2)) : null;
    // one line per failure or warning, whatever a file's name holds (a newline is written \n)
    const onFile = ({ notes, ...e }: FileEvent) => {
      if (e.outcome === "failed")
        process.stderr.write(`FAILED ${quoteName(e.path)}: ${e.reason}: ${oneLine(e.message ?? "")}\n`);
      for (const w of e.warnings ?? []) process.stderr.write(`WARNING ${quoteName(e.path)}: ${oneLine(w)}\n`);
      // what pdf.js printed goes to the machine log only
      for (const n of notes ?? [])
        log?.[n.level]({ event: "pdfjs", file: e.file, count: n.count }, n.message);
      log?.info({ event: "document", ...e }, e.outcome);
    };
    const onLink = (e: LinkPairEvent) =>
      log?.info({ event: "link", ...e }, e.warning ? "link budget" : "linked");
    const cliProgress = (await import("cli-progress")).default;
    // a progress bar for a person at a terminal; nothing for scripts and log readers
    const bar =
      process.stderr.isTTY && !o.json && o.logFormat === "none" && files > 1
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
    bar?.start(files, 0, { pages: 0, rate: "0.0" });
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once("SIGINT", onSigint);
    let summary: IngestSummary;
    try {
      summary = await ingest(store, walk, {
        ...opts,
        signal: controller.signal,
        onFile,
        onLink,
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
    // linking that ran out of its budget or failed: said, not a failure (its documents stay pending)
    for (const w of summary.linking?.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    // the process's peak resident memory, its worker threads included (resourceUsage gives KB)
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (summary.stopped)
      process.stderr.write(
        `allegati: the batch stopped: ${summary.stopped.reason}: ${oneLine(summary.stopped.message)}; ` +
          `${files - summary.files} files not read (free space and run the same command again to go on)\n`,
      );
    if (o.json) process.stdout.write(JSON.stringify({ ...summary, peakRssMb }, null, 2) + "\n");
    else {
      if (o.summary) process.stdout.write(summaryTable(summary) + "\n");
      process.stdout.write(
        `${summary.loaded} loaded, ${summary.skipped} skipped, ${summary.failed} failed` +
          `${summary.warnings ? `, ${summary.warnings} warnings` : ""} ` +
          `(${summary.pages} pages, ${summary.indicators} indicators, ${summary.targets} targets, ${(summary.durationMs / 1000).toFixed(1)} s)\n`,
      );
    }
    process.exitCode = summary.failed || summary.stopped ? 1 : 0;
  });

function summaryTable(s: IngestSummary): string {
  return table(
    ["file", "outcome", "pages", "indicators", "targets", "warnings", "profile / reason"],
    s.events.map((e) => [
      e.file,
      e.outcome,
      e.pages,
      e.indicators,
      e.targets,
      e.warnings?.length,
      e.outcome === "failed" ? `${e.reason}: ${e.message}` : e.profile,
    ]),
    [2, 3, 4, 5],
  );
}

program
  .command("export")
  .description("print every document in the database (JSON: the export contract v1)")
  .addOption(new Option("--format <format>", "output format").choices(EXPORT_FORMATS).default("json"))
  .addOption(dbOption())
  .option("-o, --out <file>", "write to a file instead of stdout")
  .action(async (o) => {
    await withStore(o.db, (store) => output(o.out, (out) => writeExport(store, out, { format: o.format })));
  });

program
  .command("show")
  .description("show one document: objectives, indicators, targets, with pages")
  .argument("<document>", "id prefix or file name")
  .addOption(dbOption())
  .option("--json", "print the document as JSON")
  .action((ref: string, o) =>
    withStore(o.db, (store) => {
      const d = getDocument(store, ref);
      process.stdout.write((o.json ? JSON.stringify(d, null, 2) : showDocument(d)) + "\n");
    }),
  );

program
  .command("eval")
  .description("score the pipeline against the gold files of the fixtures")
  .option("--gold <dir>", "folder with <file>.gold.json beside each file", "fixtures")
  .option("--only <names...>", "only files whose name contains one of these")
  .option("--json", "print JSON")
  .action(async (o) => {
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
    new Option("--ocr <mode>", "OCR pages without a usable text layer").choices(OCR_MODES).default("auto"),
  )
  .addOption(
    new Option("--log-format <format>", "machine logs on stderr (what pdf.js printed)")
      .choices(["none", "json"])
      .default("none"),
  )
  .action(async (file: string, o) => {
    const { layoutCommand } = await import("./layout.js");
    process.stdout.write(
      await layoutCommand(file, {
        page: o.page,
        format: o.format,
        ocr: o.ocr,
        onReaderNotes: pdfjsLog(o.logFormat, file),
      }),
    );
  });

program
  .command("segment")
  .description("show how a PDF is segmented: each row's kind and each column's role, and why")
  .argument("<file>")
  .option("--page <n>", "only this page", intArg("--page"))
  .option("--profile <name>", "use this pipeline profile instead of choosing one")
  .addOption(new Option("--format <format>").choices(["json", "text"]).default("text"))
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
    const { segmentCommand } = await import("./segment.js");
    process.stdout.write(
      await segmentCommand(file, {
        page: o.page,
        format: o.format,
        ocr: o.ocr,
        profile: o.profile,
        onReaderNotes: pdfjsLog(o.logFormat, file),
      }),
    );
  });

program
  .command("query")
  .description("run read-only SQL on the database")
  .argument("<sql>")
  .addOption(dbOption())
  .option("--json", "print rows as JSON")
  .option("--timeout <seconds>", "stop the query past this (default 30)", intArg("--timeout"))
  .option("--max-memory <MB>", "what SQLite may allocate for it (default 1024)", intArg("--max-memory"))
  .action(async (sql: string, o) => {
    // in a process of its own, killed past the time limit: SQLite cannot be interrupted otherwise
    const { columns, rows } = await limitedQuery(o.db ?? defaultDbPath(), sql, {
      timeoutMs: (o.timeout ?? DEFAULT_QUERY_TIMEOUT_MS / 1000) * 1000,
      maxMemoryMb: o.maxMemory,
    });
    if (o.json) return writeJsonRows(process.stdout, rows);
    // a table's widths need every row
    const all: Record<string, unknown>[] = [];
    for await (const r of rows) all.push(r);
    process.stdout.write(
      (columns.length
        ? table(
            columns,
            all.map((r) => columns.map((c) => r[c] as string | number | null)),
          )
        : "") + "\n",
    );
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
    await withStore(o.db, async (store) => {
      const d = diff(store, a, b, { onlyChanged: o.only === "changed" });
      if (o.format === "xlsx") return diffXlsx(d, o.out);
      const text =
        o.format === "json"
          ? JSON.stringify(d, null, 2) + "\n"
          : o.format === "csv"
            ? diffCsv(d)
            : diffTable(d) + "\n";
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
  });

program
  .command("history")
  .description(
    "one indicator (code or words of its name) across all documents: baselines, targets, results per year",
  )
  .argument("<indicator>")
  .option("--json", "print JSON")
  .addOption(dbOption())
  .action((ref: string, o) =>
    withStore(o.db, (store) => {
      const h = history(store, ref);
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
    }),
  );

/** Who a correction is by: --author, else $ALLEGATI_AUTHOR, else the user running the command. */
function author(given: string | undefined): string | null {
  if (given) return given;
  if (process.env.ALLEGATI_AUTHOR) return process.env.ALLEGATI_AUTHOR;
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/** An existing database for writing: one that is not there is an error (exit 1), never created. */
function writableStore(db: string | undefined): Store {
  const path = db ?? defaultDbPath();
  if (!existsSync(path)) throw new NoDatabaseError(path);
  return openStore(path);
}

/** `field=value` pairs as typed (the value may hold '='; `text=…` is a value's printed text). */
function pairs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const at = a.indexOf("=");
    if (at < 1) throw new UsageError(`'${a}' is not field=value`);
    out[a.slice(0, at)] = a.slice(at + 1);
  }
  return out;
}

program
  .command("review")
  .description(
    "one document's records for a person to check, flagged ones first (low confidence, unsure OCR, superseded), with the keys `correct` takes; --done signs it off",
  )
  .argument("<document>", "id prefix or file name")
  .addOption(dbOption())
  .option("--flagged", "only the flagged records not yet corrected")
  .option("--done", "mark the document reviewed")
  .option("--undo", "take the reviewed mark back")
  .option("--corrections", "list the document's corrections and what became of each")
  .option("--note <text>", "why (with --done or --undo)")
  .option("--author <name>", "who (default: $ALLEGATI_AUTHOR or the user)")
  .option("--json", "print JSON")
  .action(async (ref: string, o) => {
    if (o.done && o.undo) throw new UsageError("--done or --undo, not both");
    if (o.done || o.undo) {
      const store = writableStore(o.db);
      try {
        const c = review(store, ref, { reviewed: !!o.done, author: author(o.author), note: o.note ?? null });
        process.stdout.write(
          o.json ? JSON.stringify(c, null, 2) + "\n" : `${o.done ? "reviewed" : "not reviewed"}: ${ref}\n`,
        );
      } finally {
        store.close();
      }
      return;
    }
    await withStore(o.db, (store) => {
      if (o.corrections) {
        const rows = corrections(store, ref);
        process.stdout.write((o.json ? JSON.stringify(rows, null, 2) : correctionsTable(rows)) + "\n");
        return;
      }
      const r = reviewDocument(store, ref);
      process.stdout.write(
        (o.json ? JSON.stringify(r, null, 2) : reviewTable(r, { flaggedOnly: o.flagged })) + "\n",
      );
    });
  });

program
  .command("correct")
  .description(
    "correct an item of a document (its key from `allegati review`): field=value..., or text='≥ 80%' for a value as printed; --add, --delete, --restore",
  )
  .argument("<document>", "id prefix or file name")
  .argument("[key]", "the item's key (with --add: the indicator a value is added to)")
  .argument("[fields...]", "field=value pairs (value=80 unit=% year=2025 name=... text='≥ 80%')")
  .addOption(dbOption())
  .addOption(
    new Option("--add <kind>", "add a missed item").choices(ITEM_KINDS.filter((k) => k !== "document")),
  )
  .option("--delete", "delete a wrong item (kept with what was read)")
  .option("--restore", "bring a deleted item back")
  .option("--list", "list the corrections (of this document, or of all with '-')")
  .option("--note <text>", "why")
  .option("--author <name>", "who (default: $ALLEGATI_AUTHOR or the user)")
  .option("--json", "print what was stored as JSON")
  .action(async (ref: string, key: string | undefined, fields: string[], o) => {
    if (o.list) {
      await withStore(o.db, (store) => {
        const rows = corrections(store, ref === "-" ? undefined : ref);
        process.stdout.write((o.json ? JSON.stringify(rows, null, 2) : correctionsTable(rows)) + "\n");
      });
      return;
    }
    if ([o.add, o.delete, o.restore].filter(Boolean).length > 1)
      throw new UsageError("one of --add, --delete and --restore");
    const meta = { author: author(o.author), note: o.note ?? null };
    // the items' fields are read from text before the database is opened for writing
    let change: (store: Store) => unknown;
    if (o.add) {
      const kind = o.add as Exclude<ItemKind, "document">;
      const isValue = kind === "target" || kind === "baseline" || kind === "result";
      const given = pairs(isValue ? fields : [key, ...fields].filter((x): x is string => !!x));
      const { page, ...rest } = given;
      const typed = { ...fieldsFromText(kind, rest), ...(page ? { source: { page: Number(page) } } : {}) };
      change = (store) => addItem(store, ref, { kind, parent: isValue ? key : null, fields: typed }, meta);
    } else {
      if (!key) throw new UsageError("give the item's key (see allegati review)");
      const kind = kindOfKey(key);
      if (!kind || kind === "document")
        throw new UsageError(`'${key}' is not an item's key (see allegati review)`);
      if (o.delete) change = (store) => deleteItem(store, ref, key, meta);
      else if (o.restore) change = (store) => restoreItem(store, ref, key, meta);
      else {
        if (!fields.length) throw new UsageError("give field=value pairs to correct");
        const typed = fieldsFromText(kind, pairs(fields));
        change = (store) => correct(store, ref, key, typed, meta);
      }
    }
    const store = writableStore(o.db);
    try {
      const stored = change(store);
      if (o.json) process.stdout.write(JSON.stringify(stored, null, 2) + "\n");
      else if (Array.isArray(stored))
        process.stdout.write(
          stored.length
            ? `${stored.length} field(s) corrected: ${stored.map((c) => c.field).join(", ")}\n`
            : "nothing to change\n",
        );
      else if (stored && typeof stored === "object" && "key" in stored)
        process.stdout.write(`added ${(stored as { key: string }).key}\n`);
      else process.stdout.write(`${o.delete ? "deleted" : "restored"} ${key}\n`);
    } finally {
      store.close();
    }
  });

program
  .command("serve")
  .description(
    "review and correct in the browser: documents, pages with each value's box, compare (http://127.0.0.1:8080)",
  )
  .addOption(dbOption())
  .option("--port <n>", "port (default 8080; 0 picks a free one)", (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new UsageError(`--port must be 0-65535, not '${v}'`);
    return n;
  })
  .option("--host <address>", "address to listen on (default 127.0.0.1; any other needs --token)")
  .option("--token <secret>", "required of every request (open /?token=SECRET once in the browser)")
  .option("--read-only", "serve without corrections (the database is opened read-only)")
  .option(
    "--author <name>",
    "corrections' author when the form gives none (default: $ALLEGATI_AUTHOR or the user)",
  )
  .action(async (o) => {
    const { serveCommand } = await import("./serve.js");
    await serveCommand({
      db: o.db ?? defaultDbPath(),
      port: o.port ?? 8080,
      host: o.host ?? "127.0.0.1",
      token: o.token ?? process.env.ALLEGATI_TOKEN,
      readOnly: !!o.readOnly,
      author: author(o.author),
    });
  });

/**
 * Read commands open the database read-only: one that is not there is an error (exit 1, one line),
 * never created, and nothing these commands run can write to it.
 */
async function withStore<T>(db: string | undefined, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(db ?? defaultDbPath(), { readonly: true });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** Runs `write` on stdout, or on the file `out` (closed, and waited for, once written). */
async function output(out: string | undefined, write: (sink: Sink) => Promise<unknown>): Promise<void> {
  if (!out) return void (await write(process.stdout));
  const file = createWriteStream(out);
  const opened = new Promise<void>((resolve, reject) => {
    file.once("open", () => resolve());
    file.once("error", reject);
  });
  await opened;
  await write(file);
  await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Rows as JSON.stringify(rows, null, 2) prints them, written one row at a time. */
async function writeJsonRows(out: Sink, rows: AsyncIterable<unknown>): Promise<void> {
  const w = new StreamWriter(out);
  try {
    await writeJsonArray(w, rows);
    await w.write("\n");
  } finally {
    w.release();
  }
}

/** A reader that went away (`allegati export | head`): not an error of ours. */
const isClosedPipe = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === "EPIPE";

async function main(): Promise<void> {
  // an EPIPE may also come after the command's last write: it ends nothing but the output
  process.stdout.on("error", (e) => {
    if (!isClosedPipe(e)) throw e;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (isClosedPipe(e)) return;
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
    if (process.argv.includes("--debug") && err.stack && !(e instanceof NoDatabaseError))
      process.stderr.write(err.stack + "\n");
    process.exitCode = 1;
  }
}

await main();
