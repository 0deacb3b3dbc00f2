/** Document-level facts: kind, issuer, title, and the year a report's undated targets refer to. */
import type { DocumentKind, PageLayout } from "../model/index.js";
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
    /\bpiano (della|delle|triennale|integrato)|\bpiao\b|\balbero della performance\b|\bobiettivi (strategici|operativi)\b|\ballegato\b/,
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

/** "Camera di commercio di Ferrara e Ravenna", "Camera di Commercio Riviere di Liguria", "Comune di …" */
export function detectIssuer(text: string): string | null {
  const m =
    /\b(Camera di [Cc]ommercio(?:,? [Ii]ndustria,? [Aa]rtigianato e [Aa]gricoltura)?(?: (?:di|del|della|dell'|delle|dei) )?(?:[A-ZÀ-Ý][\p{L}'’]+|e|di|del|della|delle)(?: (?:[A-ZÀ-Ý][\p{L}'’]+|e|di|del|della|delle))*)/u.exec(
      text,
    ) ??
    /\b((?:Comune|Provincia|Regione|Citt[àa] metropolitana) (?:di|del|della) [A-ZÀ-Ý][\p{L}'’]+(?: [A-ZÀ-Ý][\p{L}'’]+)*)/u.exec(
      text,
    );
  if (!m) return null;
  return fold(m[1]!).replace(/\s+(e|di|del|della|delle)$/, "");
}

/** The title: the largest text outside tables near the top of the first page (running lines excluded). */
export function detectTitle(first: PageLayout | undefined): string | null {
  if (!first) return null;
  const lines = first.blocks
    .flatMap((b) => b.lines)
    .filter((l) => l.text.trim().length > 3 && l.box[1] < first.height * 0.5);
  // a title repeated on every page is a running header: the first one above the body
  if (!lines.length)
    return (
      fold(
        first.furniture.find((l) => l.box[1] < first.height * 0.5 && !/^pagina|^pag\./i.test(l.text))?.text ??
          "",
      ) || null
    );
  const size = (l: (typeof lines)[number]) => Math.max(...l.words.map((w) => w.fontSize));
  const max = Math.max(...lines.map(size));
  const top = lines
    .filter((l) => size(l) >= max - 0.5)
    .sort((a, b) => a.box[1] - b.box[1])
    .slice(0, 3);
  return fold(top.map((l) => l.text).join(" ")) || null;
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
