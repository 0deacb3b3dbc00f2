/** The linker's rules one by one: evidence, margin, objectives renumbered, blocking, the time budget. */
import { describe, expect, it } from "vitest";
import type { LinkCandidate, LinkSide, ObjectiveCandidate } from "../../src/model/index.js";
import { linkIndicators, linkSides } from "../../src/link/index.js";
import { mutualBest } from "../../src/link/match.js";
import { block } from "../../src/link/block.js";
import { ObjectiveMap } from "../../src/link/objectives.js";
import { evidence, prepare } from "../../src/link/evidence.js";

let next = 1;
const ind = (over: Partial<LinkCandidate> & { name: string }): LinkCandidate => ({
  id: next++,
  code: null,
  objective: null,
  formula: null,
  units: "",
  ops: "",
  ...over,
});
const side = (indicators: LinkCandidate[], objectives: ObjectiveCandidate[] = []): LinkSide => ({
  indicators,
  objectives,
});
const pairs = (links: { from: number; to: number }[]) => links.map((l) => [l.from, l.to]);

describe("links by similar names need evidence", () => {
  it("links a reworded name under the same objective with the same formula", () => {
    const a = ind({
      name: "Tempo medio di evasione delle pratiche",
      objective: "1",
      formula: "giorni / pratiche evase",
      units: "days",
      ops: "<=",
    });
    const b = ind({
      name: "Tempo medio di lavorazione delle pratiche",
      objective: "1",
      formula: "giorni / pratiche evase",
      units: "days",
      ops: "<=",
    });
    const links = linkIndicators([a], [b]);
    expect(pairs(links)).toEqual([[a.id, b.id]]);
    expect(links[0]!.method).toBe("similarity");
  });

  it("does not link look-alikes under another objective", () => {
    const a = ind({
      name: "Numero di imprese partecipanti ai corsi sull'export",
      objective: "2",
      units: "count",
    });
    const b = ind({
      name: "Numero di imprese partecipanti ai corsi sul digitale",
      objective: "1",
      units: "count",
    });
    expect(linkIndicators([a], [b])).toEqual([]);
  });

  it("does not link look-alikes with another formula under the same objective", () => {
    const a = ind({
      name: "Percentuale di fatture pagate entro i termini",
      objective: "5",
      formula: "N. fatture pagate entro 30 giorni / N. fatture ricevute",
      units: "%",
    });
    const b = ind({
      name: "Percentuale di fatture registrate entro i termini",
      objective: "5",
      formula: "N. fatture registrate entro 10 giorni / N. fatture ricevute",
      units: "%",
    });
    expect(linkIndicators([a], [b])).toEqual([]);
  });

  it("does not link names alike whose units or directions contradict", () => {
    const a = ind({
      name: "Tempo medio di risposta ai reclami ricevuti",
      objective: "7",
      units: "days",
      ops: "<=",
    });
    const pct = ind({
      name: "Tempo medio di risposta ai reclami ricevuti in percentuale",
      objective: "7",
      units: "%",
      ops: "<=",
    });
    const up = ind({
      name: "Tempo medio di risposta ai reclami ricevuti in giorni",
      objective: "7",
      units: "days",
      ops: ">=",
    });
    expect(linkIndicators([a], [pct])).toEqual([]);
    expect(linkIndicators([a], [up])).toEqual([]);
  });

  it("needs some evidence: names alone, with nothing else known, are not enough", () => {
    const a = ind({ name: "Numero di imprese coinvolte nei progetti di filiera" });
    const b = ind({ name: "Numero di imprese coinvolte nei progetti di filiera corta" });
    expect(linkIndicators([a], [b])).toEqual([]);
    // with only the unit to go by (no objective, no formula), the unit is the evidence
    const c = ind({ name: a.name + " locale", units: "count" }),
      d = ind({ name: b.name, units: "count" });
    expect(pairs(linkIndicators([c], [d]))).toEqual([[c.id, d.id]]);
  });

  it("links an indicator moved to another objective when its formula is the same", () => {
    const a = ind({
      name: "Grado di copertura dei controlli metrologici",
      objective: "3",
      formula: "N. strumenti verificati / N. strumenti censiti",
      units: "%",
    });
    const b = ind({
      name: "Grado di copertura dei controlli metrologici svolti",
      objective: "4",
      formula: "N. strumenti verificati / N. strumenti censiti",
      units: "%",
    });
    expect(pairs(linkIndicators([a], [b]))).toEqual([[a.id, b.id]]);
  });

  it("keeps code and exact-name links whatever the evidence", () => {
    const a = ind({ name: "Indice A", code: "C1.1_04", objective: "1", units: "%" });
    const b = ind({ name: "Indice B del tutto diverso", code: "C1.1_04", objective: "9", units: "days" });
    const c = ind({ name: "Grado di trasparenza", objective: "1", units: "%" });
    const d = ind({ name: "grado  di TRASPARENZA", objective: "2", units: "count" });
    expect(linkIndicators([a, c], [b, d]).map((l) => [l.from, l.to, l.method])).toEqual([
      [a.id, b.id, "code"],
      [c.id, d.id, "name"],
    ]);
  });
});

