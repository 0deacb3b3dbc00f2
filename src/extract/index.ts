/**
 * The extract stage: opens a PDF with pdf.js and yields one RawPage at a time (text runs, rulings,
 * filled rectangles), releasing each page's resources before the next, so long documents stream.
 */
import type { RawPage } from "../model/index.js";
import { AllegatiError } from "../errors.js";
import { pdfjs, PDFJS_OPTIONS, type PDFDocumentProxy, type PDFPageProxy } from "./pdfjs.js";
export { collectReaderNotes } from "./pdfjs.js";
import { checkStreams } from "./preflight.js";
import { GlyphReader, levelTurn, type FontLike } from "./glyphs.js";
import { LOSSY_TOUNICODE, readGlyph, references } from "./glyphcheck.js";
import { textRuns } from "./text.js";
import { vectorsFromOperatorList } from "./vector.js";

export interface PdfInfo {
  producer: string | null;
  creator: string | null;
  title: string | null;
  version: string | null;
}

export interface PdfSource {
  numPages: number;
  info: PdfInfo;
  page(n: number): Promise<RawPage>;
  pages(): AsyncGenerator<RawPage>;
  /** the pdf.js page, for rendering (OCR) */
  pdfPage(n: number): Promise<PDFPageProxy>;
  close(): Promise<void>;
}

/** Maps pdf.js's failures to a reason a batch job can act on. */
export function pdfError(e: unknown, bytes: Uint8Array): AllegatiError {
  const err = e as { name?: string; message?: string; code?: number };
  const msg = err?.message ?? String(e);
  if (err?.name === "PasswordException")
    return new AllegatiError("encrypted", "a password is required to open it", "extract");
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) return new AllegatiError("not-pdf", "no %PDF- header: not a PDF", "extract");
  if (err?.name === "InvalidPDFException" || /invalid pdf|xref|trailer|startxref|Invalid Root/i.test(msg)) {
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString("latin1");
    if (!tail.includes("%%EOF"))
      return new AllegatiError("truncated", `the file ends before %%EOF (${msg})`, "extract");
    return new AllegatiError("damaged", `damaged PDF structure: ${msg}`, "extract");
  }
  if (err?.name === "UnknownErrorException" || err?.name === "FormatError")
    return new AllegatiError("damaged", `damaged PDF: ${msg}`, "extract");
  return new AllegatiError("damaged", `cannot read the PDF: ${msg}`, "extract");
}

export interface OpenOptions {
  password?: string;
  /**
   * Where text comes from: the operator list's glyphs (default: one parse of each page) or pdf.js's
   * getTextContent (a second parse; kept to check the first against and for vertical writing).
   */
  text?: "glyphs" | "content";
  /** stops the check of the file's streams made before pdf.js reads it */
  signal?: AbortSignal;
}

export async function openPdf(bytes: Uint8Array, opts: OpenOptions = {}): Promise<PdfSource> {
  let doc: PDFDocumentProxy;
  await checkStreams(bytes, {}, opts.signal);
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy
    const task = pdfjs.getDocument({
      ...PDFJS_OPTIONS,
      data: new Uint8Array(bytes),
      password: opts.password,
    });
    doc = await task.promise;
  } catch (e) {
    throw pdfError(e, bytes);
  }
  let info: PdfInfo = { producer: null, creator: null, title: null, version: null };
  try {
    const meta = await doc.getMetadata();
    const i = meta.info as Record<string, unknown>;
    const s = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
    info = {
      producer: s(i.Producer),
      creator: s(i.Creator),
      title: s(i.Title),
      version: s(i.PDFFormatVersion),
    };
  } catch {
    // metadata is optional
  }
  // each font's stem width, measured once for the document (extract/stems.ts)
  const stems = new Map<string, number | null>();
  // a producer known to lose characters in its Unicode maps: glyphs are read again by their outlines
  const refs = info.producer && LOSSY_TOUNICODE.test(info.producer) ? await references() : null;
  const reread = refs
    ? (claim: string, outline: ArrayLike<number> | null) => readGlyph(refs, claim, outline)
    : null;
  const readPage = async (n: number): Promise<RawPage> => {
    let page: PDFPageProxy | undefined;
    try {
      page = await doc.getPage(n);
      // annotations (form fields, signature widgets) are not page content, as getTextContent too has it
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      const objs = page.commonObjs;
      const p = page;
      const read = async (turn: number) => {
        const vp = p.getViewport({ scale: 1, rotation: (p.rotate + turn) % 360 });
        const glyphs =
          opts.text === "content"
            ? undefined
            : new GlyphReader(
                (id) => (objs.has(id) ? (objs.get(id) as FontLike) : null),
                vp.width,
                vp.height,
                // glyph outlines (pdf.js draws fonts as paths here), for fonts whose names hide their weight
                (id) => (objs.has(id) ? (objs.get(id) as { path: ArrayLike<number> }).path : null),
                stems,
                reread,
              );
        const { rulings, rects, paints } = vectorsFromOperatorList(ops, vp.transform, glyphs);
        // a font written top to bottom is placed by getTextContent, which handles vertical metrics
        const runs = glyphs && !glyphs.vertical ? glyphs.finish() : await textRuns(p, vp.transform);
        return { vp, glyphs, runs, rulings, rects, paints };
      };
      let r = await read(0);
      // a page whose text runs sideways or upside down is read again in the view that levels it (the
      // operator list is walked again, not parsed again); its boxes are in that view, named by `turn`
      const turn = r.glyphs && !r.glyphs.vertical ? levelTurn(r.glyphs.directions) : 0;
      if (turn) r = await read(turn);
      const shown = r.glyphs ? r.glyphs.directions.reduce((a, b) => a + b, 0) : 0;
      return {
        page: n,
        width: r.vp.width,
        height: r.vp.height,
        rotation: (page.rotate + turn) % 360,
        ...(turn ? { turn } : {}),
        ...(r.glyphs?.hidden ? { hiddenText: r.glyphs.hidden / shown } : {}),
        runs: r.runs,
        rulings: r.rulings,
        rects: r.rects,
        ocr: false,
        paints: r.paints,
      };
    } catch (e) {
      if (e instanceof AllegatiError) throw e;
      throw new AllegatiError("damaged", `page ${n}: ${(e as Error)?.message ?? e}`, "extract");
    } finally {
      page?.cleanup();
    }
  };
  return {
    numPages: doc.numPages,
    info,
    page: readPage,
    async *pages() {
      for (let n = 1; n <= doc.numPages; n++) yield await readPage(n);
    },
    pdfPage: (n) => doc.getPage(n),
    close: () => doc.destroy(),
  };
}
