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

/** a code: capitals, digits and dots, a dot between two of its characters at least (`02.O1.T1`, `OB.1.2:`) */
const CODE = /^\(?[A-Z0-9]+(?:\.[A-Z0-9]+)+[.:;,)]?$/;
/**
 * A capital O's ink is about as wide as it is tall (0.8-1.05 of its height in tesseract's boxes), a
 * zero's much narrower (0.6-0.77): alone, a character is called O or 0 only well clear of the other.
 */
const SURELY_O = 0.88,
  SURELY_ZERO = 0.72;
/** in one code, zeros and O's are two groups of widths, the O's this much wider at least */
const GROUPS = 1.18;

/**
 * A code's zeros and capital O told apart by their shape, which tesseract's model guesses from the
 * characters around (`02.O1` read `02.01`): `shapes` holds each character's ink width over its
 * height. The code's 0s and Os, when they fall in two groups of widths, are zeros (the narrow) and
 * O's (the wide); when they are all alike, each is judged alone, and only a clear shape changes it.
 * Numbers (`5.048`) and words that are no code are left as read.
 */
export function codeZeros(read: string, shapes: readonly number[]): string {
  let text = read;
  if (shapes.length !== text.length || !CODE.test(text) || !/\d/.test(text)) return text;
  if (NUMBER.test(text.replace(/^\(|[.:;,)]$/g, ""))) return text;
  // a part of capitals and zeros only is letters: `0B.2.2` is `OB.2.2` (a part with other digits,
  // `O1`, `T10`, is left to the shapes)
  text = text.replace(/(?<=^\(?|\.)[A-Z0]*[A-Z][A-Z0]*(?=\.|[:;,)]?$)/g, (part) => part.replace(/0/g, "O"));
  const round = [...text]
    .flatMap((c, i) => (c === "0" || c === "O" ? [shapes[i]!] : []))
    .sort((a, b) => a - b);
  if (!round.length) return text;
  // the widest step between two of them, in ratio: two groups when it is wide enough
  let split = Infinity,
    step = 1;
  for (let k = 1; k < round.length; k++)
    if (round[k]! / round[k - 1]! > step) {
      step = round[k]! / round[k - 1]!;
      split = round[k]!;
    }
  const grouped = step >= GROUPS && split >= SURELY_O - 0.1 && round[0]! <= SURELY_ZERO + 0.08;
  return [...text]
    .map((c, i) => {
      if (c !== "0" && c !== "O") return c;
      const shape = shapes[i]!;
      if (grouped) return shape >= split ? "O" : "0";
      return shape >= SURELY_O ? "O" : shape <= SURELY_ZERO ? "0" : c;
    })
    .join("");
}
