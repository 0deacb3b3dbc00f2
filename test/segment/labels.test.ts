/** Labels printed beside titles are fields of their own. */
import { describe, expect, it } from "vitest";
import { bracketedOwner, readLabel, splitLabels } from "../../src/segment/labels.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";

const lx = wordsOf(loadProfileSet().generic);

describe("labels", () => {
  it("reads owners, weights, evaluations and scopes", () => {
    expect(readLabel('Servizio "DIGITALIZZAZIONE, INFRASTRUTTURE"', lx)).toEqual({
      field: "owner",
      value: 'Servizio "DIGITALIZZAZIONE, INFRASTRUTTURE"',
    });
    expect(readLabel("Responsabile: Dott.ssa Maria Bianchi", lx)).toEqual({
      field: "owner",
      value: "Dott.ssa Maria Bianchi",
    });
    expect(readLabel("Struttura responsabile: Area Didattica", lx)).toEqual({
      field: "owner",
      value: "Area Didattica",
    });
    expect(readLabel("Struttura responsabile; Stazione Unica Appaltante", lx)).toEqual({
      field: "owner",
      value: "Stazione Unica Appaltante",
    });
    expect(readLabel("(peso 30%)", lx)).toEqual({ field: "weight", value: 30 });
    expect(readLabel("Peso: 12,5 %", lx)).toEqual({ field: "weight", value: 12.5 });
    expect(readLabel("Peso; 40%", lx)).toEqual({ field: "weight", value: 40 });
    expect(readLabel("PERFORMANCE D'’ENTE", lx)).toEqual({ field: "scope", value: null });
    expect(readLabel("PERFORMANCED'ENTE", lx)).toEqual({ field: "scope", value: null });
    expect(readLabel("‘PERFORMANCE ORGANIZZATIVA", lx)).toEqual({ field: "scope", value: null });
    expect(readLabel("Valutazione OIV: 80", lx)).toEqual({ field: "evaluation", value: 80 });
    // (OCR's specks between the colon and the score)
    expect(readLabel("Valutazione: Q1V:.90", lx)).toEqual({ field: "evaluation", value: 90 });
    expect(readLabel("Valutazione O(V:. 60", lx)).toEqual({ field: "evaluation", value: 60 });
    expect(readLabel("PERFORMANCE D'ENTE", lx)).toEqual({ field: "scope", value: null });
  });
  it("runs a quoted office wrapped over lines on to its closing quote", () => {
    const lines = [
      "Monitorare le attività di",
      "programmazione dei ricoveri",
      'Servizio "DIPARTIMENTO DI',
      'PREVENZIONE"',
      "(peso 70%)",
    ];
    expect(splitLabels(lines, lx)).toEqual({
      rest: ["Monitorare le attività di", "programmazione dei ricoveri"],
      labels: [
        { field: "owner", value: 'Servizio "DIPARTIMENTO DI PREVENZIONE"' },
        { field: "weight", value: 70 },
      ],
    });
  });
  it("runs an owner's name wrapped in a narrow cell on to the next label, the title left alone", () => {
    const lines = [
      "RIDURRE I TEMPI DI",
      "RILASCIO DEI DISPOSITIVI",
      "Responsabile: Area",
      "Anagrafe e Registro",
      "Imprese",
      "(peso 70%)",
    ];
    expect(splitLabels(lines, lx)).toEqual({
      rest: ["RIDURRE I TEMPI DI", "RILASCIO DEI DISPOSITIVI"],
      labels: [
        { field: "owner", value: "Area Anagrafe e Registro Imprese" },
        { field: "weight", value: 70 },
      ],
    });
    // a sentence after the owner is no part of the name
    expect(
      splitLabels(["Responsabile: Mario Rossi", "Le azioni saranno monitorate ogni semestre."], lx).rest,
    ).toEqual(["Le azioni saranno monitorate ogni semestre."]);
  });
  it("reads an office in quotes under its label word alone on a line of a narrow cell", () => {
    expect(
      splitLabels(
        ["Monitorare le attività", "d'identità", "Servizio", "“SETTORE", "POLITICHE", "SOCIALI”"],
        lx,
      ),
    ).toEqual({
      rest: ["Monitorare le attività", "d'identità"],
      labels: [{ field: "owner", value: "Servizio “SETTORE POLITICHE SOCIALI”" }],
    });
  });
  it("runs an owner read after a semicolon onto the next line", () => {
    expect(
      splitLabels(
        ["Monitorare le attività", "Struttura responsabile; Stazione", "Unica Appaltante", "(peso 100%)"],
        lx,
      ),
    ).toEqual({
      rest: ["Monitorare le attività"],
      labels: [
        { field: "owner", value: "Stazione Unica Appaltante" },
        { field: "weight", value: 100 },
      ],
    });
  });
  it("leaves a scan's lines of specks out of the title", () => {
    expect(
      splitLabels(
        ["Valutazione OIV: 90", ". .", "Digitalizzare le fasi", "Responsabile: Area Didattica"],
        lx,
      ),
    ).toEqual({
      rest: ["Digitalizzare le fasi"],
      labels: [
        { field: "evaluation", value: 90 },
        { field: "owner", value: "Area Didattica" },
      ],
    });
  });

  it("leaves titles alone", () => {
    expect(readLabel("FAVORIRE LA TRANSIZIONE DIGITALE", lx)).toBeNull();
    expect(readLabel("Servizio di assistenza alle imprese per l'export", lx)).toBeNull();
    expect(readLabel("Performance organizzativa e individuale: il ciclo di gestione", lx)).toBeNull();
  });
  it("takes a weight printed at the end of a title line", () => {
    expect(splitLabels(["Ridurre i tempi di pagamento (peso 20%)", "Valutazione OIV: 100"], lx)).toEqual({
      rest: ["Ridurre i tempi di pagamento"],
      labels: [
        { field: "weight", value: 20 },
        { field: "evaluation", value: 100 },
      ],
    });
  });
  it("reads labels run on in one line, each sentence its own", () => {
    expect(
      splitLabels(["Struttura responsabile: Direzione generale Musei. Peso dell'obiettivo: 30%."], lx),
    ).toEqual({
      rest: [],
      labels: [
        { field: "owner", value: "Direzione generale Musei" },
        { field: "weight", value: 30 },
      ],
    });
    expect(splitLabels(["Responsabile: Direttore Sanitario – Peso: 40%"], lx).labels).toEqual([
      { field: "owner", value: "Direttore Sanitario" },
      { field: "weight", value: 40 },
    ]);
    expect(splitLabels(["Responsabile: Servizio Cultura – Biblioteca civica"], lx).labels).toEqual([
      { field: "owner", value: "Servizio Cultura – Biblioteca civica" },
    ]);
    // a sentence that is no label keeps the line whole
    expect(splitLabels(["Responsabile: Ufficio Tributi. Il servizio cura gli avvisi."], lx).labels).toEqual([
      { field: "owner", value: "Ufficio Tributi. Il servizio cura gli avvisi." },
    ]);
  });
});

