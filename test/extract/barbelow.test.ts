/**
 * `≤` and `≥` told from `<` and `>` by the bar under the sign (src/extract/image.ts, barBelow), also
 * where a dithered scan prints the bar as a row of dots.
 */
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { barBelow, barredSign } from "../../src/extract/image.js";

/** a `<` 16 pixels wide and 24 tall, its strokes 2 thick, with a bar under it drawn by `bar` */
function sign(bar: (ctx: ReturnType<ReturnType<typeof createCanvas>["getContext"]>) => void) {
  const c = createCanvas(40, 40);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, 40, 40);
  ctx.strokeStyle = "black";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(26, 6);
  ctx.lineTo(10, 14);
  ctx.lineTo(26, 22);
  ctx.stroke();
  ctx.fillStyle = "black";
  bar(ctx);
  return { c, box: { x0: 10, y0: 5, x1: 27, y1: 29 } };
}

describe("the bar under a comparison sign", () => {
  it("is found drawn whole, and not where there is none", () => {
    const whole = sign((ctx) => ctx.fillRect(10, 26, 17, 2));
    expect(barBelow(whole.c, whole.box)).toBe(true);
    const none = sign(() => {});
    expect(barBelow(none.c, none.box)).toBe(false);
  });

  it("is found drawn as a row of dots a pixel or two apart", () => {
    const dots = sign((ctx) => {
      for (let x = 10; x < 27; x += 2) ctx.fillRect(x, 26, 1, 2);
    });
    expect(barBelow(dots.c, dots.box)).toBe(true);
    const sparse = sign((ctx) => {
      for (let x = 10; x < 27; x += 3) ctx.fillRect(x, 26, 1, 2);
    });
    expect(barBelow(sparse.c, sparse.box)).toBe(false);
  });

  it("is not made of specks far apart", () => {
    const specks = sign((ctx) => {
      for (let x = 10; x < 27; x += 5) ctx.fillRect(x, 26, 2, 2);
    });
    expect(barBelow(specks.c, specks.box)).toBe(false);
  });

  it("makes the sign read first `≤` where it has one, but not a `<=` (a stroke through it)", () => {
    const whole = sign((ctx) => ctx.fillRect(10, 26, 17, 2));
    const none = sign(() => {});
    const first = { text: "<", bbox: whole.box };
    expect(barredSign("<€85", first, whole.c)).toBe("≤€85");
    expect(barredSign("<€85", first, none.c)).toBe("<€85");
    expect(barredSign("<=94", first, whole.c)).toBe("<=94");
    expect(barredSign("€85", { text: "€", bbox: whole.box }, whole.c)).toBe("€85");
    expect(barredSign("<85", undefined, whole.c)).toBe("<85");
  });
});
