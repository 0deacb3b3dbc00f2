/**
 * The package as a user installs it: `npm pack`, the tarball unpacked into a temp folder's
 * node_modules (its dependencies linked from this checkout's, so nothing is downloaded), and the
 * README's Library example run there with node as a batch job would run it, importing "allegati".
 * A TypeScript file importing the package is type-checked against the packed declarations.
 */
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, tempDir } from "../helpers.js";

/** The newest modification time of the files under a folder. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((f) => {
      const p = join(dir, f);
      const st = statSync(p);
      return st.isDirectory() ? newest(p) : st.mtimeMs;
    }),
  );
}

/** The README's library example: the first js block after its marker. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf("<!-- library-example");
  expect(at, "the README's library example marker").toBeGreaterThan(0);
  const m = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(m, "a js block after the marker").not.toBeNull();
  return m![1]!;
}

describe("the packed package", () => {
  it("runs the README's Library example", () => {
    // CI builds dist (npm ci runs prepare); a checkout whose sources are newer builds it again
    const built = join(ROOT, "dist", "index.js");
    if (!existsSync(built) || statSync(built).mtimeMs < newest(join(ROOT, "src")))
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });

    const t = tempDir("allegati-pack-");
    try {
      const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", t.dir], {
        cwd: ROOT,
        encoding: "utf8",
      });
      const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
      const files = packed!.files.map((f) => f.path);
      expect(files).toContain("dist/index.js");
      expect(files).toContain("dist/index.d.ts");
      expect(files).toContain("dist/batch/worker.js");
      expect(files.some((f) => f.startsWith("pipelines/"))).toBe(true);
      expect(files.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);

      const app = join(t.dir, "app");
      const pkg = join(app, "node_modules", "allegati");
      mkdirSync(pkg, { recursive: true });
      execFileSync("tar", ["-xzf", join(t.dir, packed!.filename), "-C", pkg, "--strip-components=1"]);
      const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
      for (const dep of Object.keys(manifest.dependencies)) {
        const link = join(app, "node_modules", dep);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(join(ROOT, "node_modules", dep), link, "dir");
      }
      writeFileSync(
        join(app, "package.json"),
        JSON.stringify({ name: "batch-job", type: "module", private: true }),
      );

      mkdirSync(join(app, "annexes"));
      for (const f of ["cruscotto-strategico-2021-2026.pdf", "cruscotto-strategico-2022-2027.pdf"])
        copyFileSync(join(ROOT, "fixtures", f), join(app, "annexes", f));
      writeFileSync(join(app, "job.mjs"), readmeExample());
      const run = spawnSync(process.execPath, ["job.mjs"], { cwd: app, encoding: "utf8", timeout: 120_000 });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const lines = run.stdout.split("\n");
      expect(lines[0]).toBe("2 loaded, 0 skipped, 0 failed");
      expect(lines[1]).toMatch(
        /^cruscotto-strategico-2021-2026\.pdf: dashboard, \d+ indicators, targets for [\d ]+$/,
      );
      expect(lines[2]).toMatch(
        /^cruscotto-strategico-2022-2027\.pdf: dashboard, \d+ indicators, targets for [\d ]+$/,
      );
      // the two editions' changed targets (the gold diff has them)
      expect(
        lines.slice(3).filter((l) => / → .*\((tightened|loosened|changed)\)$/.test(l)).length,
      ).toBeGreaterThan(0);
      expect(existsSync(join(app, "data", "allegati.db"))).toBe(true);

      // the packed declarations type-check a TypeScript user of the package
      writeFileSync(
        join(app, "job.ts"),
        [
          'import { openStore, ingest, exportDocuments, writeExport, type ExportDocument, type IngestSummary } from "allegati";',
          'const store = openStore("data/allegati.db", { readonly: true });',
          "const docs: ExportDocument[] = [...exportDocuments(store)];",
          'const s: Promise<IngestSummary> = ingest(store, [{ name: "x.pdf", data: new Uint8Array() }], { workers: 0 });',
          'void writeExport(store, process.stdout, { format: "csv" });',
          "void docs;",
          "void s;",
          "",
        ].join("\n"),
      );
      const tsc = spawnSync(
        process.execPath,
        [
          join(ROOT, "node_modules", "typescript", "bin", "tsc"),
          "--noEmit",
          "--strict",
          "--module",
          "nodenext",
          "--moduleResolution",
          "nodenext",
          "--target",
          "es2023",
          "--skipLibCheck",
          "--types",
          "node",
          "--typeRoots",
          join(ROOT, "node_modules", "@types"),
          "job.ts",
        ],
        { cwd: app, encoding: "utf8" },
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    } finally {
      t.cleanup();
    }
  }, 300_000);
});
