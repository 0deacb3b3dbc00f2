/** `allegati layout FILE`: the page model, for a person to see what was detected. */
import { acquire } from "../acquire/index.js";
import { collectReaderNotes, openPdf } from "../extract/index.js";
import { assembleDocument, renderSvg, renderText } from "../layout/index.js";
import { layoutPages, type ReadOptions } from "../pipeline.js";

export async function layoutCommand(
  file: string,
  opts: {
    page?: number;
    format: "json" | "text" | "svg";
    ocr?: ReadOptions["ocr"];
    onReaderNotes?: ReadOptions["onReaderNotes"];
  },
): Promise<string> {
  const notes = collectReaderNotes();
  try {
    return await layoutOf(file, opts);
  } finally {
    const list = notes.stop();
    if (list.length) opts.onReaderNotes?.(list);
  }
}

async function layoutOf(file: string, opts: Parameters<typeof layoutCommand>[1]): Promise<string> {
  const acquired = await acquire(file);
  const pdf = await openPdf(acquired.pdf);
  try {
    // every page, OCR included: running headers and continued tables are found across pages
    const doc = assembleDocument(await layoutPages(pdf, { ocr: opts.ocr }));
    const chosen = opts.page ? doc.pages.filter((p) => p.page === opts.page) : doc.pages;
    if (opts.page && !chosen.length)
      throw new Error(`${file} has no page ${opts.page} (it has ${pdf.numPages})`);
    if (opts.format === "json") return JSON.stringify(opts.page ? chosen[0] : doc, null, 1) + "\n";
    if (opts.format === "svg") return chosen.map(renderSvg).join("\n");
    const head = [
      doc.act ? `act: ${JSON.stringify(doc.act)}` : null,
      doc.signatories.length ? `signatories: ${doc.signatories.join("; ")}` : null,
      doc.running.length ? `running: ${doc.running.join(" | ")}` : null,
    ].filter(Boolean);
    return [...head, ...chosen.map((p) => `=== page ${p.page} ===\n${renderText(p)}`)].join("\n") + "\n";
  } finally {
    await pdf.close();
  }
}
