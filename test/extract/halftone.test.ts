/**
 * Halftone screens on bilevel scans: found by their period (or scatter) and removed from the image
 * tesseract reads and rulings are looked for in; print next to them untouched.
 */
import { describe, expect, it } from "vitest";
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { findHalftone, fitScreenCell, inkMask, removeHalftone, SCREEN } from "../../src/extract/halftone.js";
import { imageRulings } from "../../src/extract/image.js";

const SCALE = 300 / 72;
const W = 720,
  H = 480;

/** a small seeded generator, so that the dither is the same at every run */
function rng(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * White page: a band shaded by a grid screen (1-px lines every 3 px) with a bold bar on it, framed by
 * 4-px rulings; a band of scattered single dots (a diffusion dither) with a bar; thin strokes on white.
 */
function page(): Canvas {
  const c = createCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "black";
  for (let y = 104; y < 200; y += 3) ctx.fillRect(0, y, W, 1);
  for (let x = 0; x < W; x += 3) ctx.fillRect(x, 104, 1, 96);
  ctx.fillRect(0, 100, W, 4);
  ctx.fillRect(0, 200, W, 4);
  ctx.fillRect(300, 130, 10, 40);
  const r = rng(7);
  for (let y = 240; y < 330; y += 2) for (let x = 0; x < W; x += 2) if (r() < 0.35) ctx.fillRect(x, y, 1, 1);
  ctx.fillRect(500, 265, 10, 40);
  for (let x = 40; x < 400; x += 12) ctx.fillRect(x, 380, 2, 40);
  return c;
}

const grey = (c: Canvas, x0: number, y0: number, x1: number, y1: number) => {
  const d = c.getContext("2d").getImageData(x0, y0, x1 - x0, y1 - y0).data;
  let s = 0;
  for (let i = 0; i < d.length; i += 4) s += d[i]!;
  return s / (d.length / 4);
};

describe("halftone screens", () => {
  const c = page();
  const ink = inkMask(c);
  const map = findHalftone(ink, W, H, SCALE);
  const at = (x: number, y: number) =>
    map.screened[Math.floor(y / map.tile) * map.cols + Math.floor(x / map.tile)];

  it("finds the grid and the dither, not the print", () => {
    expect(at(150, 150)).toBe(SCREEN);
    expect(at(600, 180)).toBe(SCREEN);
    expect(at(150, 290)).toBe(SCREEN);
    expect(at(100, 400)).not.toBe(SCREEN);
    expect(at(600, 430)).toBe(0);
  });

  it("turns the screens white and keeps what is printed on them and beside them", () => {
    const clean = removeHalftone(c, ink, map, SCALE);
    expect(grey(clean, 20, 130, 280, 170)).toBeGreaterThan(230);
    expect(grey(clean, 20, 250, 480, 320)).toBeGreaterThan(230);
    expect(grey(clean, 302, 130, 308, 170)).toBeLessThan(60);
    expect(grey(clean, 502, 270, 508, 300)).toBeLessThan(60);
    // the thin strokes on white, two tiles away from any screen, are the same pixels
    const strip = (x: Canvas) => Buffer.from(x.getContext("2d").getImageData(0, 370, W, 60).data);
    expect(strip(clean).equals(strip(c))).toBe(true);
  });

  it("leaves the rulings that frame a screen, not the screen's lines", () => {
    const clean = removeHalftone(c, ink, map, SCALE);
    const lines = inkMask(clean, 3 * 170);
    const rulings = imageRulings({ across: lines, down: lines }, W, H, SCALE);
    const across = rulings.filter((r) => r.orientation === "h").map((r) => r.y0 * SCALE);
    // the 4-pixel rulings drawn at 100-103 and 200-203
    expect(across.length).toBe(2);
    expect(Math.abs(across[0]! - 101.5)).toBeLessThan(3);
    expect(Math.abs(across[1]! - 201.5)).toBeLessThan(3);
    // the grid's vertical lines are not columns; the bars are shorter than a ruling's minimum
    expect(rulings.filter((r) => r.orientation === "v")).toEqual([]);
    // in the page as it was, every line of the grid is a ruling
    expect(imageRulings({ across: ink, down: ink }, W, H, SCALE).length).toBeGreaterThan(20);
  });

  it("leaves a page without screens as it is", () => {
    const plain = createCanvas(W, H);
    const ctx = plain.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "black";
    ctx.font = "bold 40px sans-serif";
    for (let y = 60; y < H; y += 50) ctx.fillText("Obiettivi operativi 35,00 % mmm", 10, y);
    const pink = inkMask(plain);
    const pmap = findHalftone(pink, W, H, SCALE);
    expect(pmap.screened.includes(SCREEN)).toBe(false);
    expect(removeHalftone(plain, pink, pmap, SCALE)).toBe(plain);
  });
});

/** Bayer's 4 × 4 ordered-dither thresholds: a copier's dither of a flat grey */
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

describe("ordered-dither screens", () => {
  // a band of 3/16 grey dithered by Bayer's matrix (dots every 2-4 pixels, one pixel each), with
  // one-pixel strokes (a thin letter) and a 3-pixel bar printed on it, framed by rulings
  const c = createCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "black";
  for (let y = 104; y < 200; y++)
    for (let x = 0; x < W; x++) if (BAYER[(y % 4) * 4 + (x % 4)]! < 3) ctx.fillRect(x, y, 1, 1);
  ctx.fillRect(0, 100, W, 4);
  ctx.fillRect(0, 200, W, 4);
  for (let x = 201; x < 260; x += 6) ctx.fillRect(x, 130, 1, 40);
  ctx.fillRect(201, 169, 60, 1);
  ctx.fillRect(400, 130, 3, 40);
  const ink = inkMask(c);
  const map = findHalftone(ink, W, H, SCALE);

  it("repeats one cell, which is found", () => {
    const tiles: number[] = [];
    for (let t = 0; t < map.cols * map.rows; t++) if (map.screened[t] === SCREEN) tiles.push(t);
    const cell = fitScreenCell(ink, W, H, map, tiles, 4, 4);
    expect(cell).not.toBeNull();
    // the dots of 4 × 4 pixels (or of a multiple of it): 3 in 16
    expect(cell!.ink.reduce((a, b) => a + b, 0) / cell!.ink.length).toBeCloseTo(3 / 16, 5);
  });

  it("takes the dots away and leaves the print on it as sharp as it was", () => {
    const clean = removeHalftone(c, ink, map, SCALE);
    // the screen is white, not a grey average
    expect(grey(clean, 20, 120, 180, 190)).toBe(255);
    expect(grey(clean, 300, 120, 380, 190)).toBe(255);
    // the one-pixel strokes and the bar are every pixel black (averaging left them grey)
    for (let x = 201; x < 260; x += 6) expect(grey(clean, x, 131, x + 1, 168)).toBe(0);
    expect(grey(clean, 201, 169, 261, 170)).toBe(0);
    expect(grey(clean, 400, 131, 403, 169)).toBe(0);
  });
});

/**
 * Floyd and Steinberg's error diffusion of a flat grey (`share` of ink) over a box, as ImageMagick's
 * `-dither FloydSteinberg -monochrome` makes of a light shaded row: single dots, about evenly spread.
 * Rows run either way in turn, and the dither starts well above the box (a flat grey starts with
 * rows of no dots, as its error builds up, which a page's shading, carrying noise, does not).
 */
function diffuse(
  ctx: ReturnType<Canvas["getContext"]>,
  x0: number,
  y0: number,
  w: number,
  h: number,
  share: number,
) {
  const before = Math.ceil(2 / share);
  const err = new Float32Array((w + 2) * (before + h + 1));
  for (let y = 0; y < before + h; y++)
    for (let i = 0; i < w; i++) {
      const back = y % 2 === 1,
        x = back ? w - 1 - i : i,
        f = back ? -1 : 1;
      const k = y * (w + 2) + x + 1;
      const v = share + err[k]!;
      const dot = v >= 0.5 ? 1 : 0;
      if (dot && y >= before) ctx.fillRect(x0 + x, y0 + y - before, 1, 1);
      const e = v - dot;
      err[k + f]! += (e * 7) / 16;
      err[k + w + 2 - f]! += (e * 3) / 16;
      err[k + w + 2]! += (e * 5) / 16;
      err[k + w + 2 + f]! += e / 16;
    }
}

describe("a light shaded row dithered by error diffusion (a 200 dpi office scan)", () => {
  // at the scan's own resolution: a header row of 5 % grey (a dot in 20 pixels or so, each alone),
  // with bold strokes on it; a full stop and a comma on white below it
  const scale = 200 / 72;
  const c = createCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "black";
  ctx.fillRect(0, 100, W, 2);
  ctx.fillRect(0, 180, W, 2);
  diffuse(ctx, 0, 102, W, 78, 0.05);
  for (let x = 40; x < 200; x += 9) ctx.fillRect(x, 125, 4, 28);
  // a thin ruling across the row, tilted between two rows of pixels and so dithered into pieces of
  // three pixels, in one row or the other, a column apart (three in four columns inked)
  ctx.fillStyle = "white";
  ctx.fillRect(250, 168, 450, 4);
  ctx.fillStyle = "black";
  const r = rng(11);
  for (let x = 250; x < 698; x += 4)
    for (let i = 0; i < 3; i++) ctx.fillRect(x + i, r() < 0.5 ? 169 : 170, 1, 1);
  ctx.fillRect(300, 210, 2, 2);
  ctx.fillRect(320, 210, 2, 3);
  ctx.fillRect(319, 213, 1, 2);
  // a paler row, 1.2 % grey (a few dots a tile), with a bar on it
  diffuse(ctx, 0, 250, W, 70, 0.012);
  ctx.fillRect(500, 270, 4, 28);
  // speckle falling at random, 3 % of the pixels on the left and 1.2 % on the right
  const r2 = rng(5);
  for (let y = 370; y < 470; y++)
    for (let x = 0; x < W; x++) if (r2() < (x < 360 ? 0.03 : 0.012)) ctx.fillRect(x, y, 1, 1);
  const ink = inkMask(c);
  const map = findHalftone(ink, W, H, scale);
  const at = (x: number, y: number) =>
    map.screened[Math.floor(y / map.tile) * map.cols + Math.floor(x / map.tile)];

  it("is a screen of dots, though its dots cover under a tenth of it", () => {
    for (const x of [260, 400, 550, 680]) expect(at(x, 140)).toBe(SCREEN);
    expect(at(300, 210)).not.toBe(SCREEN);
  });

  it("is a screen when paler still, told over the tiles around; speckle falling at random is not", () => {
    for (const x of [100, 260, 400, 650]) expect(at(x, 285)).toBe(SCREEN);
    for (let y = 372; y < 470; y += 16) for (let x = 8; x < W; x += 16) expect(at(x, y)).not.toBe(SCREEN);
  });

  it("has its dots taken away, the print on it and the marks beside it kept", () => {
    const clean = removeHalftone(c, ink, map, scale);
    expect(grey(clean, 240, 106, 700, 166)).toBe(255);
    for (let x = 40; x < 200; x += 9) expect(grey(clean, x, 125, x + 4, 153)).toBe(0);
    expect(grey(clean, 300, 210, 302, 212)).toBe(0);
    expect(grey(clean, 320, 210, 322, 213)).toBe(0);
    expect(grey(clean, 20, 254, 480, 316)).toBe(255);
    expect(grey(clean, 500, 270, 504, 298)).toBe(0);
  });

  it("keeps a thin ruling dithered into dots as small as the screen's", () => {
    const clean = removeHalftone(c, ink, map, scale);
    // all its pixels but a few at its ends
    expect(grey(clean, 250, 169, 700, 171)).toBeLessThan(grey(c, 250, 169, 700, 171) + 2);
  });
});

describe("rulings on a scanned page", () => {
  it("are not found in the bottoms of bold letters run together", () => {
    const p = createCanvas(W, 200);
    const ctx = p.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, W, 200);
    ctx.fillStyle = "black";
    // a ruling, white above and below
    ctx.fillRect(20, 30, 600, 3);
    // bold letters 12 pixels wide, stems of 5, a pixel apart, whose feet run into one line of 3 rows
    for (let x = 20; x < 400; x += 13) {
      ctx.fillRect(x, 100, 5, 40);
      ctx.fillRect(x + 7, 110, 5, 30);
      ctx.fillRect(x, 137, 12, 3);
    }
    const pink = inkMask(p);
    const found = imageRulings({ across: pink, down: pink }, W, 200, SCALE).filter(
      (r) => r.orientation === "h",
    );
    expect(found.map((r) => Math.round(r.y0 * SCALE))).toEqual([31]);
  });
});

