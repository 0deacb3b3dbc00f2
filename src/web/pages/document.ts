/**
 * One document for review: its objective tree and indicator table, every value a button that shows
 * its page with its box; the review queue (flagged records first); the correction form; deleted
 * items and orphaned corrections. The page's script gets the records as JSON (escaped for a script
 * element); every text read from the PDF reaches the page escaped.
 */
import type {
  DocumentReview,
  DocumentSummary,
  Indicator,
  Objective,
  ReviewItem,
  Target,
  Value,
} from "../../index.js";
import { CORRECTABLE_FIELDS } from "../../index.js";
import { html, jsonScript, type Html } from "../html.js";
import { page } from "./layout.js";

const REASONS: Record<string, string> = {
  review: "low confidence",
  lowConfidence: "OCR under 60",
  superseded: "superseded",
  noBox: "no box",
};

type Rec = { key?: string; corrections?: { field: string; original: unknown }[] };

/** The values a record had as read, for its corrected fields ("was 75"). */
function was(r: Rec): Html | string {
  const c = (r.corrections ?? []).filter((x) => x.field !== "*");
  if (!c.length) return (r.corrections ?? []).length ? html`<span class="was">added</span>` : "";
  const text = c.map((x) => `${x.field}: ${x.original === null ? "—" : String(x.original)}`).join("; ");
  return html`<span class="was" title="as read">was ${text}</span>`;
}

