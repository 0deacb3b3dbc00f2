/**
 * Halftone removal for page images. A bilevel scan (1-bit, CCITT G4, the usual office copier or
 * img2pdf output) cannot hold grey: the shading of a table's banner rows comes out as a screen of
 * dots or a grid of one-pixel lines. Left as it is, tesseract reads those screens as noise around
 * the letters, and their lines (longer than any column) pass for table rulings, which are then
 * painted out together with the text they cover; rulings are looked for in the cleared image. Here the screened areas are found by what sets a
 * screen apart from print: it repeats at a short period across and down (or, for error-diffusion
 * dithers, is made of isolated pixels), and each is replaced by its local average over one period,
 * rescaled so that the screen's own average becomes white. Text on the screen stays darker than the
 * screen, so it comes out grey on white; rulings thick enough to outlast the average stay too.
 */
import { createCanvas, type Canvas } from "./canvas.js";

/** a pixel this dark (sum of R, G, B) is ink, as elsewhere in the OCR stage */
const INK = 3 * 140;
export const SCREEN = 1;
/** a screen covering less than this share of its area is light: black print on it stays black */
const LIGHT_SCREEN = 0.3;
export const PARTLY = 2;

export interface HalftoneMap {
  /** tile side in pixels */
  tile: number;
  cols: number;
  rows: number;
  /**
   * SCREEN where a tile is a screen; PARTLY where its ink repeats only weakly or covers half of it (a
   * screen under much text, a screen's edge), which counts when a screen is next to it; 0 elsewhere
   */
  screened: Uint8Array;
  /** the screen's period across and down in pixels, per screened tile (0 elsewhere) */
  periodX: Uint8Array;
  periodY: Uint8Array;
}

/** 1 for each ink pixel of an image (darker than `limit`, the sum of R, G and B) */
export function inkMask(canvas: Canvas, limit = INK): Uint8Array {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const n = canvas.width * canvas.height;
  const ink = new Uint8Array(n);
  for (let i = 0, j = 0; j < n; i += 4, j++) ink[j] = data[i]! + data[i + 1]! + data[i + 2]! < limit ? 1 : 0;
  return ink;
}

/**
 * Which tiles of an ink mask are a screen. Per tile (about 2 mm), the autocorrelation of ink along
 * rows and along columns at shifts of 1 to `maxShift` pixels (about 0.7 mm): a screen's rises again
 * at its period after a dip, print's (strokes a few pixels wide, then white) only falls. A tile whose
 * ink has almost no horizontal or vertical neighbours is a diffusion dither's scatter of dots.
 */
