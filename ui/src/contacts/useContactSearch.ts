import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { ContactSummary } from "../generated/bindings";

export const SEARCH_DELAY_MS = 150;
export const SEARCH_LIMIT = 200;

export interface ContactSearch {
  /** null while the box is empty: the full list shows. */
  results: ContactSummary[] | null;
  searching: boolean;
  error: CommandError | null;
}

/** `search_contacts` for what is typed, once typing pauses; a late answer to an older query is dropped. */
export function useContactSearch(query: string, revision: number): ContactSearch {
  const call = useCall();
  const words = query.trim();
  const [answer, setAnswer] = useState<{ query: string; results: ContactSummary[] } | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    if (!words) return;
    let current = true;
    const timer = setTimeout(() => {
      call("search_contacts", { query: words, limit: SEARCH_LIMIT }).then(
        (results) => {
          if (!current) return;
          setAnswer({ query: words, results });
          setError(null);
        },
        (e: unknown) => current && setError(toCommandError(e)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [call, words, revision]);

  if (!words) return { results: null, searching: false, error: null };
  return {
    // Until the new answer comes, the last results stay (no flicker to an empty list).
    results: answer?.results ?? [],
    searching: answer?.query !== words,
    error,
  };
}
