/**
 * Times of RFC 3161 timestamp tokens: the `genTime` of each TSTInfo found in a DER structure (the
 * evidence of a `.tsd`, the timestamp part of an `.m7m`). A token that cannot be read is skipped: a
 * timestamp is metadata beside the document, never a reason to refuse it.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

const OID_TSTINFO = "1.2.840.113549.1.9.16.1.4";

const bufferOf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Every eContent of type TSTInfo under `node` (an EncapsulatedContentInfo: the OID, then [0] OCTET STRING). */
function tstInfos(node: asn1js.AsnType, out: ArrayBuffer[], depth = 0): void {
  if (depth > 40 || !(node instanceof asn1js.Constructed || node instanceof asn1js.Sequence)) return;
  const kids = (node.valueBlock as { value?: asn1js.AsnType[] }).value ?? [];
  const [first, second] = kids;
  if (first instanceof asn1js.ObjectIdentifier && first.valueBlock.toString() === OID_TSTINFO && second) {
    const octets = (second as asn1js.Constructed).valueBlock.value?.[0];
    if (octets instanceof asn1js.OctetString) out.push(octets.getValue());
    return;
  }
  for (const k of kids) tstInfos(k, out, depth + 1);
}

/** ISO 8601 times of the timestamp tokens in `der`, oldest first. */
export function timestampTimes(der: Uint8Array): string[] {
  try {
    const parsed = asn1js.fromBER(bufferOf(der));
    if (parsed.offset === -1) return [];
    const found: ArrayBuffer[] = [];
    tstInfos(parsed.result, found);
    const times: string[] = [];
    for (const info of found) {
      try {
        times.push(pkijs.TSTInfo.fromBER(info).genTime.toISOString());
      } catch {
        // an unreadable token is left out
      }
    }
    return times.sort();
  } catch {
    return [];
  }
}