export function findHalftone(ink: Uint8Array, w: number, h: number, scale: number): HalftoneMap {
  const tile = Math.max(8, Math.round((2 / 25.4) * 72 * scale));
  const maxShift = Math.max(4, Math.round((0.7 / 25.4) * 72 * scale));
  const cols = Math.ceil(w / tile),
    rows = Math.ceil(h / tile);
  const S = maxShift + 1;
  // along[t * S + s]: ink pixels of tile t whose neighbour s pixels to the right is ink (s = 0: all
  // ink pixels); down: the same for the neighbour s pixels below
  const along = new Uint32Array(cols * rows * S),
    down = new Uint32Array(cols * rows * S);
  for (let y = 0; y < h; y++) {
    const row = ((y / tile) | 0) * cols;
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (!ink[p]) continue;
      const k = (row + ((x / tile) | 0)) * S;
      along[k]!++;
      const right = Math.min(maxShift, w - 1 - x),
        below = Math.min(maxShift, h - 1 - y);
      for (let s = 1; s <= right; s++) if (ink[p + s]) along[k + s]!++;
      for (let s = 1; s <= below; s++) if (ink[p + s * w]) down[k + s]!++;
    }
  }
  const screened = new Uint8Array(cols * rows);
  const periodX = new Uint8Array(cols * rows),
    periodY = new Uint8Array(cols * rows);
  const area = tile * tile;
  for (let t = 0; t < cols * rows; t++) {
    const k = t * S,
      n = along[k]!;
    // a white tile or a sprinkle of noise: nothing to remove (under 3 %, unless its dots are spread as
    // a dither spreads them)
    if (n < MIN_DOTS * area) continue;
    const [riseX, px] = rise(along, k, n, maxShift);
    const [riseY, py] = rise(down, k, n, maxShift);
    if (
      n >= 0.05 * area &&
      n <= 0.9 * area &&
      riseX >= 0.25 &&
      riseY >= 0.25 &&
      blankPeriods(ink, w, h, t, cols, tile, px, py) <= MAX_BLANK_PERIODS
    ) {
      screened[t] = SCREEN;
      periodX[t] = px;
      periodY[t] = py;
    } else if (
      along[k + 1]! < 0.5 * n &&
      down[k + 1]! < 0.5 * n &&
      blankPeriods(ink, w, h, t, cols, tile, dotsWindow(n / area), dotsWindow(n / area)) <=
        MAX_BLANK_PERIODS &&
      (n >= 0.1 * area || spread(ink, w, h, t, cols, tile, n / area))
    ) {
      // dots with hardly a neighbour: averaged over a 3-pixel square
      screened[t] = SCREEN;
      periodX[t] = periodY[t] = 3;
    } else if (n >= 0.03 * area && ((riseX >= 0.1 && riseY >= 0.1) || n > 0.5 * area)) {
      screened[t] = PARTLY;
      periodX[t] = px;
      periodY[t] = py;
    }
  }
  // a fainter scatter, a few dots a tile (under 2 % of it: the palest banner rows of an office copy), is
  // too little to tell from a tile alone: it is told over the 3 × 3 tiles around, when none of them
  // prints (holds ink with neighbours, or much ink) and six or more hold such dots (the tiles along a
  // shaded row's edge hold fewer), by those six or more
  const faint: number[] = [];
  for (let t = 0; t < cols * rows; t++) {
    const n = along[t * S]!;
    if (screened[t] || n < MIN_FAINT * area || n >= MIN_DOTS * area) continue;
    const tx = t % cols,
      ty = (t / cols) | 0;
    const dotted: number[] = [];
    let all = 0,
      prints = false;
    for (let a = Math.max(0, ty - 1); a <= Math.min(rows - 1, ty + 1) && !prints; a++)
      for (let b = Math.max(0, tx - 1); b <= Math.min(cols - 1, tx + 1); b++) {
        const k = (a * cols + b) * S,
          m = along[k]!;
        if (m >= 0.1 * area || (m >= 3 && (along[k + 1]! >= 0.5 * m || down[k + 1]! >= 0.5 * m))) {
          prints = true;
          break;
        }
        if (m < MIN_FAINT * area) continue;
        dotted.push(a * cols + b);
        all += m;
      }
    if (prints || dotted.length < 6) continue;
    const d = all / (dotted.length * area),
      win = dotsWindow(d);
    let blank = 0,
      close = 0,
      dots = 0;
    for (const u of dotted) {
      blank += blankPeriods(ink, w, h, u, cols, tile, win, win);
      const x0 = (u % cols) * tile,
        y0 = ((u / cols) | 0) * tile;
      const [c, k] = closeDots(ink, w, h, x0, y0, Math.min(w, x0 + tile), Math.min(h, y0 + tile), d);
      close += c;
      dots += k;
    }
    if (blank / dotted.length <= MAX_BLANK_PERIODS && close <= MAX_CLOSE_DOTS * dots) faint.push(t);
  }
  for (const t of faint) {
    screened[t] = SCREEN;
    periodX[t] = periodY[t] = 3;
  }
  // a screen shades an area (a row, a cell): a screen tile with fewer than two screen tiles around it
  // is a dense patch of print, left as it is
  const lone: number[] = [];
  for (let t = 0; t < cols * rows; t++) {
    if (screened[t] !== SCREEN) continue;
    let around = 0;
    for (const n of tilesAround(t, cols, rows)) if (n !== t && screened[n] === SCREEN) around++;
    if (around < 2) lone.push(t);
  }
  // so is a patch of fewer than MIN_SCREEN_TILES screen tiles joined: small print's dithered edges
  // (a 200 dpi copy's anti-aliased 7 pt text) pass for a screen in a few tiles of a line, three in a
  // row, and averaging them would grey the line's letters out
  for (const patch of screenPatches(screened, cols, rows))
    if (patch.length < MIN_SCREEN_TILES) lone.push(...patch);
  for (const t of lone) screened[t] = PARTLY;
  return { tile, cols, rows, screened, periodX, periodY };
}

/** the fewest screen tiles (8-connected) that shade an area: a cell of a small table holds more */
const MIN_SCREEN_TILES = 4;

/** Tile `t` and its neighbours on the map (8-connected), row by row. */
function tilesAround(t: number, cols: number, rows: number): number[] {
  const tx = t % cols,
    ty = (t / cols) | 0;
  const out: number[] = [];
  for (let yy = Math.max(0, ty - 1); yy <= Math.min(rows - 1, ty + 1); yy++)
    for (let xx = Math.max(0, tx - 1); xx <= Math.min(cols - 1, tx + 1); xx++) out.push(yy * cols + xx);
  return out;
}

/** The screen tiles of a map in 8-connected patches (of neighbours `joins` accepts, when given). */
function screenPatches(
  screened: Uint8Array,
  cols: number,
  rows: number,
  joins: (t: number, n: number) => boolean = () => true,
): number[][] {
  const seen = new Uint8Array(cols * rows);
  const out: number[][] = [];
  for (let t0 = 0; t0 < cols * rows; t0++) {
    if (screened[t0] !== SCREEN || seen[t0]) continue;
    const patch = [t0];
    seen[t0] = 1;
    for (let i = 0; i < patch.length; i++) {
      const t = patch[i]!;
      for (const n of tilesAround(t, cols, rows))
        if (screened[n] === SCREEN && !seen[n] && joins(t, n)) {
          seen[n] = 1;
          patch.push(n);
        }
    }
    out.push(patch);
  }
  return out;
}

/**
 * A screen inks every period of the area it shades (text on it only adds ink): a tile whose windows
 * of one period are blank at more than this share of their places is print on white. Small print
 * whose dithered edges repeat at the dither's period passed the autocorrelation test (a G4 copy's
 * paragraphs of 7 pt text, whose stray edge pixels passed for a diffusion dither's dots too) and
 * was averaged into grey, which tesseract misread. Measured over the tiles of a G4 ordered-dither
 * copy: its screens' 0-0.1, such print's mostly 0.2-0.8.
 */
