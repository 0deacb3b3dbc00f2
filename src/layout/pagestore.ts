/**
 * Laid-out pages waiting for the end of the document: running headers and footers are known only
 * once every page has been read, and no page can be assembled before. A short document is held as
 * it is; past `keep` pages, each further page is held as a deflated structured clone (about a tenth
 * of its size as objects, and off the garbage-collected heap), so a long document's memory stays
 * near that of its first pages. Each page is handed back once, and let go as it is.
 */
import { deserialize, serialize } from "node:v8";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { PageLayout } from "../model/index.js";

/** pages held as objects before the rest are compacted (about 0.2 MB each as objects) */
export const DEFAULT_KEEP_PAGES = 64;

export class PageStore {
  private readonly held: (PageLayout | Buffer | undefined)[] = [];
  constructor(private readonly keep = DEFAULT_KEEP_PAGES) {}

  get length(): number {
    return this.held.length;
  }

  put(page: PageLayout): void {
    // a structured clone keeps the words shared by lines, blocks and cells shared
    this.held.push(this.held.length < this.keep ? page : deflateRawSync(serialize(page), { level: 1 }));
  }

  /** Every page once, in order; each is released as it is handed out. */
  *take(): Generator<PageLayout> {
    for (let i = 0; i < this.held.length; i++) {
      const v = this.held[i];
      this.held[i] = undefined;
      if (v === undefined) throw new Error(`page ${i + 1} was already taken`);
      yield Buffer.isBuffer(v) ? (deserialize(inflateRawSync(v)) as PageLayout) : v;
    }
  }
}
