/**
 * Table cells of an OCR'd page read again one by one. Page segmentation reads long text well but
 * loses short values alone in a cell (`> 1` read as `si`, `90%` as `PO`): with no neighbours,
 * tesseract takes them for noise or for letters. Each cell whose words came back short or unsure is
 * read again on its own, as one block of text (by the extract stage's reader, given by the caller);
 * its words replace the page's when tesseract is surer of them. Which cells there are is this
 * stage's knowledge: ruled ones from the rulings found in the image, else unruled ones by alignment.
 */
import type { Box, BoxReader, RawPage, TextRun } from "../model/index.js";
import { area, intersection } from "../model/index.js";
import { latticeTables } from "./lattice.js";
import { streamTables } from "./stream.js";
import { runsToWords } from "./words.js";

/** table cells whose words read shorter than this, or less sure than REREAD_CONFIDENCE, are read again */
const REREAD_CHARS = 32;
const REREAD_CONFIDENCE = 85;
/** a fresh reading less sure than this is not taken */
const LOW_CONFIDENCE = 60;
/** at most this many cells of a page are read again (a dense table costs a read per cell) */
const MAX_REREADS = 400;
/** a ruled cell is read inside its rulings; an unruled one (its box hugs its text) with room around */
const RULED_INSET = 1.5;
const UNRULED_INSET = -2;

/** Mean confidence of runs, weighted by their length (0 for none). */
export function meanConfidence(runs: readonly TextRun[]): number {
  let n = 0,
    sum = 0;
  for (const r of runs) {
    n += r.text.length;
    sum += r.text.length * (r.confidence ?? 0);
  }
  return n ? sum / n : 0;
}

const centreIn = (r: TextRun, b: Box) => {
  const x = (r.box[0] + r.box[2]) / 2,
    y = (r.box[1] + r.box[3]) / 2;
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
};

const chars = (runs: readonly TextRun[]) => {
  let n = 0;
  for (const r of runs) n += r.text.length;
  return n;
};

/**
 * The page's runs with the cells worth it read again by `read`. Every word ends up once: a fresh
 * word counts only inside its own cell (a crop grown past an unruled cell, or the bounding box of a
 * merged cell that is not a rectangle, reaches into its neighbours), and never where a word already
 * taken from another cell lies.
 */
export async function rereadCells(raw: RawPage, read: BoxReader): Promise<TextRun[]> {
  const runs = raw.runs;
  const words = runsToWords(runs);
  let { tables } = latticeTables(raw.rulings, words, raw.page);
  let inset = RULED_INSET;
  if (!tables.length) {
    tables = streamTables(words, raw.page).tables;
    inset = UNRULED_INSET;
  }
  const jobs: { box: Box; old: TextRun[] }[] = [];
  for (const t of tables)
    for (const cell of t.cells) {
      if (jobs.length >= MAX_REREADS) break;
      const old = runs.filter((r) => centreIn(r, cell.box));
      // a cell that holds text-layer words (a page read partly by OCR) is read as it is
      if (old.some((r) => r.confidence === undefined)) continue;
      if (chars(old) > REREAD_CHARS && old.every((r) => (r.confidence ?? 0) >= REREAD_CONFIDENCE)) continue;
      jobs.push({ box: cell.box, old });
    }
  if (!jobs.length) return runs;
  const fresh = await read(jobs.map((j) => ({ box: j.box, inset })));
  const replaced = new Set<TextRun>();
  const added: TextRun[] = [];
  jobs.forEach((job, i) => {
    const mine: TextRun[] = [];
    for (const r of fresh[i] ?? [])
      if (
        centreIn(r, job.box) &&
        !added.some((a) => centreIn(r, a.box)) &&
        !mine.some((a) => centreIn(r, a.box))
      )
        mine.push(r);
    const conf = meanConfidence(mine);
    // a short value read alone beats its reading in the page's flow (where tesseract guessed from
    // neighbours that are not there); longer text is taken only when read more surely
    const short = chars(job.old) <= REREAD_CHARS;
    if (!mine.length || conf < LOW_CONFIDENCE || (!short && conf < meanConfidence(job.old))) return;
    for (const r of job.old) replaced.add(r);
    added.push(...mine);
  });
  const kept = runs.filter((r) => !replaced.has(r));
  // (nor over a surer word of the page's reading that stays: a cell's crop reaching over a neighbour
  // read its accent again as a word, `À` over `ATTIVITÀ`, and its taller box split the banner's line)
  const over = (r: TextRun) =>
    kept.some(
      (k) =>
        (k.confidence ?? 100) >= (r.confidence ?? 0) &&
        intersection(k.box, r.box) >= 0.5 * Math.min(area(k.box), area(r.box)),
    );
  return [...kept, ...added.filter((r) => !over(r))];
}