describe("links by similar names need a clear margin", () => {
  it("leaves an indicator unlinked between two equally good candidates", () => {
    const a = ind({ name: "Numero di eventi di promozione organizzati", objective: "1", units: "count" });
    const b1 = ind({ name: "Numero di eventi di promozione realizzati", objective: "1", units: "count" });
    const b2 = ind({ name: "Numero di eventi di promozione svolti", objective: "1", units: "count" });
    expect(linkIndicators([a], [b1, b2])).toEqual([]);
  });

  it("takes a pair once the rival is linked elsewhere (rounds)", () => {
    const a1 = ind({
      name: "Numero di visite ispettive metrologiche effettuate",
      objective: "3",
      formula: "N. visite metrologiche",
      units: "count",
    });
    const a2 = ind({
      name: "Numero di visite ispettive metrologiche straordinarie effettuate",
      objective: "3",
      formula: "N. visite straordinarie",
      units: "count",
    });
    const b1 = ind({
      name: "Numero di visite ispettive metrologiche svolte",
      objective: "3",
      formula: "N. visite metrologiche",
      units: "count",
    });
    const b2 = ind({
      name: "Numero di visite ispettive metrologiche straordinarie svolte",
      objective: "3",
      formula: "N. visite straordinarie",
      units: "count",
    });
    expect(pairs(linkIndicators([a1, a2], [b1, b2])).sort()).toEqual(
      [
        [a1.id, b1.id],
        [a2.id, b2.id],
      ].sort(),
    );
  });
});

describe("objectives renumbered between editions", () => {
  const objA = [
    { key: "1", title: "Digitalizzazione dei servizi" },
    { key: "2", title: "Internazionalizzazione delle imprese" },
  ];
  const objB = [
    { key: "1", title: "Digitalizzazione dei servizi" },
    { key: "2", title: "Transizione ecologica" },
    { key: "3", title: "Internazionalizzazione delle imprese" },
  ];

  it("maps objectives by the indicators linked, then titles, then codes", () => {
    const m = new ObjectiveMap(objA, objB, [
      ["2", "3"],
      ["2", "3"],
      ["1", "1"],
    ]);
    expect(m.same("2", "3")).toBe(true);
    expect(m.same("2", "2")).toBe(false);
    expect(m.image("2")).toBe("3");
    // by title alone
    expect(new ObjectiveMap(objA, objB, []).same("2", "3")).toBe(true);
    // by code when the titles do not say otherwise; a code whose title says otherwise is not trusted
    const m2 = new ObjectiveMap(
      [
        { key: "4", title: "Bilancio" },
        { key: "5", title: "Personale" },
      ],
      [
        { key: "4", title: "Bilancio e patrimonio" },
        { key: "5", title: "Turismo" },
      ],
      [],
    );
    expect(m2.same("4", "4")).toBe(true);
    expect(m2.same("5", "5")).toBe(false);
    expect(new ObjectiveMap([], [], []).same("7", "7")).toBe(true);
    expect(new ObjectiveMap([], [], []).same("7", null)).toBe(null);
  });

  it("links a repeated name within its own renumbered objective, and refuses a look-alike across", () => {
    const rep = "Valutazioni positive delle imprese partecipanti alle iniziative";
    const a = [
      ind({ name: "Percentuale di servizi online", objective: "1", units: "%" }),
      ind({ name: "Numero di imprese assistite all'estero", objective: "2", units: "count" }),
      ind({ name: rep, objective: "1", units: "%" }),
      ind({ name: rep, objective: "2", units: "%" }),
      ind({ name: "Numero di imprese partecipanti ai corsi sull'export", objective: "2" }),
    ];
    const b = [
      ind({ name: "Percentuale di servizi online", objective: "1", units: "%" }),
      ind({ name: "Numero di imprese partecipanti ai corsi sull'export ecologico", objective: "2" }),
      ind({ name: "Numero di imprese assistite all'estero", objective: "3", units: "count" }),
      ind({ name: rep, objective: "3", units: "%" }),
      ind({ name: rep, objective: "1", units: "%" }),
    ];
    const out = linkSides(side(a, objA), side(b, objB)).links;
    expect(pairs(out).sort()).toEqual(
      [
        [a[0]!.id, b[0]!.id],
        [a[1]!.id, b[2]!.id],
        [a[2]!.id, b[4]!.id],
        [a[3]!.id, b[3]!.id],
      ].sort(),
    );
  });
});

