import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { SyncRun, SyncStatus } from "../generated/bindings";

export type SyncResult = { kind: "done"; run: SyncRun } | { kind: "failed"; error: CommandError };

interface SyncValue {
  /** null until the first answer. */
  status: SyncStatus | null;
  statusError: CommandError | null;
  /** A sync_now started here is running. */
  syncing: boolean;
  /** What the last sync_now started here did. */
  lastResult: SyncResult | null;
  syncNow: () => Promise<void>;
  /** Asks for the status again. */
  refresh: () => Promise<void>;
  /** Grows whenever local data may have changed (a sync ran, an edit was made): screens reload on it. */
  revision: number;
  /** Screens call this after a local edit. */
  changed: () => void;
}

const SyncContext = createContext<SyncValue | null>(null);

/** How often the status is asked for while nothing else asks (the badge and banner stay current). */
export const STATUS_POLL_MS = 20_000;
/** ... and while a run is under way (a background sync the backend started). */
export const BUSY_POLL_MS = 2_000;

/** The active tenant's sync: its status for the chrome, and the one way to start a run. */
export function SyncProvider({ children }: { children: ReactNode }) {
  const call = useCall();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [statusError, setStatusError] = useState<CommandError | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [lastResult, setLastResult] = useState<SyncResult | null>(null);
  const [revision, setRevision] = useState(0);
  const running = useRef(false);
  const lastRunSeen = useRef<string | null | undefined>(undefined);

  /** Takes a new status; a run not seen before (one the backend ran by itself too) means data may have changed. */
  const take = useCallback((next: SyncStatus) => {
    setStatus(next);
    setStatusError(null);
    const runId = next.lastRun?.runId ?? null;
    if (lastRunSeen.current !== undefined && lastRunSeen.current !== runId) setRevision((r) => r + 1);
    lastRunSeen.current = runId;
  }, []);

  const refresh = useCallback(async () => {
    try {
      take(await call("sync_status", {}));
    } catch (e) {
      setStatusError(toCommandError(e));
    }
  }, [call, take]);

  const syncNow = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setSyncing(true);
    try {
      const outcome = await call("sync_now", {});
      take(outcome.status);
      setLastResult({ kind: "done", run: outcome.run });
    } catch (e) {
      setLastResult({ kind: "failed", error: toCommandError(e) });
      await refresh();
    } finally {
      running.current = false;
      setSyncing(false);
      // Even a failed run may have sent or fetched some records.
      setRevision((r) => r + 1);
    }
  }, [call, refresh, take]);

  const changed = useCallback(() => {
    setRevision((r) => r + 1);
    void refresh();
  }, [refresh]);

  const busy = status?.state === "syncing";
  useEffect(() => {
    let current = true;
    const load = () =>
      call("sync_status", {}).then(
        (s) => current && take(s),
        (e: unknown) => current && setStatusError(toCommandError(e)),
      );
    void load();
    const timer = setInterval(() => void load(), busy ? BUSY_POLL_MS : STATUS_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [call, take, busy]);

  return (
    <SyncContext.Provider value={{ status, statusError, syncing, lastResult, syncNow, refresh, revision, changed }}>
      {children}
    </SyncContext.Provider>
  );
}

export function useSync(): SyncValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error("useSync outside of a SyncProvider");
  return value;
}
