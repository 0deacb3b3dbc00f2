/**
 * How a parse worker hands a long document to the main thread. A structured clone is deserialized
 * on arrival, while the worker still holds the original and the heap its reading grew: for a long
 * document the two together are the batch's peak. Packed instead, the document crosses as one buffer
 * moved, not copied, and is unpacked only after the worker is gone (the pool retires it first).
 */
import { deserialize, serialize } from "node:v8";
import type { StoredDocument } from "../model/index.js";

/** Past this many pages a document is packed and its worker retired (a new one costs ~0.2 s). */
export const PACK_PAGES = 64;

/** The document serialized into an ArrayBuffer of its own, to go in a postMessage transfer list. */
export function packDocument(doc: StoredDocument): ArrayBuffer {
  const bytes = serialize(doc);
  // a buffer that shares its memory with others (Node's pool, for small ones) cannot be moved
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return bytes.buffer as ArrayBuffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function unpackDocument(packed: ArrayBuffer): StoredDocument {
  return deserialize(Buffer.from(packed)) as StoredDocument;
}
