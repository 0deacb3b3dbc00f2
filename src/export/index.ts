/** Exports: the stored documents (JSON contract, CSV) and diffs (CSV, xlsx), streamed or small. */
export { exportDocuments, csvRows, CSV_HEADER, documentInPageFrame } from "./documents.js";
export { unturnBox, inPageFrame } from "./pageframe.js";
export type { ExportOptions } from "./documents.js";
export { writeExport, writeJsonArray, StreamWriter, EXPORT_FORMATS } from "./write.js";
export type { ExportFormat, WriteExportOptions, Sink } from "./write.js";
export { csv, csvCell, csvLine } from "./csv.js";
export type { CsvCell } from "./csv.js";
export { diffCsv, diffXlsx } from "./diff.js";