describe("the parts", () => {
  it("mutualBest: mutual, by a margin, never a tie", () => {
    const used = () => [new Uint8Array(2), new Uint8Array(2)] as const;
    let [ua, ub] = used();
    expect(
      mutualBest(
        [
          { a: 0, b: 0, score: 0.9, ok: true },
          { a: 0, b: 1, score: 0.7, ok: true },
        ],
        ua,
        ub,
        0.1,
      ),
    ).toHaveLength(1);
    [ua, ub] = used();
    expect(
      mutualBest(
        [
          { a: 0, b: 0, score: 0.9, ok: true },
          { a: 0, b: 1, score: 0.85, ok: true },
        ],
        ua,
        ub,
        0.1,
      ),
    ).toHaveLength(0);
    [ua, ub] = used();
    expect(
      mutualBest(
        [
          { a: 0, b: 0, score: 0.8, ok: true },
          { a: 1, b: 0, score: 0.8, ok: true },
        ],
        ua,
        ub,
        0,
      ),
    ).toHaveLength(0);
    // a pair that may not be taken still stands in the way
    [ua, ub] = used();
    expect(
      mutualBest(
        [
          { a: 0, b: 0, score: 0.8, ok: true },
          { a: 1, b: 0, score: 0.85, ok: false },
        ],
        ua,
        ub,
        0.01,
      ),
    ).toHaveLength(0);
  });

  it("block: rare shared words first, top k, items already matched skipped", () => {
    const to = [
      ["a", "common"],
      ["b", "common"],
      ["c", "common"],
      ["a", "b"],
    ];
    const r = block([["a", "b", "common"], ["z"]], to, new Uint8Array(2), new Uint8Array([0, 0, 0, 1]), {
      topK: 2,
      maxDf: 10,
      maxScan: 100,
    });
    expect([...r.candidates[0]!]).toHaveLength(2);
    expect([...r.candidates[0]!]).not.toContain(3);
    expect([...r.candidates[1]!]).toEqual([]);
    expect(r.examined).toBe(2);
  });

  it("evidence: a different code, formula or objective is against", () => {
    const p = (o: Partial<LinkCandidate>) => prepare(ind({ name: "x", ...o }));
    expect(evidence(p({ code: "A1" }), p({ code: "A2" }), true).ok).toBe(false);
    expect(evidence(p({ formula: "a / b" }), p({ formula: "c / d" }), true).ok).toBe(false);
    expect(evidence(p({}), p({}), false).ok).toBe(false);
    expect(evidence(p({}), p({}), true).ok).toBe(true);
  });
});

describe("the time budget", () => {
  it("stops the similarity step when it runs out, keeps the code and name links, and says so", () => {
    const a = [
      ind({ name: "Alfa beta gamma", code: "X1" }),
      ind({ name: "Delta epsilon zeta eta", objective: "1" }),
    ];
    const b = [
      ind({ name: "Alfa beta gamma", code: "X1" }),
      ind({ name: "Delta epsilon zeta eta theta", objective: "1" }),
    ];
    let t = 0;
    const out = linkSides(side(a), side(b), { budgetMs: 5, now: () => (t += 10) });
    expect(out.truncated).toBe(true);
    expect(out.unexamined).toBeGreaterThan(0);
    expect(out.links.map((l) => l.method)).toEqual(["code"]);
    const full = linkSides(side(a), side(b));
    expect(full.truncated).toBe(false);
    expect(full.links.map((l) => l.method)).toEqual(["code", "similarity"]);
  });
});
