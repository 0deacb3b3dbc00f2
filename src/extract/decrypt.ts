/**
 * The standard security handler, for the check made before pdf.js parses a file: a file encrypted
 * with an owner password only opens without a password (pdf.js reads it), and its streams must be
 * decrypted to be counted, or a decompression bomb would pass as ciphertext. RC4 (40 to 128 bits),
 * AES-128 (AESV2) and AES-256 (AESV3, revisions 5 and 6), with the empty user password only: a file
 * that needs a password fails `encrypted` in pdf.js before any stream is read.
 */
import { createDecipheriv, createHash, createCipheriv } from "node:crypto";
import { isDict, nameOf, PdfString, type PdfDict, type PdfValue } from "./pdfsyntax.js";

/** Decrypts the data of stream `num gen` (a copy; the input is left as it is). */
export type StreamDecryptor = (num: number, gen: number, data: Uint8Array) => Uint8Array;

const PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

const md5 = (...parts: Uint8Array[]) => {
  const h = createHash("md5");
  for (const p of parts) h.update(p);
  return h.digest();
};

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** AES-CBC with the IV in the data's first 16 bytes, as PDF stores it; bad padding kept as is. */
function aesDecrypt(key: Uint8Array, data: Uint8Array): Buffer {
  if (data.length < 32 || data.length % 16) return Buffer.alloc(0);
  const algo = key.length === 32 ? "aes-256-cbc" : "aes-128-cbc";
  const iv = data.subarray(0, 16);
  const body = data.subarray(16);
  try {
    const d = createDecipheriv(algo, key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  } catch {
    const d = createDecipheriv(algo, key, iv).setAutoPadding(false);
    return Buffer.concat([d.update(body), d.final()]);
  }
}

const bytesOf = (v: PdfValue | undefined) => (v instanceof PdfString ? Buffer.from(v.bytes) : null);

/** Algorithm 2.B (revision 6): the hash of a password with a salt, 64 rounds and more of AES and SHA-2. */
function hashR6(password: Buffer, salt: Buffer): Buffer {
  let k = createHash("sha256").update(password).update(salt).digest();
  for (let round = 0; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([password, k])));
    const c = createCipheriv("aes-128-cbc", k.subarray(0, 16), k.subarray(16, 32)).setAutoPadding(false);
    const e = Buffer.concat([c.update(k1), c.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i]!;
    k = createHash(["sha256", "sha384", "sha512"][sum % 3]!)
      .update(e)
      .digest();
    if (round >= 63 && e[e.length - 1]! <= round - 31) break;
  }
  return k.subarray(0, 32);
}

/**
 * The decryptor of a file's streams, from its /Encrypt dictionary and the first part of its /ID,
 * when the empty user password opens it; null otherwise (not the standard handler, another
 * password, a form this does not know).
 */
export function standardDecryptor(
  encrypt: PdfDict,
  id0: Uint8Array,
  resolve: (v: PdfValue | undefined) => PdfValue[],
): StreamDecryptor | null {
  const num = (k: string) => {
    const v = resolve(encrypt.get(k))[0];
    return typeof v === "number" ? v : null;
  };
  const str = (k: string) => bytesOf(resolve(encrypt.get(k))[0]);
  if (nameOf(resolve(encrypt.get("Filter"))[0]) !== "Standard") return null;
  const v = num("V") ?? 0;
  const r = num("R") ?? 2;
  const o = str("O");
  const u = str("U");
  if (!o || !u) return null;
  // the method streams are encrypted with: RC4, or AES through the standard crypt filter
  let method: "rc4" | "aes" | "none" = "rc4";
  if (v >= 4) {
    const stmf = nameOf(resolve(encrypt.get("StmF"))[0]) ?? "Identity";
    if (stmf === "Identity") method = "none";
    else {
      const cf = resolve(encrypt.get("CF")).find(isDict);
      const filter = cf ? resolve(cf.get(stmf)).find(isDict) : undefined;
      const cfm = filter ? nameOf(resolve(filter.get("CFM"))[0]) : null;
      method = cfm === "AESV2" || cfm === "AESV3" ? "aes" : cfm === "None" ? "none" : "rc4";
    }
  }
  if (method === "none") return (_n, _g, data) => data;
  if (r >= 5) {
    // revisions 5 and 6: the user key from the empty password and the key salt, checked first
    const ue = str("UE");
    if (!ue || u.length < 48) return null;
    const hash = (salt: Buffer) =>
      r === 5 ? createHash("sha256").update(salt).digest() : hashR6(Buffer.alloc(0), salt);
    if (!hash(u.subarray(32, 40)).equals(u.subarray(0, 32))) return null;
    const d = createDecipheriv("aes-256-cbc", hash(u.subarray(40, 48)), Buffer.alloc(16)).setAutoPadding(
      false,
    );
    const key = Buffer.concat([d.update(ue.subarray(0, 32)), d.final()]);
    return (_n, _g, data) => aesDecrypt(key, data);
  }
  // revisions 2 to 4: the key from the padded empty password, O, P and the file's ID
  const n = r === 2 ? 5 : Math.max(5, Math.min(16, Math.floor((num("Length") ?? 40) / 8)));
  const p = Buffer.alloc(4);
  p.writeInt32LE((num("P") ?? 0) | 0);
  const encryptMetadata = resolve(encrypt.get("EncryptMetadata"))[0] !== false;
  let h = md5(
    PAD,
    o.subarray(0, 32),
    p,
    id0,
    r >= 4 && !encryptMetadata ? Buffer.from([255, 255, 255, 255]) : Buffer.alloc(0),
  );
  if (r >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
  const key = h.subarray(0, n);
  // the empty password is the user password when it gives back U
  if (r === 2) {
    if (!rc4(key, PAD).equals(u.subarray(0, 32))) return null;
  } else {
    let x = rc4(key, md5(PAD, id0));
    for (let i = 1; i <= 19; i++)
      x = rc4(
        key.map((b) => b ^ i),
        x,
      );
    if (!x.equals(u.subarray(0, 16))) return null;
  }
  return (objNum, gen, data) => {
    const salt = Buffer.from([
      objNum & 0xff,
      (objNum >> 8) & 0xff,
      (objNum >> 16) & 0xff,
      gen & 0xff,
      (gen >> 8) & 0xff,
    ]);
    const objKey = md5(
      key,
      salt,
      method === "aes" ? Buffer.from("sAlT", "latin1") : Buffer.alloc(0),
    ).subarray(0, Math.min(n + 5, 16));
    return method === "aes" ? aesDecrypt(objKey, data) : rc4(objKey, data);
  };
}
