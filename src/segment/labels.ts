/**
 * Labels printed beside an objective's title that are fields of their own, not words of the title:
 * an owner (`Servizio "…"`, `Responsabile: …`, `Struttura responsabile: …`), a weight (`(peso 30%)`,
 * `Peso: 30%`), an evaluation (`Valutazione OIV: 80`) or a scope (`PERFORMANCE D'ENTE`). The words
 * come from the profile's lexicon.
 */
import { fold, parseItalianNumber } from "../normalize/index.js";
import { headerPlain } from "./columns.js";
import type { CompiledLexicon } from "./lexicon.js";

export type LabelField = "owner" | "weight" | "evaluation" | "scope";

export interface Label {
  field: LabelField;
  /** the value the label gives (owner text, weight in percent, score); null for a scope */
  value: string | number | null;
}

/**
 * Reads one line as a label, or null when it is not one. A label starts with its word, then a
 * colon, a quote, a dash or a value; a scope label is the whole line.
 */
export function readLabel(line: string, lx: CompiledLexicon): Label | null {
  const t = fold(line);
  if (!t || t.length > 160) return null;
  const h = headerPlain(t);
  // "(peso 30%)", "Peso: 30 %", "peso 30,5%" (a scan's "Peso; 30%")
  // ("Peso dell'obiettivo: 30%.", "Peso ponderale 30%")
  const w =
    /^\(?\s*(?:peso|ponderazione)(?:\s+(?:dell['’]\s*obiettivo|ponderale|attribuito|assegnato))?\s*[:;=]?\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)?[.;]?$/i.exec(
      h,
    );
  if (w && lx.labels.weight.test(h)) return { field: "weight", value: parseItalianNumber(w[1]!) };
  // (OCR leaves specks between the colon and the score: `Valutazione: Q1V:.90`, `O(V:. 60`)
  const ev = /^(.{3,40}?)\s*[:=][\s.:;,'’·]*(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(h);
  if (ev && lx.labels.evaluation.test(ev[1]!) && startsWith(lx.labels.evaluation, h))
    return { field: "evaluation", value: parseItalianNumber(ev[2]!) };
  // (a speck before a scan's scope read as a quote, `‘PERFORMANCE ORGANIZZATIVA`, and the space
  // before an elided word lost, `PERFORMANCED'ENTE`)
  const hs = h.replace(/^['"“”]+\s*/, "").replace(/(?<=\p{L}{4})(?=d'\p{L})/u, " ");
  if (
    lx.labels.scope.test(hs) &&
    startsWith(lx.labels.scope, hs) &&
    lx.labels.scope.exec(hs)![0].length >= hs.length - 2
  )
    return { field: "scope", value: null };
  if (startsWith(lx.labels.owner, h)) {
    const m = lx.labels.owner.exec(h)!;
    const after = t.slice(m[0].length);
    // "Responsabile: Mario Rossi" gives the name; "Servizio "X"" names the office with its word
    // (a scan reads the colon as a semicolon: `Struttura responsabile; Stazione …`)
    const colon = /^\s*[:;\-–]\s*(.+)$/su.exec(after);
    if (colon) return { field: "owner", value: colon[1]!.trim() };
    const quoted = /^\p{Lu}/u.test(t) && /^\s*["“«]/.test(after);
    const caps = /^\p{Lu}/u.test(t) && /^\s+\p{Lu}[\p{Lu}\s,.'’&-]{3,}$/u.test(after);
    // an office named after its word ("Servizio Servizi Anagrafici per l'Impresa - LA SPEZIA"); a
    // title goes on in lower case ("Servizio di assistenza alle imprese")
    // (the label word itself capitalized: "settore Energia" inside a wrapped title is no label)
    const named =
      /^\p{Lu}/u.test(t) && /^\s+\p{Lu}/u.test(after) && t.split(/\s+/).length <= 12 && !/[.;]$/.test(t);
    // the owner as printed, quotes and all
    if (quoted || caps || named) return { field: "owner", value: t };
  }
  return null;
}

/** A text with a quote opened and not closed. */
function openQuote(text: string): boolean {
  const straight = (text.match(/"/g) ?? []).length;
  const opened = (text.match(/[“«]/g) ?? []).length;
  const closed = (text.match(/[”»]/g) ?? []).length;
  return straight % 2 === 1 || opened > closed;
}

/** 'Servizio "DIPARTIMENTO DI': an owner's word and the start of a quoted name, the rest below. */
function openQuotedOwner(line: string, lx: CompiledLexicon): Label | null {
  const t = fold(line);
  const h = headerPlain(t);
  if (!startsWith(lx.labels.owner, h) || !/^\p{Lu}/u.test(t)) return null;
  const after = t.slice(lx.labels.owner.exec(h)![0].length);
  return /^\s*["“«][^"”»]*$/.test(after) ? { field: "owner", value: t } : null;
}

function startsWith(re: RegExp, h: string): boolean {
  const m = re.exec(h);
  return !!m && m.index === 0;
}

/** An owner's label word and its colon, with nothing after them. */
function ownerWordAlone(line: string, lx: CompiledLexicon): boolean {
  const t = fold(line);
  const h = headerPlain(t);
  if (!startsWith(lx.labels.owner, h)) return false;
  return /^\s*[:\-–]\s*$/.test(t.slice(lx.labels.owner.exec(h)![0].length));
}

/** An owner's label word alone, in capital (`Servizio`), nothing after it. */
function ownerWordOnly(line: string, lx: CompiledLexicon): boolean {
  const t = fold(line);
  const h = headerPlain(t);
  return (
    /^\p{Lu}/u.test(t) && startsWith(lx.labels.owner, h) && lx.labels.owner.exec(h)![0].length >= h.length
  );
}

/** A run of text split into its label lines and the rest (the title and whatever else). */
export function splitLabels(lines: string[], lx: CompiledLexicon): { rest: string[]; labels: Label[] } {
  const rest: string[] = [];
  const labels: Label[] = [];
  // an owner given after a colon, whose name may wrap onto the next lines of a narrow cell
  let owner: Label | null = null;
  // an office in quotes wrapped over lines ('Servizio "DIPARTIMENTO DI' over 'PREVENZIONE"'): it
  // runs on to its closing quote
  let quoted: Label | null = null;
  // "Struttura responsabile: Direzione Musei. Peso dell'obiettivo: 30%.", "Responsabile: X – Peso:
  // 40%": labels run on in one line
  // (a line of specks only, `. .` read around a scan's labels, holds no word of a title)
  lines = lines.filter((l) => /[\p{L}\p{N}]/u.test(l));
  lines = lines.flatMap((l) => {
    const parts = l.split(/(?<=[.;])\s+(?=\p{Lu})|\s+[-–—|]\s+(?=\p{Lu})/u);
    if (parts.length < 2 || !parts.every((p) => readLabel(p, lx))) return [l];
    return parts.map((p, i) => (i < parts.length - 1 ? p.replace(/[.;]$/, "") : p));
  });
  // ("Servizio" alone on its line over '“SETTORE', 'POLITICHE SOCIALI”': a narrow cell's quoted office)
  lines = lines.reduce<string[]>((out, l) => {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^\s*["“«]/.test(l) && ownerWordOnly(prev, lx))
      out[out.length - 1] = `${prev} ${l.trim()}`;
    else out.push(l);
    return out;
  }, []);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (quoted) {
      quoted.value = fold(`${quoted.value as string} ${l}`);
      if (!openQuote(quoted.value)) quoted = null;
      continue;
    }
    const label = readLabel(l, lx) ?? openQuotedOwner(l, lx);
    if (label?.field === "owner" && typeof label.value === "string" && openQuote(label.value)) {
      quoted = label;
      owner = null;
      labels.push(label);
      continue;
    }
    // "Responsabile: Area" over "Anagrafe e Registro" and "Imprese": the name runs on to the next
    // label (a short line, no sentence)
    if (!label && owner && l.trim().split(/\s+/).length <= 6 && !/[.;]\s*$|^\s*\(/.test(l)) {
      owner.value = fold(`${owner.value as string} ${l}`);
      continue;
    }
    owner = label?.field === "owner" && /[:;]\s*\S/.test(l) ? label : null;
    // "Responsabile:" at the end of a line, its value wrapped onto the lines below (a narrow cell)
    const open = !label && i + 1 < lines.length ? ownerWordAlone(l, lx) : false;
    if (open) {
      // (down to the next label: "(peso 100%)" under the office's name is the weight)
      let j = i + 1;
      while (j < lines.length && (j === i + 1 || !readLabel(lines[j]!, lx))) j++;
      labels.push({ field: "owner", value: fold(lines.slice(i + 1, j).join(" ")) });
      if (j === lines.length) break;
      owner = null;
      i = j - 1;
      continue;
    }
    if (label) labels.push(label);
    else {
      // "Titolo dell'obiettivo (peso 30%)": a weight printed at the end of the title line
      const tail = /\s*\(\s*(?:peso|ponderazione)\s*[:=]?\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)\s*$/i.exec(l);
      if (tail) {
        labels.push({ field: "weight", value: parseItalianNumber(tail[1]!) });
        const before = l.slice(0, tail.index).trim();
        if (before) rest.push(before);
      } else rest.push(l);
    }
  }
  return { rest, labels };
}

/**
 * An office printed in brackets after an objective's title, in capitals (`Ridurre i tempi … (SERVIZIO
 * PROMOZIONE E INTERNAZIONALIZZAZIONE)`): the objective's owner, not words of its title. Null when the
 * title ends otherwise, or the brackets hold no office's word (`(fase 2)`, `(PNRR)`).
 */
export function bracketedOwner(title: string, lx: CompiledLexicon): { title: string; owner: string } | null {
  const m = /^(.*\S)\s*\(([^()]{4,100})\)\s*$/su.exec(title);
  if (!m) return null;
  const inner = m[2]!.trim();
  if (/\p{Ll}/u.test(inner) || !/\p{Lu}{3}/u.test(inner)) return null;
  if (!lx.offices.test(headerPlain(inner).toLowerCase())) return null;
  return { title: m[1]!.trim(), owner: inner };
}
