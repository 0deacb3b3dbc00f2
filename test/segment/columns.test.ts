/** Column roles from header words and, where those say nothing, from the cells' content. */
import { describe, expect, it } from "vitest";
import {
  classifyHeader,
  columnStats,
  inferRoles,
  settleYears,
  withKnownYears,
  yearsByPosition,
  spreadHeader,
  TITLE_COLUMN,
  type ColumnRole,
} from "../../src/segment/columns.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";

const lx = wordsOf(loadProfileSet().generic);
const role = (h: string) => classifyHeader(h, lx);

describe("classifyHeader", () => {
  it("knows the synonyms of each role", () => {
    for (const h of ["Indicatore", "KPI", "Misura", "Descrizione indicatore"])
      expect(role(h).role, h).toBe("indicator");
    for (const h of ["Algoritmo", "Formula", "Modalità di calcolo", "Metodo di calcolo"])
      expect(role(h).role, h).toBe("formula");
    for (const h of ["Target", "Valore atteso", "Risultato atteso", "Obiettivo 2024"])
      expect(role(h).role, h).toBe("target");
    for (const h of ["Peso", "Ponderazione"]) expect(role(h).role, h).toBe("weight");
    for (const h of ["Responsabile", "Owner", "Struttura responsabile"])
      expect(role(h).role, h).toBe("owner");
    for (const h of ["Consuntivo", "Valore raggiunto"]) expect(role(h).role, h).toBe("result");
    for (const h of ["Baseline", "Valore di partenza", "Stato"]) expect(role(h).role, h).toBe("baseline");
    for (const h of ["Serie storica", "Consuntivi anni precedenti Valore 2021", "Dati storici"])
      expect(role(h).role, h).toBe("history");
    expect(role("Percentuale di raggiungimento").role).toBe("achievement");
    expect(role("Obiettivo strategico")).toMatchObject({ role: "objective", level: "strategic" });
    expect(role("Unità di misura").role).toBe("unit");
    // (its abbreviation with one stop, or spaced)
    expect(role("UM.").role).toBe("unit");
    expect(role("U. M.").role).toBe("unit");
    expect(role("Definizione").role).toBe("description");
  });
  it("reads the year and the unit a header gives its values", () => {
    expect(role("Target 2025 (%)")).toMatchObject({ role: "target", year: 2025, unit: "%" });
    expect(role("Tempo medio (gg) 2024")).toMatchObject({ role: "unknown", year: 2024, unit: "days" });
    expect(role("Importo (€)").unit).toBe("EUR");
    expect(role("Target 2025 (€/000)").unit).toBe("EUR");
    expect(role("Target 2025 (valore %)").unit).toBe("%");
    expect(role("Target 2025 [%]").unit).toBe("%");
    expect(role("2023")).toMatchObject({ role: "target", year: 2023 });
  });
  it("says why", () => {
    expect(role("Valore atteso").reason).toMatch(/valore atteso/);
  });
  it("gives a header the role of its head word when a later word only qualifies it ('X di Y')", () => {
    for (const h of ["Indicatore di risultato", "Indicatori di risultato", "KPI di risultato"])
      expect(role(h).role, h).toBe("indicator");
    expect(role("Responsabile del risultato").role).toBe("owner");
    // a header that opens with its role word keeps it, and words side by side are no qualifier
    expect(role("Risultato dell'indicatore").role).toBe("result");
    expect(role("Valore atteso dell'indicatore").role).toBe("target");
    expect(role("Percentuale di raggiungimento").role).toBe("achievement");
    expect(role("Descrizione indicatore").role).toBe("indicator");
  });
  it("keeps a role word in brackets at a header's end, and drops a unit there", () => {
    expect(role("Valore 2023 (baseline)")).toMatchObject({ role: "baseline", year: 2023 });
    expect(role("2024 (target)")).toMatchObject({ role: "target", year: 2024 });
    expect(role("Obiettivo 2026 (N.)")).toMatchObject({ role: "target", year: 2026, unit: "count" });
    expect(role("Valore registrato 2024")).toMatchObject({ role: "result", year: 2024 });
  });
  it("knows more words of planned and achieved values", () => {
    for (const h of [
      "Valore programmato 2025",
      "Valore previsto 2025",
      "Livello obiettivo 2025",
      "Valore soglia",
    ])
      expect(role(h).role, h).toBe("target");
    for (const h of ["Effettivo 2023", "Raggiunto 2023", "Valore rendicontato"])
      expect(role(h).role, h).toBe("result");
  });
  it("names the columns that hold no field ('Scostamento', 'Esito', 'Tipologia indicatore'), so their figures are no values", () => {
    for (const h of [
      "Scostamento",
      "Scostamento dal target",
      "Esito",
      "Tipologia indicatore",
      "Polarità",
      "Trend 2021-2023",
    ])
      expect(role(h).role, h).toBe("other");
    expect(role("Trend storico").role).toBe("history");
    // the longer words found at the same place say more
    for (const h of ["Stato di attuazione", "Stato avanzamento", "Azioni correttive", "Semaforo"])
      expect(role(h).role, h).toBe("other");
    expect(role("Stato 2015").role).toBe("baseline");
  });
});