const MAX_BLANK_PERIODS = 0.15;
/**
 * the window a scatter of dots (an error-diffusion dither, which has no period) is looked at through:
 * its screens' tiles at 200 and 300 dpi had under 10 % of them blank, the dithered edges of small
 * print taken for such dots 20-80 %
 */
const DOTS_WINDOW = 4;
/**
 * the lightest scatter of dots looked at (a share of a tile's pixels): error diffusion
 * (`-dither FloydSteinberg -monochrome`) turns a header row's light grey into single dots over 2-7 %
 * of it at 200 dpi, whose tiles were left as print (a scatter was only looked for from 10 %) and
 * whose dots, stuck to the header's letters, made tesseract read `Indicatore` as `lndicatore "OM:`
 */
const MIN_DOTS = 0.02;
/** the lightest scatter of dots looked at over the tiles around (pdfkit's palest banners: 0.8-2 %) */
const MIN_FAINT = 0.005;
/**
 * The window a scatter of dots covering a share `d` of a tile is looked at through: about 1.5 dots
 * fall in it, 4 pixels at least. Error diffusion spreads its dots about evenly, so such windows are
 * seldom blank (light rows of office scans: mostly under 10 %); dots falling at random, a scanner's
 * speckle, leave e^-1.5, about 22 %, of them blank, and the stray pixels along small print more.
 */
const dotsWindow = (d: number) => Math.max(DOTS_WINDOW, Math.ceil(Math.sqrt(1.5 / d)));

/**
 * Error diffusion spreads its dots apart, as evenly as it can; dots falling at random (a scanner's
 * speckle) lie close to each other as often as not. The ink pixels of a box that have another within
 * half the mean spacing of dots covering a share `d` of it, and all its ink pixels: of light rows of
 * office scans (1-7 % dots) 0-6 % are so close over 3 × 3 tiles, of random speckle 40-77 %.
 */
function closeDots(
  ink: Uint8Array,
  w: number,
  h: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  d: number,
): [close: number, dots: number] {
  const r = 0.5 / Math.sqrt(d),
    reach = Math.floor(r);
  let n = 0,
    close = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (!ink[y * w + x]) continue;
      n++;
      search: for (let yy = Math.max(0, y - reach); yy <= Math.min(h - 1, y + reach); yy++)
        for (let xx = Math.max(0, x - reach); xx <= Math.min(w - 1, x + reach); xx++)
          if ((xx !== x || yy !== y) && ink[yy * w + xx] && (xx - x) ** 2 + (yy - y) ** 2 <= r * r) {
            close++;
            break search;
          }
    }
  return [close, n];
}
/** dots closer than half their spacing, in a dither's scatter: at most this share of them */
const MAX_CLOSE_DOTS = 0.2;

/** Whether a tile's ink, a share `d` of it, is spread as a dither spreads its dots (closeDots). */
function spread(
  ink: Uint8Array,
  w: number,
  h: number,
  t: number,
  cols: number,
  tile: number,
  d: number,
): boolean {
  const [close, n] = closeDots(ink, w, h, ...tileBox(t, cols, tile, w, h), d);
  return close <= MAX_CLOSE_DOTS * n;
}

/** Tile `t`'s box in pixels, [x0, y0, x1, y1), cut at the image's edges. */
function tileBox(
  t: number,
  cols: number,
  tile: number,
  w: number,
  h: number,
): [number, number, number, number] {
  const x0 = (t % cols) * tile,
    y0 = ((t / cols) | 0) * tile;
  return [x0, y0, Math.min(w, x0 + tile), Math.min(h, y0 + tile)];
}

/** The share of a tile's places where a window of `pw` × `ph` pixels holds no ink. */
function blankPeriods(
  ink: Uint8Array,
  w: number,
  h: number,
  t: number,
  cols: number,
  tile: number,
  pw: number,
  ph: number,
): number {
  return blankIn(ink, w, ...tileBox(t, cols, tile, w, h), pw, ph);
}

/** The share of the places of a box [x0, x1) × [y0, y1) where a window of `pw` × `ph` holds no ink. */
function blankIn(
  ink: Uint8Array,
  w: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  pw: number,
  ph: number,
): number {
  const tw = x1 - x0,
    th = y1 - y0;
  if (pw < 1 || ph < 1 || tw < pw || th < ph) return 0;
  // summed-area table of the tile's ink
  const W = tw + 1;
  const sums = new Int32Array(W * (th + 1));
  for (let y = 0; y < th; y++) {
    let run = 0;
    for (let x = 0; x < tw; x++) {
      run += ink[(y0 + y) * w + x0 + x]!;
      sums[(y + 1) * W + x + 1] = sums[y * W + x + 1]! + run;
    }
  }
  let places = 0,
    blank = 0;
  for (let y = 0; y + ph <= th; y++)
    for (let x = 0; x + pw <= tw; x++) {
      places++;
      if (
        sums[(y + ph) * W + x + pw]! - sums[y * W + x + pw]! - sums[(y + ph) * W + x]! + sums[y * W + x]! ===
        0
      )
        blank++;
    }
  return places ? blank / places : 0;
}

