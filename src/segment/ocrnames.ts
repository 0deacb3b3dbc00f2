/**
 * Names read again from the document's own words. On a scan a letter of a name is often read as one
 * of like shape (`potizia` for `polizia`, `Quata` for `Quota`, `comunate` for `comunale`), or a thin
 * letter is lost (`frma` for `firma`), and the name no longer matches last year's. The same word is
 * often printed, and read right, elsewhere in the document (`Polizia Locale` as an owner, `Quota di …`
 * in other names). A word of a name read unsure, once, one letter of like shape (or one thin letter)
 * away from a word read surely elsewhere (and from no other), is that word. No dictionary: the
 * document is its own.
 */
import type { Indicator, PageLayout } from "../model/index.js";

/** letters OCR takes one for the other in print (either way) */
const LIKE: readonly string[] = [
  "tl",
  "li",
  "iì",
  "ao",
  "ce",
  "nu",
  "ft",
  "fr",
  "fl",
  "eè",
  "oò",
  "aà",
  "uù",
  "rn",
];
/** thin letters OCR drops from a word (`frma` for `firma`) or reads in a speck beside one */
const THIN = "ilrtf";
/** a word this long or longer is read again with a thin letter dropped or added (a short word has too many neighbours) */
const MIN_THIN = 5;
const alike = new Set(LIKE.flatMap(([a, b]) => [a! + b!, b! + a!]));
/** a word read this surely is as printed, and may stand for a word of like shape read unsure */
const SURE = 80;
/** a word read alike twice at least is as printed when read this surely at best */
const SURE_TWICE = 65;
/** words this long or longer are read again (a short word has too many neighbours) */
const MIN_LENGTH = 4;

const WORD = /[\p{L}]+/gu;

/** The document's words, lower case: how often each is given and how surely it was read at best. */
export class Vocabulary {
  readonly counts = new Map<string, number>();
  readonly best = new Map<string, number>();

  /** Adds a page's words (born-digital words are read surely: 100). */
  add(page: PageLayout): void {
    const seen = new Set<unknown>();
    const lines = [
      ...page.lines,
      ...page.blocks.flatMap((b) => b.lines),
      ...page.tables.flatMap((t) => t.cells.flatMap((c) => c.lines)),
    ];
    for (const l of lines)
      for (const w of l.words) {
        // (a word is in the page's lines and again in its cell or block: once)
        if (seen.has(w)) continue;
        seen.add(w);
        for (const m of w.text.toLowerCase().matchAll(WORD)) {
          if (m[0].length < MIN_LENGTH) continue;
          this.counts.set(m[0], (this.counts.get(m[0]) ?? 0) + 1);
          this.best.set(m[0], Math.max(this.best.get(m[0]) ?? 0, w.confidence ?? 100));
        }
      }
  }

  /**
   * The word `word` was misread from, or null: one letter of like shape away from a word read surely,
   * given more often or read more surely than it; the only such word.
   */
  fix(word: string): string | null {
    const low = word.toLowerCase();
    const n = this.counts.get(low) ?? 0,
      sure = this.best.get(low) ?? 0;
    // (a word read the same twice, or surely, is as printed)
    if (low.length < MIN_LENGTH || n >= 2 || sure >= SURE) return null;
    const found: string[] = [];
    const take = (cand: string) => {
      const cn = this.counts.get(cand) ?? 0,
        cs = this.best.get(cand) ?? 0;
      // (a word read alike twice or more stands for itself a little less surely read)
      if ((cs >= SURE || (cn >= 2 && cs >= SURE_TWICE)) && (cn > n || cs > sure) && !found.includes(cand))
        found.push(cand);
    };
    for (let i = 0; i < low.length; i++)
      for (const pair of alike) if (pair[0] === low[i]) take(low.slice(0, i) + pair[1] + low.slice(i + 1));
    // (a thin letter dropped or added: the word as printed is this long at least)
    for (let i = 0; i <= low.length; i++) {
      if (low.length + 1 >= MIN_THIN) for (const c of THIN) take(low.slice(0, i) + c + low.slice(i));
      if (i < low.length && THIN.includes(low[i]!) && low.length - 1 >= MIN_THIN)
        take(low.slice(0, i) + low.slice(i + 1));
    }
    if (found.length !== 1) return null;
    const fixed = found[0]!;
    // (the case of the word as read, by its first letter and its capitals: `Quata` → `Quota`)
    const caps = word === word.toUpperCase();
    if (caps) return fixed.toUpperCase();
    return word[0] === word[0]!.toUpperCase() ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
  }

  /** A text with each word read again (`fix`). */
  text(s: string): string {
    return s.replace(WORD, (w) => this.fix(w) ?? w);
  }
}

/** Reads again, in place, the names of an OCR'd document's indicators from its vocabulary. */
export function repairNames(indicators: Indicator[], vocabulary: Vocabulary): void {
  for (const ind of indicators) if (ind.name) ind.name = vocabulary.text(ind.name);
}
