/// <reference lib="dom" />
/**
 * `allegati serve` end to end in a real browser (playwright-core driving Debian's chromium): a
 * fixture ingested into a temp database, a target clicked, its highlighted box compared with the
 * words of the page pdf.js rendered, a value corrected in the form, the correction and the value as
 * read checked in `allegati export`, kept across `ingest --force`; a PDF whose indicator names are
 * markup shows that markup as text and runs nothing; POSTs without the CSRF token of their session
 * or from another origin are refused; --read-only and --token hold.
 *
 * With ALLEGATI_SCREENSHOTS=DIR the pages are also saved there (the README's pictures).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { chromium, type Browser, type Page } from "playwright-core";
import { Writable } from "node:stream";
import { getDocument, ingest, openStore, writeExport } from "../../src/index.js";
import { startServer } from "../../src/web/index.js";
import { cli, ROOT, tempDir } from "../helpers.js";
import { sidewaysTable } from "../extract/sideways.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `test/web/e2e: SKIPPED: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );

const FIXTURE = join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf");
const SHOTS = process.env.ALLEGATI_SCREENSHOTS;

/** A one-table plan whose indicator names are markup: what a hostile or careless PDF could hold. */
function hostilePdf(path: string): Promise<void> {
  const doc = new PDFDocument({ size: [842, 595], margin: 40 });
  const done = new Promise<void>((resolve) => doc.pipe(createWriteStream(path)).on("finish", resolve));
  doc.fontSize(14).text("Piano della performance 2024-2026 - Allegato obiettivi", 40, 40);
  const cols = [40, 90, 460, 560, 660];
  const rows = [
    ["Codice", "Indicatore", "Target 2024", "Target 2025", "Target 2026"],
    ["A1", "<script>window.__xss = 1</script> Tempo medio", ">= 80%", ">= 85%", ">= 90%"],
    ["A2", '<img src=x onerror="window.__xss = 2"> Pratiche evase', "<= 30 gg", "<= 25 gg", "<= 20 gg"],
  ];
  let y = 90;
  doc.fontSize(10);
  for (const r of rows) {
    doc.moveTo(40, y).lineTo(800, y).stroke();
    r.forEach((c, i) => doc.text(c, cols[i]! + 4, y + 6, { width: (cols[i + 1] ?? 800) - cols[i]! - 8 }));
    y += 36;
  }
  doc.moveTo(40, y).lineTo(800, y).stroke();
  for (const x of [...cols, 800]) doc.moveTo(x, 90).lineTo(x, y).stroke();
  doc.end();
  return done;
}

const t = tempDir("allegati-web-");
const db = join(t.dir, "data", "allegati.db");
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let base: string;
const errors: string[] = [];

/** The texts of the rendered page's text-layer spans whose centres lie inside the highlight, and the highlight's size. */
async function wordsUnderHighlight(p: Page): Promise<{ text: string; hl: DOMRect; inside: number }> {
  return p.evaluate(() => {
    const hl = document.querySelector(".hl")!.getBoundingClientRect();
    const spans = Array.from(document.querySelectorAll(".textLayer span")).filter((s) => !s.children.length);
    const inside = spans.filter((s) => {
      const r = s.getBoundingClientRect();
      const cx = r.left + r.width / 2,
        cy = r.top + r.height / 2;
      return r.width > 0 && cx >= hl.left && cx <= hl.right && cy >= hl.top && cy <= hl.bottom;
    });
    return { text: inside.map((s) => s.textContent).join(" "), hl: hl.toJSON(), inside: inside.length };
  });
}

const squash = (s: string) => s.replace(/\s+/g, "");

class Text extends Writable {
  text = "";
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString("utf8");
    done();
  }
}

