/** The check on streams made before pdf.js parses a file. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { checkStreams } from "../../src/extract/preflight.js";
import { AllegatiError } from "../../src/errors.js";
import { ROOT } from "../helpers.js";
import { hex, onePage, pdf, pngRows } from "./round2/encoders.js";

const MB = 1024 * 1024;

const pdfWith = (stream: Buffer, filter = "/FlateDecode") =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7\n4 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`, "latin1"),
    stream,
    Buffer.from("\nendstream\nendobj\n%%EOF\n", "latin1"),
  ]);

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AllegatiError,
  );

describe("streams checked before parsing", () => {
  it("fails a stream that inflates past the limit with reason limit, naming it", async () => {
    const bomb = pdfWith(deflateSync(Buffer.alloc(8 * MB, 0x20), { level: 9 }));
    const e = await failure(checkStreams(bomb, 4 * MB));
    expect(e).toBeInstanceOf(AllegatiError);
    expect(e!.reason).toBe("limit");
    expect(e!.message).toMatch(/stream 4 \(FlateDecode\) decodes to more than 4 MB/);
  });

  it("follows a stream through its whole filter chain, predictors included", async () => {
    const inner = deflateSync(Buffer.alloc(8 * MB, 0x20), { level: 9 });
    const twice = pdfWith(deflateSync(inner), "[/FlateDecode /FlateDecode]");
    expect((await failure(checkStreams(twice, 4 * MB)))?.message).toMatch(/FlateDecode FlateDecode/);
    const hexed = pdfWith(hex(inner), "[/AHx /Fl]");
    expect((await failure(checkStreams(hexed, 4 * MB)))?.reason).toBe("limit");
    // the first stage's rows go through a PNG predictor before the second stage inflates them
    const rows = deflateSync(pngRows(inner, 50));
    const parms = "/DecodeParms [<< /Predictor 12 /Columns 50 >> null]";
    const predicted = pdfWith(rows, `[/FlateDecode /FlateDecode] ${parms}`);
    expect((await failure(checkStreams(predicted, 4 * MB)))?.reason).toBe("limit");
    await expect(checkStreams(pdfWith(rows, "[/FlateDecode /FlateDecode]"), 4 * MB)).resolves.toBeUndefined();
    // the same bytes behind a filter that is not the one that would expand them are harmless
    await expect(checkStreams(pdfWith(deflateSync(inner), "/FlateDecode"), 4 * MB)).resolves.toBeUndefined();
  });

  it("resolves filters and lengths given by reference, and checks every definition of them", async () => {
    const inner = deflateSync(Buffer.alloc(8 * MB, 0x20), { level: 9 });
    const file = pdf(
      onePage({ dict: "/Filter 5 0 R", data: deflateSync(inner) }, ["[/FlateDecode /FlateDecode]"]),
    );
    expect((await failure(checkStreams(file, 4 * MB)))?.reason).toBe("limit");
    // a later harmless definition of object 5 does not hide the first one
    const decoy = Buffer.concat([file, Buffer.from("5 0 obj\n/FlateDecode\nendobj\n", "latin1")]);
    expect((await failure(checkStreams(decoy, 4 * MB)))?.reason).toBe("limit");
  });

  it("bounds what all streams decode to together", async () => {
    const each = deflateSync(Buffer.alloc(3 * MB, 0x20));
    const objs = onePage({ dict: "/Filter /FlateDecode", data: each }, [
      { dict: "/Filter /FlateDecode", data: each },
      { dict: "/Filter /FlateDecode", data: each },
    ]);
    await expect(checkStreams(pdf(objs), { stream: 4 * MB, document: 10 * MB })).resolves.toBeUndefined();
    const e = await failure(checkStreams(pdf(objs), { stream: 4 * MB, document: 8 * MB }));
    expect(e?.message).toMatch(/decode to more than 8 MB in all/);
  });

  it("bounds an image by its declared size and by its data's own header", async () => {
    const image = (dict: string, data: Buffer) =>
      pdf(
        onePage(
          "q 10 0 0 10 0 0 cm /I Do Q",
          [{ dict: `/Type /XObject /Subtype /Image ${dict}`, data }],
          "/XObject << /I 5 0 R >>",
        ),
      );
    const declared = image(
      "/Width 20000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8",
      Buffer.alloc(10),
    );
    expect((await failure(checkStreams(declared)))?.message).toMatch(/20000 × 20000 pixels/);
    const sof = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x01, 0x01, 0x11, 0x00,
    ]);
    const jpeg = image(
      "/Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
      sof,
    );
    expect((await failure(checkStreams(jpeg)))?.message).toMatch(/DCTDecode data of 65000 × 65000/);
    const small = image(
      "/Width 100 /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
      Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 0x11, 8, 0, 100, 0, 100, 3]),
    );
    await expect(checkStreams(small)).resolves.toBeUndefined();
  });

  it("lets a stream under the limit, damaged data and image data through", async () => {
    await expect(
      checkStreams(pdfWith(deflateSync(Buffer.alloc(2 * MB, 0x20))), 4 * MB),
    ).resolves.toBeUndefined();
    await expect(checkStreams(pdfWith(Buffer.alloc(64 * 1024, 0x41)), 1024)).resolves.toBeUndefined();
    const big = deflateSync(Buffer.alloc(8 * MB, 0x20));
    await expect(checkStreams(pdfWith(big, "/DCTDecode"), 4 * MB)).resolves.toBeUndefined();
  });

  it("passes every fixture", async () => {
    for (const f of ["cciaa-fe-ra-allegato4-2021.pdf", "cruscotto-strategico-2021-2026-scan.pdf"])
      await expect(checkStreams(readFileSync(join(ROOT, "fixtures", f)))).resolves.toBeUndefined();
  });
});
