/** `allegati segment FILE`: each row's kind and each column's role, and why. */
import { explainSegmentation, renderTrace, type OcrMode, type ReaderNote } from "../index.js";

export async function segmentCommand(
  file: string,
  opts: {
    page?: number;
    format: "json" | "text";
    ocr?: OcrMode;
    profile?: string;
    onReaderNotes?: (notes: ReaderNote[]) => void;
  },
): Promise<string> {
  const x = await explainSegmentation(file, {
    ocr: opts.ocr,
    profile: opts.profile,
    onReaderNotes: opts.onReaderNotes,
  });
  const t = x.trace;
  const pages = new Set([
    ...t.blocks.map((b) => b.page),
    ...t.tables.flatMap((tb) => tb.rows.map((r) => r.page)),
  ]);
  if (opts.page && pages.size && !pages.has(opts.page) && opts.page > Math.max(...pages))
    throw new Error(`${file} has no page ${opts.page}`);
  if (opts.format === "json") {
    const pick = <T extends { page: number }>(xs: T[]) =>
      opts.page ? xs.filter((y) => y.page === opts.page) : xs;
    return (
      JSON.stringify(
        {
          profile: x.profile,
          kind: x.kind,
          objectives: x.objectives,
          indicators: x.indicators,
          blocks: pick(t.blocks),
          tables: t.tables
            .map((tb) => ({ ...tb, roles: pick(tb.roles), rows: pick(tb.rows) }))
            .filter((tb) => tb.rows.length || tb.roles.length),
        },
        null,
        1,
      ) + "\n"
    );
  }
  const head = `profile ${x.profile}; kind ${x.kind}; ${x.objectives} objectives, ${x.indicators} indicators\n`;
  return head + renderTrace(t, opts.page);
}
