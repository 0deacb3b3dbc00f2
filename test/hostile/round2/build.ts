/**
 * Builds the second hostile corpus in test/hostile/round2/corpus/ (committed; rebuild with
 * `npx tsx test/hostile/round2/build.ts`, which needs qpdf). Deterministic: the same bytes on every
 * build but for the encryption salts of one file. Each file's expected outcome is in expected.json; the cases that are not files (names,
 * folders, FIFOs, a full disk) are made by round2.test.ts itself.
 *
 * - decompression through filter chains: streams that are small in the file and decode to gigabytes
 *   only through two or three filters, an indirect filter array kept in an object stream, an image
 *   that claims more pixels than any page, a JPEG whose frame says 65 000 × 65 000, and many streams
 *   each under the limit that are over it together;
 * - silent loss: a plan from which no indicator is read, a table from which no record is read;
 * - values: targets written `1e308`, `NaN`, `∞`, `0x1F`, `--1`, `1/0`, and with Italian multipliers.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ascii85,
  deflatedSpaces,
  flate,
  hex,
  lzw,
  onePage,
  pdf,
  pngRows,
  runLength,
  type Body,
} from "./encoders.js";

const HERE = import.meta.dirname;
const OUT = join(HERE, "corpus");

export const EXPECTED: Record<string, "loaded" | `failed:${string}` | "any"> = {};
const put = (name: string, data: Buffer, expected: (typeof EXPECTED)[string]) => {
  writeFileSync(join(OUT, name), data);
  EXPECTED[name] = expected;
};

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

/** Text drawn at (x, y) in Helvetica (or Symbol with `symbol`), size `size`. */
const text = (x: number, y: number, s: string, size = 9, symbol = false) =>
  `BT /${symbol ? "F2" : "F1"} ${size} Tf ${x} ${y} Td (${s.replace(/([()\\])/g, "\\$1")}) Tj ET\n`;

/** A ruled table: columns' widths, rows of cell texts (a cell `{ symbol }` is set in Symbol). */
function table(x: number, top: number, widths: number[], rows: (string | { symbol: string })[][]): string {
  let s = "0.5 w\n";
  const h = 18;
  rows.forEach((r, i) => {
    let cx = x;
    const y = top - (i + 1) * h;
    r.forEach((cell, k) => {
      s += `${cx} ${y} ${widths[k]} ${h} re S\n`;
      if (typeof cell === "string") s += text(cx + 3, y + 6, cell);
      else s += text(cx + 3, y + 6, cell.symbol, 9, true);
      cx += widths[k]!;
    });
  });
  return s;
}

