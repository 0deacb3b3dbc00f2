/**
 * A thin grey table rule on a 1-bit ordered-dither scan (LibreOffice Writer's default borders at 200
 * dpi) is a row of dots that steps between neighbouring pixel rows: it must come out as one ruling,
 * and must not be averaged away with a shaded row's screen next to it.
 */
import { describe, expect, it } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import { findHalftone, inkMask, longLines, removeHalftone } from "../../src/extract/halftone.js";
import { imageRulings } from "../../src/extract/image.js";

const SCALE = 300 / 72;

describe("a dotted rule stepping between rows", () => {
  // at 300 dpi, as a 200 dpi dither comes out enlarged: dots every 2 pixels where the rule's grey
  // falls on one row, every 5 (4 pixels of white) where it is shared between two; the row steps
  // down a pixel every 300 pixels, as a page straightened to a tenth of a degree leaves it
  const W = 1200,
    H = 100;
  const ink = new Uint8Array(W * H);
  for (let x = 20; x < 1020; x++) {
    const row = 50 + Math.floor(x / 300);
    const sparse = Math.floor(x / 75) % 2 === 1;
    if (x % (sparse ? 5 : 2) === 0) ink[row * W + x] = 1;
    if (sparse && x % 5 === 2) ink[(row + 1) * W + x] = 1;
  }

  it("is one ruling along its whole length", () => {
    const across = imageRulings({ across: ink, down: ink }, W, H, SCALE).filter((r) => r.orientation === "h");
    expect(across.length).toBe(1);
    expect(across[0]!.x0 * SCALE).toBeLessThan(25);
    expect(across[0]!.x1 * SCALE).toBeGreaterThan(1015);
    expect(Math.abs(across[0]!.y0 * SCALE - 51.5)).toBeLessThan(2.5);
  });

  it("and two such rules a text line apart stay two", () => {
    const two = new Uint8Array(W * H);
    for (let y = 0; y < 60; y++)
      for (let x = 0; x < W; x++) if (ink[y * W + x]) two[(y - 35) * W + x] = two[(y + 5) * W + x] = 1;
    const across = imageRulings({ across: two, down: two }, W, H, SCALE).filter((r) => r.orientation === "h");
    expect(across.length).toBe(2);
  });
});

describe("a dotted rule found by single rows in pieces", () => {
  // dots every other pixel, stepping between rows 50 and 51 every 180 pixels with 4 pixels of white
  // at each step: single rows find pieces of 43 pt, the gaps between them wider than the lattice
  // bridges
  const W = 700,
    H = 200;
  const rule = () => {
    const ink = new Uint8Array(W * H);
    for (let k = 0; k < 3; k++)
      for (let x = 20 + k * 184; x < 20 + k * 184 + 180; x += 2) ink[(50 + (k % 2)) * W + x] = 1;
    return ink;
  };
  const across = (ink: Uint8Array) =>
    imageRulings({ across: ink, down: ink }, W, H, SCALE).filter((r) => r.orientation === "h");

  it("is one ruling where vertical rulings cross it (a grid's row border)", () => {
    const ink = rule();
    for (const x of [20, 250, 400, 558]) for (let y = 10; y < 150; y++) ink[y * W + x] = 1;
    const h = across(ink);
    expect(h.length).toBe(1);
    expect(h[0]!.x0 * SCALE).toBeLessThan(25);
    expect(h[0]!.x1 * SCALE).toBeGreaterThan(550);
  });

  it("stays in its pieces in a table ruled across only", () => {
    expect(across(rule()).length).toBe(3);
  });
});

/**
 * A white page W x H with a band (rows 104-199) shaded by a grid screen, 1-px lines every 3 px, from
 * x 0 to `to`; the pen left black.
 */
function screened(W: number, H: number, to: number) {
  const c = createCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "black";
  for (let y = 104; y < 200; y += 3) ctx.fillRect(0, y, to, 1);
  for (let x = 0; x < to; x += 3) ctx.fillRect(x, 104, 1, 96);
  return c;
}

