/**
 * The sizes image decoders will allocate, read from the image data's own headers before pdf.js
 * decodes them: a JPEG's frame (SOF), a JPEG 2000 codestream's image size (SIZ), a JBIG2 stream's
 * page and region sizes. pdf.js sizes its buffers from these, not from the image dictionary's Width
 * and Height, so a few bytes claiming 65535 × 65535 pixels would otherwise allocate gigabytes.
 */

/** What a header claims, and the bytes its decoder allocates for it. */
export interface ImageHeader {
  width: number;
  height: number;
  bytes: number;
}

const samples = (width: number, height: number, components: number): ImageHeader => ({
  width,
  height,
  bytes: width * height * Math.max(1, components),
});

const u16 = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32 = (b: Uint8Array, i: number) => u16(b, i) * 65536 + u16(b, i + 2);

/** The frame of a baseline, extended or progressive JPEG (the ones pdf.js decodes), or null. */
export function jpegFrame(b: Uint8Array): ImageHeader | null {
  let i = b.indexOf(0xff);
  if (i < 0 || b[i + 1] !== 0xd8) return null;
  i += 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1]!;
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xc2) return samples(u16(b, i + 7), u16(b, i + 5), b[i + 9] ?? 0);
    if (marker === 0xda || marker === 0xd9) return null;
    i += 2 + u16(b, i + 2);
  }
  return null;
}

/** The image size of a JPEG 2000 codestream (raw or inside JP2 boxes), from its SIZ marker, or null. */
export function jpxSize(b: Uint8Array): ImageHeader | null {
  for (let i = b.indexOf(0xff); i >= 0 && i + 2 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] !== 0x4f || b[i + 2] !== 0xff || b[i + 3] !== 0x51) continue;
    // SOC then SIZ: Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz ... Csiz
    const s = i + 4;
    const x = u32(b, s + 4),
      y = u32(b, s + 8),
      xo = u32(b, s + 12),
      yo = u32(b, s + 16);
    return samples(Math.max(0, x - xo), Math.max(0, y - yo), u16(b, s + 36));
  }
  return null;
}

const REGION_TYPES = new Set([4, 6, 7, 20, 22, 23, 36, 38, 39, 40, 42, 43]);

/**
 * The largest page or region a JBIG2 stream (embedded: segments without a file header) declares, as
 * pdf.js reads its segment headers; null when there is none. A region's bitmap takes a byte per
 * pixel in pdf.js, a page's a bit.
 */
export function jbig2Size(b: Uint8Array): ImageHeader | null {
  let best: ImageHeader | null = null;
  const consider = (width: number, height: number, bytesPerPixel: number) => {
    const bytes = Math.ceil(width * height * bytesPerPixel);
    if (bytes > (best?.bytes ?? 0)) best = { width, height, bytes };
  };
  let p = 0;
  for (let guard = 0; p + 11 <= b.length && guard < 100_000; guard++) {
    const number = u32(b, p);
    const flags = b[p + 4]!;
    const type = flags & 0x3f;
    let at = p + 5;
    let referred = (b[at]! >> 5) & 7;
    if (referred === 7) {
      referred = u32(b, at) & 0x1fffffff;
      at += 4 + ((referred + 8) >> 3);
    } else at += 1;
    at += referred * (number <= 256 ? 1 : number <= 65536 ? 2 : 4);
    at += flags & 0x40 ? 4 : 1;
    const length = u32(b, at);
    at += 4;
    if (type === 48) {
      // page information: an unknown height (striped pages) counts as nothing here
      const h = u32(b, at + 4);
      consider(u32(b, at), h === 0xffffffff ? 0 : h, 1 / 8);
    } else if (REGION_TYPES.has(type)) consider(u32(b, at), u32(b, at + 4), 1);
    if (length === 0xffffffff) break;
    p = at + length;
  }
  return best;
}
