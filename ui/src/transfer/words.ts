// Counting words, and days in words, for the import and export dialogs.

/** "1 contact", "2 contacts", "1,000 entries". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * A day (YYYY-MM-DD) in the reader's locale, as the date fields show it in words: "Sep 8, 2026".
 * Read as that calendar day where the reader is (not UTC midnight, which is the day before west
 * of UTC). Anything else comes back as it was. `locale` is for tests; the UI leaves it unset.
 */
export function dayWords(day: string, locale?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // new Date(y, …) maps years 0–99 to 1900–1999.
  date.setFullYear(Number(m[1]));
  // Not a day of the calendar (2026-02-30, 2026-13-01): Date would roll it over.
  if (date.getMonth() !== Number(m[2]) - 1 || date.getDate() !== Number(m[3])) return day;
  return date.toLocaleDateString(locale, { dateStyle: "medium" });
}
