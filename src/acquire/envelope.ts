/**
 * Envelopes around a PDF: CAdES `.p7m` (DER, base64 with or without PEM armour, nested), RFC 5544
 * TimeStampedData `.tsd`, and `.m7m` (MIME: the p7m and its timestamp). Unwrapped one layer at a time.
 */
import * as asn1js from "asn1js";
import type { Signature } from "../model/index.js";
import { AllegatiError } from "../errors.js";
import { parseSignedData, signaturesOf } from "./cms.js";
import { timestampTimes } from "./timestamp.js";

export type Sniffed = "pdf" | "cms-der" | "cms-base64" | "pem" | "tsd" | "m7m" | "unknown";

const OID_TSD = "1.2.840.113549.1.9.16.1.31";
const OID_SIGNED = "1.2.840.113549.1.7.2";
const SIGNED_DATA_OID_DER = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const TSD_OID_DER = Buffer.from([
  0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x1f,
]);

const head = (b: Uint8Array, n = 1024) => Buffer.from(b.subarray(0, n)).toString("latin1");

function contentType(der: Uint8Array): string | null {
  const asn1 = asn1js.fromBER(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
  );
  if (asn1.offset === -1 || !(asn1.result instanceof asn1js.Sequence)) return null;
  const first = asn1.result.valueBlock.value[0];
  return first instanceof asn1js.ObjectIdentifier ? first.valueBlock.toString() : null;
}

/** Strict base64: only the alphabet and white space, and a length that decodes. */
export function decodeBase64(text: string): Uint8Array | null {
  const body = text.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(body, "base64"));
}

