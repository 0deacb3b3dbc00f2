/** Envelopes built here with openssl around a small PDF, and the real PAdES-signed CCIAA act. */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { acquire, sniff } from "../../src/acquire/index.js";
import { signWithTestKeys } from "../../fixtures/generate/lib/sign.js";
import { AllegatiError } from "../../src/errors.js";
import { ROOT, SHARED, tempDir } from "../helpers.js";

let dir: string;
let pdf: Buffer;
const p = (n: string) => join(dir, n);
const sign = signWithTestKeys;

async function failure(path: string): Promise<AllegatiError> {
  try {
    await acquire(path);
  } catch (e) {
    if (e instanceof AllegatiError) return e;
    throw e;
  }
  throw new Error(`${path} was accepted`);
}

beforeAll(async () => {
  dir = tempDir("allegati-acquire-").dir;
  const d = new PDFDocument();
  const chunks: Buffer[] = [];
  d.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => d.on("end", () => r()));
  d.text("Piano della performance 2024: indicatori e target");
  d.end();
  await done;
  pdf = Buffer.concat(chunks);
  writeFileSync(p("doc.pdf"), pdf);
  sign(p("doc.pdf"), p("doc.pdf.p7m"), "-nodetach");
  const der = readFileSync(p("doc.pdf.p7m"));
  writeFileSync(p("doc-b64.pdf.p7m"), der.toString("base64").replace(/(.{64})/g, "$1\n"));
  writeFileSync(
    p("doc-pem.pdf.p7m"),
    `-----BEGIN PKCS7-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PKCS7-----\n`,
  );
  sign(p("doc.pdf.p7m"), p("doc.pdf.p7m.p7m"), "-nodetach");
  sign(p("doc.pdf"), p("doc-ber.pdf.p7m"), "-nodetach", "-stream", "-indef");
  sign(p("doc.pdf"), p("doc-detached.p7m"));
  // the content changed after signing: one byte of the PDF inside the envelope
  const tampered = Buffer.from(der);
  const at = tampered.indexOf("Piano della");
  const where = at > 0 ? at : tampered.indexOf("%PDF-") + 20;
  tampered[where] = tampered[where]! ^ 0x01;
  writeFileSync(p("doc-tampered.pdf.p7m"), tampered);
  writeFileSync(p("doc-truncated.pdf.p7m"), der.subarray(0, Math.floor(der.length / 2)));
  writeFileSync(p("doc-badb64.pdf.p7m"), "MIIB!!!not base64 at all\n" + "x".repeat(100));
  // an RFC 3161 timestamp token (a SignedData around a TSTInfo; unsigned here: only its time is read)
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: "1.2.3.4.1",
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: "2.16.840.1.101.3.4.2.1" }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(32).buffer }),
    }),
    serialNumber: new asn1js.Integer({ value: 7 }),
    genTime: new Date("2023-03-01T10:20:30Z"),
  });
  const token = new pkijs.ContentInfo({
    contentType: "1.2.840.113549.1.7.2",
    content: new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: "1.2.840.113549.1.9.16.1.4",
        eContent: new asn1js.OctetString({ valueHex: tstInfo.toSchema().toBER() }),
      }),
    }).toSchema(true),
  }).toSchema();
  // TimeStampResp: status granted, then the token
  const reply = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }), token],
  });
  // .m7m: a MIME multipart with the p7m as base64 and the timestamp reply
  const boundary = "----=_Part_allegati";
  writeFileSync(
    p("doc.pdf.m7m"),
    [
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: application/pkcs7-mime; name=doc.pdf.p7m",
      "Content-Transfer-Encoding: base64",
      "",
      der.toString("base64").replace(/(.{76})/g, "$1\r\n"),
      `--${boundary}`,
      "Content-Type: application/timestamp-reply",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(reply.toBER()).toString("base64"),
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );
  // .tsd (RFC 5544 TimeStampedData) holding the p7m, with the token as its evidence
  const tsd = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.9.16.1.31" }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Integer({ value: 1 }),
              new asn1js.OctetString({ valueHex: new Uint8Array(der).buffer }),
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 0 },
                value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [token] })] })],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  writeFileSync(p("doc.pdf.p7m.tsd"), Buffer.from(tsd.toBER()));
  writeFileSync(p("empty.pdf"), "");
  writeFileSync(p("page.pdf"), "<!DOCTYPE html><html><body>404 Not Found</body></html>");
  writeFileSync(p("image.pdf"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(p("archive.pdf"), Buffer.from("PK\x03\x04rest of a zip", "latin1"));
});