describe("an owner's word alone, its name on the lines below", () => {
  it("takes the name down to the next label: the weight under it is a weight", () => {
    const lines = [
      "Digitalizzare le fasi di",
      "attivazione degli accordi",
      "Struttura responsabile:",
      "Ufficio Relazioni",
      "Internazionali",
      "(peso 100%)",
    ];
    expect(splitLabels(lines, lx)).toEqual({
      rest: ["Digitalizzare le fasi di", "attivazione degli accordi"],
      labels: [
        { field: "owner", value: "Ufficio Relazioni Internazionali" },
        { field: "weight", value: 100 },
      ],
    });
    // with nothing after the name, the name is all that follows
    expect(splitLabels(["Titolo", "Responsabile:", "Area Ricerca"], lx).labels).toEqual([
      { field: "owner", value: "Area Ricerca" },
    ]);
  });
});

describe("bracketedOwner", () => {
  it("takes an office in capitals in brackets after a title as the owner", () => {
    expect(
      bracketedOwner("Ridurre i tempi di gestione (SERVIZIO PROMOZIONE E INTERNAZIONALIZZAZIONE)", lx),
    ).toEqual({
      title: "Ridurre i tempi di gestione",
      owner: "SERVIZIO PROMOZIONE E INTERNAZIONALIZZAZIONE",
    });
    expect(bracketedOwner("Formazione del personale (SEGRETERIA GENERALE)", lx)?.owner).toBe(
      "SEGRETERIA GENERALE",
    );
  });
  it("leaves brackets that hold no office, or words in lower case", () => {
    expect(bracketedOwner("Attuare il piano (PNRR)", lx)).toBeNull();
    expect(bracketedOwner("Ridurre i tempi (servizio anagrafe)", lx)).toBeNull();
    expect(bracketedOwner("Ridurre i tempi", lx)).toBeNull();
  });
});
