/** The frame of every page: title, navigation, the stylesheet and (for pages with one) a module script. */
import { html, type Html } from "../html.js";

export function page(opts: {
  title: string;
  body: Html;
  active?: "documents" | "compare" | "history";
  script?: string;
  /** modules the script imports, fetched from the start rather than one after the other */
  preload?: string[];
  /** a module run from the head as soon as it arrives (async), while the body is still being read */
  early?: string;
  /** <meta name content> pairs, for the early script (the body is not there yet when it runs) */
  meta?: Record<string, string>;
  readOnly?: boolean;
}): string {
  const nav = (href: string, label: string, key: string) =>
    html`<a href="${href}" class="${opts.active === key ? "active" : ""}">${label}</a>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · allegati</title>
        ${Object.entries(opts.meta ?? {}).map(([name, content]) => html`<meta name="${name}" content="${content}" />`)}
        ${opts.early ? html`<script type="module" async src="${opts.early}"></script>` : ""}
        <link rel="stylesheet" href="/assets/app/app.css" />
        ${opts.script ? html`<link rel="stylesheet" href="/assets/pdfjs/web/pdf_viewer.css" />` : ""}
        ${(opts.preload ?? []).map((href) => html`<link rel="modulepreload" href="${href}" />`)}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">allegati</a>
          <nav>
            ${nav("/", "Documents", "documents")}${nav("/compare", "Compare", "compare")}${nav("/history", "History", "history")}
          </nav>
          ${opts.readOnly ? html`<span class="badge ro" title="started with --read-only">read-only</span>` : ""}
        </header>
        <main>${opts.body}</main>
        ${opts.script ? html`<script type="module" src="${opts.script}"></script>` : ""}
      </body>
    </html> `.value;
}

/** A page for an error: its status's words and the message (escaped like everything else). */
export function errorPage(status: number, message: string): string {
  return page({
    title: `${status}`,
    body: html`<section class="error">
      <h1>${status}</h1>
      <p>${message}</p>
      <p><a href="/">Documents</a></p>
    </section>`,
  });
}