describe("classifyHeader with units", () => {
  it("reads the role words before a unit in brackets, and keeps the unit", () => {
    const r = role("Obiettivo 2026 (N.)");
    expect([r.role, r.year, r.unit]).toEqual(["target", 2026, "count"]);
    expect(role("Valore di partenza (2025)")).toMatchObject({ role: "baseline", year: 2025 });
  });
});

describe("spreadHeader", () => {
  it("gives each column its year of a label drawn over several", () => {
    expect(spreadHeader("Target 2024 Target 2025 Target 2026", 3)).toEqual([
      "Target 2024",
      "Target 2025",
      "Target 2026",
    ]);
    expect(spreadHeader("2024 2025", 2)).toEqual(["2024", "2025"]);
    expect(spreadHeader("Serie storica 2021 2022 (%)", 2)).toEqual([
      "Serie storica 2021",
      "Serie storica 2022 (%)",
    ]);
  });
  it("leaves a label alone unless it names one year per column, in order", () => {
    expect(spreadHeader("Target 2024", 2)).toBeNull();
    expect(spreadHeader("Serie storica", 3)).toBeNull();
    expect(spreadHeader("2026 2025", 2)).toBeNull();
  });
});

describe("settleYears", () => {
  it("reads a year out of sequence between two years two apart as the one between (a scan's misread)", () => {
    const roles = ["Indicatore", "2025", "2028", "2027"].map(role);
    expect(settleYears(roles).map((r) => r.year)).toEqual([null, 2025, 2026, 2027]);
    // years in order are left as they are
    expect(settleYears(["Indicatore", "2025", "2026", "2027"].map(role)).map((r) => r.year)).toEqual([
      null,
      2025,
      2026,
      2027,
    ]);
  });
  it("reads a column with no label between two years two apart as the one between (a stamp over it)", () => {
    const settled = settleYears(["Misura", "Target 2026", "", "Target 2028"].map(role));
    expect(settled.map((r) => [r.role, r.year])).toEqual([
      ["indicator", null],
      ["target", 2026],
      ["target", 2027],
      ["target", 2028],
    ]);
    // a stamp's letters over it are no label either
    expect(settleYears(["Misura", "2026", "PRO", "2028"].map(role))[2]!.year).toBe(2027);
    // between years one apart, or of two roles, it stays unknown
    expect(settleYears(["Misura", "2026", "", "2027"].map(role))[2]!.year).toBeNull();
    expect(settleYears(["Misura", "Consuntivo 2024", "PRO", "Target 2026"].map(role))[2]!.year).toBeNull();
  });
  it("makes bare years before the first named target year baselines", () => {
    const roles = ["Indicatore", "2019", "2020", "Target 2021", "Target 2022"].map(role);
    expect(settleYears(roles).map((r) => r.role)).toEqual([
      "indicator",
      "baseline",
      "baseline",
      "target",
      "target",
    ]);
  });
  it("makes results of years before every target's year history, bare target years included", () => {
    const roles = ["KPI", "Consuntivo 2024", "Consuntivo 2025", "2026", "2027"].map(role);
    expect(settleYears(roles).map((r) => r.role)).toEqual([
      "indicator",
      "baseline",
      "baseline",
      "target",
      "target",
    ]);
    // a report's result for its own target year stays a result
    const report = ["KPI", "Target 2025", "Consuntivo 2025"].map(role);
    expect(settleYears(report).map((r) => r.role)).toEqual(["indicator", "target", "result"]);
  });
  it("keeps a bare year a target when the start value of an earlier year is printed right of it", () => {
    // "Obiettivi" over the years sat over the second: 2021 | Obiettivi 2022 | 2023 | … | Valore di partenza (2020)
    const roles = ["Indicatori", "2021", "Obiettivi 2022", "2023", "Peso %", "Valore di partenza (2020)"].map(
      role,
    );
    expect(settleYears(roles).map((r) => [r.role, r.year])).toEqual([
      ["indicator", null],
      ["target", 2021],
      ["target", 2022],
      ["target", 2023],
      ["weight", null],
      ["baseline", 2020],
    ]);
    // (history printed left of the years, under its group label: the bare year after it is still history)
    const serie = ["Indicatori", "2020", "Serie storica 2021", "2022", "Obiettivi 2023", "2024"].map(role);
    expect(settleYears(serie).map((r) => r.role)).toEqual([
      "indicator",
      "baseline",
      "baseline",
      "baseline",
      "target",
      "target",
    ]);
  });
  it("makes a year column left of a yearless target column the value targets start from", () => {
    const roles = ["Misura", "Valore 2023", "Target"].map(role);
    expect(settleYears(roles).map((r) => r.role)).toEqual(["indicator", "baseline", "target"]);
    expect(settleYears(["Misura", "2023", "2024"].map(role)).map((r) => r.role)).toEqual([
      "indicator",
      "target",
      "target",
    ]);
  });
  it("makes a year history when its header shares the words of a historic column, not only units", () => {
    // an unruled table's "Valori storici" printed over the middle one of three "Valore" columns
    const roles = ["Valore 2023", "Valori storici Valore 2024", "Valore 2025", "2026", "2027"].map(role);
    expect(settleYears(roles).map((r) => `${r.role} ${r.year}`)).toEqual([
      "baseline 2023",
      "baseline 2024",
      "baseline 2025",
      "target 2026",
      "target 2027",
    ]);
    // "2021 (N.)" beside "Stato 2020 (N.)" shares only a unit: a target
    const units = ["Stato 2020 (N.)", "2021 (N.)", "2022 (N.)"].map(role);
    expect(settleYears(units).map((r) => r.role)).toEqual(["baseline", "target", "target"]);
  });
});

