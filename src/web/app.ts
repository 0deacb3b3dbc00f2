/**
 * The web app: a Fastify server whose every handler calls the library (src/index.ts), as the command
 * line does. Routes' queries and bodies are checked with zod; pages are HTML built with escaping
 * templates; pdf.js (its own viewer build, from pdfjs-dist) and the app's script and stylesheet are
 * served from the package: nothing comes from another host.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z, type ZodType } from "zod";
import {
  addItem,
  correct,
  deleteItem,
  diff,
  diffXlsx,
  documentPdf,
  fieldsFromText,
  history,
  issuerCounts,
  kindOfKey,
  listDocuments,
  restoreItem,
  review,
  reviewDocument,
  CORRECTABLE_FIELDS,
  DOCUMENT_SORTS,
  REVIEW_STATUSES,
  UsageError,
  type ItemKind,
  type Store,
} from "../index.js";
import { comparePage, CHANGES, historyPage } from "./pages/compare.js";
import { documentPage } from "./pages/document.js";
import { documentsPage } from "./pages/documents.js";
import { errorPage } from "./pages/layout.js";
import { CSP, guard } from "./security.js";

export interface AppOptions {
  store: Store;
  /** serve without corrections (the store should be open read-only too) */
  readOnly?: boolean;
  /** required of every request when set */
  token?: string | null;
  /** answer only requests addressed to a loopback name (the server listens on loopback) */
  loopbackOnly?: boolean;
  /** corrections' author when a form gives none */
  author?: string | null;
}

export const PAGE_SIZE = 50;

/** Where the app's own assets are: src/web/static, from src/web or dist/web alike. */
const STATIC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "web", "static");
/** pdfjs-dist's folder: its build, its viewer components, fonts and character maps. */
const PDFJS = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

const SHA = z.string().regex(/^[0-9a-f]{6,64}$/, "a document id (hex)");
const text = z.string().max(4000);

const Schemas = {
  list: z.object({
    q: z.string().max(200).optional(),
    kind: z.enum(["", "plan", "report", "dashboard", "other"]).optional(),
    issuer: z.string().max(500).optional(),
    status: z.enum(["", ...REVIEW_STATUSES]).optional(),
    sort: z.enum(["", ...DOCUMENT_SORTS]).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  }),
  docParams: z.object({ id: SHA }),
  docQuery: z.object({ item: z.string().max(1000).optional() }),
  compare: z.object({
    a: z.string().max(300).optional(),
    b: z.string().max(300).optional(),
    only: z.union([z.enum(CHANGES), z.array(z.enum(CHANGES))]).optional(),
  }),
  history: z.object({ indicator: z.string().max(300).optional() }),
  // every form field is text; the library reads each as its field's type
  correction: z
    .object({
      _csrf: z.string().max(200),
      action: z.enum(["set", "add", "delete", "restore"]),
      item: z.string().max(1000).optional(),
      kind: z.enum(["objective", "indicator", "target", "baseline", "result"]).optional(),
      parent: z.string().max(1000).optional(),
      note: text.optional(),
      author: z.string().max(200).optional(),
      page: z.string().max(10).optional(),
    })
    .catchall(text),
  review: z.object({
    _csrf: z.string().max(200),
    reviewed: z.enum(["true", "false"]),
    note: text.optional(),
    author: z.string().max(200).optional(),
  }),
};

/** 400 for a request zod refuses, with its first issue. */
class BadRequest extends Error {}

function parse<T>(schema: ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data ?? {});
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new BadRequest(`${i.path.join(".") || "request"}: ${i.message}`);
  }
  return r.data;
}

