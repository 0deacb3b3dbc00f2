/**
 * An indicator's name cell: the name, a description printed under it in plain type, annotations in
 * italics before it, and a formula written into it when the table has no formula column.
 */
import { fold } from "../normalize/index.js";
import type { Slot } from "./tables.js";

/**
 * A name cell often holds the name in bold and a description or reference in plain text below it:
 * split there. Without a bold/plain change the whole text is the name.
 */
export function splitNameDescription(slot: Slot): { name: string; description: string | null } {
  // leading italic words are annotations ("OC", "new", "Pari opportunità"), not the name
  const firstWords = slot.lines[0]?.words ?? [];
  const lead = firstWords.findIndex((w) => !w.italic);
  if (lead > 0) {
    const drop = new Set(firstWords.slice(0, lead));
    slot = {
      ...slot,
      lines: slot.lines.map((l, i) =>
        i === 0
          ? {
              ...l,
              words: l.words.filter((w) => !drop.has(w)),
              text: l.words
                .filter((w) => !drop.has(w))
                .map((w) => w.text)
                .join(" "),
            }
          : l,
      ),
    };
    slot = { ...slot, text: fold(slot.lines.map((l) => l.text).join("\n")) };
  }
  const lines = slot.lines.filter((l) => l.text.trim());
  const boldLine = (l: (typeof lines)[number]) =>
    l.words.length > 0 && l.words.filter((w) => w.bold).length >= l.words.length / 2;
  const firstPlain = lines.findIndex((l) => !boldLine(l));
  if (lines.length < 2 || firstPlain <= 0 || !boldLine(lines[0]!))
    return { name: slot.text, description: null };
  return {
    name: fold(
      lines
        .slice(0, firstPlain)
        .map((l) => l.text)
        .join("\n"),
    ),
    description:
      fold(
        lines
          .slice(firstPlain)
          .map((l) => l.text)
          .join("\n"),
      ) || null,
  };
}

/**
 * Without an Algoritmo column the formula is often written into the name: after a colon
 * ("Crescita qualitativa social: N° followers anno x/N° followers anno x-1") or as a final
 * parenthetical that reads as a measure ("Livelli di attività ... (N. self-assessment ...)").
 */
export function splitInlineFormula(text: string): { name: string; formula: string | null } {
  const colon = /^(.{8,}?)\s*:\s+(.*\/.*)$/su.exec(text);
  if (colon && !/\(/.test(colon[1]!.replace(/\([^()]*\)/g, "")))
    return { name: colon[1]!.trim(), formula: colon[2]!.trim() };
  // the last top-level parenthetical, at the end or before a " - " tail
  let depth = 0,
    open = -1,
    close = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") {
      if (depth === 0) open = i;
      depth++;
    } else if (text[i] === ")" && depth > 0) {
      depth--;
      if (depth === 0) close = i;
    }
  }
  if (open <= 0 || close < open) return { name: text, formula: null };
  const before = text.slice(0, open).trim();
  const inner = text.slice(open + 1, close).trim();
  const after = text.slice(close + 1).trim();
  const measure =
    /^(n\.|n°|n\s|∑|%)/i.test(inner) ||
    (/^\p{Lu}\p{Ll}/u.test(inner) && inner.split(/\s+/).length >= 2 && !/^anno\b/i.test(inner));
  if (!measure || before.split(/\s+/).length < 3 || (after && !/^[-–]\s/.test(after)))
    return { name: text, formula: null };
  return { name: `${before}${after ? " " + after : ""}`.trim(), formula: inner };
}

/** labels written into a name cell, each opening a field of its own */
const CELL_LABEL =
  /(?:^|\s)(formula(?: di calcolo)?|algoritmo(?: di calcolo)?|metodo di calcolo|modalit[àa] di calcolo|fonte(?: dei dati| del dato| dati)?)\s*:\s*/giu;

/**
 * A name cell that carries its fields under labels ("Tempo medio di rilascio" over "Formula: giorni
 * / CIE rilasciate" and "Fonte: ANPR"): the name before the first label, the formula, and the source
 * as a note (kept with its label, as a source column's is).
 */
export function splitLabelledFields(text: string): { name: string; formula: string | null; notes: string[] } {
  // (a label inside brackets, "(fonte: indagine annuale)", is part of the name)
  const open = (i: number) =>
    (text.slice(0, i).match(/\(/g) ?? []).length > (text.slice(0, i).match(/\)/g) ?? []).length;
  const marks = [...text.matchAll(CELL_LABEL)].filter((m) => !open(m.index));
  if (!marks.length || marks[0]!.index === 0) return { name: text, formula: null, notes: [] };
  const name = text.slice(0, marks[0]!.index).trim();
  let formula: string | null = null;
  const notes: string[] = [];
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const value = text.slice(m.index + m[0].length, end).trim();
    if (!value) return;
    if (/^fonte/i.test(m[1]!)) notes.push(fold(`${m[1]}: ${value}`));
    else formula = formula ? `${formula} ${value}` : value;
  });
  return { name, formula, notes };
}
