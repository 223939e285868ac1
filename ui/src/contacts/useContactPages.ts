import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useCall } from "../api/context";
import { useScope } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import type { ContactPage, ContactSort, ContactSummary } from "../generated/bindings";

export const PAGE_SIZE = 100;

export interface ContactPages {
  /** null until the first page answers. */
  total: number | null;
  itemAt: (index: number) => ContactSummary | undefined;
  /** Loads the pages holding rows `start..=end` (the rows on screen) unless they are loaded. */
  ensure: (start: number, end: number) => void;
  error: CommandError | null;
}

/**
 * The contact list as pages of `list_contacts`, one cached query per page, fetched as rows come
 * into view. A new sort starts over; a change of contacts keeps showing the rows it has while
 * the pages on screen are fetched again (pages off screen are read when they come back).
 */
export function useContactPages(sort: ContactSort): ContactPages {
  const call = useCall();
  const scope = useScope();
  const [shown, setShown] = useState<{ sort: ContactSort; first: number; last: number }>({ sort, first: 0, last: 0 });
  const range = shown.sort === sort ? shown : { sort, first: 0, last: 0 };

  const pageNumbers = useMemo(() => {
    const pages: number[] = [];
    for (let p = range.first; p <= range.last; p++) pages.push(p);
    return pages;
  }, [range.first, range.last]);

  const results = useQueries({
    queries: pageNumbers.map((page) => {
      const args = { sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      return {
        queryKey: ["contacts", scope, "list_contacts", args],
        queryFn: () => call("list_contacts", args),
        meta: { records: ["contacts"] },
        placeholderData: keepPreviousData as never,
      };
    }),
  });

  const ensure = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
      setShown((s) => (s.sort === sort && s.first === first && s.last === last ? s : { sort, first, last }));
    },
    [sort],
  );

  const pages = new Map<number, ContactPage>();
  let error: CommandError | null = null;
  let total: number | null = null;
  results.forEach((r, i) => {
    const page = pageNumbers[i];
    if (page === undefined) return;
    const data = r.data as ContactPage | undefined;
    if (data && !r.isPlaceholderData) pages.set(page, data);
    if (data && total === null) total = data.total;
    if (r.error) error = toCommandError(r.error);
  });

  // While the pages of a new range load, the list keeps its length (were it to drop to nothing
  // for a moment, the list would lose its scroll position).
  const [known, setKnown] = useState<{ sort: ContactSort; total: number } | null>(null);
  if (total !== null && (known?.sort !== sort || known.total !== total)) setKnown({ sort, total });
  const shownTotal = total ?? (known?.sort === sort ? known.total : null);

  const itemAt = (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  return { total: shownTotal, itemAt, ensure, error };
}