describe.skipIf(!haveChromium)("allegati serve in a real browser", () => {
  let docId = "";
  let xssId = "";

  beforeAll(async () => {
    mkdirSync(join(t.dir, "data"));
    const hostile = join(t.dir, "hostile-plan.pdf");
    await hostilePdf(hostile);
    const store = openStore(db);
    const s = await ingest(store, [FIXTURE, hostile], { workers: 0 });
    expect(s.loaded).toBe(2);
    docId = s.events.find((e) => e.file === "cruscotto-strategico-2021-2026.pdf")!.id!;
    xssId = s.events.find((e) => e.file === "hostile-plan.pdf")!.id!;
    store.close();
    server = await startServer({ db, port: 0, host: "127.0.0.1", author: "e2e" });
    base = server.url.replace(/\/$/, "");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    t.cleanup();
  });

  it("lists the documents, searches them, and opens one", async () => {
    await page.goto(`${base}/`);
    expect(await page.locator("table.documents tbody tr").count()).toBe(2);
    await page.fill('input[name="q"]', "Valorizzazione");
    await page.click('form.filters button[type="submit"]');
    expect(await page.locator("table.documents tbody tr").count()).toBe(1);
    if (SHOTS)
      await page.goto(`${base}/`).then(() => page.screenshot({ path: join(SHOTS, "documents.png") }));
    await page.goto(`${base}/documents/${docId}`);
    expect(await page.locator("h1").textContent()).toBe("cruscotto-strategico-2021-2026.pdf");
  });

  it("shows a clicked target's page with its box on the value's words", async () => {
    // the first current target printed with a percent sign
    const button = page.locator("button.val", { hasText: "%" }).first();
    const raw = (await button.textContent())!.replace(/^\s*\d{4}\s*/, "").trim();
    await button.click();
    await page.waitForSelector(".hl");
    await page.waitForSelector(".textLayer span");
    await page.waitForFunction(() => document.querySelector("#pdfviewer")?.getAttribute("data-page"));
    const under = await wordsUnderHighlight(page);
    expect(under.inside).toBeGreaterThan(0);
    // the words inside the box are the value as printed, and nothing else of the row
    expect(squash(under.text)).toBe(squash(raw));
    expect(under.hl.width).toBeGreaterThan(4);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "document.png") });
    // zoom follows: the same words stay under the box
    await page.click("#zoom-in");
    await page.waitForFunction(() => document.querySelector(".textLayer span"));
    await page.waitForTimeout(300);
    expect(squash((await wordsUnderHighlight(page)).text)).toBe(squash(raw));
    // a value on another page (drawn ahead, or drawn now), then the first again (its page kept, swapped
    // back in): each time the box lies on the words of the page shown
    const first = await page.locator("#pdfviewer").getAttribute("data-page");
    const other = await page.evaluate((shown) => {
      const items = JSON.parse(document.getElementById("review-data")!.textContent!).items;
      const all = Array.from(document.querySelectorAll<HTMLElement>("button.val"));
      const i = all.findIndex(
        (b) => b.textContent!.includes("%") && String(items[b.dataset.key!]?.page) !== shown,
      );
      return i < 0 ? null : { i, page: String(items[all[i]!.dataset.key!].page) };
    }, first);
    expect(other, "a value printed with % on another page").not.toBeNull();
    for (const [target, pageNo, text] of [
      [page.locator("button.val").nth(other!.i), other!.page, null],
      [button, first, raw],
    ] as const) {
      const want = text ?? (await target.textContent())!.replace(/^\s*\d{4}\s*/, "").trim();
      await target.click();
      await page.waitForFunction(
        (n) =>
          document.querySelector("#pdfviewer")?.getAttribute("data-page") === n &&
          document.querySelector(".hl") &&
          document.querySelector(".textLayer span"),
        pageNo,
      );
      expect(squash((await wordsUnderHighlight(page)).text), `page ${pageNo}`).toBe(squash(want));
    }
    // the keyboard walks the review queue
    await page.keyboard.press("j");
    await page.waitForFunction(() => new URL(location.href).searchParams.has("item"));
  });

  it("corrects a value in the form; export shows the correction and the value read; ingest --force keeps it", async () => {
    await page.goto(`${base}/documents/${docId}`);
    const button = page.locator("button.val", { hasText: "%" }).first();
    const key = (await button.getAttribute("data-key"))!;
    const raw = (await button.textContent())!.replace(/^\s*\d{4}\s*/, "").trim();
    await button.click();
    await page.fill('#editor-form input[name="text"]', "≥ 99,5%");
    await page.fill('#editor-form input[name="note"]', "checked on paper");
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click('#editor-form button[value="set"]'),
    ]);
    expect(posted.status(), await posted.text().catch(() => "")).toBe(303);
    await page.waitForLoadState();
    const again = page.locator(`button.val[data-key="${key}"]`);
    expect(squash((await again.textContent())!)).toContain("≥99,5%");
    expect(await again.getAttribute("class")).toContain("corrected");
    if (SHOTS) {
      await again.click();
      await page.waitForSelector(".hl");
      await page.waitForSelector(".textLayer span");
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(SHOTS, "corrected.png") });
    }

    // export as `allegati export` writes it (the command is a shell over writeExport)
    const exported = async () => {
      const store = openStore(db, { readonly: true });
      const out = new Text();
      await writeExport(store, out);
      store.close();
      const doc = JSON.parse(out.text).documents.find((d: { id: string }) => d.id === docId);
      return doc.indicators.flatMap((i: { targets: unknown[] }) => i.targets) as {
        raw: string;
        value: unknown;
        corrections?: { field: string; original: unknown; author: string; note: string }[];
      }[];
    };
    const corrected = (await exported()).find((x) => x.raw === "≥ 99,5%")!;
    expect(corrected.value).toBe(99.5);
    expect(corrected.corrections!.find((c) => c.field === "raw")).toMatchObject({
      original: raw,
      author: "e2e",
      note: "checked on paper",
    });

    // the same file read again and replaced while the server runs (what `ingest --force` does)
    const store = openStore(db);
    const force = await ingest(store, [FIXTURE], { force: true, workers: 0 });
    store.close();
    expect(force.loaded).toBe(1);
    expect((await exported()).find((x) => x.raw === "≥ 99,5%")?.value).toBe(99.5);
    // and the command line's export prints it with the value as read
    const r = cli(["export", "--format", "csv", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n").find((l) => l.includes("≥ 99,5%"))).toContain('raw value,"{""raw"":""' + raw);
    await page.reload();
    expect(squash((await page.locator(`button.val[data-key="${key}"]`).textContent())!)).toContain("≥99,5%");
  });

  it("shows markup read from a PDF as text and runs none of it", async () => {
    await page.goto(`${base}/documents/${xssId}`);
    const names = await page.locator("button.ind").allTextContents();
    expect(names.join("\n")).toContain("<script>window.__xss = 1</script> Tempo medio");
    expect(names.join("\n")).toContain('<img src=x onerror="window.__xss = 2"> Pratiche evase');
    await page.locator("button.ind").first().click();
    expect(await page.locator("#editor-title").textContent()).toContain("<script>");
    await page.goto(`${base}/?q=Tempo`);
    await page.goto(`${base}/history?indicator=A1`);
    expect(await page.locator("table.history").textContent()).toContain("<script>");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("img[src=x], body script:not([src]):not([type])").count()).toBe(0);
  });

  it("refuses a POST without its session's CSRF token or from another origin", async () => {
    const res = await fetch(`${base}/documents/${docId}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await res.text())![1]!;
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${base}/documents/${docId}/review`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
        body: new URLSearchParams(body).toString(),
      }).then((r) => r.status);
    expect(await post({ reviewed: "true" })).toBe(400);
    expect(await post({ reviewed: "true", _csrf: "0".repeat(64) })).toBe(403);
    expect(await post({ reviewed: "true", _csrf: csrf }, { origin: "http://evil.example" })).toBe(403);
    expect(await post({ reviewed: "true", _csrf: csrf }, { "sec-fetch-site": "cross-site" })).toBe(403);
    // another session's token does not pass
    expect(
      await post({ reviewed: "true", _csrf: csrf }, { cookie: `allegati_session=${"1".repeat(64)}` }),
    ).toBe(403);
    // a page on another site posting a form: the browser sends no SameSite=Strict cookie and its origin
    await page.setContent(
      `<form method="post" action="${base}/documents/${docId}/review"><input name="_csrf" value="${csrf}"><input name="reviewed" value="true"></form>`,
    );
    const [answer] = await Promise.all([
      page.waitForResponse(/\/review$/),
      // the browser's report of the refusal can come after the response: awaited, so that it is
      // not counted against the next test
      page.waitForEvent("console", (m) => m.type() === "error" && m.text().includes("403")),
      page.evaluate(() => document.forms[0]!.submit()),
    ]);
    expect(answer.status()).toBe(403);
    const signoff = () => {
      const store = openStore(db, { readonly: true });
      const d = getDocument(store, docId);
      store.close();
      return d.reviewed;
    };
    // nothing was signed off by any of them
    expect(signoff()).toBeUndefined();
    // the real form does it
    expect(await post({ reviewed: "true", _csrf: csrf }, { origin: base })).toBe(303);
    expect(signoff()?.reviewed).toBe(true);
    // the browser reported the refused cross-site form (awaited above): expected here only
    errors.length = 0;
  });

  it("answers only to loopback names, needs its token when given one, and --read-only offers no form", async () => {
    // a name that resolves here (DNS rebinding) is not this server's
    const rebound = await new Promise<number>((resolve, reject) =>
      request(`${base}/`, { headers: { host: "attacker.example" } }, (r) => resolve(r.statusCode!))
        .on("error", reject)
        .end(),
    );
    expect(rebound).toBe(421);
    const guarded = await startServer({
      db,
      port: 0,
      host: "127.0.0.1",
      token: "s3cret-token-0123456789",
      readOnly: true,
    });
    try {
      const root = guarded.url.replace(/\/\?token=.*$/, "");
      expect((await fetch(`${root}/`)).status).toBe(401);
      const viaLink = await fetch(guarded.url, { redirect: "manual" });
      expect(viaLink.status).toBe(303);
      const cookie = viaLink.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const doc = await fetch(`${root}/documents/${docId}`, { headers: { cookie } });
      expect(doc.status).toBe(200);
      const body = await doc.text();
      expect(body).not.toContain("editor-form");
      expect(body).toContain("read-only");
      const post = await fetch(`${root}/documents/${docId}/review`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: "reviewed=false&_csrf=x",
      });
      expect(post.status).toBe(403);
    } finally {
      await guarded.close();
    }
    await expect(startServer({ db, port: 0, host: "0.0.0.0" })).rejects.toThrow(/--token/);
  });

  it("compares two editions and shows an indicator's history", async () => {
    await page.goto(`${base}/compare?a=${docId}&b=${xssId}`);
    expect(await page.locator("a.button", { hasText: "xlsx" }).count()).toBe(1);
    const xlsx = await fetch(`${base}/compare.xlsx?a=${docId}&b=${xssId}`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    if (SHOTS) {
      // the README's picture: the dashboard's two editions
      const store = openStore(db);
      const s = await ingest(store, [join(ROOT, "fixtures", "cruscotto-strategico-2022-2027.pdf")], {
        workers: 0,
      });
      store.close();
      await page.goto(
        `${base}/compare?a=${docId}&b=${s.events[0]!.id}&only=tightened&only=loosened&only=changed`,
      );
      await page.screenshot({ path: join(SHOTS, "compare.png") });
    }
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("shows a page read turned (a table set sideways) turned the same, the box on the value", async () => {
    const file = join(t.dir, "sideways-plan.pdf");
    await import("node:fs/promises").then((fs) => sidewaysTable(90).then((b) => fs.writeFile(file, b)));
    const store = openStore(db);
    const s = await ingest(store, [file], { workers: 0 });
    store.close();
    await page.goto(`${base}/documents/${s.events[0]!.id}`);
    const button = page.locator("button.val", { hasText: "75,00" }).first();
    await button.click();
    await page.waitForFunction(
      () =>
        document.querySelector(".hl") &&
        document.querySelector(".textLayer span") &&
        document.querySelector("#pdfviewer")?.getAttribute("data-page"),
    );
    const under = await wordsUnderHighlight(page);
    expect(squash(under.text)).toBe(squash(">= 75,00 %"));
    // shown level: the box is wider than tall, as the value's words are
    expect(under.hl.width).toBeGreaterThan(under.hl.height);
    expect(errors, errors.join("\n")).toEqual([]);
  });
});
