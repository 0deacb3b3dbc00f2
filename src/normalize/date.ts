/** Italian dates: 31/12/2023, 31/10/17, 31.12.2023, 30/4 (year from context), 30 giugno 2021. */

export const MONTHS = [
  "gennaio",
  "febbraio",
  "marzo",
  "aprile",
  "maggio",
  "giugno",
  "luglio",
  "agosto",
  "settembre",
  "ottobre",
  "novembre",
  "dicembre",
];

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

export const DATE_RE = new RegExp(
  String.raw`(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?(?!\d)|(\d{1,2})\s+(${MONTHS.join("|")})(?:\s+(\d{4}))?`,
  "i",
);

export function parseItalianDate(text: string, ctx: { year?: number | null } = {}): string | null {
  const m = new RegExp(`^\\s*(?:${DATE_RE.source})\\s*$`, "i").exec(text);
  if (!m) return null;
  if (m[1]) {
    const y = m[3] ? fullYear(m[3]) : ctx.year;
    if (!y) return null;
    return iso(y, Number(m[2]), Number(m[1]));
  }
  const y = m[6] ? Number(m[6]) : ctx.year;
  if (!y) return null;
  return iso(y, MONTHS.indexOf(m[5]!.toLowerCase()) + 1, Number(m[4]));
}