const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const readOnly = !!opts.readOnly;
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: false });
  const g = guard({ token: opts.token, loopbackOnly: opts.loopbackOnly ?? false });

  // zod checks every route's input (fastify's own validation is not used: no JSON schemas)
  app.setValidatorCompiler(() => () => true);
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const had = form[k];
        form[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
      }
      done(null, form);
    },
  );

  app.addHook("onRequest", async (req, reply) => {
    reply.header("content-security-policy", CSP);
    reply.header("x-content-type-options", "nosniff");
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on its own forms
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    const refused = g.admit(req, reply);
    if (refused === "redirect") return reply;
    if (refused) return sendHtml(reply, errorPage(refused.status, refused.message), refused.status);
  });

  app.setErrorHandler((err, _req, reply) => {
    const e = err as Error & { statusCode?: number };
    const status =
      e instanceof BadRequest || e instanceof UsageError
        ? 400
        : /^no document matches|^no indicator matches/.test(e.message)
          ? 404
          : /matches \d+ documents/.test(e.message)
            ? 400
            : (e.statusCode ?? 500);
    return sendHtml(reply, errorPage(status, status === 500 ? "something went wrong" : e.message), status);
  });
  app.setNotFoundHandler((_req, reply) => sendHtml(reply, errorPage(404, "no such page"), 404));

  // assets: the app's own, and pdf.js's (build, viewer components, fonts, character maps, decoders)
  await app.register(fastifyStatic, { root: STATIC, prefix: "/assets/app/", index: false, maxAge: 3600_000 });
  await app.register(fastifyStatic, {
    root: PDFJS,
    prefix: "/assets/pdfjs/",
    decorateReply: false,
    index: false,
    maxAge: 86_400_000,
    // the folders' names stay in the paths: /assets/pdfjs/build/pdf.mjs
    allowedPath: (path) => /^\/(build|web|cmaps|standard_fonts|wasm|iccs)\//.test(path),
  });

  app.get("/favicon.ico", async (_req, reply) => reply.code(204).send());

  app.get("/", async (req, reply) => {
    const q = parse(Schemas.list, req.query);
    const filter = {
      q: q.q?.trim() || undefined,
      kind: q.kind || undefined,
      issuer: q.issuer || undefined,
      status: (q.status || undefined) as (typeof REVIEW_STATUSES)[number] | undefined,
      sort: (q.sort || undefined) as (typeof DOCUMENT_SORTS)[number] | undefined,
    };
    const list = listDocuments(store, { ...filter, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE });
    return sendHtml(
      reply,
      documentsPage({ list, filter: { ...filter, page: q.page }, issuers: issuerCounts(store), readOnly }),
    );
  });

  app.get("/documents/:id", async (req, reply) => {
    const { id } = parse(Schemas.docParams, req.params);
    const { item } = parse(Schemas.docQuery, req.query);
    const r = reviewDocument(store, id);
    const others = r.document.issuer
      ? listDocuments(store, { issuer: r.document.issuer, limit: 20 }).documents.filter(
          (o) => o.id !== r.document.id,
        )
      : [];
    const csrf = g.csrfToken(req, reply);
    return sendHtml(
      reply,
      documentPage({ review: r, csrf, readOnly, author: opts.author ?? null, others, selected: item }),
    );
  });

  app.get("/documents/:id/file.pdf", async (req, reply) => {
    const { id } = parse(Schemas.docParams, req.params);
    const pdf = await documentPdf(store, id);
    if (!pdf) return sendHtml(reply, errorPage(404, "the file was not kept (ingest --no-keep)"), 404);
    // content-addressed: the same id is always the same bytes
    reply.header("cache-control", "private, max-age=31536000, immutable");
    reply.header("content-disposition", "inline");
    return reply
      .type("application/pdf")
      .send(Buffer.from(pdf.data.buffer, pdf.data.byteOffset, pdf.data.byteLength));
  });

  const checkPost = (req: FastifyRequest, csrf: string) => {
    if (readOnly)
      throw Object.assign(new Error("this server was started with --read-only"), { statusCode: 403 });
    if (!g.csrfValid(req, csrf))
      throw Object.assign(new Error("the form's CSRF token is missing or wrong: reload the page"), {
        statusCode: 403,
      });
  };

  app.post("/documents/:id/corrections", async (req, reply) => {
    const { id } = parse(Schemas.docParams, req.params);
    const body = parse(Schemas.correction, req.body);
    checkPost(req, body._csrf);
    const { _csrf, action, item, kind, parent, note, author, page, ...rest } = body;
    const meta = { author: author?.trim() || opts.author || null, note: note?.trim() || null };
    const doc = reviewDocument(store, id).document;
    let selected = item;
    if (action === "add") {
      if (!kind) throw new BadRequest("kind: required");
      const typed = fieldsFromText(kind, only(kind, rest));
      const added = addItem(
        store,
        doc.id,
        { kind, parent: parent || null, fields: page ? { ...typed, source: { page: Number(page) } } : typed },
        meta,
      );
      selected = added.key;
    } else {
      if (!item) throw new BadRequest("item: required");
      const k = kindOfKey(item);
      if (!k || k === "document") throw new BadRequest("item: not an item's key");
      if (action === "delete") {
        deleteItem(store, doc.id, item, meta);
        selected = undefined;
      } else if (action === "restore") restoreItem(store, doc.id, item, meta);
      else correct(store, doc.id, item, fieldsFromText(k, only(k, rest)), meta);
    }
    return reply.redirect(
      `/documents/${doc.id}${selected ? `?item=${encodeURIComponent(selected)}` : ""}`,
      303,
    );
  });

  app.post("/documents/:id/review", async (req, reply) => {
    const { id } = parse(Schemas.docParams, req.params);
    const body = parse(Schemas.review, req.body);
    checkPost(req, body._csrf);
    const c = review(store, id, {
      reviewed: body.reviewed === "true",
      author: body.author?.trim() || opts.author || null,
      note: body.note?.trim() || null,
    });
    return reply.redirect(`/documents/${c.document}`, 303);
  });

  app.get("/compare", async (req, reply) => {
    const q = parse(Schemas.compare, req.query);
    const only = q.only === undefined ? [] : Array.isArray(q.only) ? q.only : [q.only];
    let d = null,
      error: string | undefined;
    if (q.a && q.b) {
      try {
        d = diff(store, q.a, q.b);
      } catch (e) {
        if (!/^no document matches|matches \d+ documents/.test((e as Error).message)) throw e;
        error = (e as Error).message;
      }
    }
    return sendHtml(reply, comparePage({ a: q.a, b: q.b, only, diff: d, error, readOnly }));
  });

  app.get("/compare.xlsx", async (req, reply) => {
    const q = parse(Schemas.compare, req.query);
    if (!q.a || !q.b) throw new BadRequest("a and b: required");
    const d = diff(store, q.a, q.b);
    const { mkdtemp, readFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "allegati-xlsx-"));
    try {
      const out = join(dir, "diff.xlsx");
      await diffXlsx(d, out);
      const name = `diff-${d.from.file}-${d.to.file}`.replace(/[^\w.-]+/g, "_") + ".xlsx";
      reply.header("content-disposition", `attachment; filename="${name}"`);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(await readFile(out));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get("/history", async (req, reply) => {
    const q = parse(Schemas.history, req.query);
    let entries = null,
      error: string | undefined;
    if (q.indicator?.trim()) {
      try {
        entries = history(store, q.indicator.trim());
      } catch (e) {
        if (!/^no indicator matches/.test((e as Error).message)) throw e;
        error = (e as Error).message;
      }
    }
    return sendHtml(reply, historyPage({ indicator: q.indicator, entries, error, readOnly }));
  });

  return app;
}

/** The form's fields that a kind of item has (the text of a value included); the others are not this item's. */
function only(kind: ItemKind, form: Record<string, unknown>): Record<string, string> {
  const fields = CORRECTABLE_FIELDS[kind];
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form))
    if (typeof v === "string" && (k in fields || (k === "text" && v.trim() !== ""))) out[k] = v;
  return out;
}