describe("rulings on a scanned page, at the top of a heading", () => {
  it("are not found in the tops of bold serif capitals run together", () => {
    const p = createCanvas(W, 200);
    const ctx = p.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, W, 200);
    ctx.fillStyle = "black";
    // a ruling, white above and below
    ctx.fillRect(20, 30, 600, 3);
    // capitals 12 pixels wide, a pixel apart, whose top bars and serifs run into one line of 3 rows,
    // stems of 5 under it
    for (let x = 20; x < 400; x += 13) {
      ctx.fillRect(x, 100, 12, 3);
      ctx.fillRect(x + 4, 103, 5, 40);
    }
    const pink = inkMask(p);
    const found = imageRulings({ across: pink, down: pink }, W, 200, SCALE).filter(
      (r) => r.orientation === "h",
    );
    expect(found.map((r) => Math.round(r.y0 * SCALE))).toEqual([31]);
  });
});

describe("small print on a G4 ordered-dither copy", () => {
  it("is not a screen, though its dithered edges repeat at the dither's period; the shaded header is", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { openPdf } = await import("../../src/extract/index.js");
    const { renderPage } = await import("../../src/extract/image.js");
    const { ROOT } = await import("../helpers.js");
    const pdf = await openPdf(
      new Uint8Array(readFileSync(join(ROOT, "fixtures", "cciaa-fe-ra-allegato4-2021-g4-200.pdf"))),
    );
    // at the scan's own resolution, as the OCR stage clears it
    const { canvas, scale } = await renderPage(await pdf.pdfPage(1), 200);
    await pdf.close();
    const pink = inkMask(canvas);
    const m = findHalftone(pink, canvas.width, canvas.height, scale);
    const screens = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = Math.floor((y0 * scale) / m.tile); y <= Math.floor((y1 * scale) / m.tile); y++)
        for (let x = Math.floor((x0 * scale) / m.tile); x <= Math.floor((x1 * scale) / m.tile); x++)
          if (m.screened[y * m.cols + x] === SCREEN) n++;
      return n;
    };
    // the paragraph of 7 pt print under an indicator's name ("Misura le risorse mediamente ...")
    expect(screens(172, 210, 340, 278)).toBe(0);
    // the shaded header row
    expect(screens(30, 52, 390, 70)).toBeGreaterThan(40);
  });
});

