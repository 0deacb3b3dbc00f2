/** Document-level facts: kind, issuer, title, and the year a report's undated targets refer to. */
import type { DocumentKind, Line, PageLayout } from "../model/index.js";
import { fold } from "../normalize/index.js";
import { plain, yearsIn } from "./text.js";

/** How many leading pages speak for the document (its title, kind, issuer, year). */
export const HEAD_PAGES = 3;

export function documentText(pages: PageLayout[]): string {
  return pages
    .slice(0, HEAD_PAGES)
    .map((p) => p.lines.map((l) => l.text).join("\n"))
    .join("\n");
}

const KINDS: [RegExp, DocumentKind][] = [
  [
    /\brelazione (sulla|della|annuale sulla) performance\b|\brendicontazione\b|\brisultati (raggiunti|conseguiti)\b/,
    "report",
  ],
  [/\bcruscotto\b|\bdashboard\b|\bquadro di sintesi\b/, "dashboard"],
  [
    /\bpiano (della|delle|triennale|integrato|esecutivo)|\bpiao\b|\bpeg\b|\bobiettivi di performance\b|\balbero della performance\b|\bobiettivi (strategici|operativi)\b|\ballegato\b/,
    "plan",
  ],
];

/** The title decides first, then the document's words, then whether results were read. */
export function detectKind(
  title: string | null,
  text: string,
  fallback: DocumentKind | undefined,
  hasResults: boolean,
  /** whether any objective or indicator was read: a document's words alone ("allegato") do not make an act a plan */
  hasContent = true,
): DocumentKind {
  for (const [re, kind] of KINDS) if (re.test(plain(title ?? ""))) return kind;
  if (!hasContent) return "other";
  for (const [re, kind] of KINDS) if (re.test(plain(text))) return kind;
  if (hasResults) return "report";
  return fallback ?? "other";
}

/**
 * A place's name: capitalized words, with the small words Italian names carry between them
 * ("Castelnuovo di Garfagnana", "San Giovanni in Persiceto", "Cassano d'Adda", "Reggio nell'Emilia").
 */
const PLACE_WORD = `(?:d['’]|nell['’]|dell['’])?[A-ZÀ-Ý][\\p{L}'’-]*\\p{L}`;
const PLACE = `${PLACE_WORD}(?: (?:(?:di|del|della|dei|degli|delle|in|sul|sulla|al|nel|nella|sopra|sotto) )?${PLACE_WORD})*`;

const LOCAL_BODY = new RegExp(
  `\\b((?:Comune|Provincia|Regione|Citt[àa] metropolitana|Unione dei [Cc]omuni|Universit[àa] degli [Ss]tudi|Ministero|Agenzia) (?:(?:di|del|della|dei|degli|delle|per) |dell['’] ?)${PLACE}(?: e (?:(?:del|della|dei|degli|delle|per) |dell['’] ?)?${PLACE_WORD})?)`,
  "u",
);
/** a health authority: "ASL Città di Torino", "ULSS 6 Euganea", "ASST Rhodense" */
const HEALTH_BODY = new RegExp(
  `\\b((?:ASL|AUSL|ASP|ATS|ASST|ULSS|USL)(?: n\\.? ?\\d{1,2}| \\d{1,2})? ${PLACE})`,
  "u",
);

