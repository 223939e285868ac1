// The groups list as shown: filtered as you type (every word typed must start a word of the
// name, description or a permission code; accents and case ignored), sorted by name.

import type { Group, RecordView } from "../generated/bindings";

export type NameOrder = "asc" | "desc";

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

export function shownGroups<G extends RecordView<Group>>(groups: readonly G[], query: string, order: NameOrder): G[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matching = groups.filter((g) => {
    if (words.length === 0) return true;
    const f = g.fields;
    const haystack = fold([f.name, f.description ?? "", ...(f.permissions ?? [])].join(" "))
      .split(/[\s.:_/-]+/)
      .filter(Boolean);
    return words.every((w) => haystack.some((h) => h.startsWith(w)));
  });
  const sign = order === "asc" ? 1 : -1;
  return matching.sort((a, b) => sign * collator.compare(a.fields.name, b.fields.name) || a.localId.localeCompare(b.localId));
}
