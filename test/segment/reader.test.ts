/**
 * The segmentation of whole (small) documents, one per class of layout that failed on documents
 * nobody tuned on (issue 15): merged objective columns under banner rows that repeat the years,
 * full-width comment rows, labels beside titles, captions, headings with small tables, plans
 * written as lists.
 */
import { describe, expect, it } from "vitest";
import { segmentPages } from "../../src/segment/index.js";
import { emptyTrace } from "../../src/segment/trace.js";
import { block, page, table } from "./pages.js";

const run = (pages: ReturnType<typeof page>[], trace = emptyTrace()) =>
  segmentPages(pages, { running: [], act: null, trace });

const current = (ts: { superseded: boolean; year: number | null; op: string; value: unknown }[]) =>
  ts.filter((t) => !t.superseded).map((t) => `${t.year} ${t.op} ${t.value}`);

describe("segmentation", () => {
  it("reads a cruscotto whose objectives are merged down the first column, under banner rows that repeat the years", () => {
    const t = table(
      [
        ["Obiettivo strategico", "Indicatore", "Algoritmo di calcolo", "2024", "2025", "2026", "Owner"],
        ["AMBITO 1 – Territorio e ambiente >3", null, null, "2024", "2025", "2026", ""],
        [
          "1.1 Riqualificazione urbana ^2",
          "Aree verdi riqualificate",
          "Mq riqualificati",
          "≥ 1.500",
          "≥ 1.800",
          "≥ 2.000",
          "Settore LLPP",
        ],
        [
          null,
          "Tempo medio di intervento",
          "Giorni / segnalazioni",
          "≤ 15 gg",
          "≤ 14 gg",
          "≤ 12 gg",
          "Settore Manutenzioni",
        ],
        ["AMBITO 2 – Servizi alla persona >3", null, null, "2024", "2025", "2026", ""],
        [
          "2.1 Inclusione sociale",
          "Utenti presi in carico",
          "N. utenti",
          "≥ 1.000 N.",
          "≥ 1.050 N.",
          "≥ 1.100 N.",
          "Settore Sociale",
        ],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.level, o.parentCode])).toEqual([
      ["1", "area", null],
      ["1.1", "strategic", "1"],
      ["2", "area", null],
      ["2.1", "strategic", "2"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Aree verdi riqualificate", "1.1"],
      ["Tempo medio di intervento", "1.1"],
      ["Utenti presi in carico", "2.1"],
    ]);
    expect(current(seg.indicators[1]!.targets)).toEqual(["2024 <= 15", "2025 <= 14", "2026 <= 12"]);
    expect(seg.indicators[2]!.formula).toBe("N. utenti");
  });

  it("reads full-width comment rows as results of the indicator above, not as indicators", () => {
    const t = table(
      [
        ["Indicatore", "Algoritmo", "Target", "Note"],
        ["Prenotazioni online", "N. online / N. totali", "2024: >= 38,00 %", "Nota 1"],
        [
          "Al 31 dicembre le prenotazioni online sono il 36%. Percentuale di raggiungimento = 94,7%.",
          "",
          "",
          "",
        ],
        ["Sportelli aperti il sabato", "N. sportelli", ">= 5 N.", ""],
        ["Al 31 dicembre n. 6 sportelli. Percentuale raggiungimento: 100%. >4", null, null, null],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { blocks: [block(["Relazione sulla performance 2024"], 20)], tables: [t] })]);
    expect(seg.indicators.map((i) => i.name)).toEqual(["Prenotazioni online", "Sportelli aperti il sabato"]);
    expect(seg.indicators.map((i) => i.results.map((r) => r.achievementPct))).toEqual([[94.7], [100]]);
  });

  it("leaves a titled header's first column to its content when a header word names the indicators elsewhere", () => {
    const t = table(
      [
        [
          "Obiettivi strategici\n1. Didattica e servizi agli studenti",
          "Descrizione indicatore",
          "Modalità di calcolo",
          "2021",
          "2022",
        ],
        [
          "A01 - Migliorare la regolarità delle carriere",
          "N. insegnamenti valutati",
          "Conteggio",
          ">= 5",
          ">= 6",
        ],
        [null, "Numero di pratiche online", "Conteggio delle pratiche", ">= 7", ">= 8"],
        [
          "A02 - Accrescere i finanziamenti per la ricerca",
          "Quota di tirocini avviati",
          "N. avviati / N. attesi",
          ">= 1",
          ">= 2",
        ],
      ],
      { method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode, current(i.targets)])).toEqual([
      ["N. insegnamenti valutati", "A01", ["2021 >= 5", "2022 >= 6"]],
      ["Numero di pratiche online", "A01", ["2021 >= 7", "2022 >= 8"]],
      ["Quota di tirocini avviati", "A02", ["2021 >= 1", "2022 >= 2"]],
    ]);
  });

  it("reads objectives set once in the first column of an unruled cruscotto headed only by banners over short sections", () => {
    // the layout takes the first banner for the table's header; a note printed above the second
    // banner was read into its row
    const t = table(
      [
        [
          "{bold}AREA 1 – Prevenzione >2",
          null,
          null,
          "{bold}2024",
          "{bold}2025",
          "{bold}Struttura responsabile",
        ],
        [
          "1.1 Contenere la spesa per beni",
          "Variazione annua delle prestazioni",
          "Prestazioni (x) / (x-1)",
          ">= 2%",
          ">= 3%",
          "UOC Bilancio",
        ],
        [
          "{bold}AREA 2 – Organizzazione >2",
          null,
          "Note: Target rivisto in sede di monitoraggio",
          "{bold}2024",
          "{bold}2025",
          "{bold}Struttura responsabile",
        ],
        [
          "2.1 Potenziare l'assistenza",
          "Quota di ispezioni eseguite",
          "N. ispezioni / N. strutture",
          ">= 40%",
          ">= 45%",
          "UOC Ispezioni",
        ],
        [null, "Indice di gradimento dell'ufficio", "Media dei giudizi", ">= 4", ">= 4", "URP"],
        [
          null,
          "Tempo medio dei ricoveri programmati",
          "Somma dei giorni / N. ricoveri",
          "<= 48 gg",
          "<= 46 gg",
          "UOC Ricoveri",
        ],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode, current(i.targets)[0], i.notes])).toEqual([
      [
        "Variazione annua delle prestazioni",
        "1.1",
        "2024 >= 2",
        ["Note: Target rivisto in sede di monitoraggio"],
      ],
      ["Quota di ispezioni eseguite", "2.1", "2024 >= 40", []],
      ["Indice di gradimento dell'ufficio", "2.1", "2024 >= 4", []],
      ["Tempo medio dei ricoveri programmati", "2.1", "2024 <= 48", []],
    ]);
  });

  it("reads no indicator from a title or a stamp above a table's first header, but does from a part run on", () => {
    const rows = (first: (string | null)[]) =>
      table(
        [
          first,
          ["Indicatore", "Metodo di calcolo", "Target 2024 Target 2025 >2", null],
          ["Quota di pratiche evase", "N. evase / N. presentate", ">= 50%", ">= 55%"],
        ],
        { method: "stream" },
      );
    const stamp = run([
      page(1, { tables: [rows(["Azienda Sanitaria Locale", "PROT.", "N. 0050770 del", "13/04/2024"])] }),
    ]);
    expect(stamp.indicators.map((i) => [i.name, current(i.targets)])).toEqual([
      ["Quota di pratiche evase", ["2024 >= 50", "2025 >= 55"]],
    ]);
    const runOn = run([
      page(1, { tables: [rows(["Tempo medio di rilascio", "Somma dei giorni", "<= 30 gg", "<= 28 gg"])] }),
    ]);
    expect(runOn.indicators.map((i) => i.name)).toEqual([
      "Tempo medio di rilascio",
      "Quota di pratiche evase",
    ]);
  });

  it("reads no indicator from a few title lines and a stamp above a table's first header", () => {
    const t = table(
      [
        ["PROT. N.", "0068855 del 20/03/2023", "", ""],
        ["Comune di Chieti", "", "", ""],
        ["Obiettivi, indicatori e target", "", "", ""],
        ["Indicatore", "Metodo di calcolo", "Target 2024 Target 2025 >2", null],
        ["Quota di pratiche evase", "N. evase / N. presentate", ">= 50%", ">= 55%"],
      ],
      { method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => i.name)).toEqual(["Quota di pratiche evase"]);
  });

  it("dates a start value printed without a year to the year before the first target", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Indicatore", "Valore di partenza", "2024", "2025"],
              ["Quota di pratiche evase", "40%", ">= 50%", ">= 55%"],
            ],
            { headerRows: 1 },
          ),
        ],
      }),
    ]);
    expect(seg.indicators[0]!.baselines.map((b) => [b.year, b.value])).toEqual([[2023, 40]]);
  });

  it("reads an objective's heading among the lines a table took in above its first header", () => {
    const t = table(
      [
        ["Comune di Chieti", "", "", ""],
        ["Allegato A alla deliberazione n. 306 del 26/03/2024", "", "", ""],
        ["OBIETTIVO STRATEGICO 1 Garantire l'equilibrio delle entrate", "", "", ""],
        ["Indicatore", "Metodo di calcolo", "Target 2024 Target 2025 >2", null],
        ["Quota di pratiche evase", "N. evase / N. presentate", ">= 50%", ">= 55%"],
      ],
      { method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["1", "Garantire l'equilibrio delle entrate"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([["Quota di pratiche evase", "1"]]);
  });

  it("reads a coded heading without level words above a table's first header, kept as indicators follow", () => {
    const t = table(
      [
        ["Valutazione OIV: 100", "", "", ""],
        ["1.1 - QUALIFICARE I SERVIZI DI ORIENTAMENTO", "", "", ""],
        ["PERFORMANCE D'ENTE", "", "", ""],
        ["Indicatore", "Metodo di calcolo", "Target 2024 Target 2025 >2", null],
        ["Quota di pratiche evase", "N. evase / N. presentate", ">= 50%", ">= 55%"],
      ],
      { method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["1.1", "QUALIFICARE I SERVIZI DI ORIENTAMENTO"],
    ]);
  });

  it("reads labels one a line in the name column (scope over weight) as the objective's, no indicator", () => {
    const t = table(
      [
        ["Indicatore", "Metodo di calcolo", "Target 2025"],
        ["Obiettivo strategico A01: Qualificare la formazione >3", null, null],
        ["PERFORMANCE ORGANIZZATIVA\nPeso: 100%", "", ""],
        ["Quota di corsi avviati", "N. avviati / N. programmati", ">= 73%"],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([["Quota di corsi avviati", "A01"]]);
    expect(seg.objectives).toMatchObject([{ code: "A01", weight: 100 }]);
  });

  it("reads titles without code or level words over an owner as objectives, and the plain titles printed with them", () => {
    const t = table(
      [
        ["Indicatori", "Formula", "Risultato atteso"],
        ["Garantire l'equilibrio delle entrate >3", null, null],
        ["Numero di certificati rilasciati", "Somma dei certificati", ">= 557"],
        ["Ridurre i tempi di emissione\nResponsabile: Settore Polizia Locale >3", null, null],
        ["N. verbali notificati", "Somma dei verbali", ">= 5.300"],
        ["Digitalizzare le segnalazioni\nResponsabile: Dott. Stefano Greco\n(peso 30%) >3", null, null],
        ["N. fatture pagate", "Somma delle fatture", ">= 912"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.title, o.level, o.owner, o.weight])).toEqual([
      ["Garantire l'equilibrio delle entrate", "strategic", null, null],
      ["Ridurre i tempi di emissione", "operational", "Settore Polizia Locale", null],
      ["Digitalizzare le segnalazioni", "operational", "Dott. Stefano Greco", 30],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual([
      "Garantire l'equilibrio delle entrate",
      "Ridurre i tempi di emissione",
      "Digitalizzare le segnalazioni",
    ]);
  });

  it("reads titles between an evaluation and a scope in their banner cells as objectives, under a plain title", () => {
    const t = table(
      [
        ["Indicatore", "Algoritmo di calcolo", "Valore atteso"],
        ["WELFARE, SCUOLA E COESIONE SOCIALE >3", null, null],
        ["Valutazione OIV: 100\nACCRESCERE LA TRASPARENZA\nPERFORMANCE ORGANIZZATIVA >3", null, null],
        ["Tempo medio delle pratiche", "Giorni / N. pratiche", "<= 39 giorni"],
        ["Valutazione OIV: 90\nRIDURRE I TEMPI DEI PROCEDIMENTI\nPERFORMANCE D'ENTE >3", null, null],
        ["Numero di segnalazioni risolte", "Conteggio delle segnalazioni", ">= 3.223"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.title, o.level])).toEqual([
      ["WELFARE, SCUOLA E COESIONE SOCIALE", "strategic"],
      ["ACCRESCERE LA TRASPARENZA", "operational"],
      ["RIDURRE I TEMPI DEI PROCEDIMENTI", "operational"],
    ]);
  });

  it("keeps plain title banners as bands where no title of the table has an owner or weight under it", () => {
    const t = table(
      [
        ["Indicatori", "Formula", "Risultato atteso"],
        ["Garantire l'equilibrio delle entrate >3", null, null],
        ["Numero di certificati rilasciati", "Somma dei certificati", ">= 557"],
      ],
      { headerRows: 1 },
    );
    expect(run([page(1, { tables: [t] })]).objectives).toEqual([]);
  });

  it("reads a caption and the objective heading set close under it in one banner cell as both", () => {
    const t = table(
      [
        ["Indicatore", "Baseline", "Target 2024"],
        ["OBIETTIVO STRATEGICO 01.O1 Rafforzare i servizi >3", null, null],
        ["F100 - Quota di servizi online", "30%", ">= 40%"],
        [
          "Obiettivi operativi collegati all'obiettivo strategico 01.O1\nOBIETTIVO OPERATIVO 01.O1.O1 Digitalizzare le fasi >3",
          null,
          null,
        ],
        ["F101 - Quota di pratiche evase", "40%", ">= 50%"],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.level])).toEqual([
      ["01.O1", "strategic"],
      ["01.O1.O1", "operational"],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual(["01.O1", "01.O1.O1"]);
  });

  it("reads a caption alone in the name column as no indicator", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Indicatore", "Baseline", "Target 2024"],
              ["OBIETTIVO STRATEGICO 01.O1 Rafforzare i servizi >3", null, null],
              ["Obiettivi operativi collegati all'obiettivo strategico 01.O1", "", ""],
              ["OBIETTIVO OPERATIVO 01.O1.O1 Digitalizzare le fasi >3", null, null],
              ["F101 - Quota di pratiche evase", "40%", ">= 50%"],
            ],
            { headerRows: 1, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Quota di pratiche evase", "01.O1.O1"],
    ]);
  });

  it("reads the headings of a page's top that a scan's layout folded into a table's first row", () => {
    const t = table(
      [
        [
          "Università degli Studi\nOBIETTIVO STRATEGICO 02.O1\nRafforzare la dimensione internazionale\nOBIETTIVO OPERATIVO 02.O1.O1\nDigitalizzare le fasi di deposito\nResponsabile: Area Ricerca",
          "",
          "PROT. N. 123 del 19/01/2025",
        ],
        ["Codice", "Indicatori", "Obiettivo 2025"],
        ["I101", "Quota di tirocini conclusi", ">= 63,00 %"],
      ],
      { headerRows: 0 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.owner])).toEqual([
      ["02.O1", "Rafforzare la dimensione internazionale", null],
      ["02.O1.O1", "Digitalizzare le fasi di deposito", "Area Ricerca"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Quota di tirocini conclusi", "02.O1.O1"],
    ]);
  });

  it("opens each of two coded headings a scan's layout set in one title cell of a header row", () => {
    const t = table(
      [
        [
          "AMBITO 1 - Supporto ai comuni\n1.1 Mettere in sicurezza la rete stradale",
          "2022",
          "2023",
          "Struttura responsabile",
        ],
        ["Percentuale di strade manutenute", ">= 74 %", ">= 75 %", "Settore Viabilità"],
      ],
      { headerRows: 0 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.level])).toEqual([
      ["1", "Supporto ai comuni", "area"],
      ["1.1", "Mettere in sicurezza la rete stradale", "strategic"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Percentuale di strade manutenute", "1.1"],
    ]);
  });

  it("reads a headerless table on the next page with the roles of the last table headed, as many columns", () => {
    const t1 = table(
      [
        ["Cod.", "Descrizione indicatore", "U.M.", "Target 2026", "Target 2027"],
        ["F104", "Percentuale di fatture pagate entro 30 giorni", "%", ">= 77,0", ">= 79,0"],
      ],
      { headerRows: 1 },
    );
    // (cut at the page's turn, its columns set otherwise: no table run on for the layout)
    const t2 = table([["F105", "Attivazione del servizio online", "SI/NO", "ON", "ON"]], {
      page: 2,
      headerRows: 0,
      colWidth: 70,
    });
    const seg = run([page(1, { tables: [t1] }), page(2, { tables: [t2] })]);
    expect(seg.indicators.map((i) => [i.code, current(i.targets)])).toEqual([
      ["F104", ["2026 >= 77", "2027 >= 79"]],
      ["F105", ["2026 = ON", "2027 = ON"]],
    ]);
  });

  it("opens each of two coded headings a scan's layout set in one banner row", () => {
    const t = table(
      [
        ["Codice", "Indicatori", "Obiettivo 2026"],
        [
          "01.O2 - Qualificare l'offerta di formazione\n01.O2.O1 - Ridurre i tempi di definizione >3",
          null,
          null,
        ],
        ["K107", "Tempo medio di esecuzione dei controlli", "<= 25 gg"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["01.O2", "Qualificare l'offerta di formazione"],
      ["01.O2.O1", "Ridurre i tempi di definizione"],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual(["01.O2.O1"]);
  });

  it("opens no objective from a caption a scan's layout set under a header's label in its title cell", () => {
    const t = table(
      [
        [
          "Indicatori\nObiettivi operativi collegati all'obiettivo strategico 1",
          "U.M.",
          "Formula",
          "Target 2025",
        ],
        ["Obiettivo operativo 1.1: Digitalizzare le fasi di refertazione", null, null, null],
        ["Tempo medio di refertazione", "gg", "Giorni / referti", "<= 26 gg"],
      ],
      { headerRows: 0 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["1.1", "Digitalizzare le fasi di refertazione"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Tempo medio di refertazione", "1.1"],
    ]);
  });

  it("reads a note written under the name in its cell as the indicator's note, not words of its name", () => {
    const t = table(
      [
        ["Indicatori", "Formula", "Target"],
        ["N. atti pubblicati nell'anno\nNote: Fonte: banca dati regionale", "Conteggio degli atti", "3"],
        ["Quota di pratiche evase\nNOTA: dato provvisorio", "N. evase / N. presentate", ">= 50%"],
        // (a scan's colon read as a semicolon)
        ["N. gare aggiudicate\nNote; Target rivisto", "Conteggio delle gare", "35"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => [i.name, i.notes])).toEqual([
      ["N. atti pubblicati nell'anno", ["Note: Fonte: banca dati regionale"]],
      ["Quota di pratiche evase", ["NOTA: dato provvisorio"]],
      ["N. gare aggiudicate", ["Note; Target rivisto"]],
    ]);
  });

  it("reads a line of prose over an objective's labels as the objective's title, kept when indicators follow", () => {
    const small = (y: number) =>
      table(
        [
          ["Indicatore", "Target 2025"],
          ["Pratiche evase nei termini", ">= 90%"],
        ],
        { headerRows: 1, y },
      );
    const seg = run([
      page(1, {
        blocks: [
          block(["Piano integrato di attività e organizzazione"], 20),
          block(["Semplificare l'accesso ai contributi regionali"], 60),
          block(["Responsabile: Dott. Stefano Greco", "Peso: 50%"], 75),
          block(["Il raggiungimento è misurato dagli indicatori della tabella."], 100),
          // a line over labels with no indicators after it is no objective
          block(["Relazioni con gli altri documenti"], 200),
          block(["Responsabile: Segreteria generale"], 215),
        ],
        tables: [small(120)],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.title, o.owner, o.weight])).toEqual([
      ["Semplificare l'accesso ai contributi regionali", "Dott. Stefano Greco", 50],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual([
      "Semplificare l'accesso ai contributi regionali",
    ]);
  });

  it("reads a list plan whose indicators are labelled with their code ('Indicatore 1.1.1 – …') under priorities", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["Priorità politica 1 – Tutela del patrimonio"], 20),
          block(["Obiettivo specifico 1.1 – Aumentare la fruizione dei musei"], 40),
          block(["Struttura responsabile: Direzione generale Musei. Peso dell'obiettivo: 30%."], 55),
          block(
            [
              "• Indicatore 1.1.1 – Visitatori dei musei statali",
              "• Metodo di calcolo: somma dei biglietti emessi",
              "• Valore di partenza (2022): 61%",
              "• Target 2024: ≥ 70%",
              "• Target 2025: ≥ 80%",
              "KPI n. 2: Musei con vendita online",
              "• Target 2024: ≥ 40%",
            ],
            70,
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.level, o.owner, o.weight])).toEqual([
      ["1", "area", null, null],
      ["1.1", "strategic", "Direzione generale Musei", 30],
    ]);
    expect(
      seg.indicators.map((i) => [
        i.code,
        i.name,
        i.objectiveCode,
        i.formula,
        i.baselines.length,
        i.targets.length,
      ]),
    ).toEqual([
      ["1.1.1", "Visitatori dei musei statali", "1.1", "somma dei biglietti emessi", 1, 2],
      ["2", "Musei con vendita online", "1.1", null, 0, 1],
    ]);
  });

  it("codes objectives from a code column beside them, and lets a revised target supersede the initial one", () => {
    const seg = run([
      page(1, {
        blocks: [block(["Relazione sulla performance 2023"], 20)],
        tables: [
          table(
            [
              [
                "Codice",
                "Obiettivo operativo",
                "Indicatore",
                "Target iniziale 2023",
                "Target rimodulato 2023",
                "Risultato 2023",
              ],
              ["O.1.1", "Sostenere l'export delle PMI", "Imprese assistite", "≥ 150", "≥ 120", "131"],
              ["O.1.2", "Promuovere il turismo", "Eventi realizzati", "≥ 12", "-", "14"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["O.1.1", "Sostenere l'export delle PMI"],
      ["O.1.2", "Promuovere il turismo"],
    ]);
    expect(seg.indicators.map((i) => [i.code, i.objectiveCode])).toEqual([
      [null, "O.1.1"],
      [null, "O.1.2"],
    ]);
    expect(seg.indicators.map((i) => i.targets.map((t) => [t.raw, t.superseded]))).toEqual([
      [
        ["≥ 150", true],
        ["≥ 120", false],
      ],
      [["≥ 12", false]],
    ]);
  });

  it("gives a list's indicator the code printed before its name, and its result the achievement below", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["Obiettivo strategico 3 – Sostenibilità ambientale"], 20),
          block(
            [
              "Codice indicatore: 3.1.a",
              "Indicatore: Raccolta differenziata sul totale",
              "Target 2024: ≥ 70%",
              "Valore raggiunto 2024: 71,2%",
              "Grado di raggiungimento: 100%",
              "Note: Dato certificato",
              "Codice indicatore: 3.1.b",
              "Indicatore: Punti luce a LED",
              "Valore raggiunto 2024: 52%",
              "Grado di raggiungimento: 86,7%",
            ],
            40,
          ),
        ],
      }),
    ]);
    expect(
      seg.indicators.map((i) => [i.code, i.name, i.results.map((r) => r.achievementPct), i.notes]),
    ).toEqual([
      ["3.1.a", "Raccolta differenziata sul totale", [100], ["Dato certificato"]],
      ["3.1.b", "Punti luce a LED", [86.7], []],
    ]);
  });

  it("takes no figure of a deviation or outcome column for a target", () => {
    const seg = run([
      page(1, {
        blocks: [block(["Relazione sulla performance 2023"], 20)],
        tables: [
          table(
            [
              ["Obiettivo", "Indicatore", "Target 2023", "Consuntivo 2023", "Scostamento", "Esito"],
              ["1.1 Ridurre i tempi", "Tempo medio di pagamento", "≤ 30 gg", "28 gg", "-2 gg", "Raggiunto"],
              ["", "Pratiche online", "≥ 80%", "84,5%", "+4,5%", "Raggiunto"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.targets.map((t) => t.raw), i.results.map((r) => r.raw)])).toEqual([
      [["≤ 30 gg"], ["28 gg"]],
      [["≥ 80%"], ["84,5%"]],
    ]);
  });

  it("dates each row's target by a column of years beside an undated target column", () => {
    const seg = run([
      page(1, {
        blocks: [block(["Piano della performance 2024-2026"], 20)],
        tables: [
          table(
            [
              ["Obiettivo", "Indicatore", "Anno", "Target"],
              ["1.1 Ridurre i tempi ^5", "Tempo medio di pagamento ^3", "2024", "≤ 30 gg"],
              [null, null, "2025", "≤ 28 gg"],
              [null, null, "2026", "≤ 25 gg"],
              [null, "Pratiche online ^2", "2024", "≥ 80%"],
              [null, null, "2025", "≥ 85%"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => current(i.targets))).toEqual([
      ["2024 <= 30", "2025 <= 28", "2026 <= 25"],
      ["2024 >= 80", "2025 >= 85"],
    ]);
  });

  it("reads a table of objectives with their weights, then indicators that name them by code", () => {
    const seg = run([
      page(1, {
        blocks: [block(["Piano della performance 2024-2026"], 20)],
        tables: [
          table(
            [
              ["Codice", "Obiettivo strategico", "Peso"],
              ["OS.1", "Semplificare i procedimenti", "60%"],
              ["OS.2", "Sostenere le imprese", "40%"],
            ],
            { headerRows: 1, y: 60 },
          ),
          table(
            [
              ["Cod. obiettivo", "Indicatore", "Target 2024"],
              ["OS.1", "Tempo medio di pagamento", "≤ 30 gg"],
              ["OS.2", "Imprese assistite", "≥ 100"],
            ],
            { headerRows: 1, y: 200 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.weight])).toEqual([
      ["OS.1", "Semplificare i procedimenti", 60],
      ["OS.2", "Sostenere le imprese", 40],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual(["OS.1", "OS.2"]);
  });

  it("names indicators from the 'Indicatore' column when a 'Misura' column stands left of it", () => {
    const seg = run([
      page(1, {
        blocks: [block(["PIAO 2024-2026 – Rischi corruttivi e trasparenza"], 20)],
        tables: [
          table(
            [
              ["Misura", "Responsabile", "Indicatore di monitoraggio", "Target 2024"],
              ["Rotazione del personale", "Segretario generale", "Dipendenti ruotati sul totale", "≥ 10%"],
              ["Formazione anticorruzione", "Ufficio personale", "Dipendenti formati", "100%"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.name, current(i.targets)])).toEqual([
      ["Dipendenti ruotati sul totale", ["2024 >= 10"]],
      ["Dipendenti formati", ["2024 = 100"]],
    ]);
  });

  it("reads objectives given as labelled paragraphs ('Obiettivo di Valore Pubblico: …') as siblings", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["PIAO 2025-2027 – Sezione Valore pubblico"], 20),
          block(["Obiettivo di Valore Pubblico: Migliorare il benessere dei cittadini"], 40),
          block(["Indicatore di impatto: Indice di soddisfazione dei servizi", "Target 2025: ≥ 75"], 60),
          block(["Obiettivo di Valore Pubblico: Ridurre i tempi di attesa"], 120),
          block(["Indicatore di impatto: Tempo medio di attesa", "Target 2025: ≤ 35 giorni"], 140),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.title, o.level, o.parentCode])).toEqual([
      ["Migliorare il benessere dei cittadini", "strategic", null],
      ["Ridurre i tempi di attesa", "strategic", null],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual([
      "Migliorare il benessere dei cittadini",
      "Ridurre i tempi di attesa",
    ]);
  });

  it("reads each ruled cell of an objectives' column as an objective of its own, even without a code", () => {
    const t = table(
      [
        ["Obiettivi", "Peso", "KPI", "Target 2026"],
        ["SEMPLIFICAZIONE E REGISTRO DELLE IMPRESE", "100%", null, null],
        ["ASSICURARE LA SOSTENIBILITÀ DELL'ENTE", "50%", null, null],
        // a band's word read into the objectives' column is no objective
        ["Indicatori", null, null, null],
        ["RIDURRE I TEMPI DI RILASCIO ^2", "100%", "Tempo medio di rilascio", "<= 5 gg"],
        [null, "50%", "Pratiche evase nei termini", ">= 90%"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => o.title)).toEqual([
      "SEMPLIFICAZIONE E REGISTRO DELLE IMPRESE",
      "ASSICURARE LA SOSTENIBILITÀ DELL'ENTE",
      "RIDURRE I TEMPI DI RILASCIO",
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual([
      "RIDURRE I TEMPI DI RILASCIO",
      "RIDURRE I TEMPI DI RILASCIO",
    ]);
  });

  it("splits the next strategic objective's banner out of a name cell, and reads an office in brackets as its owner", () => {
    const t = table(
      [
        ["KPI", "Target 2026", "Target 2027"],
        ["01.O1 Rafforzare i servizi educativi >3", null, null],
        ["01.O1.O1 Digitalizzare le fasi di rilascio >3", null, null],
        [
          "I101 - Pratiche evase nei termini\n01.O2 Rendere i servizi accessibili da remoto",
          ">= 90%",
          ">= 92%",
        ],
        ["01.O2.O1 Monitorare le segnalazioni >3", null, null],
        ["(SERVIZIO TRIBUTI)", null, null],
        ["I102 - Segnalazioni risolte", ">= 60%", ">= 62%"],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.owner])).toEqual([
      ["01.O1", null],
      ["01.O1.O1", null],
      ["01.O2", null],
      ["01.O2.O1", "SERVIZIO TRIBUTI"],
    ]);
    expect(seg.indicators.map((i) => [i.code, i.name, i.objectiveCode])).toEqual([
      ["I101", "Pratiche evase nei termini", "01.O1.O1"],
      ["I102", "Segnalazioni risolte", "01.O2.O1"],
    ]);
  });

  it("reads no indicator from an office in brackets after the objective's indicators, a speck beside it", () => {
    const t = table(
      [
        ["KPI", "Target 2026", "Target 2027"],
        ["01.O1 Rafforzare i servizi educativi >3", null, null],
        ["I101 - Pratiche evase nei termini", ">= 90%", ">= 92%"],
        ["(DIREZIONE PROGRAMMAZIONE)", "2", null],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators.map((i) => i.code)).toEqual(["I101"]);
  });

  it("splits out a banner written with its level words before the code, its title on the next line", () => {
    const t = table(
      [
        ["KPI", "Target 2026"],
        ["01.O1 Rafforzare i servizi >2", null],
        [
          "I101 - Pratiche evase nei termini\nOBIETTIVO OPERATIVO 01.O1.O1\nMonitorare le segnalazioni",
          ">= 90%",
        ],
        ["I102 - Segnalazioni risolte", ">= 60%"],
      ],
      { headerRows: 1, method: "stream" },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["01.O1", "Rafforzare i servizi"],
      ["01.O1.O1", "Monitorare le segnalazioni"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Pratiche evase nei termini", "01.O1"],
      ["Segnalazioni risolte", "01.O1.O1"],
    ]);
  });

  it("reads an uncoded title between an evaluation and a scope label as an objective, not a caption", () => {
    const small = (y: number) =>
      table(
        [
          ["Indicatore", "Target"],
          ["Tempo di attesa " + y, "<= 35 gg"],
        ],
        { headerRows: 1, y },
      );
    const seg = run([
      page(1, {
        blocks: [
          block(["Valutazione OIV: 80"], 40),
          block(["RIDURRE I TEMPI DI ATTESA"], 55, { bold: true }),
          block(["PERFORMANCE D'ENTE"], 70),
          block(["Obiettivi operativi collegati all'obiettivo strategico RIDURRE I TEMPI"], 150),
          block(["Valutazione OIV: 90"], 165),
          block(["Digitalizzare le prenotazioni"], 180),
          block(["Responsabile: Ufficio CUP"], 195),
        ],
        tables: [small(90), small(220)],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.title, o.owner])).toEqual([
      ["RIDURRE I TEMPI DI ATTESA", null],
      ["Digitalizzare le prenotazioni", "Ufficio CUP"],
    ]);
  });

  it("reads an uncoded title over an objective's labels in a table's rows as an objective", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Misura", "Risultato atteso", "Valore raggiunto"],
              ["Quota di ordini emessi", ">= 70%", "72%"],
              ["Valutazione OIV: 90 >3", null, null],
              ["Digitalizzare le fasi di esecuzione >3", null, null],
              ["Responsabile: Ing. Paolo Martini", "", ""],
              ["Attivazione della telemedicina", "30/09/2021", "15/09/2021"],
            ],
            { headerRows: 1, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.title, o.owner])).toEqual([
      ["Digitalizzare le fasi di esecuzione", "Ing. Paolo Martini"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Quota di ordini emessi", null],
      ["Attivazione della telemedicina", "Digitalizzare le fasi di esecuzione"],
    ]);
  });

  it("takes no header labels printed apart from their table for an objective's title", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["Risultato conseguito Grado di raggiungimento"], 40),
          block(["Valutazione OIV: 70"], 55),
          block(["OBIETTIVO STRATEGICO A03 Potenziare l'assistenza"], 70, { bold: true }),
        ],
        tables: [
          table(
            [
              ["Indicatore", "Target"],
              ["Tempo di attesa", "<= 35 gg"],
            ],
            { headerRows: 1, y: 90 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => o.code)).toEqual(["A03"]);
  });

  it("keeps a numbered heading followed at once by an objective's heading as its parent", () => {
    const small = (y: number, name: string) =>
      table(
        [
          ["Indicatore", "Target 2025"],
          [name, ">= 50%"],
        ],
        { headerRows: 1, y },
      );
    const seg = run([
      page(1, {
        blocks: [
          block(["1. Sicurezza urbana e legalità"], 40, { bold: true }),
          block(["OBIETTIVO STRATEGICO OB.1 Rafforzare i servizi educativi"], 55, { bold: true }),
          block(["2. Premessa metodologica"], 120, { bold: true }),
          block(["Il piano descrive gli obiettivi dell'ente per il triennio e i loro indicatori."], 135),
          block(["OBIETTIVO STRATEGICO OB.2 Ridurre i tempi di attesa"], 150, { bold: true }),
        ],
        tables: [small(70, "Posti nido assegnati"), small(165, "Tempo medio di attesa")],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["1", "Sicurezza urbana e legalità"],
      ["OB.1", "Rafforzare i servizi educativi"],
      ["OB.2", "Ridurre i tempi di attesa"],
    ]);
  });

  it("reads a number and a title in capitals alone on a table's row as an objective", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Descrizione indicatore", "Baseline 2021", "Risultato atteso 2022"],
              ["K103 - Indice di gradimento", "ND", ">= 4"],
              ["2 QUALIFICARE L'OFFERTA DI FORMAZIONE", "", ""],
              ["K104 - Percentuale di corsi avviati", "N/D", ">= 64,0"],
            ],
            { headerRows: 1 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["2", "QUALIFICARE L'OFFERTA DI FORMAZIONE"],
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual([null, "2"]);
  });

  it("reads each objective of an unruled objectives' column: an area, a weighted title across the names' column, a title with its own owner", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Obiettivi operativi", "Indicatore", "Target 2024", "Ponderazione"],
              ["Area: Organizzazione e risorse >2", null, "", "100%"],
              ["Accrescere la trasparenza amministrativa >2", null, "70%", ""],
              [
                'Digitalizzare le istruttorie\nServizio "UFFICIO URP"\n(peso 100%)',
                "Certificati rilasciati",
                ">= 10",
                "",
              ],
              ["Migliorare la cura degli spazi >2", null, "30%", ""],
              [
                'Ridurre i tempi di risoluzione\nServizio "POLIZIA LOCALE"\nPeso: 60%',
                "Pagamenti incassati",
                ">= 20",
                "",
              ],
              [
                'Monitorare le segnalazioni\nServizio "POLIZIA LOCALE"\nPeso: 40%',
                "Segnalazioni risolte",
                ">= 30",
                "",
              ],
            ],
            { headerRows: 1, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => o.title)).toEqual([
      "Organizzazione e risorse",
      "Accrescere la trasparenza amministrativa",
      "Digitalizzare le istruttorie",
      "Migliorare la cura degli spazi",
      "Ridurre i tempi di risoluzione",
      "Monitorare le segnalazioni",
    ]);
  });

  it("gives the small tables under headings the header printed once above them as a table of its own", () => {
    const seg = run([
      page(1, {
        blocks: [block(["1.1 - Digitalizzare le fasi di emissione degli ordini"], 150, { bold: true })],
        tables: [
          table(
            [["Cod. indicatore", "Descrizione indicatore", "Valore 2021", "Target 2022", "Target 2023"]],
            {
              headerRows: 1,
              y: 120,
            },
          ),
          table([["I101", "Costo medio delle ispezioni", "€ 23", "≤ € 22", "≤ € 21"]], { y: 170 }),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.name, current(i.targets), i.baselines.map((b) => b.year)])).toEqual([
      ["Costo medio delle ispezioni", ["2022 <= 22", "2023 <= 21"], [2021]],
    ]);
  });

  it("reads a title's lines over a table without a header as no indicators, and a coded banner's title on the row under it", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Regione Basilicata", "", "", ""],
              ["Obiettivi, indicatori e target", "", "", ""],
              ["OBIETTIVO OPERATIVO 03.O1.O1 >4", null, null, null],
              ["Ridurre i tempi delle ispezioni", "", "", ""],
              ["Responsabile: Direzione Sanitaria", "", "", ""],
              ["Tempo medio delle ispezioni", "Giorni / N. ispezioni", "30", "<= 28"],
            ],
            { method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.owner])).toEqual([
      ["03.O1.O1", "Ridurre i tempi delle ispezioni", "Direzione Sanitaria"],
    ]);
    expect(seg.indicators.map((i) => i.name)).toEqual(["Tempo medio delle ispezioni"]);
  });

  it("keeps labels out of titles: evaluation, scope, owner", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(
            [
              "Valutazione OIV: 80",
              "OBIETTIVO STRATEGICO 1.1",
              "RIDURRE I TEMPI DI ATTESA",
              "PERFORMANCE D'ENTE",
            ],
            40,
            { bold: true },
          ),
          block(['Servizio "CENTRO UNICO PRENOTAZIONI"'], 100),
        ],
        tables: [
          table(
            [
              ["Indicatore", "Target"],
              ["Tempo di attesa", "<= 35 gg"],
            ],
            { headerRows: 1, y: 140 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives).toMatchObject([
      {
        code: "1.1",
        title: "RIDURRE I TEMPI DI ATTESA",
        level: "strategic",
        owner: 'Servizio "CENTRO UNICO PRENOTAZIONI"',
      },
    ]);
  });

  it("keeps labels on their own lines out of a banner row's title", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Indicatori", "Algoritmo", "Target"],
              ["Valutazione OIV: 70\nA01.01 - Ridurre i tempi di liquidazione\nResponsabile: Dott. Rossi >3"],
              ["Tempo medio di pagamento", "Giorni / fatture", "<= 30 gg"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives).toMatchObject([
      { code: "A01.01", title: "Ridurre i tempi di liquidazione", owner: "Dott. Rossi" },
    ]);
    expect(seg.indicators.map((i) => i.objectiveCode)).toEqual(["A01.01"]);
  });

  it("reads coded headings in the name column with their weight beside them and labels under them", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Ponderazione", "Indicatori", "Algoritmo", "2026"],
              ["50%", "Area strategica 1 – WELFARE E SCUOLA >2"],
              ["60% Obiettivi operativi", "1.1 RENDERE I SERVIZI ACCESSIBILI >2"],
              ["100%", '1.1.1 DIGITALIZZARE LE CARTE\nServizio "SETTORE POLIZIA LOCALE" >2'],
              ["100%", "Carte emesse online", "Conteggio", ">= 500 n."],
            ],
            { headerRows: 1, y: 60, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.level, o.weight, o.owner])).toEqual([
      ["1", "WELFARE E SCUOLA", "area", 50, null],
      ["1.1", "RENDERE I SERVIZI ACCESSIBILI", "strategic", 60, null],
      ["1.1.1", "DIGITALIZZARE LE CARTE", "operational", 100, 'Servizio "SETTORE POLIZIA LOCALE"'],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([["Carte emesse online", "1.1.1"]]);
  });

  it("stacks a header's second row over its first across an empty row", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Misura", "Valori storici", "Risultato", "Risultato"],
              ["", "", "", ""],
              ["", "Valore 2023", "atteso 2026", "atteso 2027"],
              ["Pratiche evase", "120 n.", ">= 130 n.", ">= 140 n."],
            ],
            { headerRows: 1, y: 60, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.name, current(i.targets), i.baselines.map((b) => b.year)])).toEqual([
      ["Pratiche evase", ["2026 >= 130", "2027 >= 140"], [2023]],
    ]);
  });

  it("reads an objective's banner set in the header's cell or under an indicator's name", () => {
    const seg = run([
      page(1, {
        blocks: [block(["02.O1 Rendere i servizi accessibili da remoto"], 30, { bold: true })],
        tables: [
          table(
            [
              ["Indicatore\n02.O1.O1 Digitalizzare i certificati anagrafici", "Baseline 2022", "Target 2023"],
              ["I101 - Quota di permessi rilasciati", "ND", "> 88"],
              ["I102 - N. segnalazioni risolte\n02.O1.O2 Monitorare le fatture pagate", "n.d.", ">= 6.072"],
              ["I103 - Costo medio dei posti nido", "89,44", "<= 86,00"],
            ],
            { y: 60, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title])).toEqual([
      ["02.O1", "Rendere i servizi accessibili da remoto"],
      ["02.O1.O1", "Digitalizzare i certificati anagrafici"],
      ["02.O1.O2", "Monitorare le fatture pagate"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Quota di permessi rilasciati", "02.O1.O1"],
      ["N. segnalazioni risolte", "02.O1.O1"],
      ["Costo medio dei posti nido", "02.O1.O2"],
    ]);
  });

  it("reads a second column of coded objectives the header did not name, and notes across the values beside them", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Obiettivi operativi", "Attività", "Indicatore", "Target 2026"],
              [
                "03.O1.O1 - Monitorare le entrate ^4",
                "03.O1.O1.T1 - Revisione della modulistica ^3",
                "K101 - Servizio online",
                "ON",
              ],
              [null, null, "Note: Fonte: gestionale interno, aggiornamento trimestrale >2"],
              [null, null, "K102 - Verbali notificati tramite PEC", ">= 59,00%"],
              [null, "03.O1.O1.T2 - Formazione del personale", "K103 - Posti nido assegnati", "+1%"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.level])).toEqual([
      ["03.O1.O1", "operational"],
      ["03.O1.O1.T1", "action"],
      ["03.O1.O1.T2", "action"],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Servizio online", "03.O1.O1.T1"],
      ["Verbali notificati tramite PEC", "03.O1.O1.T1"],
      ["Posti nido assegnati", "03.O1.O1.T2"],
    ]);
    expect(seg.indicators[0]!.notes).toEqual(["Note: Fonte: gestionale interno, aggiornamento trimestrale"]);
  });

  it("reads the next objective's banner taken into the code cell of an unruled table, caption and owner apart", () => {
    const seg = run([
      page(1, {
        blocks: [block(["02.O2 Ridurre i tempi dei procedimenti"], 30, { bold: true })],
        tables: [
          table(
            [
              ["Cod.", "Descrizione indicatore", "Target 2026"],
              ["F102", "Pratiche SUAP concluse entro 30 giorni", "> 35"],
              [
                "F103\nObiettivi operativi collegati all'obiettivo strategico 02.O2\n02.O2.O1 Monitorare le notifiche\nResponsabile: Settore Servizi Demografici",
                "Carte d'identità emesse entro 15 giorni",
                ">= 610",
              ],
              ["F104", "Fatture pagate entro 30 giorni", ">= 77"],
            ],
            { headerRows: 1, y: 60, method: "stream" },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.owner])).toEqual([
      ["02.O2", "Ridurre i tempi dei procedimenti", null],
      ["02.O2.O1", "Monitorare le notifiche", "Settore Servizi Demografici"],
    ]);
    expect(seg.indicators.map((i) => [i.code, i.objectiveCode])).toEqual([
      ["F102", "02.O2"],
      ["F103", "02.O2"],
      ["F104", "02.O2.O1"],
    ]);
  });

  it("reads one name per row from a name cell merged over rows whose lines start on those rows", () => {
    const seg = run([
      page(1, {
        tables: [
          table(
            [
              ["Cod.", "Indicatore", "Target 2024"],
              [
                "F106",
                "Tempo medio di emissione\ndelle carte d'identità\nIndice di gradimento ^2",
                "<= 50 gg",
              ],
              ["F107", null, ">= 4"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.indicators.map((i) => [i.code, i.name, current(i.targets)])).toEqual([
      ["F106", "Tempo medio di emissione delle carte d'identità", ["2024 <= 50"]],
      ["F107", "Indice di gradimento", ["2024 >= 4"]],
    ]);
  });

  it("does not take captions or the word of 'AREA STRATEGICA 1' for objectives", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["AREA STRATEGICA 1"], 30, { bold: true }),
          block(["ACCESSIBILITÀ DEI SERVIZI"], 45, { bold: true }),
          block(["Obiettivi operativi collegati all'obiettivo strategico 1.1"], 70, { bold: true }),
          block(["OBIETTIVO OPERATIVO 1.1.1 POTENZIARE IL CUP"], 90, { bold: true }),
        ],
        tables: [
          table(
            [
              ["Indicatore", "Target"],
              ["Sportelli", ">= 5 N."],
            ],
            { headerRows: 1, y: 120 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.title, o.level])).toEqual([
      ["1", "ACCESSIBILITÀ DEI SERVIZI", "area"],
      ["1.1.1", "POTENZIARE IL CUP", "operational"],
    ]);
  });

  it("reads bare titles in the code column as objectives, their levels from a caption and from their weights", () => {
    const seg = run([
      page(1, {
        blocks: [block(["AREA STRATEGICA: Edilizia scolastica"], 30, { bold: true })],
        tables: [
          table(
            [
              ["Codice", "Peso", "Indicatore", "Target 2024"],
              ["Adeguare gli edifici scolastici", "50%", ">2"],
              ["Indicatori >4"],
              ["", "100%", "Edifici adeguati", ">= 3 N."],
              ["Obiettivi operativi collegati all'obiettivo strategico Adeguare gli edifici >4"],
              ["Monitorare le manutenzioni\nResponsabile:\nSettore Edilizia", "60%", ">2"],
              ["", "100%", "Sopralluoghi svolti", ">= 40 N."],
              ["Ridurre i tempi dei lavori", "40%", ">2"],
              ["", "100%", "Tempo medio dei lavori", "<= 90 gg"],
              ["Mettere in sicurezza le strade", "50%", ">2"],
              ["", "100%", "Strade manutenute", ">= 50 %"],
            ],
            { headerRows: 1, y: 60 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.title, o.level, o.weight, o.owner])).toEqual([
      ["Edilizia scolastica", "area", null, null],
      ["Adeguare gli edifici scolastici", "strategic", 50, null],
      ["Monitorare le manutenzioni", "operational", 60, "Settore Edilizia"],
      ["Ridurre i tempi dei lavori", "operational", 40, null],
      // 40% + 60% closed the operational ones: a weight past 100% is a strategic objective again
      ["Mettere in sicurezza le strade", "strategic", 50, null],
    ]);
    expect(seg.indicators.map((i) => [i.name, i.objectiveCode])).toEqual([
      ["Edifici adeguati", "Adeguare gli edifici scolastici"],
      ["Sopralluoghi svolti", "Monitorare le manutenzioni"],
      ["Tempo medio dei lavori", "Ridurre i tempi dei lavori"],
      ["Strade manutenute", "Mettere in sicurezza le strade"],
    ]);
  });

  it("reads objectives as numbered headings with weight and owner lines, each followed by a small table", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["1. Premessa"], 20, { bold: true }),
          block(["La presente sottosezione descrive gli obiettivi di performance dell'ente."], 35),
          block(["2.1 Migliorare la qualità della didattica"], 60, { bold: true }),
          block(["(peso 30%)", "Struttura responsabile: Area Didattica"], 75),
          block(["2.2 Ridurre i tempi dei procedimenti"], 200, { bold: true }),
          block(["(peso 70%)"], 215),
        ],
        tables: [
          table(
            [
              ["Indicatore", "Baseline 2023", "Target 2024 (%)"],
              ["Studenti regolari", "62", "64"],
            ],
            { headerRows: 1, y: 110 },
          ),
          table(
            [
              ["Indicatore", "Tempo medio (gg) 2024"],
              ["Tempo di pagamento", "25"],
            ],
            { headerRows: 1, y: 240 },
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.weight, o.owner])).toEqual([
      ["2.1", 30, "Area Didattica"],
      ["2.2", 70, null],
    ]);
    expect(
      seg.indicators.map((i) => [i.objectiveCode, i.targets.map((t) => `${t.year} ${t.value} ${t.unit}`)]),
    ).toEqual([
      ["2.1", ["2024 64 %"]],
      ["2.2", ["2024 25 days"]],
    ]);
    expect(seg.indicators[0]!.baselines.map((b) => [b.year, b.value])).toEqual([[2023, 62]]);
  });

  it("reads a plan written as headings and lists", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["AREA STRATEGICA A – Sviluppo economico"], 20, { bold: true }),
          block(["OB.1.1 - Sostenere la competitività delle imprese"], 40, { bold: true }),
          block(["R.A.1.1a - Incremento delle imprese beneficiarie"], 60, { bold: true }),
          block(
            [
              "• Indicatore: Numero di imprese beneficiarie",
              "• Baseline: 120 (2020)",
              "• Target 2021 - ≥ 130",
              "• Target 2022 - ≥ 140",
            ],
            75,
          ),
          block(["R.A.1.1b - Riduzione dei tempi di erogazione"], 140, { bold: true }),
          block(
            ["• Formula: giorni medi tra domanda e pagamento", "• Target 2021 - entro il 31/12/2021"],
            155,
          ),
        ],
      }),
    ]);
    expect(seg.objectives.map((o) => [o.code, o.level, o.parentCode])).toEqual([
      ["A", "area", null],
      ["OB.1.1", "strategic", "A"],
    ]);
    expect(seg.indicators.map((i) => [i.code, i.name, i.objectiveCode])).toEqual([
      ["R.A.1.1a", "Incremento delle imprese beneficiarie", "OB.1.1"],
      ["R.A.1.1b", "Riduzione dei tempi di erogazione", "OB.1.1"],
    ]);
    expect(current(seg.indicators[0]!.targets)).toEqual(["2021 >= 130", "2022 >= 140"]);
    expect(seg.indicators[1]!.targets[0]).toMatchObject({
      year: 2021,
      op: "<=",
      value: "2021-12-31",
      unit: "date",
    });
    expect(seg.indicators[1]!.formula).toBe("giorni medi tra domanda e pagamento");
  });

  it("reads a struck value and its replacement in one cell as one superseded and one current target", () => {
    const t = table(
      [
        ["Indicatore", "Target 2024"],
        ["Prenotazioni online", "~~>= 34,00 %~~ >= 38,00 %"],
      ],
      { headerRows: 1 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(seg.indicators[0]!.targets.map((x) => [x.value, x.superseded, x.op])).toEqual([
      [34, true, ">="],
      [38, false, ">="],
    ]);
  });

  it("explains each row's kind and each column's role", () => {
    const trace = emptyTrace();
    const t = table(
      [
        ["Indicatore", "Target"],
        ["Sportelli", ">= 5 N."],
      ],
      { headerRows: 1 },
    );
    run([page(1, { tables: [t] })], trace);
    expect(trace.tables[0]!.roles[0]!.columns.map((c) => c.role)).toEqual(["indicator", "target"]);
    expect(trace.tables[0]!.rows[0]).toMatchObject({ kind: "indicator" });
  });
});

describe("list fields", () => {
  it("reads the year of a baseline printed after it and 'Target: 2021 - x; 2022 - y'", () => {
    const seg = segmentPages(
      [
        page(1, {
          blocks: [
            block(["R.A.2.1a - Riduzione dei consumi"], 20, { bold: true }),
            block(["- Baseline: 120 (2020)", "- Target: 2021 - 45%; 2022 - 50%"], 35),
          ],
        }),
      ],
      { running: [], act: null },
    );
    const ind = seg.indicators[0]!;
    expect(ind.baselines.map((b) => [b.year, b.value])).toEqual([[2020, 120]]);
    expect(ind.targets.map((t) => [t.year, t.op, t.value, t.unit, t.relative ?? null])).toEqual([
      [2021, "=", 45, "%", null],
      [2022, "=", 50, "%", null],
    ]);
  });
});

describe("key-value tables", () => {
  it("reads a scheda: one objective and its indicator, fields down the first column", () => {
    const t = table([
      ["Obiettivo operativo", "2.1 Digitalizzare i procedimenti"],
      ["Responsabile", "Settore Innovazione"],
      ["Peso", "25%"],
      ["Indicatore", "Procedimenti gestiti online"],
      ["Formula", "N. procedimenti online / N. procedimenti totali"],
      ["Valore di partenza", "40% (2023)"],
      ["Target 2024", "≥ 60%"],
      ["Target 2025", "≥ 70%"],
    ]);
    const seg = segmentPages([page(1, { tables: [t] })], { running: [], act: null });
    expect(seg.objectives).toMatchObject([
      {
        code: "2.1",
        title: "Digitalizzare i procedimenti",
        level: "operational",
        weight: 25,
        owner: "Settore Innovazione",
      },
    ]);
    expect(seg.indicators).toHaveLength(1);
    expect(seg.indicators[0]).toMatchObject({
      name: "Procedimenti gestiti online",
      objectiveCode: "2.1",
      formula: "N. procedimenti online / N. procedimenti totali",
    });
    expect(current(seg.indicators[0]!.targets)).toEqual(["2024 >= 60", "2025 >= 70"]);
    expect(seg.indicators[0]!.baselines.map((b) => [b.year, b.value])).toEqual([[2023, 40]]);
  });
});

describe("weight columns left of the names", () => {
  it("weigh the indicators where a new weight starts beside an objective cell merged from above", () => {
    const t = table(
      [
        ["Obiettivo operativo", "Peso", "Indicatore", "Target 2025"],
        ["2.1 Digitalizzare i procedimenti ^2", "60%", "Procedimenti gestiti online", "≥ 60%"],
        [null, "40%", "Tempo medio di risposta", "≤ 30 gg"],
        ["2.2 Ridurre i tempi", "100%", "Giorni di attesa", "≤ 20 gg"],
      ],
      { headerRows: 1, colWidth: 150 },
    );
    const seg = segmentPages([page(1, { tables: [t] })], { running: [], act: null });
    expect(seg.indicators.map((i) => [i.name, i.weight])).toEqual([
      ["Procedimenti gestiti online", 60],
      ["Tempo medio di risposta", 40],
      ["Giorni di attesa", 100],
    ]);
    expect(seg.objectives.map((o) => o.weight)).toEqual([null, null]);
  });
  it("weigh the objectives where each is merged like the objective beside it", () => {
    const t = table(
      [
        ["Obiettivo operativo", "Peso", "Indicatore", "Target 2025"],
        ["2.1 Digitalizzare i procedimenti ^2", "60% ^2", "Procedimenti gestiti online", "≥ 60%"],
        [null, null, "Tempo medio di risposta", "≤ 30 gg"],
        ["2.2 Ridurre i tempi", "40%", "Giorni di attesa", "≤ 20 gg"],
      ],
      { headerRows: 1, colWidth: 150 },
    );
    const seg = segmentPages([page(1, { tables: [t] })], { running: [], act: null });
    expect(seg.objectives.map((o) => [o.code, o.weight])).toEqual([
      ["2.1", 60],
      ["2.2", 40],
    ]);
    expect(seg.indicators.map((i) => i.weight)).toEqual([null, null, null]);
  });

  it("reads a value once where its cell is merged over columns of one year's target", () => {
    // a stamp's arcs split the 2025 column of a scan in three: its header and its values span them
    const t = table(
      [
        ["Indicatore", "Target 2025 >3", null, null, "Target 2026"],
        ["Pratiche evase", "≥ 79% >3", null, null, "≥ 84%"],
      ],
      { headerRows: 1, colWidth: 100 },
    );
    const seg = run([page(1, { tables: [t] })]);
    expect(current(seg.indicators[0]!.targets)).toEqual(["2025 >= 79", "2026 >= 84"]);
  });

  it("reads a list's year label whose colon OCR read as a semicolon", () => {
    const seg = run([
      page(1, {
        blocks: [
          block(["R.A.2.1a - Incremento dei pagamenti incassati"], 60, { bold: true }),
          block(["- Baseline 2020: 3.779", "- Target 2022; +2% (3.855)", "- Target 2023: +3% (3.892)"], 75),
          // (no year: a semicolon is no label's separator)
          block(["Note; i valori sono provvisori"], 120),
        ],
      }),
    ]);
    expect(current(seg.indicators[0]!.targets)).toEqual(["2022 >= 3855", "2023 >= 3892"]);
    expect(seg.indicators[0]!.notes ?? "").not.toContain("i valori");
  });
});
