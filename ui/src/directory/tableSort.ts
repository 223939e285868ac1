// Sorting and searching the administration area's tables: a column sorts by its own key, text as
// people read it (accents and case ignored, numbers in order), empty values last either way.

export type SortDir = "asc" | "desc";

export interface SortState {
  column: string;
  dir: SortDir;
}

export type SortValue = string | number | null | undefined;

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function isEmpty(v: SortValue): boolean {
  return v === null || v === undefined || v === "";
}

/**
 * `rows` sorted by `key` in `dir`; rows without a value go last in both directions, and ties
 * keep a stable order by `tie` (an id), so a row never jumps when nothing about it changed.
 */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortValue, dir: SortDir, tie: (row: T) => string): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (isEmpty(a) || isEmpty(b)) {
      if (isEmpty(a) && isEmpty(b)) return tie(x).localeCompare(tie(y));
      return isEmpty(a) ? 1 : -1;
    }
    return sign * compare(a, b) || tie(x).localeCompare(tie(y));
  });
}

/** The next sort when a column's header is chosen: the same column turns around, another starts ascending. */
export function nextSort(current: SortState, column: string): SortState {
  return current.column === column ? { column, dir: current.dir === "asc" ? "desc" : "asc" } : { column, dir: "asc" };
}

export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/**
 * Whether every word of `query` starts a word of `texts` (accents and case ignored): the
 * instant search of every list here. An empty query matches everything.
 */
export function matchesWords(query: string, texts: readonly (string | null | undefined)[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(texts.filter(Boolean).join(" "))
    .split(/[\s@.,:;_/+()-]+/)
    .filter(Boolean);
  return words.every((w) => haystack.some((h) => h.startsWith(w)));
}
