import { z } from "zod";
import { OCR_MODES } from "./constants.js";
import { Box } from "./geometry.js";

/**
 * What the extract stage hands to layout: one page's positioned text runs and vector graphics.
 * Boxes are in PDF points with a top-left origin, rotation already applied, so no later
 * stage reads a transform matrix.
 */
export const TextRun = z.object({
  text: z.string(),
  box: Box,
  fontName: z.string(),
  fontSize: z.number(),
  bold: z.boolean(),
  italic: z.boolean(),
  /** OCR confidence 0..100, absent for a text layer. */
  confidence: z.number().optional(),
  /** the baseline's direction when not left to right: 1 down, 2 right to left (upside down), 3 up */
  dir: z.number().int().min(1).max(3).optional(),
});
export type TextRun = z.infer<typeof TextRun>;

/** A straight stroked line segment or the edge of a thin filled rectangle (table rulings, strike lines). */
export const Ruling = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  orientation: z.enum(["h", "v"]),
  width: z.number(),
  /** a stroke found through print on a scan (extract/strokes.ts): it strikes words, it bounds no cell */
  through: z.literal(true).optional(),
});
export type Ruling = z.infer<typeof Ruling>;

/** A filled rectangle larger than a ruling (cell shading). */
export const FilledRect = z.object({ box: Box, color: z.string().nullable() });
export type FilledRect = z.infer<typeof FilledRect>;

export const OcrMode = z.enum(OCR_MODES);
export type OcrMode = z.infer<typeof OcrMode>;

export const RawPage = z.object({
  page: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  rotation: z.number(),
  /**
   * degrees (clockwise) the page was turned, beyond its own /Rotate, so that its text reads level
   * (a table set sideways): the boxes are in that turned view, and a viewer must turn it the same
   */
  turn: z.number().int().optional(),
  /**
   * the share of the page's glyphs drawn invisible (rendering mode 3 or 7), when any: most of them
   * laid over a page-wide image is another program's OCR of a scan
   */
  hiddenText: z.number().optional(),
  runs: z.array(TextRun),
  rulings: z.array(Ruling),
  rects: z.array(FilledRect),
  /** true when the runs came from OCR rather than the text layer */
  ocr: z.boolean(),
  /**
   * what the page paints besides text: images (and where, in points), and filled or stroked paths (a
   * blank page has neither)
   */
  paints: z
    .object({ images: z.number().int(), paths: z.number().int(), imageBoxes: z.array(Box).optional() })
    .optional(),
});
export type RawPage = z.infer<typeof RawPage>;

/**
 * A message the PDF reader (pdf.js) printed while reading a document: a font it could not load, an
 * image decoder it fell back from, a damaged object. Collected per document for the machine log,
 * never printed; `count` is how many times the same message came.
 */
export interface ReaderNote {
  level: "warn" | "info";
  message: string;
  count: number;
}

/**
 * A box of a page image to read again on its own (OCR), in PDF points: shrunk by `inset` points on
 * every side (grown when negative), so that a ruled cell is read inside its rulings and an unruled
 * one with some room around its text.
 */
export interface BoxToRead {
  box: Box;
  inset: number;
}

/** Reads boxes of a page image on their own; null for a box with nothing in it. */
export type BoxReader = (boxes: BoxToRead[]) => Promise<(TextRun[] | null)[]>;
