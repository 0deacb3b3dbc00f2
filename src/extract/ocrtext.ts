/**
 * The text of one word as tesseract read it, with the confusions of its Italian model that no
 * document of ours can mean put right. Each rule looks at the word alone, and only a word that comes
 * out as a number (Italian grammar, an optional comparator before it and `%` or `€` after it) is
 * changed by the digit rules: codes (`1.2.$.1`), words and labels stay as read.
 */

/** a number as these documents print it: `500`, `5.000`, `76,00`, `0,5`, with `%` or `€` glued on */
const NUMBER = /^(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?(?:%|€)?$/;
/** a comparator glued before a value (`>=500`, `≤76,00`) */
const COMPARATOR = /^(?:[<>]=?|=[<>]?|[≤≥])?/;

export function ocrWordText(raw: string): string {
  // a jagged "(" of a bilevel scan is read as "{": braces have no place in these documents' text and
  // formulas, parentheses do
  let text = raw.trim().replace(/\{/g, "(").replace(/\}/g, ")");
  const op = COMPARATOR.exec(text)![0];
  const body = text.slice(op.length);
  // a speck of the cell's ruling or noise read as a quote glued before a number with decimals
  // (`"76,00`): an abbreviated year (`'21`) has no decimals
  const quote = /^["'‘’“”`]+(?=[\d$])/.exec(body)?.[0] ?? "";
  let figure = body.slice(quote.length);
  // a 5 of small print read as "$" (`$00` for 500, `$6` for 56): these documents never give dollars,
  // and a "$" among a number's digits is no sign of currency
  if (/\$\d|\d\$/.test(figure)) figure = figure.replace(/\$/g, "5");
  if (figure !== body && NUMBER.test(figure) && (!quote || /,\d/.test(figure))) text = op + figure;
  return text;
}