/** The largest rise of an autocorrelation over its lowest value at a smaller shift, and where. */
function rise(counts: Uint32Array, k: number, n: number, maxShift: number): [number, number] {
  let best = 0,
    at = 0,
    low = counts[k + 1]! / n;
  for (let s = 2; s <= maxShift; s++) {
    const v = counts[k + s]! / n;
    if (v - low > best) {
      best = v - low;
      at = s;
    }
    if (v < low) low = v;
  }
  return [best, at];
}

/** Summed-area table of a 0/1 mask: sum over [x0, x1) × [y0, y1) in four reads. */
class Integral {
  private readonly sums: Float64Array;
  constructor(
    mask: Uint8Array,
    private readonly w: number,
    private readonly h: number,
  ) {
    const W = w + 1;
    this.sums = new Float64Array(W * (h + 1));
    for (let y = 0; y < h; y++) {
      let run = 0;
      for (let x = 0; x < w; x++) {
        run += mask[y * w + x]!;
        this.sums[(y + 1) * W + x + 1] = this.sums[y * W + x + 1]! + run;
      }
    }
  }
  /** share of ink in the box of size pw × ph around (x, y), clipped to the image */
  around(x: number, y: number, pw: number, ph: number): number {
    const x0 = Math.max(0, x - (pw >> 1)),
      y0 = Math.max(0, y - (ph >> 1));
    const x1 = Math.min(this.w, x0 + pw),
      y1 = Math.min(this.h, y0 + ph);
    const W = this.w + 1,
      s = this.sums;
    return (s[y1 * W + x1]! - s[y0 * W + x1]! - s[y1 * W + x0]! + s[y0 * W + x0]!) / ((x1 - x0) * (y1 - y0));
  }
}

/**
 * Calls `fn` for the tiles a screen covers: each screen tile, each partly screened tile that repeats
 * at the same period as a screen tile it touches (through a chain of such tiles: a screen under a
 * line of text), fully; and each other tile next to those, as an edge (`full` false). `near` holds
 * the screen tiles next to the tile, or, when none is, the screen tile its chain started from.
 */
function eachNearScreen(map: HalftoneMap, fn: (t: number, near: number[], full: boolean) => void): void {
  const { cols, rows, screened, periodX, periodY } = map;
  const from = new Int32Array(cols * rows).fill(-1);
  const full = new Uint8Array(cols * rows);
  const queue: number[] = [];
  for (let t = 0; t < cols * rows; t++)
    if (screened[t] === SCREEN) {
      from[t] = t;
      full[t] = 1;
      queue.push(t);
    }
  // breadth-first from the screen tiles through the partly screened tiles of the same period
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i]!,
      src = from[t]!;
    for (const n of tilesAround(t, cols, rows)) {
      if (from[n]! >= 0) continue;
      from[n] = src;
      const same =
        screened[n] === PARTLY &&
        Math.abs(periodX[n]! - periodX[src]!) <= 1 &&
        Math.abs(periodY[n]! - periodY[src]!) <= 1;
      if (same) {
        full[n] = 1;
        queue.push(n);
      }
    }
  }
  const near: number[] = [];
  for (let t = 0; t < cols * rows; t++) {
    if (from[t]! < 0) continue;
    near.length = 0;
    for (const n of tilesAround(t, cols, rows)) if (screened[n] === SCREEN) near.push(n);
    if (!near.length) near.push(from[t]!);
    fn(t, near, full[t] === 1);
  }
}

/**
 * The ink pixels that belong to specks, 8-connected pieces of at most `speck` pixels (a dot screen's
 * dots; a letter, even a full stop, is larger), and those that belong to pieces of more than `large`
 * pixels (rulings, and all they touch). Labelled by runs, row by row, with union-find.
 */
export function pieces(
  ink: Uint8Array,
  w: number,
  h: number,
  speck: number,
  large: number,
): { specks: Uint8Array; large: Uint8Array } {
  let starts = new Int32Array(1 << 16),
    ends = new Int32Array(1 << 16),
    parent = new Int32Array(1 << 16),
    size = new Int32Array(1 << 16);
  let n = 0;
  const rowStart = new Int32Array(h + 1);
  const find = (i: number) => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let y = 0; y < h; y++) {
    rowStart[y] = n;
    const prevFrom = y ? rowStart[y - 1]! : 0,
      prevTo = n;
    let k = prevFrom;
    for (let x = 0; x < w;) {
      if (!ink[y * w + x]) {
        x++;
        continue;
      }
      const x0 = x;
      while (x < w && ink[y * w + x]) x++;
      if (n === starts.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        starts = grow(starts);
        ends = grow(ends);
        parent = grow(parent);
        size = grow(size);
      }
      starts[n] = x0;
      ends[n] = x;
      parent[n] = n;
      size[n] = x - x0;
      // runs of the row above that touch this one, corners included
      while (k < prevTo && ends[k]! < x0) k++;
      for (let j = k; j < prevTo && starts[j]! <= x; j++) {
        const a = find(j),
          b = find(n);
        if (a !== b) {
          parent[b] = a;
          size[a] = size[a]! + size[b]!;
        }
      }
      n++;
    }
  }
  rowStart[h] = n;
  const specks = new Uint8Array(w * h),
    big = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let i = rowStart[y]!; i < rowStart[y + 1]!; i++) {
      const s = size[find(i)]!;
      if (s <= speck) specks.fill(1, y * w + starts[i]!, y * w + ends[i]!);
      else if (s > large) big.fill(1, y * w + starts[i]!, y * w + ends[i]!);
    }
  return { specks, large: big };
}

