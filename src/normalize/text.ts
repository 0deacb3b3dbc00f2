/** Text folding shared by every stage that compares or stores text read from a page. */

/**
 * Folds a text as it is stored and compared: a word split by a hyphen at a line break between two
 * lower-case letters is joined ("organiz-\nzazione" → "organizzazione"), then every run of white space
 * (line breaks included) becomes one space, and the ends are trimmed. Text already on one line is
 * only collapsed and trimmed.
 */
export function fold(s: string): string {
  return s
    .replace(/(\p{Ll})-\n(\p{Ll})/gu, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}
