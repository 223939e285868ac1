// Directory search: every word typed must start a word of the name or email, accents and case ignored.

import type { DirectoryItem } from "../generated/bindings";

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

export function filterDirectory(items: DirectoryItem[], query: string): DirectoryItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const haystack = fold(`${item.name} ${item.email ?? ""}`).split(/[\s@._-]+/).filter(Boolean);
    return words.every((w) => haystack.some((h) => h.startsWith(w)));
  });
}