/**
 * A screen's dots as one repeated cell: `ink[(y % height) * width + (x % width)]` is 1 where the
 * screen puts a dot at pixel (x, y) of the image.
 */
export interface ScreenCell {
  width: number;
  height: number;
  ink: Uint8Array;
}

/**
 * The cell that a screen, over its tiles, repeats exactly, or null. A scanner or copier dithers grey in
 * its own pixel grid, so an ordered dither (or a line screen) is one cell repeated to the pixel, and
 * stays so when the page is drawn at a whole or simple ratio of its resolution. Text on the screen adds
 * ink where the cell has none but never takes a dot away: a cell fits when, in the typical tile, 95 %
 * of the places it puts a dot hold ink (an error-diffusion dither, which repeats nothing, fits no
 * cell). Cell sizes tried: the period found across (down) the tiles, one more or less, and twice it;
 * of those that fit, the one that tells most pixels right (dot or white) wins, the smaller on a tie.
 */
export function fitScreenCell(
  ink: Uint8Array,
  w: number,
  h: number,
  map: Pick<HalftoneMap, "tile" | "cols">,
  tiles: number[],
  periodX: number,
  periodY: number,
): ScreenCell | null {
  const sizes = (p: number) => [...new Set([p - 1, p, p + 1, 2 * p])].filter((v) => v >= 2 && v <= 32);
  const { tile, cols } = map;
  let best: ScreenCell | null = null,
    bestScore = 0,
    bestSize = Infinity;
  for (const cw of sizes(periodX))
    for (const ch of sizes(periodY)) {
      const count = new Uint32Array(cw * ch),
        dark = new Uint32Array(cw * ch);
      for (const t of tiles) {
        const x0 = (t % cols) * tile,
          y0 = ((t / cols) | 0) * tile;
        for (let y = y0; y < Math.min(h, y0 + tile); y++) {
          const row = (y % ch) * cw;
          for (let x = x0; x < Math.min(w, x0 + tile); x++) {
            const k = row + (x % cw);
            count[k]!++;
            dark[k]! += ink[y * w + x]!;
          }
        }
      }
      const cell = new Uint8Array(cw * ch);
      let dots = 0,
        places = 0;
      for (let k = 0; k < cw * ch; k++)
        if (count[k]! && dark[k]! * 2 >= count[k]!) {
          cell[k] = 1;
          dots += count[k]!;
          places++;
        }
      // a cell all dots or without any is no screen; too few dots seen prove nothing
      if (!places || places === cw * ch || dots < 48) continue;
      // how well the cell fits, tile by tile: the typical tile's share of inked dots (tiles where the
      // screen ends, half white, fit less, and are not typical); and the typical tile's share of
      // pixels the cell tells right, dot or white (a cell of a wrong size can keep only some of the
      // screen's dots, all inked, and leave the others as print)
      const fits: number[] = [],
        right: number[] = [];
      for (const t of tiles) {
        const x0 = (t % cols) * tile,
          y0 = ((t / cols) | 0) * tile;
        let n = 0,
          on = 0,
          all = 0,
          off = 0;
        for (let y = y0; y < Math.min(h, y0 + tile); y++) {
          const row = (y % ch) * cw;
          for (let x = x0; x < Math.min(w, x0 + tile); x++) {
            all++;
            if (cell[row + (x % cw)]) {
              n++;
              on += ink[y * w + x]!;
            } else off += ink[y * w + x]!;
          }
        }
        if (n) fits.push(on / n);
        right.push((all - off - (n - on)) / all);
      }
      if ((fits.sort(ascending)[fits.length >> 1] ?? 0) < 0.95) continue;
      const score = right.sort(ascending)[right.length >> 1] ?? 0;
      if (score > bestScore + 0.005 || (score > bestScore - 0.005 && cw * ch < bestSize)) {
        best = { width: cw, height: ch, ink: cell };
        bestScore = Math.max(score, bestScore);
        bestSize = cw * ch;
      }
    }
  return best;
}

/**
 * The screen dots of one tile, by the screens' cells (darkest first): an ink pixel at a place where a
 * cell puts a dot, among neighbouring places of that cell (its cells around, 3 by 3) mostly inked
 * (60 %: a screen's edge too), is a screen's dot unless print runs through it (two of its eight
 * neighbours, at places the cell leaves white, are ink): a thin stroke keeps its pixels over dots,
 * the screen's own dots go. Print comes out as sharp as it was scanned, where averaging over the
 * screen's period blurred it into grey (bold letters ran together, their bottoms passed for rulings).
 * Returns the pixels to clear.
 */
