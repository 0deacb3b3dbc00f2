/** Objective headings: level words, codes, titles; captions and band labels are not objectives. */
import { describe, expect, it } from "vitest";
import { levelFromWords, numberedTitle, parseObjectiveText } from "../../src/segment/objectives.js";
import { loadProfileSet, wordsOf } from "../../src/segment/profiles.js";

const lx = wordsOf(loadProfileSet().generic);
const parse = (t: string) => parseObjectiveText(t, lx);

describe("parseObjectiveText", () => {
  it("reads level words, codes and titles", () => {
    expect(parse("OBIETTIVO STRATEGICO COMUNE 2022-2024 A01 FAVORIRE LA TRANSIZIONE DIGITALE")).toEqual({
      code: "A01",
      title: "FAVORIRE LA TRANSIZIONE DIGITALE",
      level: "strategic",
    });
    expect(parse("Area 1 – Competitività delle imprese")).toEqual({
      code: "1",
      title: "Competitività delle imprese",
      level: "area",
    });
    expect(parse("AMBITO OBIETTIVI STRATEGICI COMUNI 3")).toEqual({
      code: "3",
      title: "OBIETTIVI STRATEGICI COMUNI",
      level: "area",
    });
    expect(parse("1.2.S - 1.2.S Semplificazione")).toEqual({
      code: "1.2.S",
      title: "Semplificazione",
      level: null,
    });
  });
  it("keeps the number of 'AREA STRATEGICA 1' and two-digit area codes", () => {
    expect(parse("AREA STRATEGICA 1")).toEqual({ code: "1", title: "", level: "area" });
    expect(parse("AREA STRATEGICA 01 - Sviluppo del territorio")).toEqual({
      code: "01",
      title: "Sviluppo del territorio",
      level: "area",
    });
    expect(parse("Area strategica 2: Servizi")).toEqual({ code: "2", title: "Servizi", level: "area" });
  });
  it("reads a number with its colon set close to the title", () => {
    expect(parse("Area strategica 2:Sicurezza urbana")).toEqual({
      code: "2",
      title: "Sicurezza urbana",
      level: "area",
    });
  });
  it("reads a scan's 1 read as an accented i after level words", () => {
    expect(parse("Area strategica ì - Imprese e mercati esteri")).toEqual({
      code: "1",
      title: "Imprese e mercati esteri",
      level: "area",
    });
  });
  it("reads list-style codes and 'Obiettivo 1.1 - …'", () => {
    expect(parse("OB.1.1 - Sostenere la competitività")).toEqual({
      code: "OB.1.1",
      title: "Sostenere la competitività",
      level: null,
    });
    expect(parse("Obiettivo 2.3 - Ridurre i tempi")).toEqual({
      code: "2.3",
      title: "Ridurre i tempi",
      level: null,
    });
  });
  it("reads the other ways plans number their objectives", () => {
    const short = (t: string) => {
      const p = parse(t);
      return p && [p.code, p.title, p.level];
    };
    expect(short("Obiettivo n. 1: Migliorare i servizi")).toEqual(["1", "Migliorare i servizi", null]);
    expect(short("Obiettivo operativo n. 1.1 – Ridurre i tempi")).toEqual([
      "1.1",
      "Ridurre i tempi",
      "operational",
    ]);
    expect(short("OBIETTIVO STRATEGICO N. 2 - SVILUPPO")).toEqual(["2", "SVILUPPO", "strategic"]);
    expect(short("Obiettivo di Valore Pubblico 1 – Benessere")).toEqual(["1", "Benessere", null]);
    expect(short("Obiettivo gestionale 5 – Archivio")).toEqual(["5", "Archivio", "operational"]);
    expect(short("Linea di mandato 2: Città sicura")).toEqual(["2", "Città sicura", "area"]);
    expect(short("Ambito di intervento 2 - Turismo")).toEqual(["2", "Turismo", "area"]);
    expect(short("Macro-obiettivo 1 - Imprese")).toEqual(["1", "Imprese", "area"]);
    expect(short("1.1 - Obiettivo strategico: Semplificare")).toEqual(["1.1", "Semplificare", "strategic"]);
  });
  it("refuses captions, band labels and sections named with band words", () => {
    expect(parse("Obiettivi operativi collegati all'obiettivo strategico 1.1")).toBeNull();
    expect(parse("OBIETTIVI OPERATIVI COLLEGATI ALL'OBIETTIVO STRATEGICO 1.1")).toBeNull();
    expect(parse("Obiettivi operativi")).toBeNull();
    expect(parse("2. Gli obiettivi")).toBeNull();
  });
  it("names levels from words at the start only", () => {
    expect(levelFromWords("Obiettivo operativo A01.01", lx)).toBe("operational");
    expect(levelFromWords("Azioni di comunicazione", lx)).toBe("action");
    expect(levelFromWords("Numero di obiettivi operativi", lx)).toBeNull();
  });
});

describe("numberedTitle", () => {
  it("reads a title in capitals after its number", () => {
    expect(numberedTitle("1 SOSTENERE L'APERTURA DELLE IMPRESE", lx)).toEqual({
      code: "1",
      title: "SOSTENERE L'APERTURA DELLE IMPRESE",
    });
  });
  it("reads a number and a capitalized title of three words or more, not band words nor counts", () => {
    expect(numberedTitle("1 Rafforzare i servizi educativi", lx)).toEqual({
      code: "1",
      title: "Rafforzare i servizi educativi",
    });
    expect(numberedTitle("3 incontri svolti nell'anno", lx)).toBeNull();
    expect(numberedTitle("2 Obiettivi", lx)).toBeNull();
    expect(numberedTitle("2 Gli obiettivi strategici", lx)).toBeNull();
  });
  it("titles an area after the colon of its level words", () => {
    expect(parse("AREA STRATEGICA: Edilizia scolastica")).toEqual({
      code: null,
      title: "Edilizia scolastica",
      level: "area",
    });
  });
});