describe("roles from content over place", () => {
  it("keeps a bare year of comparator cells a target, left of a centred 'Target' label", () => {
    const roles = settleYears(["Indicatore", "Baseline 2023", "2024", "Target 2025", "2026"].map(role));
    expect(roles[2]!.role).toBe("baseline");
    const col = (xs: string[]) => xs.map((text) => ({ text, rowSpan: 1 }));
    const stats = columnStats([
      col(["Reclami riscontrati", "Prestazioni erogate"]),
      col(["94", "21"]),
      col([">= 98", ">= 22"]),
      col([">= 103", ">= 23"]),
      col([">= 108", ">= 24"]),
    ]);
    expect(settleYears(inferRoles(roles, stats)).map((r) => `${r.role} ${r.year}`)).toEqual([
      "indicator null",
      "baseline 2023",
      "target 2024",
      "target 2025",
      "target 2026",
    ]);
  });
});

describe("a measured value's year before bare years", () => {
  it("reads 'Valore 2020 (N.)' before '2021 (N.)' and the later bare years as history, comparators or not", () => {
    const col = (xs: string[]) => xs.map((text) => ({ text, rowSpan: 1 }));
    const roles = ["KPI", "Valore 2020 (N.)", "2021 (N.)", "2022 (N.)"].map(role);
    const stats = columnStats([
      col(["Numero di tirocini conclusi con esito positivo"]),
      col(["8078"]),
      col(["8264"]),
      col(["8512"]),
    ]);
    expect(settleYears(inferRoles(roles, stats)).map((r) => `${r.role} ${r.year}`)).toEqual([
      "indicator null",
      "baseline 2020",
      "target 2021",
      "target 2022",
    ]);
    // a year named with another word ("Anno 2020") is left to the comparators
    const anno = ["KPI", "Anno 2020", "2021", "2022"].map(role);
    expect(settleYears(inferRoles(anno, stats))[1]!.role).toBe("target");
  });
});