describe("acquire", () => {
  it("hashes a plain PDF and finds no signature", async () => {
    const a = await acquire(p("doc.pdf"));
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    expect(a.envelopes).toEqual([]);
    expect(a.signatures).toEqual([]);
    expect(Buffer.from(a.pdf).equals(pdf)).toBe(true);
  });

  it.each(["doc.pdf.p7m", "doc-b64.pdf.p7m", "doc-pem.pdf.p7m", "doc-ber.pdf.p7m"])(
    "unwraps %s and verifies its signer",
    async (f) => {
      const a = await acquire(p(f));
      expect(Buffer.from(a.pdf).equals(pdf)).toBe(true);
      expect(a.envelopes).toEqual(["cades"]);
      expect(a.signatures).toHaveLength(1);
      expect(a.signatures[0]).toMatchObject({
        format: "CAdES",
        signer: "Mario Rossi Test Firma",
        integrity: "valid",
      });
      expect(a.signatures[0]!.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // the id is the hash of the file as given, not of the PDF inside
      expect(a.id).not.toBe((await acquire(p("doc.pdf"))).id);
    },
  );

  it("unwraps an .m7m (MIME with the p7m inside)", async () => {
    const a = await acquire(p("doc.pdf.m7m"));
    expect(a.envelopes).toEqual(["m7m", "cades"]);
    expect(a.timestamps).toEqual(["2023-03-01T10:20:30.000Z"]);
    expect(a.signatures[0]).toMatchObject({ signer: "Mario Rossi Test Firma", integrity: "valid" });
    expect(Buffer.from(a.pdf).equals(pdf)).toBe(true);
  });

  it("unwraps a .tsd (TimeStampedData) around a p7m", async () => {
    const a = await acquire(p("doc.pdf.p7m.tsd"));
    expect(a.envelopes).toEqual(["tsd", "cades"]);
    expect(a.timestamps).toEqual(["2023-03-01T10:20:30.000Z"]);
    expect(a.signatures[0]).toMatchObject({ signer: "Mario Rossi Test Firma", integrity: "valid" });
    expect(Buffer.from(a.pdf).equals(pdf)).toBe(true);
  });

  it("unwraps nested envelopes", async () => {
    const a = await acquire(p("doc.pdf.p7m.p7m"));
    expect(a.envelopes).toEqual(["cades", "cades"]);
    expect(a.signatures.map((s) => s.integrity)).toEqual(["valid", "valid"]);
    expect(Buffer.from(a.pdf).equals(pdf)).toBe(true);
  });

  it("loads an envelope whose content changed after signing, with integrity invalid and a warning", async () => {
    const a = await acquire(p("doc-tampered.pdf.p7m"));
    expect(a.signatures[0]!.integrity).toBe("invalid");
    expect(a.warnings.join(" ")).toMatch(/changed after signing/);
  });

  it("fails clearly on detached, truncated and non-base64 envelopes", async () => {
    expect((await failure(p("doc-detached.p7m"))).message).toMatch(/detached/);
    const t = await failure(p("doc-truncated.pdf.p7m"));
    expect(t.reason).toBe("truncated");
    const b = await failure(p("doc-badb64.pdf.p7m"));
    expect(["signature", "not-pdf"]).toContain(b.reason);
  });

  it("says what a non-PDF file is", async () => {
    expect((await failure(p("empty.pdf"))).message).toMatch(/empty/);
    expect((await failure(p("page.pdf"))).message).toMatch(/HTML/);
    expect((await failure(p("image.pdf"))).message).toMatch(/PNG/);
    expect((await failure(p("archive.pdf"))).message).toMatch(/ZIP/);
    expect((await failure(p("missing.pdf"))).reason).toBe("unreadable");
  });

  it("reads the real PAdES signature of a CCIAA act, and none where a PDF only says 'firmato digitalmente'", async () => {
    const a = await acquire(join(SHARED, "realdocs", "CCIAA_Firenze_Determinazione_41_2024.pdf"));
    expect(a.signatures).toHaveLength(1);
    expect(a.signatures[0]).toMatchObject({ format: "PAdES", integrity: "valid" });
    expect(a.signatures[0]!.signer).toBeTruthy();
    const plain = await acquire(join(ROOT, "fixtures", "cciaa-fe-ra-allegato4-2021.pdf"));
    expect(plain.signatures).toEqual([]);
  });

  it("sniffs by content, not by extension", () => {
    expect(sniff(new Uint8Array(readFileSync(p("doc.pdf.p7m"))))).toBe("cms-der");
    expect(sniff(new Uint8Array(readFileSync(p("doc-b64.pdf.p7m"))))).toBe("cms-base64");
    expect(sniff(new Uint8Array(readFileSync(p("doc-pem.pdf.p7m"))))).toBe("pem");
    expect(sniff(new Uint8Array(pdf))).toBe("pdf");
  });
});
