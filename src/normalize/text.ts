/** Text folding shared by every stage that compares or stores text read from a page. */

/** White space other than a single space, two spaces, or a space at either end. */
const UNFOLDED = /[^\S ]| {2}|^ | $/;

/**
 * Folds a text as it is stored and compared: a word split by a hyphen at a line break between two
 * lower-case letters is joined ("organiz-\nzazione" → "organizzazione"), then every run of white space
 * (line breaks included) becomes one space, and the ends are trimmed. Text already on one line is
 * only collapsed and trimmed.
 */
export function fold(s: string): string {
  // most texts are already folded (one line, single spaces, trimmed): one test instead of three passes
  if (!UNFOLDED.test(s)) return s;
  return s
    .replace(/(\p{Ll})-\n(\p{Ll})/gu, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}
