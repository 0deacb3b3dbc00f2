import { describe, expect, it } from "vitest";
import { reproducible } from "../../fixtures/generate/variety/pdfdates.js";

describe("reproducible", () => {
  it("fixes the print time and derives the file identifier from the content, keeping every offset", () => {
    const pdf = (date: string, id: string) =>
      Buffer.from(
        `%PDF-1.4\n1 0 obj<</Producer(LibreOffice)/CreationDate(D:${date}Z')>>endobj\ntrailer<</ID [ <${id}>\n<${id}> ]\n/DocChecksum /${id}>>\n`,
        "latin1",
      );
    const a = reproducible(pdf("20261202011527", "D37E84570E4261BA42F2C1E9762B5F0B"));
    const b = reproducible(pdf("20250307093000", "0123456789ABCDEF0123456789ABCDEF"));
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(pdf("20261202011527", "D37E84570E4261BA42F2C1E9762B5F0B").length);
    expect(a.toString("latin1")).toContain("/CreationDate(D:20250101000000Z')");
    expect(a.toString("latin1")).not.toContain("D37E8457");
    // different content, different identifier
    const c = reproducible(
      Buffer.from(
        pdf("20261202011527", "D37E84570E4261BA42F2C1E9762B5F0B")
          .toString("latin1")
          .replace("LibreOffice", "LibreOfficX"),
        "latin1",
      ),
    );
    expect(c.toString("latin1").match(/<([0-9A-F]{32})>/)![1]).not.toBe(
      a.toString("latin1").match(/<([0-9A-F]{32})>/)![1],
    );
  });
});
