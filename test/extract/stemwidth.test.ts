/**
 * Bold told from a scanned word's stems: at 200 dpi a regular stroke is 3 pixels and a bold one 4
 * (a third thicker, not half as thick again): whole-pixel medians and a 1.35 ratio missed it.
 */
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { boldStems, middleMean, stemWidth, typicalStem } from "../../src/extract/image.js";

/** A "word" of vertical strokes 30 pixels tall, of the widths given, 6 pixels apart. */
function word(widths: number[]) {
  const c = createCanvas(200, 40);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, 200, 40);
  ctx.fillStyle = "black";
  let x = 5;
  for (const w of widths) {
    ctx.fillRect(x, 5, w, 30);
    x += w + 6;
  }
  return { c, box: { x0: 0, y0: 5, x1: 200, y1: 35 } };
}

describe("stems of scanned words", () => {
  it("are measured finer than whole pixels: the middle half's mean", () => {
    expect(middleMean([3])).toBe(3);
    expect(middleMean([3, 3, 4, 4, 4, 9])).toBeCloseTo(3.75, 5);
  });

  it("tell a 200 dpi scan's bold (stems mostly 4 pixels, some 5) from its regular print (3, some 4)", () => {
    const regular = word([3, 3, 3, 4, 3, 3, 4, 3]);
    const bold = word([4, 4, 5, 4, 4, 5, 4, 4]);
    const h = 30;
    const r = stemWidth(regular.c, regular.box) / h,
      b = stemWidth(bold.c, bold.box) / h;
    const typical = typicalStem([
      { text: "regolare", stems: r },
      { text: "testo", stems: r },
      { text: "Bold", stems: b },
    ]);
    expect(boldStems(r, typical)).toBe(false);
    expect(boldStems(b, typical)).toBe(true);
  });
});
