/**
 * What keeps the web app to the person who started it: a token on every request when one is set
 * (required for any address but loopback), the Host header checked on loopback (a page on another
 * site cannot reach it through DNS rebinding), a CSRF token on every POST (an HMAC of the browser's
 * session cookie with a secret of this process, so a cookie set by another local site does not
 * help), and headers that forbid inline scripts, framing and sniffing.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "allegati_session";
export const TOKEN_COOKIE = "allegati_token";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The hostname of a Host header (`[::1]:8080` → `[::1]`, `localhost:8080` → `localhost`). */
export function hostnameOf(hostHeader: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return m ? m[1]! : "";
}

export function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    try {
      out[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a cookie we did not set
    }
  }
  return out;
}

export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const cookie = (name: string, value: string) =>
  `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict`;

/** The content security policy: scripts and workers only from this server, no inline script. */
export const CSP = [
  "default-src 'self'",
  // pdf.js decodes some images with WebAssembly
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export interface Guard {
  /** a request's CSRF token (for the forms of the page it gets), its session cookie set when missing */
  csrfToken(req: FastifyRequest, reply: FastifyReply): string;
  /** whether a POST carries the CSRF token of its session and comes from this origin */
  csrfValid(req: FastifyRequest, given: string | undefined): boolean;
  /** null when the request may go on; else the status and message to answer with */
  admit(req: FastifyRequest, reply: FastifyReply): { status: number; message: string } | "redirect" | null;
}

export function guard(opts: { token?: string | null; loopbackOnly: boolean }): Guard {
  const secret = randomBytes(32);
  const sign = (session: string) => createHmac("sha256", secret).update(session).digest("hex");
  return {
    csrfToken(req, reply) {
      let session = cookies(req)[SESSION_COOKIE];
      if (!session || !/^[0-9a-f]{64}$/.test(session)) {
        session = randomBytes(32).toString("hex");
        reply.header("set-cookie", [...setCookies(reply), cookie(SESSION_COOKIE, session)]);
        // the same request's forms use it
        (req.headers as Record<string, string>).cookie =
          `${req.headers.cookie ?? ""}; ${SESSION_COOKIE}=${session}`;
      }
      return sign(session);
    },
    csrfValid(req, given) {
      const session = cookies(req)[SESSION_COOKIE];
      if (!session || !given || !sameSecret(given, sign(session))) return false;
      // a browser says where a request comes from: it must be this origin
      const site = req.headers["sec-fetch-site"];
      if (site && site !== "same-origin" && site !== "none") return false;
      const origin = req.headers.origin;
      if (origin && origin !== "null") {
        try {
          if (new URL(origin).host !== req.headers.host) return false;
        } catch {
          return false;
        }
      } else if (origin === "null") return false;
      return true;
    },
    admit(req, reply) {
      if (opts.loopbackOnly && !isLoopback(hostnameOf(req.headers.host ?? "")))
        return { status: 421, message: "this server answers only to its loopback address" };
      if (!opts.token) return null;
      const auth = req.headers.authorization;
      if (auth?.startsWith("Bearer ") && sameSecret(auth.slice(7), opts.token)) return null;
      if (sameSecret(cookies(req)[TOKEN_COOKIE], opts.token)) return null;
      // the link printed at start: the token moves to a cookie and leaves the address bar
      const url = new URL(req.url, "http://x");
      if (req.method === "GET" && sameSecret(url.searchParams.get("token") ?? undefined, opts.token)) {
        url.searchParams.delete("token");
        reply.header("set-cookie", [...setCookies(reply), cookie(TOKEN_COOKIE, opts.token)]);
        reply.redirect(url.pathname + url.search, 303);
        return "redirect";
      }
      return { status: 401, message: "a token is required: open the address printed by allegati serve" };
    },
  };
}

function setCookies(reply: FastifyReply): string[] {
  const v = reply.getHeader("set-cookie");
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}
