/** `allegati layout FILE`: the page model, for a person to see what was detected. */
import { layout, renderSvg, renderText, type OcrMode, type ReaderNote } from "../index.js";

export async function layoutCommand(
  file: string,
  opts: {
    page?: number;
    format: "json" | "text" | "svg";
    ocr?: OcrMode;
    onReaderNotes?: (notes: ReaderNote[]) => void;
  },
): Promise<string> {
  // every page, OCR included: running headers and continued tables are found across pages
  const doc = await layout(file, { ocr: opts.ocr, onReaderNotes: opts.onReaderNotes });
  const chosen = opts.page ? doc.pages.filter((p) => p.page === opts.page) : doc.pages;
  if (opts.page && !chosen.length)
    throw new Error(`${file} has no page ${opts.page} (it has ${doc.pages.length})`);
  if (opts.format === "json") return JSON.stringify(opts.page ? chosen[0] : doc, null, 1) + "\n";
  if (opts.format === "svg") return chosen.map(renderSvg).join("\n");
  const head = [
    doc.act ? `act: ${JSON.stringify(doc.act)}` : null,
    doc.signatories.length ? `signatories: ${doc.signatories.join("; ")}` : null,
    doc.running.length ? `running: ${doc.running.join(" | ")}` : null,
  ].filter(Boolean);
  return (
    [
      ...head,
      // a page read turned (its text ran sideways) says so: its boxes are in that view
      ...chosen.map(
        (p) => `=== page ${p.page}${p.turn ? ` (read turned ${p.turn}°)` : ""} ===\n${renderText(p)}`,
      ),
    ].join("\n") + "\n"
  );
}
