/**
 * The house's layers (eslint.config.js LAYERS): every stage imports only from its own layer and those
 * below, the front ends only through src/index.ts, no import cycle, SQL only in src/load, each
 * exported type defined once. ESLint's rule is run as `npm run lint` runs it; the import graph is
 * also walked here, because the rule does not see dynamic `import()`.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { API_ONLY, LAYER_EXCEPTIONS, LAYERS } from "../../eslint.config.js";
import { ROOT } from "../helpers.js";

/** Every .ts file under src/, as paths relative to the repository ("src/load/store.ts"). */
function sourceFiles(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return p.endsWith(".ts") ? [relative(ROOT, p)] : [];
    });
}

/** A file's imports within src/: static, type-only, re-exports and dynamic `import("…")` alike. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith("."))
    .map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, ".ts"));
}

export type Graph = Map<string, string[]>;

function importGraph(): Graph {
  return new Map(sourceFiles().map((f) => [f, importsOf(f).filter((t) => t.startsWith("src/"))]));
}

const member = (path: string) => LAYERS.flat().find((m) => path === m || path.startsWith(m + "/")) ?? null;
const layerOf = (path: string) => LAYERS.findIndex((l) => l.includes(member(path) ?? ""));

/** Edges that break the layers: upward, or from a front end to anything but src/index.ts. */
export function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph)
    for (const to of tos) {
      const allowed = LAYER_EXCEPTIONS[from] ?? [];
      if (allowed.includes(member(to) ?? "")) continue;
      const front = API_ONLY.includes(member(from) ?? "");
      if (front ? member(to) !== member(from) && to !== "src/index.ts" : layerOf(to) > layerOf(from))
        out.push(`${from} → ${to}`);
    }
  return out;
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>(),
    low = new Map<string, number>(),
    on = new Set<string>(),
    stack: string[] = [],
    out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe("layers", () => {
  const graph = importGraph();

  it("every file of src/ belongs to a layer, and every import resolves to a file", () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
    const files = new Set(graph.keys());
    expect(
      [...graph].flatMap(([f, tos]) => tos.filter((t) => !files.has(t)).map((t) => `${f} → ${t}`)),
    ).toEqual([]);
  });

  it("no import runs upward, dynamic imports included; front ends import only src/index.ts", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("has no import cycle (type-only and dynamic imports count)", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle and an upward import when there is one", () => {
    const bad: Graph = new Map([
      ["src/batch/pool.ts", ["src/batch/worker.ts"]],
      ["src/batch/worker.ts", ["src/ingest.ts"]],
      ["src/ingest.ts", ["src/batch/pool.ts"]],
      ["src/link/format.ts", ["src/cli/output.ts"]],
      ["src/cli/main.ts", ["src/load/store.ts"]],
      ["src/cli/output.ts", []],
    ]);
    expect(cycles(bad)).toEqual([["src/batch/pool.ts", "src/batch/worker.ts", "src/ingest.ts"]]);
    expect(layerViolations(bad)).toEqual([
      "src/link/format.ts → src/cli/output.ts",
      "src/cli/main.ts → src/load/store.ts",
    ]);
  });

  it("ESLint's import rule holds on src/, and refuses an upward import", async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(["src"]);
    const broken = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === "no-restricted-imports" || m.fatal)
        .map((m) => `${relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(broken).toEqual([]);
    const probe = async (file: string, code: string) =>
      (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0]!.messages.filter(
        (m) => m.ruleId === "no-restricted-imports",
      ).length;
    expect(await probe("src/segment/probe.ts", 'import { Store } from "../load/index.js";\n')).toBe(1);
    expect(await probe("src/link/probe.ts", 'import type { X } from "../cli/output.js";\n')).toBe(1);
    expect(await probe("src/pipeline.ts", 'export { x } from "./index.js";\n')).toBe(1);
    expect(await probe("src/cli/probe.ts", 'import { Store } from "../load/index.js";\n')).toBe(1);
    expect(await probe("src/link/probe.ts", 'import Database from "better-sqlite3";\n')).toBe(1);
    expect(
      await probe("src/extract/probe.ts", 'import { latticeTables } from "../layout/lattice.js";\n'),
    ).toBe(1);
    // downward, and the documented exception (serve starts the web app)
    expect(await probe("src/segment/probe.ts", 'import { fold } from "../normalize/index.js";\n')).toBe(0);
    expect(
      await probe(
        "src/cli/probe.ts",
        'import { ingest } from "../index.js";\nimport { t } from "./output.js";\n',
      ),
    ).toBe(0);
    expect(await probe("src/cli/serve.ts", 'import { x } from "../web/app.js";\n')).toBe(0);
    // extract/ocr.ts has no exception left: cells are read again in layout/reread.ts
    expect(await probe("src/extract/ocr.ts", 'import { latticeTables } from "../layout/lattice.js";\n')).toBe(
      1,
    );
  }, 120_000);
});

describe("one place for each thing", () => {
  const files = sourceFiles();

  it("SQL runs only in src/load", () => {
    const outside = files.filter((f) => !f.startsWith("src/load/"));
    const sql = outside.filter((f) =>
      /\.(stmt|prepare|pragma)\s*\(|\bstore\.db\b/.test(readFileSync(join(ROOT, f), "utf8")),
    );
    expect(sql).toEqual([]);
  });

  it("each exported type is defined once", () => {
    const where = new Map<string, string[]>();
    for (const f of files) {
      const sf = ts.createSourceFile(f, readFileSync(join(ROOT, f), "utf8"), ts.ScriptTarget.Latest);
      for (const s of sf.statements)
        if (
          (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) &&
          s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        )
          where.set(s.name.text, [...(where.get(s.name.text) ?? []), f]);
    }
    expect([...where].filter(([, fs]) => fs.length > 1)).toEqual([]);
  });
});