describe("a few tiles that repeat like a screen", () => {
  /** a grid screen (1-px lines every 3 px) over tiles tx0..tx1 × ty0..ty1 of a white page */
  const screenOver = (tile: number, tiles: [number, number, number, number][]) => {
    const c = createCanvas(W, H);
    const ctx = c.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "black";
    for (const [tx0, ty0, tx1, ty1] of tiles) {
      const [x0, y0, x1, y1] = [tx0 * tile, ty0 * tile, (tx1 + 1) * tile, (ty1 + 1) * tile];
      for (let y = y0; y < y1; y += 3) ctx.fillRect(x0, y, x1 - x0, 1);
      for (let x = x0; x < x1; x += 3) ctx.fillRect(x, y0, 1, y1 - y0);
    }
    return c;
  };
  const count = (c: Canvas) => {
    const m = findHalftone(inkMask(c), W, H, SCALE);
    return m.screened.filter((v) => v === SCREEN).length;
  };
  const tile = findHalftone(new Uint8Array(W * H), W, H, SCALE).tile;

  it("are print, three in a row (a line of small print's dithered edges)", () => {
    expect(count(screenOver(tile, [[4, 4, 6, 4]]))).toBe(0);
  });

  it("shade an area from four joined tiles on", () => {
    expect(count(screenOver(tile, [[4, 4, 5, 5]]))).toBe(4);
    // a band one tile tall: all but its ends, which have one screen tile beside them
    expect(count(screenOver(tile, [[4, 4, 12, 4]]))).toBe(7);
  });
});
