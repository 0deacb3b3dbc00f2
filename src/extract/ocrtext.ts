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
  // (a bracket's curve read twice, `((N.)`: these documents never open two at once)
  text = text.replace(/^\(\((?=[^()]*\)$)/, "(");
  // a year's `≤` glued after it (`2025≤ € 370,50`): the model, which has no `≤`, reads its curve as an
  // `s` or a `$`, its bar sometimes as a `<` after it
  const year = /^((?:19|20)\d\d)[s$]<?$/.exec(text);
  if (year) return `${year[1]}≤`;
  // its curve and bar read as a pound sign (`£€ 336`, `£39`): these documents never give pounds
  // (after a sign, a `£` before the `€` is the euro sign read twice: `<=£€ 318`)
  // (as an `s` or a `$` glued to the euro sign, `s€ 435`: no word of these documents holds one)
  if (/^£(?=€|\d)/.test(text) || /^[s$](?=€)/.test(text)) text = "≤" + text.slice(1);
  else text = text.replace(/^([<>=≤≥]+)£(?=€)/, "$1");
  // a code's dot after a capital read as a comma (`R.A,1.1b`): a capital between a dot (or the
  // word's start) and a comma, in a word of dotted parts, starts a code's part
  if (/\./.test(text) && /^[A-Z](?:\.[A-Z])*,[A-Z0-9][\w.]*$/.test(text)) text = text.replace(",", ".");
  // (or between two of its figures, in a code of capitals and dotted parts, `R.A.1,1b`: two dots at
  // least and a capital before them; a number has no capital)
  else if (/^[A-Z]+(?:\.[A-Z0-9]+){2,},[0-9]+[a-z]?$/.test(text)) text = text.replace(",", ".");
  // a `>` before its `=` read as a guillemet or an `x` (`»=4,5`, `x=65 %`), a `<` as a guillemet:
  // none of them stands before `=` and a figure in these documents
  text = text.replace(/^[»xX](?==[\diIl|])/, ">").replace(/^«(?==[\diIl|])/, "<");
  // (a decimal comma read as a semicolon, `>79;8`: no number holds one)
  text = text.replace(/(?<=\d);(?=\d)/g, ",");
  // (an `=` after `>` or `<` read as a `z`, `>z22`)
  text = text.replace(/^([<>])z(?=\d)/, "$1=");
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
  // a target's figure with a 1 read as `i`, `I`, `l` or `|`, a 0 as `O` (`<=i95 €`, `>=1O0%`): after
  // a sign, or with decimals or a unit glued on, and two true digits at least, it is a number
  else if (
    !NUMBER.test(figure) &&
    (op || /,\d|[%€]$/.test(figure)) &&
    ((figure.match(/\d/g)?.length ?? 0) >= 2 || (op && /^[BS]?\d[%€]?$|^\d[BS][%€]?$/.test(figure)))
  ) {
    // (an 8 read as `B`, a 5 as `S` too, beside one figure after a sign: `>=B7%`)
    const digits = figure
      .replace(/[iIl|]/g, "1")
      .replace(/[Oo]/g, "0")
      .replace(/B/g, "8")
      .replace(/S/g, "5");
    if (NUMBER.test(digits)) text = op + digits;
  }
  // a lone 1 after a sign read as a letter or a bracket (`>i`, `>=l`, `>=)`)
  if (op && /^[iIl|()]$/.test(figure)) text = op + "1";
  // `gg` (days) read as `9g`
  if (/^(?:9g|g9)$/.test(text)) text = "gg";
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
  // (whatever their shapes say after: a narrow O among them is an O still)
  const letters = new Set<number>();
  text = text.replace(/(?<=^\(?|\.)[A-Z0]*[A-Z][A-Z0]*(?=\.|[:;,)]?$)/g, (part, at: number) => {
    for (let i = 0; i < part.length; i++) letters.add(at + i);
    return part.replace(/0/g, "O");
  });
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
      if ((c !== "0" && c !== "O") || letters.has(i)) return c;
      const shape = shapes[i]!;
      if (grouped) return shape >= split ? "O" : "0";
      return shape >= SURELY_O ? "O" : shape <= SURELY_ZERO ? "0" : c;
    })
    .join("");
}

