// The UI's data layer: one TanStack Query client. A query is keyed by the record type it shows,
// then the account and tenant it belongs to, then the command and its arguments; it lists the
// record types it reads in `meta.records`, so a `changed` event refreshes exactly the queries
// reading what changed, and a switch of tenant drops what belonged to the previous one. A query
// of one record says its type in `meta.record`: it is read again only when the change names that
// record (or names too many of its type to list them).

import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryResult,
} from "@tanstack/react-query";
import { createContext, createElement, useCallback, useContext, useEffect, type ReactNode } from "react";
import type { CommandName, Commands, Dataset, RecordChange, RecordType } from "../generated/bindings";
import { useCall } from "./context";
import { toCommandError, type CommandError } from "./transport";

/** Nothing goes stale by time: what is shown is refreshed when the backend says it changed. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

const ScopeContext = createContext("");

/** Whose data the queries below read: `account/tenant`. */
export function useScope(): string {
  return useContext(ScopeContext);
}

/**
 * The queries below belong to this account and tenant. Whatever the cache holds for another is
 * dropped, so a switch never shows one tenant's rows in another, not even for a moment.
 */
export function DataScope({ scope, children }: { scope: string; children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => {
    client.removeQueries({ predicate: (q) => typeof q.queryKey[1] === "string" && q.queryKey[1] !== scope && isScoped(q.queryKey) });
  }, [client, scope]);
  return createElement(ScopeContext.Provider, { value: scope }, children);
}

function isScoped(key: QueryKey): boolean {
  return key[0] !== "session";
}

/** The record types a query reads: those its `meta` lists, else the first part of its key. */
export function recordsOf(query: { queryKey: QueryKey; meta?: Record<string, unknown> }): readonly string[] {
  const listed = query.meta?.records;
  return Array.isArray(listed) ? (listed as string[]) : [String(query.queryKey[0])];
}

/** The records a change names, by type: their local ids, or "many" (any of them may have changed). */
export type ChangedIds = Map<RecordType, Set<string> | "many">;

/** Adds what one `changed` event names to `into` (a burst of events is refreshed as one). */
export function addChanges(into: ChangedIds, changes: readonly RecordChange[]) {
  for (const { entity, ids } of changes) {
    const had = into.get(entity);
    if (ids === null || had === "many") into.set(entity, "many");
    else into.set(entity, new Set([...(had ?? []), ...ids]));
  }
}

function localIdOf(data: unknown): string | undefined {
  return typeof data === "object" && data !== null && "localId" in data && typeof data.localId === "string" ? data.localId : undefined;
}

/** Whether a query of one record (`meta.record`) shows a record the change names; any other query: yes. */
function showsChanged(query: { meta?: Record<string, unknown>; state: { data: unknown } }, ids: ChangedIds): boolean {
  const entity = query.meta?.record;
  const changed = typeof entity === "string" ? [...ids].find(([e]) => e === entity)?.[1] : undefined;
  // Its type not named (another table of its data set changed), or too many to list: read again.
  if (changed === undefined || changed === "many") return true;
  const shown = localIdOf(query.state.data);
  return shown === undefined || changed.has(shown);
}

/**
 * Marks every query reading one of `records` as changed (a query of one record only when
 * `ids` names it); those on screen are read again now.
 */
export function invalidateRecords(client: QueryClient, records: Iterable<Dataset>, ids: ChangedIds = new Map()) {
  const changed = new Set<string>(records);
  if (changed.size === 0) return Promise.resolve();
  return client.invalidateQueries({ predicate: (q) => recordsOf(q).some((r) => changed.has(r)) && showsChanged(q, ids) });
}

/** The cache key of a command read in the current scope (as `useCommandQuery` makes it). */
export function useCommandKey<K extends CommandName>(
  records: readonly [Dataset, ...Dataset[]],
  name: K,
  args: Commands[K]["args"],
): QueryKey {
  const scope = useScope();
  return [records[0], scope, name, args];
}

export type CommandQuery<T> = Omit<UseQueryResult<T>, "error"> & { error: CommandError | null };

/**
 * A command read through the cache. `records` are what it shows (the first names its key); it
 * is read again whenever one of them changes; with `record` (the type of the one record it
 * reads) only when that record does. Other options as TanStack Query takes them.
 */
export function useCommandQuery<K extends CommandName>(
  records: readonly [Dataset, ...Dataset[]],
  name: K,
  args: Commands[K]["args"],
  options: { enabled?: boolean; keepPrevious?: boolean; record?: RecordType } = {},
): CommandQuery<Commands[K]["result"]> {
  const call = useCall();
  const queryKey = useCommandKey(records, name, args);
  const result = useQuery({
    queryKey,
    queryFn: () => call(name, args),
    meta: { records, record: options.record },
    enabled: options.enabled,
    // A new page, sort or window keeps the rows shown until its own answer comes.
    placeholderData: options.keepPrevious ? (keepPreviousData as never) : undefined,
  });
  return { ...result, error: result.error ? toCommandError(result.error) : null };
}

export type CommandState<T> =
  | { status: "idle" }
  | { status: "running" }
  | { status: "done"; value: T }
  | { status: "failed"; error: CommandError };

/**
 * Runs a command that writes, on demand, and tracks its state for the screen. What it changed
 * comes back as a `changed` event, which refreshes the queries showing it.
 */
export function useCommandMutation<K extends CommandName>(name: K) {
  const call = useCall();
  const mutation = useMutation<Commands[K]["result"], CommandError, Commands[K]["args"]>({
    mutationFn: async (args) => {
      try {
        return await call(name, args);
      } catch (e) {
        throw toCommandError(e);
      }
    },
  });
  const { mutateAsync } = mutation;
  const run = useCallback(
    async (args: Commands[K]["args"]) => {
      try {
        return await mutateAsync(args);
      } catch {
        return undefined;
      }
    },
    [mutateAsync],
  );
  const state: CommandState<Commands[K]["result"]> =
    mutation.status === "pending"
      ? { status: "running" }
      : mutation.status === "success"
        ? { status: "done", value: mutation.data }
        : mutation.status === "error"
          ? { status: "failed", error: mutation.error }
          : { status: "idle" };
  return [state, run] as const;
}
