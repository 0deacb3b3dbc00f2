/**
 * Imported before anything loads @napi-rs/canvas (pdf.js loads it for its DOMMatrix, Path2D and
 * ImageData, our page images for their canvas): at load the library scans every installed font,
 * about 0.1 s of CPU in each thread on a machine with LibreOffice's fonts, and nothing here draws
 * text with them (pdf.js draws a document's glyphs as paths, standard fonts from its own data).
 * A value the user set is kept.
 */
process.env.DISABLE_SYSTEM_FONTS_LOAD ??= "1";
