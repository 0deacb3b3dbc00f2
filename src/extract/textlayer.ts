/**
 * Whether a page's text layer can be used, or the page must be read by OCR. Apart from the OCR
 * engine, so that a born-digital document never loads tesseract.js.
 */
import type { RawPage } from "../model/index.js";

/** a page without images needs this many painted paths to be taken for text drawn as outlines */
const OUTLINED_TEXT_PATHS = 200;

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
  const bad = [...visible].filter((c) => c === "\ufffd" || (c >= "\ue000" && c <= "\uf8ff")).length;
  return bad / visible.length > 0.3;
}
