/** Two documents' diff with filters and an xlsx download; an indicator's history with a small chart. */
import type { DiffResult, HistoryEntry } from "../../index.js";
import { html, query, type Html } from "../html.js";
import { page } from "./layout.js";

export const CHANGES = ["tightened", "loosened", "changed", "unchanged"] as const;

export function comparePage(opts: {
  a?: string;
  b?: string;
  only: string[];
  diff: DiffResult | null;
  error?: string;
  readOnly: boolean;
}): string {
  const d = opts.diff;
  const shown = opts.only.length ? opts.only : [...CHANGES];
  const counts = Object.fromEntries(
    CHANGES.map((c) => [c, d ? d.targets.filter((t) => t.change === c).length : 0]),
  );
  const renamed = d ? d.links.filter((l) => l.renamed) : [];
  const body = html` <h1>Compare</h1>
    <form class="filters" method="get" action="/compare">
      <input
        name="a"
        value="${opts.a ?? ""}"
        placeholder="earlier document (id prefix or file name)"
        aria-label="earlier document"
        size="34"
      />
      <input
        name="b"
        value="${opts.b ?? ""}"
        placeholder="later document"
        aria-label="later document"
        size="34"
      />
      ${CHANGES.map((c) => html`<label class="check"><input type="checkbox" name="only" value="${c}" ${shown.includes(c) ? html` checked` : ""} /> ${c}${d ? ` (${counts[c]})` : ""}</label>`)}
      <button type="submit">Compare</button>
      ${d ? html`<a class="button" href="/compare.xlsx${query({ a: d.from.id, b: d.to.id })}" download>Download xlsx</a>` : ""}
    </form>
    ${opts.error ? html`<p class="error">${opts.error}</p>` : ""}
    ${
      d
        ? html`<p class="meta">
              <a href="/documents/${d.from.id}">${d.from.file}</a> →
              <a href="/documents/${d.to.id}">${d.to.file}</a> · ${d.links.length} indicators linked,
              ${renamed.length} renamed, ${d.added.length} added, ${d.removed.length} removed
            </p>
            <table class="diff">
              <thead>
                <tr>
                  <th>indicator</th>
                  <th class="n">year</th>
                  <th>from</th>
                  <th>to</th>
                  <th>change</th>
                </tr>
              </thead>
              <tbody>
                ${d.targets
                  .filter((t) => shown.includes(t.change))
                  .map(
                    (t) =>
                      html`<tr class="${t.change}">
                        <td>
                          <a href="/history${query({ indicator: t.indicator })}">${t.indicator}</a
                          >${t.previousName !== t.indicator ? html`<div class="sub">was: ${t.previousName}</div>` : ""}
                        </td>
                        <td class="n">${t.year}</td>
                        <td>${t.from.raw}</td>
                        <td>${t.to.raw}</td>
                        <td><span class="change ${t.change}">${t.change}</span></td>
                      </tr>`,
                  )}
              </tbody>
            </table>
            ${list(
              "Renamed",
              renamed.map(
                (l) =>
                  html`${l.from} → ${l.to} <span class="muted">(${l.method}, ${l.score.toFixed(2)})</span>`,
              ),
            )}
            ${list(
              "Added",
              d.added.map((n) => html`${n}`),
            )}
            ${list(
              "Removed",
              d.removed.map((n) => html`${n}`),
            )}`
        : ""
    }`;
  return page({ title: "Compare", body, active: "compare", readOnly: opts.readOnly });
}

function list(title: string, items: Html[]): Html | string {
  if (!items.length) return "";
  return html`<section class="changes">
    <h2>${title} <span class="muted">${items.length}</span></h2>
    <ul>
      ${items.map((i) => html`<li>${i}</li>`)}
    </ul>
  </section>`;
}

