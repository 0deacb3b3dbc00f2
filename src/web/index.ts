/** The web app (`allegati serve`): review and correct in the browser, on top of the library. */
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { NoDatabaseError, openStore, UsageError } from "../index.js";
import { createApp } from "./app.js";
import { isLoopback } from "./security.js";

export { createApp } from "./app.js";
export type { AppOptions } from "./app.js";

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  token?: string | null;
  readOnly?: boolean;
  author?: string | null;
}

/**
 * Opens the store and listens. Any address but loopback needs a token (checked on every request);
 * on loopback, requests addressed to another name are refused. Resolves with the address to open
 * (with the token, once) and a close function.
 */
export async function startServer(o: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const loopback = isLoopback(o.host);
  if (!loopback && !o.token)
    throw new UsageError(
      `listening on ${o.host} needs --token: any other address than 127.0.0.1 is reachable from elsewhere`,
    );
  if (o.token !== undefined && o.token !== null && o.token.length < 16)
    throw new UsageError("--token must be at least 16 characters");
  // a server opens a database, it never makes one
  if (o.db !== ":memory:" && !existsSync(o.db)) throw new NoDatabaseError(o.db);
  const store = openStore(o.db, { readonly: !!o.readOnly });
  const app = await createApp({
    store,
    readOnly: o.readOnly,
    token: o.token,
    loopbackOnly: loopback,
    author: o.author,
  });
  try {
    await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    store.close();
    throw e;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ""}`,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}
