import { useCallback, useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { ContactSort, ContactSummary } from "../generated/bindings";

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
 * The contact list as pages of `list_contacts`, fetched as rows come into view. A new sort starts
 * over; a new `revision` (an edit, a sync) keeps showing the rows it has while the ones on screen
 * are fetched again.
 */
export function useContactPages(sort: ContactSort, revision: number): ContactPages {
  const call = useCall();
  const [pages, setPages] = useState<Map<number, ContactSummary[]>>(() => new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  // Pages asked for (or answered) in the current generation; a new sort or revision starts one.
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const visible = useRef<[number, number]>([0, PAGE_SIZE - 1]);
  const sortShown = useRef(sort);

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const gen = generation.current;
      call("list_contacts", { sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (answer) => {
          if (gen !== generation.current) return;
          setPages((m) => new Map(m).set(page, answer.items));
          setTotal(answer.total);
          setError(null);
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          asked.current.delete(page);
          setError(toCommandError(e));
        },
      );
    },
    [call, sort],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
      for (let p = first; p <= last; p++) fetchPage(p);
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current += 1;
    asked.current = new Set();
    if (sortShown.current !== sort) {
      sortShown.current = sort;
      visible.current = [0, PAGE_SIZE - 1];
      setPages(new Map());
      setTotal(null);
    }
    const [start, end] = visible.current;
    ensure(start, end);
  }, [sort, revision, ensure]);

  const itemAt = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  return { total, itemAt, ensure, error };
}
