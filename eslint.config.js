import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers of src/, bottom first. A file may import from its own layer and the layers below it,
 * never from one above (as pdf.js fences its layers): the stages only look down, and the command
 * line (and the web app) reach the stages only through the library's API, src/index.ts.
 * test/arch/layers.test.ts runs this rule on src/ and also checks the import graph itself (dynamic
 * imports included, which this rule does not see) for upward imports and cycles.
 */
export const LAYERS = [
  ["src/model", "src/errors.ts"],
  ["src/normalize"],
  ["src/acquire"],
  ["src/extract"],
  ["src/layout"],
  ["src/segment"],
  ["src/load"],
  // corrections applied to what the store read, the review queue, the kept files
  ["src/review"],
  ["src/link"],
  // what runs the stages: a document, a batch, an input walk, an evaluation, an export
  [
    "src/pipeline.ts",
    "src/options.ts",
    "src/ingest.ts",
    "src/inputs.ts",
    "src/batch",
    "src/eval",
    "src/export",
  ],
  ["src/index.ts"],
  ["src/cli", "src/web"],
];

/** Upward imports allowed for now, each with the issue that removes it. */
export const LAYER_EXCEPTIONS = {
  "src/cli/serve.ts": ["src/web"], // `allegati serve` starts the web app, a front end beside the command line (which itself uses src/index.ts only)
};

/** Front ends: they reach the rest of src/ through the library's API (src/index.ts) only. */
export const API_ONLY = ["src/cli", "src/web"];

/** Packages only one stage may import. */
const OWNED_PACKAGES = [
  // SQL lives in the load stage only
  { name: "better-sqlite3", owners: ["src/load"], message: "SQL lives in src/load: add a query there" },
  // only the extract stage talks to pdf.js (and acquire, which opens documents to classify damage)
  { name: "pdfjs-dist", owners: ["src/extract", "src/acquire"], message: "only src/extract talks to pdf.js" },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isFolder = (member) => !member.endsWith(".ts");
/** `src/load` → `load/`, `src/index.ts` → `index.js`: how a relative import names it from src/. */
const target = (member) =>
  isFolder(member) ? `${escape(member.slice(4))}/` : `${escape(member.slice(4, -3))}\\.js$`;

/**
 * no-restricted-imports for the files of one layer member: every member of a higher layer (minus
 * the exceptions) is refused. Relative specifiers are matched from where the importing files sit:
 * `../` once per folder level below src/ (`./` for files in src/ itself).
 */
function restrictions(layer, member, allowed = []) {
  const above = LAYERS.slice(layer + 1)
    .flat()
    .filter((m) => !allowed.includes(m));
  const owned = OWNED_PACKAGES.filter(
    (p) => !p.owners.some((o) => member === o || member.startsWith(o + "/")),
  );
  const configs = [];
  // how many folders below src/ the member's files sit (src/load/*.ts: 1; src/index.ts: 0)
  const base = member.split("/").length - (isFolder(member) ? 1 : 2);
  const depths = isFolder(member) ? [base, base + 1, base + 2] : [base];
  for (const depth of depths) {
    const files = isFolder(member) ? [`${member}/${"*/".repeat(depth - base)}*.ts`] : [member];
    const prefix = depth ? `(\\.\\./){${depth}}` : "\\./";
    const patterns = [];
    const front = API_ONLY.find((m) => member === m || member.startsWith(m + "/"));
    if (front)
      patterns.push({
        regex: `^${prefix}(?!${["index\\.js$", ...allowed.map(target)].join("|")})`,
        message: `${front} uses the library through src/index.ts only: export what it needs there.`,
      });
    else if (above.length)
      patterns.push({
        regex: `^${prefix}(${above.map(target).join("|")})`,
        message: `${member} is in layer ${layer} (eslint.config.js LAYERS) and may import only from its own layer and those below.`,
      });
    for (const p of owned)
      patterns.push({
        regex: `^${escape(p.name)}(/|$)`,
        message: `${p.message} (${member} may not import ${p.name}).`,
      });
    if (patterns.length) configs.push({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });
  }
  return configs;
}

const layerOf = (path) => LAYERS.findIndex((l) => l.some((m) => path === m || path.startsWith(m + "/")));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "fixtures/**/*.pdf", "coverage/**", "scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // the web app's own scripts run in the browser
  { files: ["src/web/static/**/*.js"], languageOptions: { globals: globals.browser } },
  ...LAYERS.flatMap((members, layer) => members.flatMap((m) => restrictions(layer, m))),
  // an exception is a file of its own, with the member it may reach besides its layer's
  ...Object.entries(LAYER_EXCEPTIONS).flatMap(([file, allowed]) =>
    restrictions(layerOf(file), file, allowed).map((c) => ({ ...c, files: [file] })),
  ),
);