/** "Camera di commercio di Ferrara e Ravenna", "Camera di Commercio Riviere di Liguria", "Comune di …" */
export function detectIssuer(text: string): string | null {
  const m =
    /\b(Camera di [Cc]ommercio(?:,? [Ii]ndustria,? [Aa]rtigianato e [Aa]gricoltura)?(?: (?:di|del|della|dell'|delle|dei))? (?:[A-ZÀ-Ý][\p{L}'’]+|e|di|del|della|delle)(?: (?:[A-ZÀ-Ý][\p{L}'’]+|e|di|del|della|delle))*)/u.exec(
      text,
    ) ??
    LOCAL_BODY.exec(text) ??
    HEALTH_BODY.exec(text);
  if (!m) return null;
  return fold(m[1]!).replace(/\s+(e|di|del|della|delle)$/, "");
}

/** A protocol or registry mark: "Prot. n. 4517", "PCM194", "N. 0004517 del 12/03/2024", a bare date. */
const PROTOCOL =
  /\b(prot(ocollo)?|registro|repertorio|arrivo|partenza|pec)\b|^\s*n\.?\s*\d|^\s*\p{L}{0,4}\d[\d\p{Lu}/.-]*\s*$|^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*$/iu;

/** A line that names a document: some words, mostly letters, not a protocol mark nor the issuer alone. */
function titleLike(text: string): boolean {
  const t = text.trim();
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const visible = t.replace(/\s/g, "").length;
  if (t.length <= 3 || letters < 0.6 * visible || PROTOCOL.test(t)) return false;
  return !ISSUER_ONLY.test(t) || DOCUMENT_WORDS.test(t);
}

/** "Camera di commercio di Ferrara e Ravenna" alone is who issues the document, not what it is */
const ISSUER_ONLY =
  /^\s*(camera di commercio|comune|provincia|regione|citt[àa] metropolitana|unioncamere)\b/i;
const DOCUMENT_WORDS =
  /\b(19|20)\d\d\b|\b(piano|relazione|allegato|cruscotto|performance|obiettivi|bilancio|piao|programmazione|rendicontazione)\b/i;

type Block = PageLayout["blocks"][number];

/**
 * A stamp: a small block (a few lines, under 40 % of the page's width) in a corner of the page (in
 * its top or bottom fifth, not centred) that carries a protocol mark.
 */
function stampLike(b: Block, page: PageLayout): boolean {
  const w = b.box[2] - b.box[0];
  const cx = (b.box[0] + b.box[2]) / 2;
  const corner =
    (b.box[3] < page.height * 0.2 || b.box[1] > page.height * 0.8) &&
    (cx < page.width * 0.35 || cx > page.width * 0.65);
  return b.lines.length <= 5 && w < page.width * 0.4 && corner && b.lines.some((l) => PROTOCOL.test(l.text));
}

const sizeOf = (l: Block["lines"][number]) => Math.max(...l.words.map((w) => w.fontSize));
const boldOf = (l: Block["lines"][number]) => l.words.filter((w) => w.bold).length >= l.words.length / 2;

/**
 * The title: on the first of the leading pages that has any, the largest (and, among those, the
 * boldest) lines of running text in the upper half, outside tables, up to three in a row. Never a
 * stamp's line, a protocol mark, or the issuer's name alone; when no such line exists, the first
 * running header that names something.
 */
export function detectTitle(head: PageLayout | PageLayout[] | undefined): string | null {
  const pages = Array.isArray(head) ? head : head ? [head] : [];
  for (const page of pages) {
    const running = page.blocks
      .filter((b) => !stampLike(b, page))
      .flatMap((b) => b.lines)
      .filter((l) => l.words.length && l.box[1] < page.height * 0.5);
    // OCR leaves fragments of cells beside a table (a word of a wrapped name): on a scanned page a
    // title is two words or more
    const titled = running.filter((l) => titleLike(l.text) && (!page.ocr || l.words.length > 1));
    if (!titled.length) continue;
    // a line that says what the document is (a plan, a year) is its title over a larger heading
    // that does not ("Scheda obiettivo n. 1" set larger than "PIAO 2025-2027 – Sezione Performance")
    const naming = titled.filter((l) => DOCUMENT_WORDS.test(l.text));
    const lines = naming.length ? naming : titled;
    const max = Math.max(...lines.map(sizeOf));
    let top = lines.filter((l) => sizeOf(l) >= max - 0.5);
    if (top.some(boldOf)) top = top.filter(boldOf);
    top.sort((a, b) => a.box[1] - b.box[1]);
    // the lines of one title follow each other closely, in the same type ("2021-2023" under it too)
    const first = top[0]!;
    const picked = [first];
    for (const l of running.filter((l) => l.box[1] > first.box[1]).sort((a, b) => a.box[1] - b.box[1])) {
      const prev = picked[picked.length - 1]!;
      if (picked.length === 3 || l.box[1] - prev.box[3] > 1.5 * sizeOf(prev)) break;
      if (Math.abs(sizeOf(l) - sizeOf(first)) > 0.5 || boldOf(l) !== boldOf(first)) break;
      picked.push(l);
    }
    return fold(picked.map((l) => l.text).join(" ")) || null;
  }
  // a title repeated on every page is a running header: the first one above the body
  const first = pages[0];
  if (!first) return null;
  // of several ("Allegato 3-4-5" beside "OBIETTIVI PIANO DELLA PERFORMANCE 2017"), the one that says
  // most: OCR measures type sizes too roughly to choose by them
  const named = first.furniture.filter(
    (l) => l.box[1] < first.height * 0.5 && !/^pagina|^pag\./i.test(l.text) && titleLike(l.text),
  );
  const words = (l: Line) => l.words.filter((w) => /\p{L}/u.test(w.text)).length;
  const running = named.reduce<Line | undefined>(
    (best, l) => (!best || words(l) > words(best) ? l : best),
    undefined,
  );
  return running ? fold(running.text) || null : null;
}

/** The year undated targets and results belong to: "Relazione ... 2023", else the most cited year. */
export function detectDefaultYear(title: string | null, text: string): number | null {
  const fromTitle = yearsIn(title ?? "");
  if (fromTitle.length === 1) return fromTitle[0]!;
  const m = /(?:relazione|piano|performance|anno)\D{0,40}((?:19|20)\d\d)(?!\s*[-–]\s*(?:19|20)\d\d)/i.exec(
    text,
  );
  return m ? Number(m[1]) : null;
}
