import { z } from "zod";

/** x0, y0, x1, y1 in PDF points, origin at the page's top-left corner (y grows downwards). */
export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof Box>;

/** Where a value was read: 1-based page number and its box on that page. */
export const Provenance = z.object({
  page: z.number().int().min(1),
  bbox: Box.nullable(),
});
export type Provenance = z.infer<typeof Provenance>;

export function union(boxes: readonly Box[]): Box {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

export function area(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union of two boxes, 0..1. */
export function iou(a: Box, b: Box): number {
  const i = intersection(a, b);
  const u = area(a) + area(b) - i;
  return u > 0 ? i / u : 0;
}

export function round2(b: Box): Box {
  return [r(b[0]), r(b[1]), r(b[2]), r(b[3])];
}
const r = (n: number) => Math.round(n * 100) / 100;
