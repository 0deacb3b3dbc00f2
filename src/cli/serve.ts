/** `allegati serve`: starts the web app and runs until Ctrl-C. */
import { startServer, type ServeOptions } from "../web/index.js";

export async function serveCommand(o: ServeOptions): Promise<void> {
  const server = await startServer(o);
  process.stderr.write(`allegati: serving ${o.db}${o.readOnly ? " read-only" : ""} at ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