describe("inferRoles", () => {
  const unknown = (): ColumnRole => ({ role: "unknown", year: null, header: "", reason: "" });
  it("finds targets, names, formulas, owners and merged coded objectives from content", () => {
    const cols = [
      [
        { text: "1.1 Riqualificazione urbana", rowSpan: 2 },
        { text: "1.2 Transizione energetica", rowSpan: 1 },
      ],
      [
        { text: "Superficie di aree verdi riqualificate", rowSpan: 1 },
        { text: "Tempo medio di intervento per segnalazioni", rowSpan: 1 },
        { text: "Edifici con impianto fotovoltaico", rowSpan: 1 },
      ],
      [
        { text: "Mq riqualificati / mq totali", rowSpan: 1 },
        { text: "Somma dei giorni / n. segnalazioni", rowSpan: 1 },
        { text: "N. edifici con impianto", rowSpan: 1 },
      ],
      [
        { text: "≥ 1.500", rowSpan: 1 },
        { text: "≤ 15 gg", rowSpan: 1 },
        { text: "≥ 4", rowSpan: 1 },
      ],
      [
        { text: "Settore Lavori Pubblici", rowSpan: 1 },
        { text: "Ufficio Manutenzioni", rowSpan: 1 },
        { text: "Settore Patrimonio", rowSpan: 1 },
      ],
    ];
    const roles = inferRoles(cols.map(unknown), columnStats(cols));
    expect(roles.map((r) => r.role)).toEqual(["objective", "indicator", "formula", "target", "owner"]);
    expect(roles[3]!.reason).toMatch(/comparators/);
  });
  it("finds coded titles set once beside several names as objectives in an unruled table (no merged cell)", () => {
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("1.1 - Offrire ai comuni servizi tecnici"), one("1.2 - Mettere in sicurezza la rete stradale")],
      [
        one("Tempo medio di rilascio dei pareri"),
        one("Percentuale di gare aggiudicate per conto dei comuni"),
        one("Indice di gradimento servizio viabilità"),
        one("N. autorizzazioni ai trasporti eccezionali"),
      ],
      [one("≤ 26 gg"), one("≥ 39%"), one("≥ 4,5"), one("≥ 6.773 N.")],
    ];
    const roles = inferRoles(cols.map(unknown), columnStats(cols));
    expect(roles.map((r) => r.role)).toEqual(["objective", "indicator", "target"]);
    // bare indicator codes missing on some rows are codes, not objectives
    const codes = [[one("B4.1_01"), one("B4.1_03")], cols[1]!, cols[2]!];
    expect(inferRoles(codes.map(unknown), columnStats(codes))[0]!.role).not.toBe("objective");
  });
  it("takes a column of bare codes named for indicators, before the names, for the codes", () => {
    // `Cod. indicatore | Indicatore` read `indicatore | indicatore` (a shaded header)
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("D3.1_12"), one("A1.2_03"), one("A2.2_09")],
      [
        one("Indice di gradimento polizia locale"),
        one("N. pratiche SUAP concluse nell'anno"),
        one("Quota di certificati anagrafici rilasciati online"),
        one("Costo medio di istruttoria dei permessi"),
      ],
      [one("≥ 4,5"), one("≥ 16"), one("≥ 71%"), one("≤ 215")],
    ];
    const named = (): ColumnRole => ({ role: "indicator", year: null, header: "indicatore", reason: "" });
    const roles = inferRoles([named(), named(), unknown()], columnStats(cols));
    expect(roles.map((r) => r.role)).toEqual(["code", "indicator", "target"]);
    // a column of names named for indicators stays theirs
    const names = [cols[1]!, cols[1]!, cols[2]!];
    expect(inferRoles([named(), unknown(), unknown()], columnStats(names))[0]!.role).toBe("indicator");
  });
  it("takes coded titles in a section title's column for objectives, and the names beside them", () => {
    // "Area strategica 1 | 2021 | 2022 …" over an unruled table: the title's column was guessed to
    // hold the names, but holds "OBIETTIVO STRATEGICO A01 …" set once beside several names
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("OBIETTIVO STRATEGICO A01 Tutelare le risorse naturali")],
      [one("Variazione annua delle autorizzazioni ambientali"), one("Numero di controlli in loco eseguiti")],
      [one("≥ 1"), one("≥ 5 N.")],
    ];
    const table = [
      [...cols[0]!, one("OBIETTIVO STRATEGICO A02 Semplificare l'accesso ai contributi")],
      [...cols[1]!, one("Quota di istanze definite nei termini"), one("Numero di progetti rendicontati")],
      [...cols[2]!, one("≥ 71%"), one("≥ 5462 N.")],
    ];
    const title: ColumnRole = {
      role: "indicator",
      year: null,
      header: "Area strategica 1",
      reason: TITLE_COLUMN,
    };
    const roles = inferRoles([title, unknown(), unknown()], columnStats(cols), columnStats(table));
    expect(roles.map((r) => r.role)).toEqual(["objective", "indicator", "target"]);
  });
  it("judges formulas over the whole table when a section is too short to show them", () => {
    // a banner's section of one row: its one name opens with "N." as formulas do
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("N. domande di contributo istruite nell'anno")],
      [one("Somma delle domande di contributo istruite nell'anno")],
      [one(">= 409 N.")],
    ];
    const table = [
      [...cols[0]!, one("Quota di progetti rendicontati nei termini"), one("Tempo medio dei controlli")],
      [
        ...cols[1]!,
        one("N. progetti rendicontati / N. progetti finanziati x 100"),
        one("Giorni complessivi / N. controlli eseguiti"),
      ],
      [...cols[2]!, one(">= 80%"), one("<= 20 gg")],
    ];
    const roles = inferRoles([unknown(), unknown(), unknown()], columnStats(cols), columnStats(table));
    expect(roles.map((r) => r.role)).toEqual(["indicator", "formula", "target"]);
  });
  it("takes a bare year of plain values right of the history, before years of targets, for history", () => {
    // "Serie storica" centred over 2022 of 2021-2023: 2023 was left a target by its place
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("Tempo medio di notifica"), one("Costo medio dei posti nido")],
      [one("n.d."), one("N/D")],
      [one("23"), one("162,52")],
      [one("22"), one("161,72")],
      [one("<= 16"), one("<= 155,50")],
    ];
    const roles: ColumnRole[] = [
      { role: "indicator", year: null, header: "Indicatore", reason: "header word 'indicatore'" },
      { role: "baseline", year: 2021, header: "2021", reason: "a year beside the historic 2022" },
      { role: "baseline", year: 2022, header: "Serie storica 2022", reason: "header word 'serie storica'" },
      { role: "target", year: 2023, header: "2023", reason: "a year" },
      { role: "target", year: 2024, header: "2024", reason: "a year" },
    ];
    expect(inferRoles(roles, columnStats(cols)).map((r) => `${r.role} ${r.year}`)).toEqual([
      "indicator null",
      "baseline 2021",
      "baseline 2022",
      "baseline 2023",
      "target 2024",
    ]);
    // "Anno rilevazione" in the first year: a target not set, not history
    cols[3] = [one("Anno rilevazione"), one("161,72")];
    expect(inferRoles(roles, columnStats(cols))[3]!.role).toBe("target");
  });
  it("takes the earliest year, named with words the target years lack and holding plain values, for history", () => {
    const one = (text: string) => ({ text, rowSpan: 1 });
    const year = (header: string, y: number): ColumnRole => ({
      role: "target",
      year: y,
      header,
      reason: "a year",
    });
    const name: ColumnRole = { role: "indicator", year: null, header: "KPI", reason: "header word 'kpi'" };
    const cols = [[one("Tempo medio di rilascio")], [one("46")], [one("≤ 38")], [one("≤ 37")]];
    const roles = [name, year("Valore 2023 (gg)", 2023), year("2024 (gg)", 2024), year("2025 (gg)", 2025)];
    expect(inferRoles(roles, columnStats(cols)).map((r) => `${r.role} ${r.year}`)).toEqual([
      "indicator null",
      "baseline 2023",
      "target 2024",
      "target 2025",
    ]);
    // printed after the targets ("Valore 2025" right of "2026 2027 2028"): the same
    const after = [name, year("2026", 2026), year("2027", 2027), year("Valore 2025", 2025)];
    const afterCols = [[one("Tempo medio")], [one("≤ 23")], [one("≤ 17")], [one("25")]];
    expect(inferRoles(after, columnStats(afterCols))[3]!.role).toBe("baseline");
    // targets with comparators on some rows only ("100,0%" on the others): still history
    const two = (a: string, b: string, c: string) => [
      { text: a, rowSpan: 1 },
      { text: b, rowSpan: 1 },
      { text: c, rowSpan: 1 },
    ];
    const mixed = [
      two("Quota di pareri", "Quota di chilometri", "Quota di gare"),
      two("94,00%", "79,72%", "82,00%"),
      two("100,0%", "≥ 85,0%", "100,0%"),
      two("100,0%", "≥ 86,0%", "100,0%"),
    ];
    const named = [name, year("Valore 2020", 2020), year("2021", 2021), year("2022", 2022)];
    expect(inferRoles(named, columnStats(mixed))[1]!.role).toBe("baseline");
  });
  it("takes years named alike before bare years of targets as printed, and a year before a target range, for history", () => {
    const one = (text: string) => ({ text, rowSpan: 1 });
    const year = (header: string, y: number): ColumnRole => ({
      role: "target",
      year: y,
      header,
      reason: "a year",
    });
    const name: ColumnRole = { role: "indicator", year: null, header: "KPI", reason: "header word 'kpi'" };
    const cols = [[one("Tempo medio")], [one("31")], [one("30")], [one("<= 28")], [one("<= 27")]];
    const roles = [
      name,
      year("Valore 2021", 2021),
      year("Valore 2022", 2022),
      year("2023", 2023),
      year("2024", 2024),
    ];
    expect(inferRoles(roles, columnStats(cols)).map((r) => r.role)).toEqual([
      "indicator",
      "baseline",
      "baseline",
      "target",
      "target",
    ]);
    const ranged = settleYears([
      name,
      { role: "target", year: null, header: "Target 2022-2024", reason: "header word 'target'" },
      year("Valore 2021", 2021),
    ]);
    expect(ranged[2]!.role).toBe("baseline");
  });
  it("reads the first column of words as the names, not formulas, when names open with 'N.'", () => {
    const one = (text: string) => ({ text, rowSpan: 1 });
    const cols = [
      [one("N. prestazioni ambulatoriali erogate nell'anno"), one("Numero di reclami riscontrati")],
      [one("Conteggio delle prestazioni erogate"), one("Conteggio dei reclami riscontrati")],
      [one(">= 2.609 n."), one(">= 35 n.")],
    ];
    const roles = inferRoles([unknown(), unknown(), unknown()], columnStats(cols));
    expect(roles.map((r) => r.role)).toEqual(["indicator", "formula", "target"]);
  });
  it("leaves a named column alone", () => {
    const cols = [[{ text: "≥ 5", rowSpan: 1 }]];
    const named: ColumnRole = { role: "baseline", year: 2020, header: "2020", reason: "" };
    expect(inferRoles([named], columnStats(cols))[0]!.role).toBe("baseline");
  });
});

