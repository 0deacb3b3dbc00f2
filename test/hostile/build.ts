/**
 * Builds the hostile corpus in test/hostile/corpus/ (committed; rebuild with
 * `npx tsx test/hostile/build.ts`, which needs qpdf and openssl). Seeded, so every build is the same
 * but for the encryption salts and signing times. Each file's expected outcome is in expected.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { signWithTestKeys } from "../../fixtures/generate/lib/sign.js";

const HERE = import.meta.dirname;
const OUT = join(HERE, "corpus");
const ROOT = join(HERE, "..", "..");
const GOOD = join(ROOT, "fixtures", "cruscotto-strategico-2021-2026.pdf");

/** mulberry32: a small seeded generator, so the damage is the same on every build */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A minimal PDF from object bodies, with a correct xref table. */
function pdf(objects: string[], trailerExtra = ""): Buffer {
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export const EXPECTED: Record<string, "loaded" | "failed" | `failed:${string}` | "any"> = {};
const put = (name: string, data: Buffer | string, expected: (typeof EXPECTED)[string]) => {
  writeFileSync(join(OUT, name), data);
  EXPECTED[name] = expected;
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const good = readFileSync(GOOD);

put("empty.pdf", "", "failed:not-pdf");
put("one-byte.pdf", "%", "failed:not-pdf");
put("testo.pdf", "Questo non è un PDF ma un file di testo.\n", "failed:not-pdf");
put(
  "pagina-errore.pdf",
  "<!DOCTYPE html><html><head><title>404</title></head><body>Not Found</body></html>",
  "failed:not-pdf",
);
put(
  "immagine.pdf",
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]),
  "failed:not-pdf",
);
put("archivio.pdf", Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(64)]), "failed:not-pdf");
for (const pct of [5, 40, 85])
  put(`troncato-${pct}.pdf`, good.subarray(0, Math.floor((good.length * pct) / 100)), "any");
{
  // a wrong startxref: readers rebuild the cross-reference table, the file loads whole
  const text = good.toString("latin1");
  const i = text.lastIndexOf("startxref");
  put("startxref-errato.pdf", Buffer.from(text.slice(0, i) + "startxref\n123\n%%EOF\n", "latin1"), "loaded");
}
{
  const r = rng(20241124);
  for (let k = 1; k <= 12; k++) {
    const b = Buffer.from(good);
    for (let n = 0; n < 24; n++) {
      const at = 200 + Math.floor(r() * (b.length - 400));
      b[at] = Math.floor(r() * 256);
    }
    put(`danneggiato-${String(k).padStart(2, "0")}.pdf`, b, "any");
  }
}
execFileSync("qpdf", [
  "--encrypt",
  "utente",
  "proprietario",
  "256",
  "--",
  GOOD,
  join(OUT, "cifrato-password.pdf"),
]);
EXPECTED["cifrato-password.pdf"] = "failed:encrypted";
execFileSync("qpdf", [
  "--encrypt",
  "",
  "proprietario",
  "256",
  "--",
  GOOD,
  join(OUT, "cifrato-solo-proprietario.pdf"),
]);
EXPECTED["cifrato-solo-proprietario.pdf"] = "loaded";
// a page tree whose kids point back at itself
put(
  "albero-pagine-ciclico.pdf",
  pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
  "any",
);
// arrays nested a hundred thousand deep
put(
  "array-annidati.pdf",
  pdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep ${"[".repeat(100000)}${"]".repeat(100000)} >>`,
  ]),
  "any",
);
// a Flate stream that inflates to 300 MB
{
  const bomb = deflateSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 });
  const head = "%PDF-1.4\n";
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
  ];
  let body = head;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  offsets.push(Buffer.byteLength(body, "latin1"));
  const pre = Buffer.from(
    body + `4 0 obj\n<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`,
    "latin1",
  );
  const post = "\nendstream\nendobj\n";
  const xrefAt = pre.length + bomb.length + post.length;
  let xref = `xref\n0 5\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  put("bomba-flate.pdf", Buffer.concat([pre, bomb, Buffer.from(post + xref, "latin1")]), "failed:limit");
}
// thousands of blank pages: over the default page limit
{
  const n = 2500;
  const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(" ");
  const pages = Array.from({ length: n }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  put(
    "pagine-bianche.pdf",
    pdf(["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`, ...pages]),
    "failed:limit",
  );
}
// JavaScript and a launch action: never run
put(
  "azioni-javascript.pdf",
  pdf([
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 5 0 R >> >>",
    "<< /S /JavaScript /JS (app.alert('x'); this.exportDataObject({cName:'a', nLaunch:2});) >>",
    "<< /S /Launch /F (calc.exe) >>",
  ]),
  "loaded",
);
// signed envelopes gone wrong
{
  const der = join(OUT, "firmato.pdf.p7m");
  signWithTestKeys(GOOD, der, "-nodetach");
  const d = readFileSync(der);
  rmSync(der);
  put("firmato-troncato.pdf.p7m", d.subarray(0, Math.floor(d.length * 0.6)), "failed:truncated");
  put("firmato-base64-rotto.pdf.p7m", "MIIB" + "!@#$".repeat(40), "failed");
  const det = join(OUT, "firmato-staccato.p7m");
  signWithTestKeys(GOOD, det);
  EXPECTED["firmato-staccato.p7m"] = "failed:signature";
  const tampered = Buffer.from(d);
  const at = tampered.indexOf("%PDF-") + 400;
  tampered[at] = tampered[at]! ^ 0x20;
  put("firmato-modificato dopo la firma.pdf.p7m", tampered, "loaded");
}
put("Piano performance – 2024 (copia) è.pdf", good, "loaded");
writeFileSync(join(HERE, "expected.json"), JSON.stringify(EXPECTED, null, 2) + "\n");
console.log(`${Object.keys(EXPECTED).length} files in ${OUT}`);
