/** What the walk of the command line's paths takes, and what it reports instead of dropping. */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { showName, walkInputs } from "../../src/inputs.js";
import { oneLine, quoteName, table } from "../../src/cli/output.js";
import { tempDir } from "../helpers.js";

describe("walkInputs", () => {
  it("takes documents, reports what it cannot take, and drops only what is no document", () => {
    const t = tempDir();
    try {
      const d = t.dir;
      writeFileSync(join(d, "a.pdf"), "%PDF-1.4\n");
      writeFileSync(join(d, "senza-estensione"), "%PDF-1.7\n");
      writeFileSync(join(d, "note.txt"), "testo");
      writeFileSync(
        Buffer.concat([Buffer.from(`${d}/Relazione `), Buffer.from([0xe8, 0xff]), Buffer.from(".pdf")]),
        "x",
      );
      writeFileSync(
        Buffer.concat([Buffer.from(`${d}/appunti`), Buffer.from([0xe8]), Buffer.from(".txt")]),
        "x",
      );
      mkdirSync(join(d, "sub"));
      writeFileSync(join(d, "sub", "b.p7m"), "MIIB");
      spawnSync("mkfifo", [join(d, "coda.pdf")]);
      spawnSync("mkfifo", [join(d, "coda")]);
      symlinkSync(join(d, "manca.pdf"), join(d, "link.pdf"));
      symlinkSync(d, join(d, "sub", "giro"));
      const w = walkInputs([d, join(d, "non-esiste.pdf")]);
      expect(w.files.map((f) => f.slice(d.length + 1)).sort()).toEqual([
        "a.pdf",
        "senza-estensione",
        "sub/b.p7m",
      ]);
      expect(w.failures.map((f) => [f.path.slice(d.length + 1), f.reason, f.message])).toEqual([
        [
          "Relazione \\xe8\\xff.pdf",
          "unreadable",
          "the file name is not valid UTF-8: rename the file to read it",
        ],
        ["coda.pdf", "unreadable", "a FIFO (named pipe), not a file"],
        ["link.pdf", "unreadable", "no such file"],
        ["non-esiste.pdf", "unreadable", "no such file"],
      ]);
    } finally {
      t.cleanup();
    }
  });

  it("shows a name that is not UTF-8 with its bytes, keeping its UTF-8 characters", () => {
    expect(showName(Buffer.from("Piano è.pdf"))).toBe("Piano è.pdf");
    expect(showName(Buffer.from([0x50, 0xe8, 0x2e, 0xc3, 0xa8, 0xf0, 0x9f]))).toBe("P\\xe8.è\\xf0\\x9f");
  });
});

describe("one line per name", () => {
  it("quotes a name only when it could break a line", () => {
    expect(quoteName("/a/Piano 2024 – copia è.pdf")).toBe("/a/Piano 2024 – copia è.pdf");
    expect(quoteName("/a/x\nFAILED y.pdf")).toBe('"/a/x\\nFAILED y.pdf"');
    expect(quoteName('"q".pdf')).toBe('"\\"q\\".pdf"');
    expect(quoteName("a\u2028b\u001b[31m")).toBe('"a\\u2028b\\u001b[31m"');
    expect(oneLine("riga\runo\tdue")).toBe("riga\\runo\\tdue");
    expect(table(["file"], [["a\nb"]]).split("\n")).toHaveLength(3);
  });
});
