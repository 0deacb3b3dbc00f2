/** The issuing body (segment/document.ts detectIssuer): a Camera di commercio or a local body's full name. */
import { describe, expect, it } from "vitest";
import { detectIssuer } from "../../src/segment/document.js";

describe("detectIssuer", () => {
  it("reads a Camera di commercio's name, joined words and all", () => {
    expect(detectIssuer("Allegato\nCamera di commercio di Ferrara e Ravenna\nPiano")).toBe(
      "Camera di commercio di Ferrara e Ravenna",
    );
    expect(detectIssuer("Camera di Commercio Riviere di Liguria")).toBe(
      "Camera di Commercio Riviere di Liguria",
    );
  });

  it("keeps the small words inside a place's name", () => {
    expect(detectIssuer("Comune di Castelnuovo Val di Cecina\nPIAO 2025-2027")).toBe(
      "Comune di Castelnuovo Val di Cecina",
    );
    expect(detectIssuer("COMUNE\nComune di San Giovanni in Persiceto")).toBe(
      "Comune di San Giovanni in Persiceto",
    );
    expect(detectIssuer("Comune di Cassano d'Adda")).toBe("Comune di Cassano d'Adda");
    expect(detectIssuer("Comune di Reggio nell'Emilia")).toBe("Comune di Reggio nell'Emilia");
    expect(detectIssuer("Ministero della Cultura\nPiano")).toBe("Ministero della Cultura");
    expect(detectIssuer("Ministero dell'Economia e delle Finanze")).toBe(
      "Ministero dell'Economia e delle Finanze",
    );
    expect(detectIssuer("Allegato 1\nASL Città di Torino\nPiano")).toBe("ASL Città di Torino");
    expect(detectIssuer("Azienda ULSS 6 Euganea")).toBe("ULSS 6 Euganea");
    expect(detectIssuer("Unione dei Comuni della Bassa Romagna")).toBe(
      "Unione dei Comuni della Bassa Romagna",
    );
  });

  it("stops at the place's last capitalized word", () => {
    expect(detectIssuer("Comune di Trapani di cui alla delibera")).toBe("Comune di Trapani");
    expect(detectIssuer("Provincia di Bologna\nSettore")).toBe("Provincia di Bologna");
    expect(detectIssuer("nessun ente qui")).toBeNull();
  });
});