describe("target years checked against the document's", () => {
  const roles = (...h: string[]) => settleYears(h.map(role));
  it("takes an earlier header's run where a scan's misread years do not run up one by one", () => {
    const first = withKnownYears(roles("Indicatore", "Target 2025", "Target 2026", "Target 2027"), null);
    expect(first.run).toEqual([2025, 2026, 2027]);
    // `2026` and `2025` both read `2028` on the next page's header
    const next = withKnownYears(roles("Indicatore", "Target 2028", "Target 2028", "Target 2027"), first.run);
    expect(next.roles.map((r) => r.year)).toEqual([null, 2025, 2026, 2027]);
    expect(next.run).toEqual([2025, 2026, 2027]);
  });
  it("keeps a header's own run, another count of columns, or the same years otherwise set", () => {
    const known = [2025, 2026, 2027];
    expect(withKnownYears(roles("KPI", "Target 2026", "Target 2027", "Target 2028"), known).run).toEqual([
      2026, 2027, 2028,
    ]);
    const two = withKnownYears(roles("KPI", "Target 2028", "Target 2028"), known);
    expect(two.roles.map((r) => r.year)).toEqual([null, 2028, 2028]);
    const spaced = withKnownYears(roles("KPI", "Target 2024", "Target 2026", "Target 2028"), known);
    expect(spaced.roles.map((r) => r.year)).toEqual([null, 2024, 2026, 2028]);
  });
});

