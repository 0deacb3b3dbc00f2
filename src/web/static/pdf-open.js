// Opens the page's file in pdf.js as early as the page allows. It runs as an async module from the
// head, while the rest of the page (a document's tables: 300 KB, parsed in 0.3-0.8 s on this VM) is
// still being read, because the first click waits for pdf.js's worker: its 1.2 MB module compiled and
// started, then the file read, 0.6-1.1 s here. document.js imports the same module (one instance).
const url = document.querySelector('meta[name="allegati-pdf"]')?.content || null;
// started before pdf.js's main module is even compiled, so that the two compile side by side
const worker = url ? new Worker("/assets/pdfjs/build/pdf.worker.min.mjs", { type: "module" }) : null;

export const pdfjsLib = await import("/assets/pdfjs/build/pdf.min.mjs");
globalThis.pdfjsLib = pdfjsLib; // pdf.js's viewer components find it there
if (worker) pdfjsLib.GlobalWorkerOptions.workerPort = worker;
else pdfjsLib.GlobalWorkerOptions.workerSrc = "/assets/pdfjs/build/pdf.worker.min.mjs";

/** The opened document's promise, or null when the document's file was not kept. */
export const opening = url
  ? pdfjsLib.getDocument({
      url,
      isEvalSupported: false,
      standardFontDataUrl: "/assets/pdfjs/standard_fonts/",
      cMapUrl: "/assets/pdfjs/cmaps/",
      wasmUrl: "/assets/pdfjs/wasm/",
      iccUrl: "/assets/pdfjs/iccs/",
    }).promise
  : null;
opening?.catch(() => {}); // a file pdf.js cannot open shows no page; the page's tables stay usable
