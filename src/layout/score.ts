/**
 * Cell-structure precision and recall against a gold grid: a predicted cell matches a gold cell
 * (one to one) when their folded texts are equal and their boxes overlap (IoU >= 0.5, or each centre
 * lies inside the other).
 */
import type { Box, Table } from "../model/index.js";
import { iou } from "../model/index.js";
import { fold } from "../normalize/index.js";

export interface GoldTable {
  box: Box;
  cells: { row: number; col: number; rowSpan: number; colSpan: number; box: Box; text: string }[];
}

const centreIn = (a: Box, b: Box) => {
  const cx = (a[0] + a[2]) / 2,
    cy = (a[1] + a[3]) / 2;
  return cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3];
};

export function scoreCells(pred: Table[], gold: GoldTable[]) {
  const p = pred.flatMap((t) => t.cells).filter((c) => fold(c.text));
  const g = gold.flatMap((t) => t.cells).filter((c) => fold(c.text));
  const byText = new Map<string, number[]>();
  g.forEach((c, i) => {
    const k = fold(c.text);
    (byText.get(k) ?? byText.set(k, []).get(k)!).push(i);
  });
  const used = new Set<number>();
  let tp = 0;
  for (const c of p) {
    const cands = byText.get(fold(c.text)) ?? [];
    const j = cands.find(
      (i) =>
        !used.has(i) &&
        (iou(c.box, g[i]!.box) >= 0.5 || (centreIn(c.box, g[i]!.box) && centreIn(g[i]!.box, c.box))),
    );
    if (j !== undefined) {
      used.add(j);
      tp++;
    }
  }
  const fp = p.length - tp,
    fn = g.length - tp;
  return { tp, fp, fn, precision: p.length ? tp / p.length : 1, recall: g.length ? tp / g.length : 1 };
}