describe("a dotted rule over a shaded row", () => {
  // a band shaded by a grid screen (1-px lines every 3 px: averaged away, not erased dot by dot),
  // and just above it a rule of every other pixel on one row, white around it
  const W = 720,
    H = 300;
  const c = screened(W, H, W);
  const ctx = c.getContext("2d");
  for (let x = 0; x < W; x += 2) ctx.fillRect(x, 98, 1, 1);
  const ink = inkMask(c);
  const map = findHalftone(ink, W, H, SCALE);

  it("keeps its dots black while the screen turns white", () => {
    const clean = removeHalftone(c, ink, map, SCALE);
    const d = clean.getContext("2d").getImageData(0, 0, W, H).data;
    let dots = 0,
      black = 0;
    for (let x = 40; x < W - 40; x += 2) {
      dots++;
      if (d[4 * (98 * W + x)]! < 64) black++;
    }
    expect(black / dots).toBeGreaterThan(0.9);
    // the screen itself is averaged to white
    let s = 0,
      n = 0;
    for (let y = 130; y < 170; y++)
      for (let x = 40; x < 280; x++) {
        s += d[4 * (y * W + x)]!;
        n++;
      }
    expect(s / n).toBeGreaterThan(230);
  });

  it("but a piece of dotted line shorter than a ruling (a letter's stroke) is averaged with the screen", () => {
    // the same screen, and just above it a row of every other pixel 60 pixels long (14 pt)
    const c2 = createCanvas(W, H);
    const ctx2 = c2.getContext("2d");
    ctx2.drawImage(c, 0, 0);
    ctx2.fillStyle = "white";
    ctx2.fillRect(0, 97, W, 3);
    ctx2.fillStyle = "black";
    for (let x = 300; x < 360; x += 2) ctx2.fillRect(x, 98, 1, 1);
    const ink2 = inkMask(c2);
    const clean = removeHalftone(c2, ink2, findHalftone(ink2, W, H, SCALE), SCALE);
    const d = clean.getContext("2d").getImageData(0, 0, W, H).data;
    let black = 0;
    for (let x = 300; x < 360; x += 2) if (d[4 * (98 * W + x)]! < 64) black++;
    expect(black).toBe(0);
  });
});

describe("a dotted rule that runs on beyond a shaded row", () => {
  it("keeps its dots by the screen black though only their piece there is short", () => {
    // a screen over the first 240 pixels of a band, a rule of every other pixel just above it from
    // x = 200 on, most of it over white: the piece by the screen's tiles is under 25 pt
    const W = 900,
      H = 300;
    const c = screened(W, H, 240);
    const ctx = c.getContext("2d");
    for (let x = 200; x < 860; x += 2) ctx.fillRect(x, 98, 1, 1);
    const ink = inkMask(c);
    const clean = removeHalftone(c, ink, findHalftone(ink, W, H, SCALE), SCALE);
    const d = clean.getContext("2d").getImageData(0, 0, W, H).data;
    let dots = 0,
      black = 0;
    for (let x = 210; x < 300; x += 2) {
      dots++;
      if (d[4 * (98 * W + x)]! < 64) black++;
    }
    expect(black / dots).toBeGreaterThan(0.9);
  });
});

describe("longLines", () => {
  it("keeps the marks of a line as long as a ruling, over a step between rows, and drops short ones", () => {
    const W = 400,
      H = 40;
    const marks = new Uint8Array(W * H);
    // across: 150 pixels (36 pt at 300 dpi) stepping from row 10 to row 11 halfway, dots 2 apart
    for (let x = 10; x < 160; x += 2) marks[(x < 85 ? 10 : 11) * W + x] = 1;
    // across: 60 pixels (14 pt), too short
    for (let x = 200; x < 260; x += 2) marks[30 * W + x] = 1;
    const kept = new Set(longLines(marks, W, H, SCALE));
    expect(kept.has(10 * W + 10)).toBe(true);
    expect(kept.has(11 * W + 158)).toBe(true);
    expect(kept.has(30 * W + 200)).toBe(false);
  });
});
