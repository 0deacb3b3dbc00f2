/**
 * CMS SignedData (CAdES and the /Contents of PAdES) with pkijs and asn1js: the content (a constructed
 * BER eContent is concatenated by asn1js), and per signer the certificate's common name, the signing
 * time and whether the signature verifies over the content. Only the bytes are checked: certificate
 * chains are not (checkChain: false).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { Signature } from "../model/index.js";
import { AllegatiError } from "../errors.js";

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_CN = "2.5.4.3";
const OID_SIGNING_TIME = "1.2.840.113549.1.9.5";

export interface ParsedCms {
  signed: pkijs.SignedData;
  content: Uint8Array | null;
}

const ab = (u: Uint8Array): ArrayBuffer =>
  u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

export function parseSignedData(der: Uint8Array): ParsedCms {
  const asn1 = asn1js.fromBER(ab(der));
  if (asn1.offset === -1) {
    const cut = /end of input/i.test(asn1.result.error);
    throw new AllegatiError(
      cut ? "truncated" : "signature",
      cut
        ? "signed envelope is truncated (ends before its declared length)"
        : `signed envelope is damaged (${asn1.result.error})`,
      "acquire",
    );
  }
  let info: pkijs.ContentInfo;
  try {
    info = new pkijs.ContentInfo({ schema: asn1.result });
  } catch {
    throw new AllegatiError("signature", "not a CMS envelope (no ContentInfo)", "acquire");
  }
  if (info.contentType !== OID_SIGNED_DATA)
    throw new AllegatiError("signature", `CMS content type ${info.contentType} is not SignedData`, "acquire");
  let signed: pkijs.SignedData;
  try {
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    throw new AllegatiError("signature", `damaged SignedData: ${(e as Error).message}`, "acquire");
  }
  const e = signed.encapContentInfo?.eContent;
  const content = e ? new Uint8Array(e.getValue()) : null;
  return { signed, content: content && content.length ? content : null };
}

function commonName(cert: pkijs.Certificate | undefined): string | null {
  const cn = cert?.subject.typesAndValues.find((t) => t.type === OID_CN);
  const v = cn?.value.valueBlock as { value?: unknown } | undefined;
  return typeof v?.value === "string" ? v.value : null;
}

function signerCertificate(signed: pkijs.SignedData, i: number): pkijs.Certificate | undefined {
  const sid = signed.signerInfos[i]?.sid;
  const certs = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  return certs[0];
}

function signingTime(signed: pkijs.SignedData, i: number): string | null {
  const attr = signed.signerInfos[i]?.signedAttrs?.attributes.find((a) => a.type === OID_SIGNING_TIME);
  const t = attr?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  try {
    return t ? t.toDate().toISOString().replace(".000Z", "Z") : null;
  } catch {
    return null;
  }
}

/** Verifies each signer over `data` (the content, or the signed byte ranges of a PDF). */
export async function signaturesOf(
  signed: pkijs.SignedData,
  data: Uint8Array | null,
  format: Signature["format"],
): Promise<Signature[]> {
  const out: Signature[] = [];
  for (let i = 0; i < signed.signerInfos.length; i++) {
    const cert = signerCertificate(signed, i);
    let integrity: Signature["integrity"] = "unknown";
    if (cert && data) {
      try {
        const r = (await signed.verify({
          signer: i,
          data: ab(data),
          checkChain: false,
          extendedMode: true,
        })) as pkijs.SignedDataVerifyResult;
        integrity = r.signatureVerified ? "valid" : "invalid";
      } catch (e) {
        const r = e as pkijs.SignedDataVerifyResult;
        // a digest that does not match the bytes, or a signature that fails: the content was changed
        integrity =
          /digest|signature/i.test(r.message ?? "") && r.signatureVerified !== null
            ? "invalid"
            : /doesn't match|not match|mismatch|verification failed/i.test(r.message ?? "")
              ? "invalid"
              : "unknown";
      }
    }
    out.push({ format, signer: commonName(cert), signedAt: signingTime(signed, i), integrity });
  }
  return out;
}
