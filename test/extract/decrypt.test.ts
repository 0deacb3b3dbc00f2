/**
 * The check made before pdf.js on encrypted files: a file encrypted with an owner password only opens
 * without one, so its streams are decrypted before they are counted (as ciphertext a bomb decodes to
 * nothing). Files encrypted by qpdf with each method of the standard security handler.
 */
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { checkStreams } from "../../src/extract/preflight.js";
import { AllegatiError } from "../../src/errors.js";
import { tempDir } from "../helpers.js";
import { pdf, type Body } from "../hostile/round2/encoders.js";

const MB = 1024 * 1024;

// (the files are made by qpdf: .ci/run installs it where missing; without it these tests say so)
const haveQpdf = spawnSync("qpdf", ["--version"]).status === 0;
if (!haveQpdf) console.warn("test/extract/decrypt: SKIPPED: no qpdf (apt-get install -y qpdf)");

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AllegatiError,
  );

/** `file` encrypted by qpdf with the empty user password and `args` (key length, method). */
function encrypted(file: Buffer, args: string[], user = "", qpdfArgs: string[] = []): Buffer {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, "in.pdf"), file);
    execFileSync("qpdf", [
      "--stream-data=preserve",
      "--allow-weak-crypto",
      ...qpdfArgs,
      "--encrypt",
      user,
      "proprietario",
      ...args,
      "--",
      join(dir, "in.pdf"),
      join(dir, "out.pdf"),
    ]);
    return readFileSync(join(dir, "out.pdf"));
  } finally {
    cleanup();
  }
}

/** A page whose contents are `n` streams of `data` through `filter` (all reachable: qpdf keeps them). */
const pages = (data: Buffer, filter: string, n = 1): Buffer => {
  const refs = Array.from({ length: n }, (_, i) => `${i + 4} 0 R`).join(" ");
  return pdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [${refs}] >>`,
    ...Array.from({ length: n }, (): Body => ({ dict: `/Filter ${filter}`, data })),
  ]);
};

const METHODS: [string, string[], string[]][] = [
  ["RC4 40-bit", ["40"], []],
  ["RC4 128-bit", ["128", "--use-aes=n"], []],
  ["AES-128", ["128", "--use-aes=y"], []],
  ["AES-256 (revision 6)", ["256"], []],
  ["AES-256 (revision 5)", ["256", "--force-R5"], []],
  ["AES-128, in object streams", ["128", "--use-aes=y"], ["--object-streams=generate"]],
];

describe.skipIf(!haveQpdf).each(METHODS)(
  "an owner-password-only file encrypted with %s",
  (_name, args, qpdfArgs) => {
    const spaces = (n: number) => deflateSync(Buffer.alloc(n, 0x20), { level: 9 });

    it("is checked on its decrypted streams: a bomb is refused, naming the stream's chain", async () => {
      const inner = spaces(8 * MB);
      const plain = pages(deflateSync(inner), "[/FlateDecode /FlateDecode]");
      const file = encrypted(plain, args, "", qpdfArgs);
      // the stream is ciphertext in the file: its compressed bytes are nowhere in it
      expect(file.includes(inner.subarray(0, 64))).toBe(false);
      const e = await failure(checkStreams(file, 4 * MB));
      expect(e).toBeInstanceOf(AllegatiError);
      expect(e!.reason).toBe("limit");
      expect(e!.message).toMatch(/FlateDecode FlateDecode\) decodes to more than 4 MB/);
    });

    it("counts the decrypted streams' real size, stream by stream and in all", async () => {
      const file = encrypted(pages(spaces(3 * MB), "/FlateDecode", 3), args, "", qpdfArgs);
      await expect(checkStreams(file, { stream: 4 * MB, document: 10 * MB })).resolves.toBeUndefined();
      expect((await failure(checkStreams(file, { stream: 4 * MB, document: 8 * MB })))?.message).toMatch(
        /decode to more than 8 MB in all/,
      );
      expect((await failure(checkStreams(file, { stream: 2 * MB, document: 10 * MB })))?.message).toMatch(
        /decodes to more than 2 MB/,
      );
    });
  },
);

describe.skipIf(!haveQpdf)("encrypted files the check cannot open", () => {
  it("lets a file that needs a user password through (pdf.js fails it as encrypted)", async () => {
    const plain = pages(deflateSync(deflateSync(Buffer.alloc(8 * MB, 0x20))), "[/FlateDecode /FlateDecode]");
    await expect(checkStreams(encrypted(plain, ["256"], "utente"), 4 * MB)).resolves.toBeUndefined();
    await expect(checkStreams(encrypted(plain, ["128"], "utente"), 4 * MB)).resolves.toBeUndefined();
  });
});
