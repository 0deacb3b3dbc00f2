/** `allegati segment FILE`: each row's kind and each column's role, and why. */
import { acquire } from "../acquire/index.js";
import { openPdf } from "../extract/index.js";
import { assembleDocument } from "../layout/index.js";
import { layoutPages, type ReadOptions } from "../pipeline.js";
import { emptyTrace, segment } from "../segment/index.js";
import { renderTrace } from "../segment/explain.js";

export async function segmentCommand(
  file: string,
  opts: { page?: number; format: "json" | "text"; ocr?: ReadOptions["ocr"]; profile?: string },
): Promise<string> {
  const acquired = await acquire(file);
  const pdf = await openPdf(acquired.pdf);
  try {
    const doc = assembleDocument(await layoutPages(pdf, { ocr: opts.ocr }));
    if (opts.page && !doc.pages.some((p) => p.page === opts.page))
      throw new Error(`${file} has no page ${opts.page} (it has ${pdf.numPages})`);
    const trace = emptyTrace();
    const seg = segment(doc, { file: acquired.file, profile: opts.profile, trace });
    if (opts.format === "json") {
      const pick = <T extends { page: number }>(xs: T[]) =>
        opts.page ? xs.filter((x) => x.page === opts.page) : xs;
      return (
        JSON.stringify(
          {
            profile: seg.profile,
            kind: seg.kind,
            blocks: pick(trace.blocks),
            tables: trace.tables
              .map((t) => ({ ...t, roles: pick(t.roles), rows: pick(t.rows) }))
              .filter((t) => t.rows.length || t.roles.length),
          },
          null,
          1,
        ) + "\n"
      );
    }
    const head = `profile ${seg.profile}; kind ${seg.kind}; ${seg.objectives.length} objectives, ${seg.indicators.length} indicators\n`;
    return head + renderTrace(trace, opts.page);
  } finally {
    await pdf.close();
  }
}