function screenDots(
  ink: Uint8Array,
  w: number,
  h: number,
  cells: ScreenCell[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number[] {
  const dots: number[] = [];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (!ink[y * w + x]) continue;
      for (const cell of cells) {
        const { width: cw, height: ch } = cell;
        const dotAt = (xx: number, yy: number) => cell.ink[(yy % ch) * cw + (xx % cw)] === 1;
        if (!dotAt(x, y)) continue;
        let places = 0,
          inked = 0;
        for (let yy = Math.max(0, y - ch); yy <= Math.min(h - 1, y + ch); yy++)
          for (let xx = Math.max(0, x - cw); xx <= Math.min(w - 1, x + cw); xx++)
            if (dotAt(xx, yy)) {
              places++;
              inked += ink[yy * w + xx]!;
            }
        if (inked < 0.6 * places) continue;
        let print = 0;
        for (let a = -1; a <= 1; a++)
          for (let b = -1; b <= 1; b++) {
            const yy = y + a,
              xx = x + b;
            if ((a || b) && yy >= 0 && xx >= 0 && yy < h && xx < w && ink[yy * w + xx] && !dotAt(xx, yy))
              print++;
          }
        if (print < 2) dots.push(y * w + x);
        break;
      }
    }
  return dots;
}

/** The share of the places where `cell` puts a dot, in a box of the image, that hold ink. */
function cellFit(
  ink: Uint8Array,
  w: number,
  cell: ScreenCell,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let n = 0,
    on = 0;
  for (let y = y0; y < y1; y++) {
    const row = (y % cell.height) * cell.width;
    for (let x = x0; x < x1; x++)
      if (cell.ink[row + (x % cell.width)]) {
        n++;
        on += ink[y * w + x]!;
      }
  }
  return n ? on / n : 0;
}

/**
 * Where a screen is averaged away, a pixel of ink stays black on a line (onLine) whose band has ink in
 * this share of its columns: a grey rule dithered to every other pixel inks one in two.
 */
export const DOTTED_RULE = 0.45;

/**
 * Whether the pixel at (x, y) lies on a line: in the band of three pixel rows (or columns) through it,
 * `reach` pixels either way, 60 % of the columns (rows) hold ink, and the band holds 0.3 pixels of ink
 * a column more than the bands of three just beyond it on either side do on average (the screen
 * around it). A thin ruling, or one the page's tilt lays across two rows of pixels, is dithered where
 * it is grey into pieces of a pixel or three, as small as a screen's dots, which were erased with
 * them: the ruling came out as dashes, which tesseract read as `_` and `-`. Such a line inks most
 * columns of its band (three in four, for one laid across two rows) and adds half a pixel a column or
 * more; a scatter of dots puts as much ink in the band as beside it, give or take a few pixels, and
 * the chains of dots error diffusion makes of a pale grey ink a third of the columns or less.
 */
export function onLine(
  ink: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
  reach: number,
  /** share of the band's columns (rows) that must hold ink */
  cover = 0.6,
): boolean {
  return lineDirection(ink, w, h, x, y, reach, cover) !== 0;
}

/** As onLine: 1 when the pixel lies on a line across, 2 on a line down, 0 on none. */
export function lineDirection(
  ink: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
  reach: number,
  cover = 0.6,
): 0 | 1 | 2 {
  const span = 2 * reach + 1;
  // the ink in the band of three rows (columns) centred `off` pixels from (x, y), and the columns
  // (rows) of it that hold any
  const band = (off: number, across: boolean): [number, number] => {
    let n = 0,
      lines = 0;
    for (let d = -reach; d <= reach; d++) {
      let any = 0;
      for (let e = off - 1; e <= off + 1; e++) {
        const xx = across ? x + d : x + e,
          yy = across ? y + e : y + d;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && ink[yy * w + xx]) {
          n++;
          any = 1;
        }
      }
      lines += any;
    }
    return [n, lines];
  };
  for (const across of [true, false]) {
    const [n, lines] = band(0, across);
    if (lines < cover * span) continue;
    if (n - (band(-3, across)[0] + band(3, across)[0]) / 2 >= 0.3 * span) return across ? 1 : 2;
  }
  return 0;
}

/**
 * The page image with its screens removed, or the same canvas when it has none. Each screen tile,
 * and each partly screened tile next to one (where text covers so much of the screen that its period
 * shows only weakly, or a screen ends inside the tile), is replaced by the local share of ink over one period of the
 * nearby screen, rescaled against that screen's typical share (its median in the tile and its
 * screened neighbours): the screen becomes white, what is darker than it stays grey to black.
 * A screen made of separate dots is cleared more gently: its dots are erased and the print kept
 * sharp (averaging would blur thin letters as much as the dots).
 */
