import { useEffect, useState } from "react";
import { toCommandError, type CommandError } from "./transport";

export interface Resource<T> {
  /** The last answer (kept while a reload runs); null before the first. */
  value: T | null;
  error: CommandError | null;
}

/**
 * Loads `load()` on first show, and whenever `load` changes (keep it in a useCallback with
 * what it depends on); an answer that arrives after a newer load started is dropped.
 */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    let current = true;
    load().then(
      (v) => {
        if (!current) return;
        setValue(v);
        setError(null);
      },
      (e: unknown) => {
        if (!current) return;
        setError(toCommandError(e));
      },
    );
    return () => {
      current = false;
    };
  }, [load]);

  return { value, error };
}
