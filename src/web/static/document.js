// The document page: click a value (or walk the review queue with j/k) to see its page, rendered by
// pdf.js's own viewer components from the kept file, with the value's box highlighted; the form
// beside it corrects the selected record. Every text is set as text (textContent, value), never as
// markup.
import { opening, pdfjsLib } from "/assets/app/pdf-open.js";

const data = JSON.parse(document.getElementById("review-data").textContent);
const { PDFPageView, EventBus } = await import("/assets/pdfjs/web/pdf_viewer.mjs");

const $ = (sel, root = document) => root.querySelector(sel);
const viewer = $("#pdfviewer");
const scroller = $("#pageview");
const where = $("#where");
const zoomLevel = $("#zoom-level");
// pdf.js asks these of its translator; the viewer's own strings are not shown here
const l10n = {
  translate: async () => {},
  translateOnce: async () => {},
  pause() {},
  resume() {},
  get: async () => "",
  getLanguage: () => "en",
  getDirection: () => "ltr",
};

let view = null;
let shownPage = 0;
let scale = null; // null: fit the width
let current = null; // the selected item's key

const CSS_UNITS = 96 / 72;
const INITIAL = 0; // pdf.js's RenderingStates.INITIAL: a view to draw

/** The extra turn page n was read in (degrees): its boxes are in that view, so it is shown so. */
const turnOf = (n) => data.pages.find((p) => p.page === n)?.turn ?? 0;
/** Page n's view at scale 1, turned as it was read. */
const baseViewport = (page, n) => page.getViewport({ scale: 1, rotation: (page.rotate + turnOf(n)) % 360 });

function fitScale(page, n) {
  const width = baseViewport(page, n).width;
  return Math.max(0.25, (scroller.clientWidth - 24) / (width * CSS_UNITS));
}

// Pages drawn are kept (canvas and text layer, off the document while another is shown), so that a
// click on a page seen before only swaps it in; the pages holding values are drawn ahead, one at a
// time while nothing else is drawn, so that a click on a page not seen yet finds it drawn too. A
// page's first drawing is what costs (its content parsed in the worker twice, for the canvas and the
// text layer, its fonts loaded): 0.3-0.6 s on this VM against 40-80 ms to draw it again.
const MAX_VIEWS = 12; // about 1 MB of canvas each at the panel's width
const views = new Map(); // page number -> { view, drawn }, least recently shown first
let foreground = Promise.resolve(); // the click being answered: drawing ahead waits for it

/** Page n's view at scale s, made and drawn when missing, its drawing's promise in .drawn. */
function viewOf(page, n, s) {
  let v = views.get(n);
  if (v) views.delete(n);
  else {
    const holder = document.createElement("div");
    const pageView = new PDFPageView({
      container: holder,
      id: n,
      scale: s,
      defaultViewport: page.getViewport({ scale: 1 }),
      eventBus: new EventBus(),
      textLayerMode: 1,
      annotationMode: pdfjsLib.AnnotationMode.DISABLE,
      l10n,
    });
    // turned beyond the page's own /Rotate as it was read (the viewer's option; its constructor takes none)
    pageView.rotation = turnOf(n);
    pageView.setPdfPage(page);
    v = { view: pageView, drawn: null };
  }
  views.set(n, v);
  if (v.view.scale !== s) v.view.update({ scale: s });
  if (v.view.renderingState === INITIAL || !v.drawn) v.drawn = v.view.draw().catch(() => {});
  // the least recently shown go first, never the one on screen
  for (const [k, old] of views) {
    if (views.size <= MAX_VIEWS) break;
    if (k === n || k === shownPage) continue;
    views.delete(k);
    old.view.destroy();
  }
  return v;
}

/** Shows page n (1-based) and the box [x0, y0, x1, y1] in points, top-left origin. */
async function showPage(n, bbox) {
  const doc = await opening;
  if (!doc) return;
  const started = performance.now();
  let done;
  foreground = new Promise((resolve) => (done = resolve));
  try {
    const page = await doc.getPage(n);
    const s = scale ?? fitScale(page, n);
    const v = viewOf(page, n, s);
    if (view !== v.view) viewer.replaceChildren(v.view.div);
    view = v.view;
    shownPage = n;
    await v.drawn;
    zoomLevel.textContent = `${Math.round(s * 100)}%`;
    placeBox(page, n, bbox);
    viewer.dataset.renderedMs = String(Math.round(performance.now() - started));
    viewer.dataset.page = String(n);
  } finally {
    done();
  }
  drawAhead();
}

let ahead = null;
/** Draws, one at a time and only while no click is answered, the pages with values not drawn yet. */
function drawAhead() {
  ahead ??= (async () => {
    const doc = await opening;
    const pages = [...new Set(data.queue.map((k) => data.items[k]?.page).filter(Boolean))];
    // the pages nearest the one shown first, as many as are kept
    pages.sort((a, b) => Math.abs(a - shownPage) - Math.abs(b - shownPage) || a - b);
    for (const n of pages.slice(0, MAX_VIEWS - 1)) {
      await foreground;
      await new Promise((resolve) =>
        globalThis.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 500 }) : setTimeout(resolve),
      );
      if (views.has(n) || n > doc.numPages) continue;
      const page = await doc.getPage(n);
      await viewOf(page, n, scale ?? fitScale(page, n)).drawn;
    }
  })().catch(() => {});
}