export function removeHalftone(canvas: Canvas, ink: Uint8Array, map: HalftoneMap, scale: number): Canvas {
  const w = canvas.width,
    h = canvas.height;
  const { tile, cols, rows, screened, periodX, periodY } = map;
  if (!screened.includes(SCREEN)) return canvas;
  const sums = new Integral(ink, w, h);
  // each screened tile's typical share of ink over a period: its screen without the text on it
  const level = new Float32Array(cols * rows);
  const samples: number[] = [];
  for (let t = 0; t < cols * rows; t++) {
    if (screened[t] !== SCREEN) continue;
    const x0 = (t % cols) * tile,
      y0 = ((t / cols) | 0) * tile;
    samples.length = 0;
    for (let y = y0; y < Math.min(h, y0 + tile); y += 2)
      for (let x = x0; x < Math.min(w, x0 + tile); x += 2)
        samples.push(sums.around(x, y, periodX[t]!, periodY[t]!));
    samples.sort(ascending);
    level[t] = samples[samples.length >> 1]!;
  }
  // a dot of a screen is a pixel or two of the scan, rendered here at `scale`
  // (a letter is smaller than a square of 8 mm)
  const { specks: dot, large } = pieces(
    ink,
    w,
    h,
    Math.max(4, Math.round((scale / (300 / 72)) ** 2 * 4)),
    Math.round(((8 / 25.4) * 72 * scale) ** 2),
  );
  // a light screen is made of dots, and black print on it stays black, when over its tiles
  // (8-connected screen tiles of one period) the typical tile has nearly all its ink, rulings aside,
  // in specks (text on some lowers their share, not the median's); on a dark screen the print is
  // screened too and only averaging makes it whole
  const share = new Float32Array(cols * rows);
  for (let t = 0; t < cols * rows; t++) {
    if (screened[t] !== SCREEN) continue;
    const x0 = (t % cols) * tile,
      y0 = ((t / cols) | 0) * tile;
    let all = 0,
      speck = 0;
    for (let y = y0; y < Math.min(h, y0 + tile); y++)
      for (let x = x0; x < Math.min(w, x0 + tile); x++) {
        all += ink[y * w + x]! - large[y * w + x]!;
        speck += dot[y * w + x]!;
      }
    share[t] = all > 0 ? speck / all : 0;
  }
  const dotty = new Uint8Array(cols * rows);
  // the cell each screen repeats exactly, when it does (an ordered dither): index into cells, or -1
  const cells: ScreenCell[] = [];
  const cellOf = new Int32Array(cols * rows).fill(-1);
  // (a screen of another period beside it, a darker row, is another screen)
  const samePeriod = (t: number, n: number) =>
    Math.abs(periodX[n]! - periodX[t]!) <= 1 && Math.abs(periodY[n]! - periodY[t]!) <= 1;
  for (const region of screenPatches(screened, cols, rows, samePeriod)) {
    const shares = region.map((t) => share[t]!).sort(ascending);
    const levels = region.map((t) => level[t]!).sort(ascending);
    const median = (v: number[]) => v.sort(ascending)[v.length >> 1]!;
    // a screen of one tile is too little to tell its cell from print's
    const cell =
      region.length < 2
        ? null
        : fitScreenCell(
            ink,
            w,
            h,
            map,
            region,
            median(region.map((t) => periodX[t]!)),
            median(region.map((t) => periodY[t]!)),
          );
    if (cell) {
      const same = cells.findIndex(
        (c) => c.width === cell.width && c.height === cell.height && c.ink.every((v, k) => v === cell.ink[k]),
      );
      if (same < 0) cells.push(cell);
      for (const t of region) cellOf[t] = same < 0 ? cells.length - 1 : same;
      continue;
    }
    if (shares[shares.length >> 1]! >= 0.8 && levels[levels.length >> 1]! < LIGHT_SCREEN)
      for (const t of region) dotty[t] = 1;
  }
  // a darker shade's cell holds a lighter one's dots (an ordered dither adds dots as grey deepens):
  // the darker is tried first
  cells.sort((a, b) => b.ink.reduce(sum, 0) / b.ink.length - a.ink.reduce(sum, 0) / a.ink.length);
  // how far along a thin ruling a speck's neighbours are looked for (1 mm)
  const reach = Math.max(4, Math.round((1 / 25.4) * 72 * scale));
  const ctx = canvas.getContext("2d");
  const image = ctx.getImageData(0, 0, w, h);
  const out = image.data;
  // the dots of thin rulings where screens are averaged (see below), by direction
  const dotted = new Uint8Array(w * h);
  // the pixels changed here: the ink of the others stays as it was
  const touched = new Uint8Array(w * h);
  eachNearScreen(map, (t, near, full) => {
    const tx = t % cols,
      ty = (t / cols) | 0;
    // a tile with a screen of lines next to it is averaged over their period; one among dot
    // screens only loses its specks
    const source =
      screened[t] === SCREEN
        ? t
        : (near.find((n) => cellOf[n]! >= 0) ?? near.find((n) => !dotty[n]) ?? near[0]!);
    // where the screens repeat a cell (one or more of the page's), their dots are taken out and the
    // print left sharp: by every tile next to such a screen, and by any other tile where one of those
    // cells has 90 % of its dots inked (print on a screen never takes a dot away; a screen whose tiles mix two
    // shades, or shade and a ruling, or with print at another period, fits no cell over its tiles but
    // each of its tiles fits one)
    if (cells.length) {
      const x0 = tx * tile,
        y0 = ty * tile;
      const x1 = Math.min(w, x0 + tile),
        y1 = Math.min(h, y0 + tile);
      if (cellOf[source]! >= 0 || cells.some((c) => cellFit(ink, w, c, x0, y0, x1, y1) >= 0.9)) {
        for (const p of screenDots(ink, w, h, cells, x0, y0, x1, y1)) {
          out[p * 4] = out[p * 4 + 1] = out[p * 4 + 2] = 255;
          touched[p] = 1;
        }
        return;
      }
    }
    if (dotty[source]) {
      for (let y = ty * tile; y < Math.min(h, ty * tile + tile); y++)
        for (let x = tx * tile; x < Math.min(w, tx * tile + tile); x++)
          if (dot[y * w + x] && !onLine(ink, w, h, x, y, reach)) {
            const j = (y * w + x) * 4;
            out[j] = out[j + 1] = out[j + 2] = 255;
            touched[y * w + x] = 1;
          }
      return;
    }
    const pw = periodX[source]!,
      ph = periodY[source]!;
    const levels = near.map((n) => level[n]!).sort(ascending);
    // how light the screen is: its average becomes white
    const screen = levels[levels.length >> 1]!;
    const light = Math.max(0.05, 1 - screen);
    // a tile that only borders a screen (print on white, the screen's edge) keeps its print as it
    // is: only what is no denser than the screen is averaged (to white)
    const edge = !full;
    for (let y = ty * tile; y < Math.min(h, ty * tile + tile); y++)
      for (let x = tx * tile; x < Math.min(w, tx * tile + tile); x++) {
        const share = sums.around(x, y, pw, ph);
        if (edge && share > Math.min(0.95, screen * 1.5)) continue;
        const j = (y * w + x) * 4;
        // a thin grey ruling by a screen (a table's rule above a shaded banner row) is a row of dots
        // an ordered dither's cell or less apart, one column in two or more of its band inked and
        // white beside it: averaged over the screen's period it came out paler than the screen and
        // was lost, and the table's rows ran together. Its dots stay black
        if (ink[y * w + x]) {
          const dir = lineDirection(ink, w, h, x, y, reach, DOTTED_RULE);
          if (dir) dotted[y * w + x] = dir;
        }
        const v = Math.min(255, Math.round(((1 - share) / light) * 255));
        out[j] = out[j + 1] = out[j + 2] = v;
        touched[y * w + x] = 1;
        out[j + 3] = 255;
      }
  });
  // (only a line long enough to be a ruling: the strokes of letters a screen was averaged over pass
  // for pieces of line too, and kept black they only blotted the letters)
  const lineOf = new Uint8Array(w * h);
  if (dotted.includes(1) || dotted.includes(2))
    for (const p of longLines(dotted, w, h, scale, (q, dir) => {
      // a ruling runs on through ink left as it was (beyond the screen's tiles), where that ink lies
      // on a line the same way
      if (!ink[q] || touched[q]) return false;
      if (!lineOf[q]) lineOf[q] = 1 + lineDirection(ink, w, h, q % w, (q / w) | 0, reach, DOTTED_RULE);
      return lineOf[q] === 1 + dir;
    })) {
      out[p * 4] = out[p * 4 + 1] = out[p * 4 + 2] = 0;
      out[p * 4 + 3] = 255;
    }
  const clean = createCanvas(w, h);
  clean.getContext("2d").putImageData(image, 0, 0);
  return clean;
}