/** A small line chart: per document, its current numeric targets by year; results as dots. */
export function historyChart(entries: HistoryEntry[]): Html | string {
  const series = entries.map((e) => ({
    file: e.file,
    targets: e.values.filter(
      (v) => v.kind === "target" && !v.superseded && v.year !== null && typeof v.value === "number",
    ),
    results: e.values.filter((v) => v.kind === "result" && v.year !== null && typeof v.value === "number"),
  }));
  const points = series.flatMap((s) => [...s.targets, ...s.results]);
  if (!points.length) return "";
  const years = points.map((p) => p.year!);
  const values = points.map((p) => p.value as number);
  const [y0, y1] = [Math.min(...years), Math.max(...years)];
  let [v0, v1] = [Math.min(...values), Math.max(...values)];
  if (v0 === v1) [v0, v1] = [v0 - 1, v1 + 1];
  const W = 640,
    H = 220,
    L = 48,
    R = 12,
    T = 12,
    B = 28;
  const x = (y: number) => L + (y1 === y0 ? (W - L - R) / 2 : ((y - y0) / (y1 - y0)) * (W - L - R));
  const y = (v: number) => T + (1 - (v - v0) / (v1 - v0)) * (H - T - B);
  const f = (n: number) => n.toFixed(1);
  const yearTicks = [];
  for (let yr = y0; yr <= y1; yr++) yearTicks.push(yr);
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="targets and results by year">
      <line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" class="axis" />
      <line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" class="axis" />
      ${yearTicks.map((yr) => html`<text x="${f(x(yr))}" y="${H - 8}" text-anchor="middle">${yr}</text>`)}
      <text x="${L - 6}" y="${f(y(v1) + 4)}" text-anchor="end">${v1}</text>
      <text x="${L - 6}" y="${f(y(v0) + 4)}" text-anchor="end">${v0}</text>
      ${series.map(
        (s, n) =>
          html`<g class="s${n % 6}"
            ><title>${s.file}</title>
            <polyline
              points="${s.targets.map((p) => `${f(x(p.year!))},${f(y(p.value as number))}`).join(" ")}"
            />
            ${s.targets.map((p) => html`<circle cx="${f(x(p.year!))}" cy="${f(y(p.value as number))}" r="3"><title>${s.file} ${p.year}: ${p.raw}</title></circle>`)}
            ${s.results.map((p) => html`<rect class="result" x="${f(x(p.year!) - 4)}" y="${f(y(p.value as number) - 4)}" width="8" height="8"><title>${s.file} result ${p.year}: ${p.raw}</title></rect>`)}
          </g>`,
      )}
    </svg>
    <p class="legend">
      ${series.map((s, n) => html`<span class="s${n % 6}">● ${s.file}</span> `)}<span class="muted"
        >lines: targets · squares: results</span
      >
    </p>`;
}

export function historyPage(opts: {
  indicator?: string;
  entries: HistoryEntry[] | null;
  error?: string;
  readOnly: boolean;
}): string {
  const e = opts.entries;
  const body = html` <h1>History</h1>
    <form class="filters" method="get" action="/history">
      <input
        name="indicator"
        value="${opts.indicator ?? ""}"
        placeholder="indicator code or words of its name"
        aria-label="indicator"
        size="48"
      />
      <button type="submit">Show</button>
    </form>
    ${opts.error ? html`<p class="error">${opts.error}</p>` : ""}
    ${
      e
        ? html`${historyChart(e)}
            <table class="history">
              <thead>
                <tr>
                  <th>document</th>
                  <th>indicator</th>
                  <th>baselines</th>
                  <th>targets</th>
                  <th>results</th>
                </tr>
              </thead>
              <tbody>
                ${e.map(
                  (x) =>
                    html`<tr>
                      <td><a href="/documents/${x.document}">${x.file}</a></td>
                      <td>${x.code ? html`<span class="code">${x.code}</span> ` : ""}${x.name}</td>
                      ${(["baseline", "target", "result"] as const).map(
                        (k) =>
                          html`<td>
                            <ul class="vals">
                              ${x.values
                                .filter((v) => v.kind === k)
                                .map(
                                  (v) =>
                                    html`<li>
                                      <span class="y">${v.year ?? "–"}</span>
                                      ${v.superseded ? html`<s>${v.raw}</s>` : v.raw}
                                    </li>`,
                                )}
                            </ul>
                          </td>`,
                      )}
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ""
    }`;
  return page({ title: "History", body, active: "history", readOnly: opts.readOnly });
}
