import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "fixtures/**/*.pdf", "coverage/**", "scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Only the extract stage talks to pdf.js (and acquire, which opens documents to classify damage).
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["src/layout/**", "src/segment/**", "src/normalize/**", "src/load/**", "src/link/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["pdfjs-dist", "pdfjs-dist/*"] }],
    },
  },
);