function valueButton(v: (Value | Target) & Rec): Html {
  const superseded = "superseded" in v && v.superseded;
  const cls = [
    "val",
    superseded ? "superseded" : "",
    v.corrections?.length ? "corrected" : "",
    v.lowConfidence ? "unsure" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return html`<li>
    <button type="button" class="${cls}" data-key="${v.key!}">
      <span class="y">${v.year ?? "–"}</span> ${superseded ? html`<s>${v.raw}</s>` : v.raw}</button
    >${was(v)}
  </li>`;
}

function objectiveTree(objectives: (Objective & Rec)[]): Html {
  const codes = new Set(objectives.map((o) => o.code).filter(Boolean));
  const children = (parent: string | null): (Objective & Rec)[] =>
    objectives.filter((o) =>
      parent === null ? !o.parentCode || !codes.has(o.parentCode) : o.parentCode === parent,
    );
  const seen = new Set<string>();
  const branch = (items: (Objective & Rec)[]): Html =>
    html`<ul>
      ${items.map((o) => {
        if (seen.has(o.key!)) return "";
        seen.add(o.key!);
        return html`<li>
          <button type="button" class="obj${o.corrections?.length ? " corrected" : ""}" data-key="${o.key!}">
            <span class="code">${o.code ?? ""}</span> ${o.title}
          </button>
          <span class="level">${o.level}</span>${was(o)}${o.code ? branch(children(o.code)) : ""}
        </li>`;
      })}
    </ul>`;
  return branch(children(null));
}

function indicatorRow(i: Indicator & Rec): Html {
  return html`<tr id="${i.key!}">
    <td class="code">${i.code ?? ""}</td>
    <td>
      <button type="button" class="ind${i.corrections?.length ? " corrected" : ""}" data-key="${i.key!}">
        ${i.name}</button
      >${was(i)}${i.objectiveCode ? html`<div class="sub">objective ${i.objectiveCode}</div>` : ""}
    </td>
    <td class="formula">${i.formula ?? ""}</td>
    <td class="n">${i.weight ?? ""}</td>
    <td>
      <ul class="vals">
        ${i.baselines.map(valueButton)}
      </ul>
    </td>
    <td>
      <ul class="vals">
        ${i.targets.map(valueButton)}
      </ul>
    </td>
    <td>
      <ul class="vals">
        ${i.results.map(valueButton)}
      </ul>
    </td>
  </tr>`;
}

const OPS = [">=", "<=", ">", "<", "=", "between"];
const UNITS = ["", "%", "EUR", "count", "days", "date", "ratio", "score", "text"];
const LEVELS = ["area", "strategic", "operational", "action"];
const LABELS: Record<string, string> = {
  raw: "As printed",
  op: "Comparator",
  achievementPct: "Achievement %",
  objectiveCode: "Objective code",
  parentCode: "Parent code",
};

/** One input per correctable field of every kind; the script shows those of the selected record's kind. */
function editorFields(): Html {
  const kindsOf = new Map<string, string[]>();
  for (const [kind, fields] of Object.entries(CORRECTABLE_FIELDS))
    if (kind !== "document")
      for (const f of Object.keys(fields)) kindsOf.set(f, [...(kindsOf.get(f) ?? []), kind]);
  const input = (field: string) => {
    const type = Object.values(CORRECTABLE_FIELDS).find((f) => f[field])![field];
    if (type === "op")
      return html`<select name="op">
        ${OPS.map((o) => html`<option>${o}</option>`)}
      </select>`;
    if (type === "unit")
      return html`<select name="unit">
        ${UNITS.map((u) => html`<option value="${u}">${u || "none"}</option>`)}
      </select>`;
    if (type === "level")
      return html`<select name="level">
        ${LEVELS.map((u) => html`<option>${u}</option>`)}
      </select>`;
    if (type === "boolean")
      return html`<select name="${field}">
        <option>false</option>
        <option>true</option>
      </select>`;
    return html`<input name="${field}" autocomplete="off" />`;
  };
  // the printed text first: it is read into comparator, value and unit
  const order = ["text", ...[...kindsOf.keys()].filter((f) => f !== "raw")];
  return html`${order.map((f) =>
    f === "text"
      ? html`<label data-kinds="target baseline result"
          >As printed <input name="text" autocomplete="off" /><small
            >read into comparator, value and unit</small
          ></label
        >`
      : html`<label data-kinds="${kindsOf.get(f)!.join(" ")}"
          >${LABELS[f] ?? f.replace(/^./, (c) => c.toUpperCase())} ${input(f)}</label
        >`,
  )}`;
}

export function documentPage(opts: {
  review: DocumentReview;
  csrf: string;
  readOnly: boolean;
  author: string | null;
  others: DocumentSummary[];
  selected?: string;
}): string {
  const { review: r, csrf } = opts;
  const d = r.document;
  const base = `/documents/${d.id}`;
  const flagged = r.queue.filter((x) => x.reasons.length && !x.corrected);
  const meta = [
    d.issuer,
    d.kind,
    d.years.length ? `${d.years[0]}–${d.years[d.years.length - 1]}` : null,
    `${d.pages} pages`,
    d.ocrPages ? `${d.ocrPages} OCR pages` : null,
    d.signatures.length
      ? `signatures: ${d.signatures.map((s) => `${s.signer ?? "?"} (${s.integrity})`).join(", ")}`
      : "unsigned",
  ].filter(Boolean);
  const signed = d.reviewed?.reviewed;
  const signoff = opts.readOnly
    ? html`<span class="badge${signed ? " ok" : ""}">${signed ? "reviewed" : "not reviewed"}</span>`
    : html`<form method="post" action="${base}/review" class="signoff">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <input type="hidden" name="reviewed" value="${signed ? "false" : "true"}" />
        <input name="note" placeholder="note" aria-label="sign-off note" />
        <button type="submit" class="${signed ? "" : "primary"}">
          ${signed ? "Withdraw review" : "Mark reviewed"}
        </button>
      </form>`;
  const data = {
    id: d.id,
    pdf: r.original ? `${base}/file.pdf` : null,
    pages: r.pages,
    readOnly: opts.readOnly,
    selected: opts.selected ?? null,
    queue: r.queue.map((x: ReviewItem) => x.key),
    items: Object.fromEntries(r.queue.map((x) => [x.key, { ...x, fields: fieldsOf(d, x) }])),
  };
  const body = html` <section class="dochead">
      <div>
        <h1>${d.file}</h1>
        ${d.title ? html`<p class="title">${d.title}</p>` : ""}
        <p class="meta">${meta.join(" · ")}</p>
        ${d.reviewed ? html`<p class="meta">${signed ? "Reviewed" : "Review withdrawn"} by ${d.reviewed.author ?? "?"} on ${d.reviewed.at.slice(0, 16).replace("T", " ")}${d.reviewed.note ? ` — ${d.reviewed.note}` : ""}</p>` : ""}
        ${opts.others.length ? html`<p class="meta">Compare with: ${opts.others.map((o, n) => html`${n ? ", " : ""}<a href="/compare?a=${o.id}&amp;b=${d.id}">${o.file}</a>`)}</p>` : ""}
      </div>
      ${signoff}
    </section>
    <div class="split">
      <div class="records">
        <section class="queue">
          <h2>
            Review queue
            <span class="muted"
              >${flagged.length} flagged of ${r.queue.length} · <kbd>j</kbd>/<kbd>k</kbd> next/previous,
              <kbd>e</kbd> edit, <kbd>+</kbd>/<kbd>-</kbd> zoom</span
            >
          </h2>
          <ol>
            ${flagged.map(
              (x) =>
                html`<li>
                  <button type="button" class="qi" data-key="${x.key}">
                    ${x.label}${x.raw ? html` <b>${x.raw}</b>` : ""}
                    ${x.reasons.map((why) => html`<span class="reason">${REASONS[why] ?? why}</span>`)}
                  </button>
                </li>`,
            )}
          </ol>
        </section>
        ${
          d.orphanedCorrections?.length
            ? html`<section class="orphans">
                <h2>Orphaned corrections</h2>
                <p class="muted">Their item is not in the document as read now; they are kept.</p>
                <ul>
                  ${d.orphanedCorrections.map(
                    (o) =>
                      html`<li>
                        <code>${o.item}</code> ${o.field}: ${JSON.stringify(o.oldValue)} →
                        ${JSON.stringify(o.newValue)} <span class="reason">${o.reason}</span>
                        <span class="muted">${o.author ?? ""} ${o.at.slice(0, 10)}</span>
                      </li>`,
                  )}
                </ul>
              </section>`
            : ""
        }
        <section class="objectives">
          <h2>Objectives <span class="muted">${d.objectives.length}</span></h2>
          ${objectiveTree(d.objectives)}
        </section>
        <section class="indicators">
          <h2>Indicators <span class="muted">${d.indicators.length}</span></h2>
          <table class="inds">
            <thead>
              <tr>
                <th>code</th>
                <th>indicator</th>
                <th>formula</th>
                <th class="n">weight</th>
                <th>baselines</th>
                <th>targets</th>
                <th>results</th>
              </tr>
            </thead>
            <tbody>
              ${d.indicators.map(indicatorRow)}
            </tbody>
          </table>
          ${
            opts.readOnly
              ? ""
              : html`<details class="add">
                  <summary>Add a missed indicator</summary>
                  <form method="post" action="${base}/corrections">
                    <input type="hidden" name="_csrf" value="${csrf}" /><input
                      type="hidden"
                      name="action"
                      value="add"
                    /><input type="hidden" name="kind" value="indicator" />
                    <label>Name <input name="name" required /></label
                    ><label>Code <input name="code" /></label>
                    <label>Objective code <input name="objectiveCode" /></label
                    ><label>Formula <input name="formula" /></label>
                    <label>Page <input name="page" type="number" min="1" max="${d.pages}" value="1" /></label>
                    <label>Note <input name="note" /></label
                    ><label>Author <input name="author" value="${opts.author ?? ""}" /></label>
                    <button type="submit">Add indicator</button>
                  </form>
                </details>`
          }
        </section>
        ${
          d.deleted?.length
            ? html`<section class="deleted">
                <h2>Deleted</h2>
                <ul>
                  ${d.deleted.map(
                    (g) =>
                      html`<li>
                        <code>${g.item}</code> ${g.kind}
                        <span class="muted">${g.author ?? ""} ${g.at.slice(0, 10)} ${g.note ?? ""}</span>${
                          opts.readOnly
                            ? ""
                            : html` <form method="post" action="${base}/corrections" class="inline">
                                <input type="hidden" name="_csrf" value="${csrf}" /><input
                                  type="hidden"
                                  name="action"
                                  value="restore"
                                /><input type="hidden" name="item" value="${g.item}" /><button type="submit">
                                  Restore
                                </button>
                              </form>`
                        }
                      </li>`,
                  )}
                </ul>
              </section>`
            : ""
        }
      </div>
      <aside class="viewer" aria-label="page">
        <div class="toolbar">
          <span id="where" class="muted"
            >${r.original ? "Click a value to see where it was read" : "The file was not kept (ingest --no-keep): no page to show"}</span
          >
          <span class="zoom"
            ><button type="button" id="zoom-out" title="zoom out (-)">−</button><span id="zoom-level"></span
            ><button type="button" id="zoom-in" title="zoom in (+)">+</button
            ><button type="button" id="zoom-fit" title="fit the width">fit</button></span
          >
        </div>
        <div id="pageview" class="pageview"><div id="pdfviewer" class="pdfViewer"></div></div>
        <section id="editor" hidden>
          <h2 id="editor-title"></h2>
          <p id="editor-flags" class="muted"></p>
          <ul id="editor-history" class="history"></ul>
          ${
            opts.readOnly
              ? ""
              : html`<form method="post" action="${base}/corrections" id="editor-form">
                    <input type="hidden" name="_csrf" value="${csrf}" />
                    <input type="hidden" name="item" />
                    ${editorFields()}
                    <label class="meta-field">Note <input name="note" autocomplete="off" /></label>
                    <label class="meta-field"
                      >Author <input name="author" value="${opts.author ?? ""}"
                    /></label>
                    <div class="buttons">
                      <button type="submit" name="action" value="set" class="primary">Save correction</button>
                      <button type="submit" name="action" value="delete" class="danger" formnovalidate>
                        Delete
                      </button>
                    </div>
                  </form>
                  <form method="post" action="${base}/corrections" id="add-value" hidden>
                    <input type="hidden" name="_csrf" value="${csrf}" /><input
                      type="hidden"
                      name="action"
                      value="add"
                    /><input type="hidden" name="parent" />
                    <fieldset>
                      <legend>Add a missed value to this indicator</legend>
                      <select name="kind" aria-label="kind">
                        <option>target</option>
                        <option>baseline</option>
                        <option>result</option>
                      </select>
                      <label>Year <input name="year" inputmode="numeric" size="5" /></label>
                      <label>As printed <input name="text" required size="12" /></label>
                      <input type="hidden" name="author" value="${opts.author ?? ""}" />
                      <button type="submit">Add</button>
                    </fieldset>
                  </form>`
          }
        </section>
      </aside>
    </div>
    ${jsonScript("review-data", data)}`;
  return page({
    title: d.file,
    body,
    script: "/assets/app/document.js",
    // pdf.js's worker and the file start loading from the head (pdf-open.js), not after the body
    early: "/assets/app/pdf-open.js",
    meta: data.pdf ? { "allegati-pdf": data.pdf } : {},
    preload: ["/assets/pdfjs/build/pdf.min.mjs", "/assets/pdfjs/web/pdf_viewer.mjs"],
    readOnly: opts.readOnly,
  });
}

/** A record's current correctable fields, for the form. */
function fieldsOf(d: DocumentReview["document"], x: ReviewItem): Record<string, unknown> {
  const rec = findRecord(d, x.key);
  if (!rec) return {};
  const fields = CORRECTABLE_FIELDS[x.kind];
  return {
    ...Object.fromEntries(Object.keys(fields).map((f) => [f, (rec as Record<string, unknown>)[f] ?? null])),
    corrections: rec.corrections ?? [],
  };
}

function findRecord(d: DocumentReview["document"], key: string): Rec | undefined {
  for (const o of d.objectives) if (o.key === key) return o;
  for (const i of d.indicators) {
    if (i.key === key) return i;
    for (const v of [...i.targets, ...i.baselines, ...i.results]) if (v.key === key) return v;
  }
  return undefined;
}
