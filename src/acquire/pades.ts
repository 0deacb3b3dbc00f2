/**
 * PAdES: signatures inside the PDF. Every signature dictionary's /ByteRange [a b c d] names the signed
 * bytes (each signature covers the file up to its own revision); /Contents, the gap between the two
 * ranges, holds a detached CMS. A PDF that only prints "firmato digitalmente" has none.
 */
import type { Signature } from "../model/index.js";
import { parseSignedData, signaturesOf } from "./cms.js";

export async function padesSignatures(
  pdf: Uint8Array,
): Promise<{ signatures: Signature[]; warnings: string[] }> {
  const text = Buffer.from(pdf).toString("latin1");
  const signatures: Signature[] = [];
  const warnings: string[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  const seen = new Set<string>();
  for (const m of text.matchAll(re)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (seen.has(m[0]) || a !== 0 || c < b || c + d > pdf.length) {
      if (!seen.has(m[0])) warnings.push(`signature with a byte range outside the file: ${m[0]}`);
      seen.add(m[0]);
      continue;
    }
    seen.add(m[0]);
    const hex = text.slice(b, c).replace(/[<>\s]/g, "");
    if (!/^[0-9a-fA-F]+$/.test(hex)) continue;
    // /Contents is zero-padded after the DER: asn1js reads the first element and ignores the rest
    const signed = (() => {
      try {
        return parseSignedData(new Uint8Array(Buffer.from(hex, "hex"))).signed;
      } catch {
        return null;
      }
    })();
    if (!signed) {
      warnings.push("a PDF signature could not be read");
      signatures.push({ format: "PAdES", signer: null, signedAt: null, integrity: "unknown" });
      continue;
    }
    const data = new Uint8Array(b + d);
    data.set(pdf.subarray(a, a + b), 0);
    data.set(pdf.subarray(c, c + d), b);
    const found = await signaturesOf(signed, data, "PAdES");
    // the dictionary's /M date when the CMS carries no signing time
    const dict = text.slice(Math.max(0, m.index! - 400), m.index! + 400) + text.slice(c, c + 400);
    const mDate = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(dict);
    for (const s of found) {
      if (!s.signedAt && mDate)
        s.signedAt = `${mDate[1]}-${mDate[2]}-${mDate[3]}T${mDate[4] ?? "00"}:${mDate[5] ?? "00"}:${mDate[6] ?? "00"}Z`;
      if (s.integrity === "invalid")
        warnings.push(`PDF signature of ${s.signer ?? "unknown signer"} does not match the signed bytes`);
      signatures.push(s);
    }
  }
  return { signatures, warnings };
}
