import { z } from "zod";
import { Box } from "./geometry.js";
import { ActRef } from "./records.js";

/** A word: runs glued by spacing. `struck` when a line is drawn through its middle. */
export const Word = z.object({
  text: z.string(),
  box: Box,
  fontSize: z.number(),
  bold: z.boolean(),
  italic: z.boolean(),
  struck: z.boolean(),
  confidence: z.number().optional(),
  /** text set sideways (a narrow column's header): 1 reads downwards, 3 upwards (TextRun.dir) */
  dir: z.number().int().min(1).max(3).optional(),
});
export type Word = z.infer<typeof Word>;

export const Line = z.object({
  text: z.string(),
  box: Box,
  words: z.array(Word),
});
export type Line = z.infer<typeof Line>;

export const Cell = z.object({
  row: z.number().int().min(0),
  col: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  box: Box,
  /** lines joined in reading order with "\n" between visual lines */
  text: z.string(),
  lines: z.array(Line),
});
export type Cell = z.infer<typeof Cell>;

export const Table = z.object({
  page: z.number().int().min(1),
  box: Box,
  method: z.enum(["lattice", "stream"]),
  nRows: z.number().int(),
  nCols: z.number().int(),
  /** number of leading rows that are a header (repeated on continuation pages) */
  headerRows: z.number().int().min(0),
  cells: z.array(Cell),
  /** index (in the document's table list) of the table this one continues, across a page break */
  continues: z.number().int().nullable(),
});
export type Table = z.infer<typeof Table>;

/** A run of text outside tables (titles, paragraphs), in reading order. */
export const Block = z.object({ box: Box, lines: z.array(Line), text: z.string() });
export type Block = z.infer<typeof Block>;

export const PageLayout = z.object({
  page: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  ocr: z.boolean(),
  /** the extra turn the page was read in (RawPage.turn): its boxes are in that view */
  turn: z.number().int().optional(),
  lines: z.array(Line),
  blocks: z.array(Block),
  tables: z.array(Table),
  /** running header/footer lines removed from the body */
  furniture: z.array(Line),
  /** horizontal rules outside ruled tables (y, x0, x1): row separators of tables found by alignment */
  rules: z.array(z.tuple([z.number(), z.number(), z.number()])).optional(),
});
export type PageLayout = z.infer<typeof PageLayout>;

export const DocumentLayout = z.object({
  pages: z.array(PageLayout),
  /** text repeated across pages as header/footer, most frequent first */
  running: z.array(z.string()),
  act: ActRef.nullable(),
  signatories: z.array(z.string()),
});
export type DocumentLayout = z.infer<typeof DocumentLayout>;
