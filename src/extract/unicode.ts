/**
 * Repairs of text that a producer's ToUnicode map got wrong in a known, reversible way.
 *
 * Ghostscript's pdfwrite (used by many PDF/A converters) has written ligatures' Unicode as a
 * Latin letter shifted into the high byte of a UTF-16 unit: "fi" comes out as U+6600 U+6900
 * ("昀椀"), so "ridefinito" reads "ride昀椀nito" and "finanziati" "昀椀nanziati", and no word with a
 * ligature matches anything. A run of such units (U+4100..U+7A00 with a zero low byte) that touches a
 * Latin letter is read back as the letters; CJK text, where these few code points could be real,
 * does not sit inside Latin words.
 */
const SHIFTED = /[\u4100-\u7a00]/u;
const LATIN = /[A-Za-z\u00c0-\u024f]/;

const isShifted = (c: number) =>
  c >= 0x4100 && c <= 0x7a00 && (c & 0xff) === 0 && LATIN.test(String.fromCharCode(c >> 8));

/** The text with byte-shifted Latin letters beside Latin letters put back (unchanged otherwise). */
export function repairShiftedLatin(text: string): string {
  if (!SHIFTED.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length;) {
    if (!isShifted(text.charCodeAt(i))) {
      out += text[i++];
      continue;
    }
    let j = i;
    while (j < text.length && isShifted(text.charCodeAt(j))) j++;
    const touches = (i > 0 && LATIN.test(text[i - 1]!)) || (j < text.length && LATIN.test(text[j]!));
    for (let k = i; k < j; k++) out += touches ? String.fromCharCode(text.charCodeAt(k) >> 8) : text[k];
    i = j;
  }
  return out;
}
