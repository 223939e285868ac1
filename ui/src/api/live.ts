// Turns the backend's events into cache updates: `changed` refreshes the queries reading those
// record types, `syncStatus` replaces the status shown, `session` re-reads who is signed in (the
// screens of another tenant then start afresh), and a reopened stream or `resync` reads
// everything again, since events may have been missed meanwhile.

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Dataset, SyncStatus } from "../generated/bindings";
import type { BackendEvents } from "./events";
import { addChanges, invalidateRecords, type ChangedIds } from "./queries";

/** The session's query key (SessionContext). */
export const SESSION_KEY = ["session"] as const;

/** The sync status's query key for a scope (SyncContext). */
export function syncStatusKey(scope: string) {
  return ["syncStatus", scope] as const;
}

/**
 * Changes that arrive this close together are refreshed as one: a pull commits page after page,
 * and each refresh of a long list should not be cut short by the next.
 */
export const CHANGE_BATCH_MS = 50;

/** Puts a pushed status in place of the one shown for its tenant. */
export function takeStatus(client: QueryClient, status: SyncStatus) {
  client.setQueriesData<SyncStatus>(
    {
      predicate: (q) => {
        if (q.queryKey[0] !== "syncStatus") return false;
        // "account/tenant"; outside any scope (a component on its own) the one status there is.
        const scope = String(q.queryKey[1]);
        return scope === "" || scope.endsWith(`/${status.tenantId}`);
      },
    },
    status,
  );
}

export function useLiveUpdates(events: BackendEvents | null) {
  const client = useQueryClient();
  useEffect(() => {
    if (!events) return;
    let opened = false;
    let pending = new Set<Dataset>();
    let pendingIds: ChangedIds = new Map();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const records = pending;
      const ids = pendingIds;
      pending = new Set();
      pendingIds = new Map();
      void invalidateRecords(client, records, ids);
    };
    const stop = events({
      onOpen: () => {
        if (opened) void client.invalidateQueries();
        opened = true;
      },
      onEvent: (event) => {
        switch (event.kind) {
          case "changed":
            for (const r of event.records) pending.add(r);
            addChanges(pendingIds, event.changes);
            timer ??= setTimeout(flush, CHANGE_BATCH_MS);
            break;
          case "syncStatus":
            takeStatus(client, event.status);
            break;
          case "session":
            void client.invalidateQueries({ queryKey: SESSION_KEY });
            break;
          case "resync":
            void client.invalidateQueries();
            break;
        }
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [events, client]);
}
