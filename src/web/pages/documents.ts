/** The documents list: filters, full-text search, one page of rows from SQL, and the pager. */
import type { DocumentList, DocumentListQuery, DocumentSummary } from "../../index.js";
import { html, query } from "../html.js";
import { page } from "./layout.js";

const KINDS = ["plan", "report", "dashboard", "other"];
const STATUSES: [string, string][] = [
  ["", "any"],
  ["unreviewed", "not reviewed"],
  ["reviewed", "reviewed"],
  ["corrected", "corrected"],
];
const SORTS: [string, string][] = [
  ["file", "file"],
  ["issuer", "issuer"],
  ["ingested", "newest"],
  ["pages", "most pages"],
];

function integrity(d: DocumentSummary) {
  if (!d.integrity) return html`<span class="muted">unsigned</span>`;
  return html`<span class="sig ${d.integrity}" title="${d.signatures} signature(s)">${d.integrity}</span>`;
}

function status(d: DocumentSummary) {
  if (d.reviewed) return html`<span class="badge ok">reviewed</span>`;
  return html`<span class="badge">${d.corrections ? "in review" : "to review"}</span>`;
}

export function documentsPage(opts: {
  list: DocumentList;
  filter: DocumentListQuery & { page: number };
  issuers: { issuer: string | null; documents: number }[];
  readOnly: boolean;
}): string {
  const { list, filter } = opts;
  const pages = Math.max(1, Math.ceil(list.total / list.limit));
  const keep = {
    q: filter.q,
    kind: filter.kind,
    issuer: filter.issuer,
    status: filter.status,
    sort: filter.sort,
  };
  const opt = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}" ${(current ?? "") === value ? html` selected` : ""}>${label}</option>`;
  const body = html` <h1>Documents</h1>
    <form class="filters" method="get" action="/" role="search">
      <input
        type="search"
        name="q"
        value="${filter.q ?? ""}"
        placeholder="Search indicators, objectives, files, issuers"
        aria-label="search"
      />
      <select name="kind" aria-label="kind">
        ${opt("", "any kind", filter.kind)}${KINDS.map((k) => opt(k, k, filter.kind))}
      </select>
      <select name="issuer" aria-label="issuer">
        ${opt("", "any issuer", filter.issuer)}${opts.issuers
          .filter((i) => i.issuer !== null)
          .map((i) => opt(i.issuer!, `${i.issuer} (${i.documents})`, filter.issuer))}
      </select>
      <select name="status" aria-label="review status">
        ${STATUSES.map(([v, l]) => opt(v, l, filter.status))}
      </select>
      <select name="sort" aria-label="sort">
        ${SORTS.map(([v, l]) => opt(v, `by ${l}`, filter.sort ?? "file"))}
      </select>
      <button type="submit">Filter</button>
    </form>
    <p class="count">
      ${list.total}
      document${list.total === 1 ? "" : "s"}${pages > 1 ? ` · page ${filter.page} of ${pages}` : ""}
    </p>
    <table class="documents">
      <thead>
        <tr>
          <th>file</th>
          <th>issuer</th>
          <th>kind</th>
          <th>years</th>
          <th class="n">pages</th>
          <th>signature</th>
          <th class="n">OCR pages</th>
          <th class="n">objectives</th>
          <th class="n">indicators</th>
          <th class="n">targets</th>
          <th class="n">flagged</th>
          <th class="n">corrections</th>
          <th>review</th>
        </tr>
      </thead>
      <tbody>
        ${list.documents.map(
          (d) =>
            html`<tr>
              <td>
                <a href="/documents/${d.id}">${d.file}</a
                >${d.title ? html`<div class="sub">${d.title}</div>` : ""}
              </td>
              <td>${d.issuer ?? ""}</td>
              <td>${d.kind}</td>
              <td>${d.years.length ? `${d.years[0]}–${d.years[d.years.length - 1]}` : ""}</td>
              <td class="n">${d.pages}</td>
              <td>${integrity(d)}</td>
              <td class="n">${d.ocrPages || ""}</td>
              <td class="n">${d.objectives}</td>
              <td class="n">${d.indicators}</td>
              <td class="n">${d.targets}</td>
              <td class="n">${d.flagged ? html`<span class="flag">${d.flagged}</span>` : "0"}</td>
              <td class="n">${d.corrections || ""}</td>
              <td>${status(d)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <nav class="pager">
      ${filter.page > 1 ? html`<a rel="prev" href="/${query({ ...keep, page: filter.page - 1 })}">← previous</a>` : ""}
      ${filter.page < pages ? html`<a rel="next" href="/${query({ ...keep, page: filter.page + 1 })}">next →</a>` : ""}
    </nav>`;
  return page({ title: "Documents", body, active: "documents", readOnly: opts.readOnly });
}