/** A dotted ruling kept through a screen is this long at least, in points (as imageRulings' shortest). */
export const DOTTED_MIN = { across: 25, down: 12 };

/**
 * The pixels of `marks` (1: on a line across, 2: on a line down; see lineDirection) that lie on a line
 * DOTTED_MIN long or longer: followed along a band of three pixel rows (columns), over gaps of up to an
 * ordered dither's cell (1.2 pt), as a rule laid across two rows steps between them.
 */
export function longLines(
  marks: Uint8Array,
  w: number,
  h: number,
  scale: number,
  /** whether a pixel not marked continues a line of that direction all the same */
  continues: (p: number, dir: 1 | 2) => boolean = () => false,
): number[] {
  const out: number[] = [];
  const gap = Math.max(2, Math.round(1.2 * scale));
  for (const dir of [1, 2] as const) {
    const across = dir === 1;
    const n = across ? h : w,
      m = across ? w : h;
    const min = Math.round((across ? DOTTED_MIN.across : DOTTED_MIN.down) * scale);
    const at = (a: number, b: number) => (across ? a * w + b : b * w + a);
    for (let a = 0; a < n; a++) {
      let start = -1,
        last = -1;
      const flush = () => {
        if (start >= 0 && last + 1 - start >= min)
          for (let b = start; b <= last; b++) if (marks[at(a, b)] === dir) out.push(at(a, b));
      };
      for (let b = 0; b < m; b++) {
        let on = false;
        for (let c = Math.max(0, a - 1); c <= Math.min(n - 1, a + 1) && !on; c++)
          on = marks[at(c, b)] === dir || continues(at(c, b), dir);
        if (!on) continue;
        if (start < 0 || b - last - 1 > gap) {
          flush();
          start = b;
        }
        last = b;
      }
      flush();
    }
  }
  return out;
}

const ascending = (a: number, b: number) => a - b;
const sum = (a: number, b: number) => a + b;
