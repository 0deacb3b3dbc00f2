/**
 * Whether a page's text layer can be used, whole or in part, or the page (or the parts of it its
 * text layer leaves bare) must be read by OCR. Apart from the OCR engine, so that a born-digital
 * document never loads tesseract.js.
 */
import type { Box, RawPage } from "../model/index.js";

/** a page without images needs this many painted paths to be taken for text drawn as outlines */
const OUTLINED_TEXT_PATHS = 200;
/** an image smaller than this share of the page (a logo, a signature) is not worth a reading */
const MIN_IMAGE_SHARE = 0.15;
/** an image whose area is at least this share bare of text-layer text may hold text to read */
const BARE_SHARE = 0.5;
/** side of the grid cells, in points, over which bareness is counted (about a line of text) */
const CELL = 12;
/** a text layer this much invisible... */
const HIDDEN_SHARE = 0.8;
/** ...over an image covering this much of the page is another program's OCR of a scan */
const SCAN_SHARE = 0.5;

/** A glyph pdf.js could not map: the replacement character or a private-use code. */
const unmapped = (c: string) => c === "\ufffd" || (c >= "\ue000" && c <= "\uf8ff");
/**
 * A control code, which no text holds. A font embedded without a Unicode map and with glyphs named
 * by number (a PostScript round trip: pdftops, then ps2pdf) gives its glyphs' codes as they are:
 * 0x01, 0x02, ... for the letters; a damaged content stream gives some among readable text.
 */
const control = (c: string) => c < " " || (c >= "\u007f" && c <= "\u009f");

/**
 * A page needs OCR when its text is made of unreadable glyphs, or when it has (almost) no text but
 * paints something that could hold some: an image (a scan), or many paths (text drawn as outlines).
 * A blank page, or one with a few lines only, is not worth a reading.
 */
export function needsOcr(raw: RawPage): boolean {
  const text = raw.runs.map((r) => r.text).join("");
  const visible = text.replace(/\s/g, "");
  if (visible.length < 10)
    return !raw.paints || raw.paints.images > 0 || raw.paints.paths >= OUTLINED_TEXT_PATHS;
  // one pass over the page's characters: what pdf.js could not map, control codes, Latin letters
  // and, among them, a, e, i, o (wordsHaveVowels)
  let bad = 0,
    ctl = 0,
    letters = 0,
    vowels = 0;
  for (const c of visible) {
    if (unmapped(c)) bad++;
    else if (control(c)) ctl++;
    else if (latin(c.charCodeAt(0))) {
      letters++;
      if (VOWELS.includes(c)) vowels++;
    }
  }
  if (bad / visible.length > 0.3) return true;
  // control codes: unless a readable body of text is there too (a damaged stream's junk beside it,
  // which a page image would show no better)
  if ((bad + ctl) / visible.length > 0.3 && letters < READABLE_BODY) return true;
  return !lettersReadLatin(letters, vowels);
}

/** this many Latin letters make a body of text */
const READABLE_BODY = 200;

/**
 * Whether the page's letters read as a Latin-script language's: a, e, i and o are about 44 % of
 * Italian letters (35 % of English ones), in capitals as in lower case. A font whose codes are its
 * glyphs' numbers, read through a standard encoding, gives a cipher ("LH,W" for "ieri": every code
 * 29 below the letter's, after the font's glyph order) where they are a few per cent; pdftotext
 * reads it so too. Judged on 200 Latin letters or more.
 */
const lettersReadLatin = (letters: number, vowels: number) =>
  letters < READABLE_BODY || vowels >= 0.2 * letters;
// Latin letters only: a page in another script is not judged by Italian's vowels
const latin = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
const VOWELS = "aeioAEIOàèéìíòóÀÈÉÌÍÒÓ";

/**
 * A scan that carries another program's OCR: its words drawn invisible over a page-wide image (a
 * copier's or Acrobat's "searchable PDF"). Its words are kept (reading the page again here did worse
 * on such pages than the OCR they carry), but its table's rulings are only in the image: they are
 * to be found there.
 */
export function ocrLayerOverScan(raw: RawPage): boolean {
  return (raw.hiddenText ?? 0) >= HIDDEN_SHARE && largestImageShare(raw) >= SCAN_SHARE;
}

/** The share of the page covered by its largest image. */
function largestImageShare(raw: RawPage): number {
  let best = 0;
  for (const b of raw.paints?.imageBoxes ?? []) {
    const w = Math.min(raw.width, b[2]) - Math.max(0, b[0]),
      h = Math.min(raw.height, b[3]) - Math.max(0, b[1]);
    if (w > 0 && h > 0) best = Math.max(best, (w * h) / (raw.width * raw.height));
  }
  return best;
}

/**
 * The large images of a page that has a text layer, where that text layer leaves most of the image
 * bare: a scanned body under a protocol stamp or a signature box written as text. Counted over a
 * grid of CELL-point cells: a cell is covered when a text run (grown by a quarter of a cell) reaches
 * it. Whether the bare part holds anything is for the caller to look at (the image may be a blank
 * letterhead behind real text).
 */
export function bareImages(raw: RawPage): Box[] {
  const out: Box[] = [];
  const pageArea = raw.width * raw.height;
  for (const image of raw.paints?.imageBoxes ?? []) {
    const b: Box = [
      Math.max(0, image[0]),
      Math.max(0, image[1]),
      Math.min(raw.width, image[2]),
      Math.min(raw.height, image[3]),
    ];
    const w = b[2] - b[0],
      h = b[3] - b[1];
    if (w <= 0 || h <= 0 || w * h < MIN_IMAGE_SHARE * pageArea) continue;
    if (out.some((o) => o[0] <= b[0] && o[1] <= b[1] && o[2] >= b[2] && o[3] >= b[3])) continue;
    const cols = Math.ceil(w / CELL),
      rows = Math.ceil(h / CELL);
    const covered = new Uint8Array(cols * rows);
    const grow = CELL / 4;
    for (const r of raw.runs) {
      if (!r.text.trim()) continue;
      const c0 = Math.max(0, Math.floor((r.box[0] - grow - b[0]) / CELL)),
        c1 = Math.min(cols - 1, Math.floor((r.box[2] + grow - b[0]) / CELL));
      const r0 = Math.max(0, Math.floor((r.box[1] - grow - b[1]) / CELL)),
        r1 = Math.min(rows - 1, Math.floor((r.box[3] + grow - b[1]) / CELL));
      for (let y = r0; y <= r1; y++) for (let x = c0; x <= c1; x++) covered[y * cols + x] = 1;
    }
    let bare = 0;
    for (const c of covered) if (!c) bare++;
    if (bare >= BARE_SHARE * cols * rows) out.push(b);
  }
  return out;
}
