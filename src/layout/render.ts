/** Views of a page model for people: plain text with tables as rows, and SVG with the detected cells. */
import type { PageLayout } from "../model/index.js";

export function renderText(p: PageLayout): string {
  const out: string[] = [];
  const items = [
    ...p.blocks.map((b) => ({ y: b.box[1], text: b.text })),
    ...p.tables.map((t, i) => ({
      y: t.box[1],
      text:
        `[table ${i + 1}: ${t.method}, ${t.nRows}x${t.nCols}, header rows ${t.headerRows}${t.continues !== null ? `, continues table #${t.continues}` : ""}]\n` +
        Array.from({ length: t.nRows }, (_, r) =>
          t.cells
            .filter((c) => c.row === r)
            .map((c) => {
              const struck = c.lines.flatMap((l) => l.words).filter((w) => w.struck);
              const span = c.rowSpan > 1 || c.colSpan > 1 ? `{${c.rowSpan}x${c.colSpan}}` : "";
              return `${span}${c.text.replace(/\n/g, " / ")}${struck.length ? ` [struck: ${struck.map((w) => w.text).join(" ")}]` : ""}`;
            })
            .join(" | "),
        ).join("\n"),
    })),
  ].sort((a, b) => a.y - b.y);
  for (const it of items) out.push(it.text);
  if (p.furniture.length) out.push(`[running: ${p.furniture.map((l) => l.text).join(" / ")}]`);
  return out.join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderSvg(p: PageLayout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}" viewBox="0 0 ${p.width} ${p.height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  for (const t of p.tables) {
    parts.push(
      `<rect x="${t.box[0]}" y="${t.box[1]}" width="${t.box[2] - t.box[0]}" height="${t.box[3] - t.box[1]}" fill="none" stroke="${t.method === "lattice" ? "#1565c0" : "#2e7d32"}" stroke-width="1.5"/>`,
    );
    for (const c of t.cells)
      parts.push(
        `<rect x="${c.box[0]}" y="${c.box[1]}" width="${c.box[2] - c.box[0]}" height="${c.box[3] - c.box[1]}" fill="${c.row < t.headerRows ? "#fff3e0" : "none"}" fill-opacity="0.6" stroke="#90caf9" stroke-width="0.5"><title>r${c.row} c${c.col} ${c.rowSpan}x${c.colSpan}</title></rect>`,
      );
  }
  for (const l of p.lines)
    for (const w of l.words)
      parts.push(
        `<text x="${w.box[0]}" y="${w.box[3] - (w.box[3] - w.box[1]) * 0.2}" font-size="${Math.max(3, w.fontSize * 0.9)}" font-weight="${w.bold ? "bold" : "normal"}" fill="${w.struck ? "#c62828" : "#000"}"${w.struck ? ' text-decoration="line-through"' : ""}>${esc(w.text)}</text>`,
      );
  for (const l of p.furniture)
    parts.push(
      `<rect x="${l.box[0]}" y="${l.box[1]}" width="${l.box[2] - l.box[0]}" height="${l.box[3] - l.box[1]}" fill="#eeeeee" fill-opacity="0.5"/>`,
    );
  parts.push("</svg>");
  return parts.join("\n");
}