async function build(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  // --- decompression through filter chains: each stream is a page's content, all white space
  const twoGb = await deflatedSpaces(2 * GB);
  const quarterGb = await deflatedSpaces(256 * MB);
  put(
    "bomba-flate-flate.pdf",
    pdf(onePage({ dict: "/Filter [/FlateDecode /FlateDecode]", data: flate(twoGb) })),
    "failed:limit",
  );
  put(
    "bomba-hex-flate.pdf",
    pdf(onePage({ dict: "/Filter [/ASCIIHexDecode /FlateDecode]", data: hex(quarterGb) })),
    "failed:limit",
  );
  put(
    "bomba-lzw-flate.pdf",
    pdf(onePage({ dict: "/Filter [/LZWDecode /FlateDecode]", data: lzw(twoGb) })),
    "failed:limit",
  );
  put(
    "bomba-a85-rl-flate.pdf",
    pdf(
      onePage({
        dict: "/Filter [/ASCII85Decode /RunLengthDecode /FlateDecode /FlateDecode]",
        data: ascii85(runLength(flate(twoGb))),
      }),
    ),
    "failed:limit",
  );
  {
    // the first stage's output goes through a PNG predictor before the second inflates it
    const columns = 100;
    put(
      "bomba-predittore.pdf",
      pdf(
        onePage({
          dict: `/Filter [/FlateDecode /FlateDecode] /DecodeParms [<< /Predictor 12 /Columns ${columns} >> null]`,
          data: flate(pngRows(twoGb, columns)),
        }),
      ),
      "failed:limit",
    );
  }
  {
    // the filter array is an indirect object, which qpdf then moves into an object stream
    const plain = join(OUT, "filtro-indiretto.tmp.pdf");
    writeFileSync(
      plain,
      pdf(onePage({ dict: "/Filter 5 0 R", data: flate(twoGb) }, ["[/FlateDecode /FlateDecode]"])),
    );
    const out = join(OUT, "bomba-filtro-in-objstm.pdf");
    execFileSync("qpdf", [
      "--object-streams=generate",
      "--stream-data=preserve",
      "--deterministic-id",
      plain,
      out,
    ]);
    rmSync(plain);
    EXPECTED["bomba-filtro-in-objstm.pdf"] = "failed:limit";
  }
  {
    // eight streams of 150 MB each: every one under the limit of a stream, 1.2 GB together
    const each = flate(await deflatedSpaces(150 * MB));
    const n = 8;
    const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(" ");
    const objs: Body[] = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
    ];
    for (let i = 0; i < n; i++)
      objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${n + 3 + i} 0 R >>`);
    for (let i = 0; i < n; i++) objs.push({ dict: "/Filter [/FlateDecode /FlateDecode]", data: each });
    put("bomba-molti-flussi.pdf", pdf(objs), "failed:limit");
  }
  {
    // the same bomb encrypted (an owner password only: it opens without one): the check made before
    // pdf.js decrypts its streams before it counts them
    execFileSync("qpdf", [
      "--stream-data=preserve",
      "--static-id",
      "--static-aes-iv",
      "--encrypt",
      "",
      "proprietario",
      "256",
      "--",
      join(OUT, "bomba-flate-flate.pdf"),
      join(OUT, "bomba-cifrata.pdf"),
    ]);
    EXPECTED["bomba-cifrata.pdf"] = "failed:limit";
  }
  // an image that claims 40 000 × 40 000 RGB pixels in a few bytes
  put(
    "immagine-40000x40000.pdf",
    pdf(
      onePage(
        "q 100 0 0 100 50 600 cm /Im0 Do Q\n",
        [
          {
            dict: "/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
            data: flate(Buffer.alloc(4096)),
          },
        ],
        "/XObject << /Im0 5 0 R >>",
      ),
    ),
    "failed:limit",
  );
  {
    // a JPEG whose frame claims 65 000 × 65 000 pixels, in an image that declares 10 × 10
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11,
      0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
    ]);
    put(
      "jpeg-65000x65000.pdf",
      pdf(
        onePage(
          "q 100 0 0 100 50 600 cm /Im0 Do Q\n",
          [
            {
              dict: "/Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
              data: jpeg,
            },
          ],
          "/XObject << /Im0 5 0 R >>",
        ),
      ),
      "failed:limit",
    );
  }

  // --- silent loss: a plan with areas and prose but no indicator table
  put(
    "piano-senza-indicatori.pdf",
    pdf(
      onePage(
        text(50, 790, "Piano della performance 2024-2026", 16) +
          text(50, 750, "1. Area strategica 1", 12) +
          text(50, 730, "Competitivita delle imprese e sviluppo del territorio.") +
          text(50, 700, "2. Area strategica 2", 12) +
          text(50, 680, "Semplificazione e trasparenza dei servizi."),
      ),
    ),
    "loaded",
  );

  // --- values read wrong: a plan whose targets are not Italian numbers, or carry multipliers
  const values: [string, string, string | { symbol: string }][] = [
    ["A.01", "Pratiche evase", "1e308"],
    ["A.02", "Tempo medio di evasione", "NaN"],
    ["A.03", "Copertura del servizio", { symbol: "\xa5" }],
    ["A.04", "Indice di soddisfazione", "Infinity"],
    ["A.05", "Codice di controllo", "0x1F"],
    ["A.06", "Variazione dei costi", "--1"],
    ["A.07", "Rapporto tra addetti", "1/0"],
    ["A.08", "Fondi gestiti", "1,5 mld"],
    ["A.09", "Contributi erogati", "10 k\x80"],
    ["A.10", "Investimenti", "2 M\x80"],
    ["A.11", "Imprese raggiunte", "3 mila"],
    ["A.12", "Spesa per servizi", "2,5 milioni"],
  ];
  put(
    "valori-non-numeri.pdf",
    pdf(
      onePage(
        text(50, 790, "Piano della performance 2024-2026", 16) +
          text(50, 760, "Obiettivo strategico A - Servizi alle imprese", 11) +
          table(50, 740, [60, 250, 120], [["Codice", "Indicatore", "Target 2024"], ...values]) +
          // a table from which nothing is read: steps of a procedure
          table(
            50,
            440,
            [200, 230],
            [
              ["Fase", "Descrizione"],
              ["Avvio", "Raccolta delle richieste"],
              ["Chiusura", "Archiviazione delle pratiche"],
            ],
          ),
      ),
    ),
    "loaded",
  );

  writeFileSync(join(HERE, "expected.json"), JSON.stringify(EXPECTED, null, 2) + "\n");
  console.log(`${Object.keys(EXPECTED).length} files in ${OUT}`);
}

await build();