export function sniff(bytes: Uint8Array): Sniffed {
  const h = head(bytes);
  // a DER envelope carries the PDF's own header a few bytes in: look at the envelope first
  if (bytes[0] === 0x30) {
    const ct = contentType(bytes);
    if (ct === OID_TSD) return "tsd";
    if (ct === OID_SIGNED) return "cms-der";
    // a damaged or truncated envelope still names its type in its first bytes
    const start = Buffer.from(bytes.subarray(0, 48));
    if (start.includes(SIGNED_DATA_OID_DER)) return "cms-der";
    if (start.includes(TSD_OID_DER)) return "tsd";
  }
  if (h.includes("%PDF-")) return "pdf";
  if (/^\s*-----BEGIN (PKCS7|CMS|PKCS #7 SIGNED DATA)/.test(h)) return "pem";
  if (/^MIME-Version:|^Content-Type:\s*multipart/im.test(h.slice(0, 300))) return "m7m";
  if (bytes[0] === 0x30) {
    const ct = contentType(bytes);
    if (ct === OID_TSD) return "tsd";
    if (ct === OID_SIGNED) return "cms-der";
    return bytes.length > 16 ? "cms-der" : "unknown";
  }
  if (/^\s*MI[A-Za-z0-9+/]/.test(h)) return "cms-base64";
  return "unknown";
}

export interface Unwrapped {
  pdf: Uint8Array;
  envelopes: ("cades" | "tsd" | "m7m")[];
  signatures: Signature[];
  timestamps: string[];
  warnings: string[];
}

/** The OCTET STRING content of a TimeStampedData (version, [dataUri], [metaData], content, evidence). */
function tsdContent(der: Uint8Array): { content: Uint8Array; evidence: Uint8Array | null } {
  const asn1 = asn1js.fromBER(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
  );
  const ci = asn1.result as asn1js.Sequence;
  const explicit = ci.valueBlock.value[1] as asn1js.Constructed | undefined;
  const tsd = explicit?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const content = tsd?.valueBlock.value.find((v) => v instanceof asn1js.OctetString) as
    asn1js.OctetString | undefined;
  if (!content) throw new AllegatiError("signature", "timestamped envelope (.tsd) has no content", "acquire");
  // the temporal evidence follows the content: its timestamp tokens carry the times
  const fields = tsd!.valueBlock.value;
  const evidence = fields[fields.indexOf(content) + 1];
  return {
    content: new Uint8Array(content.getValue()),
    evidence: evidence ? new Uint8Array(evidence.toBER()) : null,
  };
}

/** The base64 application/pkcs7-mime part of an .m7m, and the times of its timestamp part. */
function m7mParts(bytes: Uint8Array): { p7m: Uint8Array; timestamps: string[] } {
  const text = Buffer.from(bytes).toString("latin1");
  const parts = text.split(/\r?\n--[^\r\n]+/);
  let p7m: Uint8Array | null = null;
  const timestamps: string[] = [];
  for (const p of parts) {
    const body = p
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join("\n");
    if (/application\/(x-)?pkcs7-mime/i.test(p)) p7m ??= decodeBase64(body);
    else if (/application\/timestamp/i.test(p)) {
      const der = decodeBase64(body);
      if (der) timestamps.push(...timestampTimes(der));
    }
  }
  if (!p7m) throw new AllegatiError("signature", ".m7m holds no pkcs7-mime part", "acquire");
  return { p7m, timestamps };
}

export async function unwrap(bytes: Uint8Array, depth = 0): Promise<Unwrapped> {
  if (depth > 5) throw new AllegatiError("signature", "envelopes nested more than 5 deep", "acquire");
  const kind = sniff(bytes);
  if (kind === "pdf") return { pdf: bytes, envelopes: [], signatures: [], timestamps: [], warnings: [] };
  if (kind === "pem" || kind === "cms-base64") {
    const der = decodeBase64(Buffer.from(bytes).toString("latin1"));
    if (!der)
      throw new AllegatiError("signature", "looks like a base64 envelope but is not valid base64", "acquire");
    return unwrap(der, depth + 1);
  }
  if (kind === "m7m") {
    const { p7m, timestamps } = m7mParts(bytes);
    const inner = await unwrap(p7m, depth + 1);
    return {
      ...inner,
      envelopes: ["m7m", ...inner.envelopes],
      timestamps: [...timestamps, ...inner.timestamps],
    };
  }
  if (kind === "tsd") {
    const { content, evidence } = tsdContent(bytes);
    const inner = await unwrap(content, depth + 1);
    const timestamps = evidence ? timestampTimes(evidence) : [];
    return {
      ...inner,
      envelopes: ["tsd", ...inner.envelopes],
      timestamps: [...timestamps, ...inner.timestamps],
    };
  }
  if (kind === "cms-der") {
    const { signed, content } = parseSignedData(bytes);
    if (!content)
      throw new AllegatiError("signature", "envelope has no content (detached signature)", "acquire");
    const signatures = await signaturesOf(signed, content, "CAdES");
    const inner = await unwrap(content, depth + 1);
    const warnings = signatures
      .filter((s) => s.integrity === "invalid")
      .map(
        (s) =>
          `signature of ${s.signer ?? "unknown signer"} does not match the content: changed after signing`,
      );
    return {
      ...inner,
      envelopes: ["cades", ...inner.envelopes],
      signatures: [...signatures, ...inner.signatures],
      warnings: [...warnings, ...inner.warnings],
    };
  }
  throw new AllegatiError("not-pdf", describe(bytes), "acquire");
}

export function describe(bytes: Uint8Array): string {
  const h = head(bytes, 512).trimStart().toLowerCase();
  if (!bytes.length) return "the file is empty";
  if (h.startsWith("<!doctype html") || h.startsWith("<html") || h.includes("<body"))
    return "an HTML page, not a PDF";
  if (bytes[0] === 0x89 && h.startsWith("\x89png")) return "a PNG image, not a PDF";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "a ZIP archive, not a PDF";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "a JPEG image, not a PDF";
  if (h.startsWith("{") || h.startsWith("[")) return "JSON text, not a PDF";
  return "not a PDF (no %PDF- header) nor a signed envelope";
}