/** The highlight, placed in percent of the page so that it follows every zoom. */
function placeBox(page, n, bbox) {
  view.div.querySelector(".hl")?.remove();
  if (!bbox) return;
  const { width, height } = baseViewport(page, n);
  const hl = document.createElement("div");
  hl.className = "hl";
  const pad = 1.5; // points around the words
  hl.style.left = `${((bbox[0] - pad) / width) * 100}%`;
  hl.style.top = `${((bbox[1] - pad) / height) * 100}%`;
  hl.style.width = `${((bbox[2] - bbox[0] + 2 * pad) / width) * 100}%`;
  hl.style.height = `${((bbox[3] - bbox[1] + 2 * pad) / height) * 100}%`;
  view.div.append(hl);
  hl.scrollIntoView({ block: "center", inline: "center" });
}

const REASONS = {
  review: "low confidence",
  lowConfidence: "OCR under 60",
  superseded: "superseded",
  noBox: "no box",
};

function fill(item) {
  const editor = $("#editor");
  editor.hidden = false;
  $("#editor-title").textContent = item.label;
  $("#editor-flags").textContent = [
    item.page ? `page ${item.page}` : "no page",
    ...item.reasons.map((r) => REASONS[r] ?? r),
    item.corrected ? "corrected" : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const hist = $("#editor-history");
  hist.replaceChildren();
  for (const c of item.fields.corrections ?? []) {
    const li = document.createElement("li");
    li.textContent =
      c.field === "*"
        ? `added by ${c.author ?? "?"} on ${c.at.slice(0, 10)}${c.note ? ` — ${c.note}` : ""}`
        : `${c.field} was ${c.original === null ? "empty" : String(c.original)} as read · corrected by ${c.author ?? "?"} on ${c.at.slice(0, 10)}${c.note ? ` — ${c.note}` : ""}${c.stale ? " (read differently since)" : ""}`;
    hist.append(li);
  }
  const form = $("#editor-form");
  if (!form) return;
  // not form.elements.item: that is the collection's item() method
  form.querySelector('input[name="item"]').value = item.key;
  for (const label of form.querySelectorAll("label[data-kinds]")) {
    const on = label.dataset.kinds.split(" ").includes(item.kind);
    label.hidden = !on;
    for (const el of label.querySelectorAll("input, select")) {
      el.disabled = !on;
      if (!on) continue;
      const v = el.name === "text" ? item.fields.raw : item.fields[el.name];
      el.value = v === null || v === undefined ? "" : String(v);
    }
  }
  form.elements.note.value = "";
  const add = $("#add-value");
  const indicator = item.kind === "indicator" ? item.key : item.parent;
  add.hidden = !indicator;
  if (indicator) add.elements.parent.value = indicator;
}

async function select(key, { scroll = true } = {}) {
  const item = data.items[key];
  if (!item) return;
  current = key;
  for (const b of document.querySelectorAll("[data-key].selected")) b.classList.remove("selected");
  const buttons = document.querySelectorAll(`[data-key="${CSS.escape(key)}"]`);
  for (const b of buttons) b.classList.add("selected");
  if (scroll) buttons[buttons.length - 1]?.scrollIntoView({ block: "nearest" });
  fill(item);
  history.replaceState(null, "", `?item=${encodeURIComponent(key)}`);
  if (!data.pdf) return;
  if (!item.page) {
    where.textContent = "read without a page";
    return;
  }
  where.textContent = `page ${item.page} of ${data.pages.length || "?"}${item.bbox ? "" : " (no box)"}`;
  await showPage(item.page, item.bbox);
}

document.addEventListener("click", (e) => {
  const b = e.target.closest("button[data-key]");
  if (b) void select(b.dataset.key, { scroll: false });
});

function zoom(by) {
  if (!view) return;
  scale = Math.min(4, Math.max(0.25, (scale ?? view.scale) * by));
  const item = data.items[current];
  void showPage(shownPage, item && item.page === shownPage ? item.bbox : null);
}
$("#zoom-in").addEventListener("click", () => zoom(1.25));
$("#zoom-out").addEventListener("click", () => zoom(0.8));
$("#zoom-fit").addEventListener("click", () => {
  scale = null;
  zoom(1);
});

// the review queue with the keyboard: j / k (or the arrows) walk it, e edits, + and - zoom
document.addEventListener("keydown", (e) => {
  if (e.target.closest("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
  const at = data.queue.indexOf(current);
  if (e.key === "j" || e.key === "ArrowDown")
    void select(data.queue[Math.min(data.queue.length - 1, at + 1)]);
  else if (e.key === "k" || e.key === "ArrowUp") void select(data.queue[Math.max(0, at - 1)]);
  else if (e.key === "e" && current)
    $(
      "#editor-form label:not([hidden]) input:not([disabled]), #editor-form label:not([hidden]) select:not([disabled])",
    )?.focus();
  else if (e.key === "+" || e.key === "=") zoom(1.25);
  else if (e.key === "-") zoom(0.8);
  else return;
  e.preventDefault();
});

opening?.catch(() => {
  where.textContent = "the file could not be loaded";
});
if (data.selected && data.items[data.selected]) void select(data.selected);
else opening?.then(drawAhead, () => {});
document.body.dataset.ready = "true";
