/**
 * The canvas library is loaded without scanning the system's fonts (extract/nosystemfonts.ts): pdf.js
 * and our page images load it in every parse worker, and the scan cost 0.1 s of CPU a thread.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

/** How many font families the canvas library knows once `module` is loaded, in a fresh process. */
function familiesAfter(module: string, env: NodeJS.ProcessEnv = {}): number {
  const code = `await import(${JSON.stringify(module)}); const { GlobalFonts } = await import("@napi-rs/canvas"); console.log(GlobalFonts.families.length);`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: undefined, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout.trim());
}

describe("the canvas library", () => {
  it("is loaded by pdf.js and by our page images without the system's fonts", () => {
    expect(familiesAfter("./src/extract/pdfjs.ts")).toBe(0);
    expect(familiesAfter("./src/extract/canvas.ts")).toBe(0);
  });

  it("keeps a choice the user made", () => {
    const system = familiesAfter("./src/extract/canvas.ts", { DISABLE_SYSTEM_FONTS_LOAD: "" });
    // whatever the machine has installed (LibreOffice's fonts here; maybe none on a bare image)
    expect(system).toBe(familiesAfter("@napi-rs/canvas"));
  });
});
