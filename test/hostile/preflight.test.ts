/** The check on compressed streams made before pdf.js parses a file. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { checkStreams } from "../../src/extract/preflight.js";
import { AllegatiError } from "../../src/errors.js";
import { ROOT } from "../helpers.js";

const pdfWith = (stream: Buffer, filter = "/FlateDecode") =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7\n4 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`, "latin1"),
    stream,
    Buffer.from("\nendstream\nendobj\n%%EOF\n", "latin1"),
  ]);

describe("compressed streams before parsing", () => {
  it("fails a stream that inflates past the limit with reason limit, naming where it is", async () => {
    const bomb = pdfWith(deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20), { level: 9 }));
    const e = await checkStreams(bomb, 4 * 1024 * 1024).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AllegatiError);
    expect((e as AllegatiError).reason).toBe("limit");
    expect((e as AllegatiError).message).toMatch(/stream at byte \d+ inflates past 4 MB/);
  });

  it("lets a stream under the limit, damaged data and other filters through", async () => {
    await expect(
      checkStreams(pdfWith(deflateSync(Buffer.alloc(2 * 1024 * 1024, 0x20))), 4 * 1024 * 1024),
    ).resolves.toBeUndefined();
    await expect(checkStreams(pdfWith(Buffer.alloc(64 * 1024, 0x41)), 1024)).resolves.toBeUndefined();
    const big = deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    await expect(checkStreams(pdfWith(big, "/DCTDecode"), 4 * 1024 * 1024)).resolves.toBeUndefined();
  });

  it("passes every fixture", async () => {
    for (const f of ["cciaa-fe-ra-allegato4-2021.pdf", "cruscotto-strategico-2021-2026-scan.pdf"])
      await expect(checkStreams(readFileSync(join(ROOT, "fixtures", f)))).resolves.toBeUndefined();
  });
});
