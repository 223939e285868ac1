import { useEffect, useState } from "react";
import { useCommandQuery } from "../api/queries";
import type { CommandError } from "../api/transport";
import type { ContactSummary } from "../generated/bindings";

export const SEARCH_DELAY_MS = 150;
export const SEARCH_LIMIT = 200;

export interface ContactSearch {
  /** null while the box is empty: the full list shows. */
  results: ContactSummary[] | null;
  searching: boolean;
  error: CommandError | null;
}

/** `search_contacts` for what is typed, once typing pauses; read again when contacts change. */
export function useContactSearch(query: string): ContactSearch {
  const words = query.trim();
  const [asked, setAsked] = useState(words);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(words), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [words]);
  const { data, error, isPlaceholderData } = useCommandQuery(
    ["contacts"],
    "search_contacts",
    { query: asked, limit: SEARCH_LIMIT },
    { enabled: !!asked && asked === words, keepPrevious: true },
  );

  if (!words) return { results: null, searching: false, error: null };
  return {
    // Until the new answer comes, the last results stay (no flicker to an empty list).
    results: data ?? [],
    searching: asked !== words || isPlaceholderData || data === undefined,
    error,
  };
}
