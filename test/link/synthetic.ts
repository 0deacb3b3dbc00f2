/**
 * Two synthetic editions of a large plan, for linking at scale (the bench and a unit test): n
 * indicators under n/20 objectives, with formulas and % or count targets. Seven names in ten are 6-9
 * words drawn from a vocabulary of made-up words, with a few common ones that most names carry
 * ("numero", "percentuale", ...); three in ten are the same few phrases told apart by a number
 * ("Indice di efficienza dei servizi amministrativi 1234"): every such name is like every other, the
 * case that made linking quadratic. The newer edition renames most indicators (one word replaced,
 * added or dropped; never the number), keeps a tenth as they are, drops a twentieth and adds as many
 * look-alikes of the dropped ones (half their words, or the same phrase with another number, under
 * another objective, with another formula). Seeded: the same n gives the same editions.
 */
import type { Indicator, Objective, StoredDocument, Target } from "../../src/model/index.js";

/** mulberry32: small, fast, seeded */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL =
  "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu".split(
    " ",
  );
const COMMON = "numero percentuale imprese servizi grado tempo medio pratiche utenti attività".split(" ");
const PHRASES = [
  "Indice di efficienza dei servizi amministrativi",
  "Tempo medio di evasione delle pratiche dell'ufficio",
  "Percentuale di imprese soddisfatte del servizio",
  "Grado di copertura dei controlli sul territorio",
  "Numero di utenti assistiti dallo sportello",
  "Costo medio per pratica gestita dall'ufficio",
].map((p) => p.split(" "));
/** the words a renamed phrase may take instead of one of its own */
const SYNONYMS =
  "efficacia lavorazione gestione soddisfazione verifiche clienti seguiti unitario trattata".split(" ");

export interface SyntheticPair {
  a: StoredDocument;
  b: StoredDocument;
  /** gold links as (index in a, index in b) */
  links: [number, number][];
  removed: number[];
  added: number[];
}

/** `phrases`: the share of names that are phrases told apart by a number (default 0.3) */
export function syntheticEditions(n: number, opts: { seed?: number; phrases?: number } = {}): SyntheticPair {
  const seed = opts.seed ?? 19,
    phrases = opts.phrases ?? 0.3;
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const vocabulary = new Set<string>();
  while (vocabulary.size < Math.max(2000, n / 2))
    vocabulary.add(pick(SYL) + pick(SYL) + pick(SYL) + pick(SYL) + "ne");
  const words = [...vocabulary];
  const phrase = (k: number) => Array.from({ length: k }, () => pick(words));
  const objectives = Math.max(1, Math.round(n / 20));
  const objCode = (i: number) => String(i + 1);

  interface Row {
    name: string[];
    formula: string[];
    objective: number;
    unit: "%" | "count";
    values: number[];
  }
  // the numbers that tell the phrases apart, one per indicator, never reused
  let serial = 1000;
  const rows: Row[] = Array.from({ length: n }, () => ({
    name:
      r() < phrases
        ? [...pick(PHRASES), String(serial++)]
        : [pick(COMMON), ...phrase(5 + Math.floor(r() * 4))],
    formula: phrase(4 + Math.floor(r() * 3)),
    objective: Math.floor(r() * objectives),
    unit: r() < 0.6 ? "%" : "count",
    values: [0, 1, 2].map(() => 10 + Math.floor(r() * 80)),
  }));
  const numbered = (name: string[]) => /^\d+$/.test(name[name.length - 1]!);
  const reword = (name: string[]) => {
    const w = [...name];
    // a phrase's number is what tells it apart: only its words change
    const last = numbered(w) ? w.length - 2 : w.length - 1;
    const k = 1 + Math.floor(r() * last);
    const how = r();
    const word = numbered(w) ? pick(SYNONYMS) : pick(words);
    if (how < 0.5) w[k] = word;
    else if (how < 0.75) w.splice(k, 0, word);
    else w.splice(k, 1);
    return w;
  };
  const bRows: Row[] = [];
  const links: [number, number][] = [];
  const removed: number[] = [];
  const added: number[] = [];
  rows.forEach((row, i) => {
    const fate = r();
    if (fate < 0.05) {
      removed.push(i);
      // a look-alike: half the words, another objective, another formula
      added.push(bRows.length);
      bRows.push({
        ...row,
        name: numbered(row.name)
          ? [...row.name.slice(0, -1), String(serial++)]
          : [...row.name.slice(0, Math.ceil(row.name.length / 2)), ...phrase(3)],
        formula: phrase(5),
        objective: (row.objective + 1 + Math.floor(r() * (objectives - 1))) % objectives,
      });
      return;
    }
    links.push([i, bRows.length]);
    bRows.push({ ...row, name: fate < 0.15 ? row.name : reword(row.name) });
  });

  const doc = (id: string, file: string, firstYear: number, rs: Row[]): StoredDocument => ({
    id,
    file,
    path: null,
    kind: "plan",
    issuer: "Ente sintetico",
    title: file,
    act: null,
    years: [firstYear, firstYear + 1, firstYear + 2],
    pages: 1,
    ocrPages: 0,
    signatures: [],
    signatories: [],
    objectives: Array.from({ length: objectives }, (_, i): Objective => ({
      code: objCode(i),
      title: `Obiettivo ${phrase(3).join(" ")}`,
      level: "strategic",
      parentCode: null,
      weight: null,
      owner: null,
    })),
    indicators: rs.map((row): Indicator => ({
      code: null,
      name: row.name.join(" "),
      description: null,
      objectiveCode: objCode(row.objective),
      formula: `N. ${row.formula.join(" ")} / N. totale`,
      weight: null,
      owner: null,
      baselines: [],
      targets: row.values.map((v, k): Target => ({
        year: firstYear + k,
        op: ">=",
        value: v,
        unit: row.unit,
        raw: `>= ${v}${row.unit === "%" ? "%" : ""}`,
        relative: null,
        superseded: false,
      })),
      results: [],
      notes: [],
      source: { page: 1, bbox: null },
    })),
    warnings: [],
  });
  return {
    a: doc(`${"a".repeat(56)}${String(n).padStart(8, "0")}`, `sintetico-a-${n}.pdf`, 2024, rows),
    b: doc(`${"b".repeat(56)}${String(n).padStart(8, "0")}`, `sintetico-b-${n}.pdf`, 2025, bRows),
    links,
    removed,
    added,
  };
}