describe("target years read by position", () => {
  const years = (...h: string[]) => yearsByPosition(settleYears(h.map(role))).map((r) => r.year);
  it("takes a run's year where a misread one breaks its order or stands far from its place", () => {
    expect(years("Indicatore", "2028", "2026", "2027", "2028", "2029")).toEqual([
      null,
      2025,
      2026,
      2027,
      2028,
      2029,
    ]);
    expect(years("Indicatore", "2026", "2027", "2028", "2020", "2080")).toEqual([
      null,
      2026,
      2027,
      2028,
      2029,
      2030,
    ]);
  });
  it("gives a target column of the run without a header its year", () => {
    const roles = settleYears(["Indicatore", "", "2026", "2027", "2028"].map(role));
    roles[1] = { ...roles[1]!, role: "target", year: null };
    expect(yearsByPosition(roles).map((r) => r.year)).toEqual([null, 2025, 2026, 2027, 2028]);
    // (one with a label of its own keeps it)
    roles[1] = { ...roles[1]!, header: "Target" };
    expect(yearsByPosition(roles)[1]!.year).toBeNull();
  });
  it("takes a short run's step where a column bears its neighbour's year under the same label", () => {
    expect(years("Misura", "Obiettivo 2025", "Obiettivo 2025", "Obiettivo 2026")).toEqual([
      null,
      2024,
      2025,
      2026,
    ]);
    expect(years("Misura", "Obiettivo 2024", "Obiettivo 2025", "Obiettivo 2025")).toEqual([
      null,
      2024,
      2025,
      2026,
    ]);
    // (two labels of one year: a target and its revision)
    expect(years("Misura", "Target 2024", "Target 2025", "Rivisto 2025")).toEqual([null, 2024, 2025, 2025]);
  });
  it("keeps a plan's own steps, and runs too short to tell", () => {
    expect(years("KPI", "2024", "2025", "2026", "2030")).toEqual([null, 2024, 2025, 2026, 2030]);
    expect(years("KPI", "2028", "2026", "2027")).toEqual([null, 2028, 2026, 2027]);
    // (a past year's column printed after the targets)
    expect(years("KPI", "2023", "2024", "2025", "Valore 2022")).toEqual([null, 2023, 2024, 2025, 2022]);
    expect(years("KPI", "2023", "2024", "2025", "2022", "Note")).toEqual([
      null,
      2023,
      2024,
      2025,
      2022,
      null,
    ]);
    // (one label spread over the columns under it)
    const spread = settleYears(["KPI", "2025", "2026", "2027", "2028", "2028", "2028"].map(role));
    expect(yearsByPosition(spread).map((r) => r.year)).toEqual([null, 2025, 2026, 2027, 2028, 2028, 2028]);
  });
});