/**
 * The words these documents head their tables and banners with: a reading of one of them that OCR
 * got wrong (`Qhiettivo`, `OBIEILL1VO`) loses a column's role or an objective's banner.
 */
const HEADING_WORDS = [
  "almeno",
  "obiettivo",
  "obiettivi",
  "strategico",
  "strategici",
  "strategica",
  "strategiche",
  "operativo",
  "operativi",
  "operativa",
  "operative",
  "indicatore",
  "indicatori",
  "algoritmo",
  "baseline",
  "consuntivo",
  "consuntivi",
  "responsabile",
  "risultato",
  "risultati",
  "descrizione",
  "programmato",
  "programmati",
  "annotazioni",
  "osservazioni",
  "ponderazione",
  "definizione",
  "raggiungimento",
];
/** Whether a word (marks around it aside) is one of the words these documents head tables with. */
export function isHeadingWord(text: string): boolean {
  return HEADING_WORDS.includes(text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "").toLowerCase());
}

/** tesseract's confidence from which a word is taken as read */
const SURE_WORD = 75;
/** digits OCR puts for the letters they look like */
const AS_LETTER: Record<string, string> = { "0": "o", "1": "i", "5": "s", "8": "b" };

/** Levenshtein distance, stopping early once over `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A heading word OCR read unsure and wrong, put right: the one word of HEADING_WORDS nearest to it,
 * its digits read as the letters they look like. OCR mostly misreads letters for others: a word of the
 * same length is taken within one wrong letter up to 7 letters, two beyond (`Qhiettivo`), an `m` read
 * for `nn` or `rn` (or they for it) counting as one (`Amotazioni`); a word with
 * a digit among its letters, surely misread, also within three edits of any kind (`OBIEILL1VO`). A
 * word read surely, a word as near to two of them, and words of another length without a digit (
 * `Strategia`, `operazioni`, real words) stay as read.
 */
export function headingWord(text: string, confidence: number): string {
  if (confidence >= SURE_WORD || text.length < 6 || !/^[\p{L}\d]+$/u.test(text) || !/\p{L}{3}/u.test(text))
    return text;
  const folded = [...text.toLowerCase()].map((c) => AS_LETTER[c] ?? c).join("");
  const misread = /\d/.test(text);
  let best: string | null = null,
    bestD = Infinity,
    tie = false;
  // (an `m` is also read for `rn` or `nn`, and they or `in` for it: `Amotazioni`, `Algoritino`; that
  // costs one edit)
  const forms = [folded, ...mForms(folded)];
  for (const w of HEADING_WORDS) {
    let d = Infinity;
    forms.forEach((f, k) => {
      if (w.length !== f.length) return;
      let e = k ? 1 : 0;
      for (let i = 0; i < w.length; i++) if (w[i] !== f[i]) e++;
      if (e <= (w.length <= 7 ? 1 : 2)) d = Math.min(d, e);
    });
    if (d === Infinity && misread) {
      const e = distance(folded, w, 3);
      if (e <= 3) d = e;
    }
    if (d < bestD) [best, bestD, tie] = [w, d, false];
    else if (d === bestD && d !== Infinity) tie = true;
  }
  return best && !tie ? cased(best, text) : text;
}

/** A word with one of its `m` read for `rn` or `nn`, or one `rn`, `nn` or `in` read for `m` (`Algoritino`). */
function mForms(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === "m") for (const two of ["rn", "nn"]) out.push(word.slice(0, i) + two + word.slice(i + 1));
    const pair = word.slice(i, i + 2);
    if (pair === "rn" || pair === "nn" || pair === "in") out.push(word.slice(0, i) + "m" + word.slice(i + 2));
  }
  return out;
}

