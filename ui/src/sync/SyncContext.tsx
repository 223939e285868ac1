import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { useCall } from "../api/context";
import { syncStatusKey } from "../api/live";
import { useScope } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import type { SyncRun, SyncStatus } from "../generated/bindings";

/** What a sync_now started here came to; "stopped" is the user's Stop, not an error. */
export type SyncResult = { kind: "done"; run: SyncRun } | { kind: "failed"; error: CommandError } | { kind: "stopped" };

interface SyncValue {
  /** null until the first answer. */
  status: SyncStatus | null;
  statusError: CommandError | null;
  /** A sync_now started here is running. */
  syncing: boolean;
  /** A run is going on, started here or by the backend by itself (the timer, a reconnect). */
  running: boolean;
  /** Stop was asked for and the run has not ended yet. */
  stopping: boolean;
  /** Why Stop did not reach the backend. */
  stopError: CommandError | null;
  /** Stops the run going on where it is; nothing is lost, the edits not sent wait for the next sync. */
  stop: () => Promise<void>;
  /** What the last sync_now started here did. */
  lastResult: SyncResult | null;
  /** A run; `full` lists everything on the server instead of asking what changed. */
  syncNow: (options?: { full?: boolean }) => Promise<void>;
  /** Asks for the status again. */
  refresh: () => Promise<void>;
}

const SyncContext = createContext<SyncValue | null>(null);

/**
 * The active tenant's sync: its status for the chrome, and the one way to start a run. The status
 * is read once; after that the backend pushes each new one (`syncStatus` events), so nothing here
 * asks on a timer. What a run changed reaches the screens as `changed` events.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const call = useCall();
  const client = useQueryClient();
  const scope = useScope();
  const key = syncStatusKey(scope);
  const query = useQuery({ queryKey: key, queryFn: () => call("sync_status", {}) });
  const status = query.data ?? null;
  const [syncing, setSyncing] = useState(false);
  const [lastResult, setLastResult] = useState<SyncResult | null>(null);
  const [stopRequested, setStopRequested] = useState(false);
  const [stopError, setStopError] = useState<CommandError | null>(null);
  const running = useRef(false);

  const refresh = useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);

  const syncNow = useCallback(async (options?: { full?: boolean }) => {
    if (running.current) return;
    running.current = true;
    setSyncing(true);
    setStopError(null);
    // The status shown comes from the events alone, in the order the backend raised them: the
    // answer's own status could arrive after a pushed one from later and show a run as going
    // on that has ended (or the other way round).
    try {
      const outcome = await call("sync_now", options?.full ? { full: true } : {});
      setLastResult({ kind: "done", run: outcome.run });
    } catch (e) {
      const error = toCommandError(e);
      setLastResult(error.code === "cancelled" ? { kind: "stopped" } : { kind: "failed", error });
    } finally {
      running.current = false;
      setSyncing(false);
      setStopRequested(false);
    }
  }, [call]);

  const stop = useCallback(async () => {
    setStopRequested(true);
    setStopError(null);
    try {
      const { cancelled } = await call("cancel_sync", {});
      // Nothing was running any more (it ended meanwhile): nothing to wait for.
      if (!cancelled && !running.current) setStopRequested(false);
    } catch (e) {
      setStopError(toCommandError(e));
      setStopRequested(false);
    }
  }, [call]);

  const busy = syncing || status?.state === "syncing";
  return (
    <SyncContext.Provider
      value={{
        status,
        statusError: query.error ? toCommandError(query.error) : null,
        syncing,
        running: busy,
        // A run that ended (stopped, or done before the Stop arrived) has nothing left to stop.
        stopping: stopRequested && busy,
        stopError,
        stop,
        lastResult,
        syncNow,
        refresh,
      }}
    >
      {children}
    </SyncContext.Provider>
  );
}

export function useSync(): SyncValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error("useSync outside of a SyncProvider");
  return value;
}