/** `word` in the case of `like`: capitals, a capital first, or lower case. */
function cased(word: string, like: string): string {
  const letters = like.replace(/[^\p{L}]/gu, "");
  if (letters && letters === letters.toUpperCase()) return word.toUpperCase();
  // (a capital O read as a zero starts the word)
  if (/^[\p{Lu}\d]/u.test(like)) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/**
 * A line's words with a `≤` that the model read as a word of its own put right: an `s`, a `$` or a
 * `£` alone, just before a number or a `€` (`s 210`, `£ € 350`), is no Italian word and no currency
 * of these documents. (And a `€` read as an `E` or `È` after a sign, a `1` as a bracket, an article
 * `i` as a bar.)
 */
export function lonelySigns(texts: readonly string[]): string[] {
  return texts.map((t, i) => {
    if (/^[s$£]$/.test(t) && /^[\d€]/.test(texts[i + 1] ?? "")) return "≤";
    // (an article `i` or `I` read as a bar between two words of a title, `Rendere | servizi`,
    // `RIDURRE | TEMPI`: in the case of the word after it)
    const [before, after] = [texts[i - 1] ?? "", texts[i + 1] ?? ""];
    if (t === "|" && /^\p{L}{2,}[,:]?$/u.test(before) && /^\p{L}{2,}/u.test(after))
      return /^\p{Lu}{2,}/u.test(after) ? "I" : "i";
    const afterSign = /^(?:[<>]=?|[≤≥=]|=>|=<)$/.test(texts[i - 1] ?? "");
    // (a lone 1 after a sign read as a bracket, `>= (`, at a cell's end or before its unit)
    if (/^[()]$/.test(t) && afterSign && !/^\p{L}{3}/u.test(texts[i + 1] ?? "")) return "1";
    // (a euro sign read as a capital E, accented or not, between a comparison sign and a number,
    // `<= È 402,50`: no word stands there)
    if (/^[EÈÉ]$/.test(t) && afterSign && /^\d/.test(texts[i + 1] ?? "")) return "€";
    return t;
  });
}

/** letters and figures that reach the capitals' height (a word of `a`, `e`, `o` alone is lower) */
const TALL = /[A-Z0-9ÀÈÉÌÒÙbdfhiklt]/;
/** letters and signs that reach below the baseline */
const DESCENDERS = /[gjpqyQ/(),;]/;

/** a box from the capitals' tops to the descenders' feet over one to the baseline (sans and serif faces, 0.74-0.78) */
const BELOW_BASELINE = 0.77;
/** a box of the x-height alone under one to the capitals' tops (x-height 0.5-0.55 of the capitals' 0.7-0.74) */
const X_HEIGHT = 1.4;

/**
 * The height a line's stems are measured against: the median height of its words' boxes, of those
 * that reach the capitals' height and hang nothing below the baseline when there are any. A `g`, a
 * `p` or a slash make a box about a third taller, and a line of such words read bold print as plain
 * (`Gruppo qualità/Task Force`). A line with no such word takes its words' heights brought to the
 * capitals' by their shape: a label alone on its line (`Responsabile`, bold in a banner) had been
 * measured against its `p`'s foot and read plain.
 */
export function stemBase(words: readonly { text: string; height: number }[]): number {
  const median = (hs: number[]) => hs.sort((a, b) => a - b)[hs.length >> 1] ?? 0;
  const level = words.filter((w) => TALL.test(w.text) && !DESCENDERS.test(w.text)).map((w) => w.height);
  if (level.length) return median(level);
  return median(
    words.map((w) => {
      const tall = TALL.test(w.text),
        low = DESCENDERS.test(w.text);
      return w.height * (tall && low ? BELOW_BASELINE : !tall && !low ? X_HEIGHT : 1);
    }),
  );
}

/**
 * The height each word's type size is taken from: the line's median word height, the same for all
 * its words, but for words of letters or figures under half of it, which take their own group's
 * median. Tesseract may put a stamp's or a signature's marks on a line of print (`_ ene 2024 2025`):
 * as many tall marks as words made the median theirs, the years became a heading's type, and the
 * table lost them. (A dash or a stop is flat in any print: it keeps its line's size.)
 */
export function typeHeights(words: readonly { text: string; height: number }[]): number[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const line = median(words.map((w) => w.height));
  const isShort = (w: { text: string; height: number }) =>
    w.height < line * 0.5 && /[\p{L}\p{N}]/u.test(w.text);
  const short = words.filter(isShort).map((w) => w.height);
  const own = median(short);
  return words.map((w) => (isShort(w) ? own : line));
}
