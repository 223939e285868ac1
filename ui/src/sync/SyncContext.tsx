import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useCall } from "../api/context";
import { defaultStatusEvents, type StatusEvents } from "../api/statusEvents";
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
/** ... and while a run is under way, so its progress moves along. */
export const BUSY_POLL_MS = 500;
/**
 * ... and when the backend pushes every change (the desktop app): only a safety net, in case an
 * event went missing.
 */
export const PUSHED_POLL_MS = 120_000;

interface SyncProviderProps {
  children: ReactNode;
  /** Statuses pushed by the backend; null where nothing is pushed (the browser bridge). */
  events?: StatusEvents | null;
  /** The tenant this is about: a pushed status of another (a switch under way) is not taken. */
  tenantId?: string;
}

/** The active tenant's sync: its status for the chrome, and the one way to start a run. */
export function SyncProvider({ children, events = defaultStatusEvents(), tenantId }: SyncProviderProps) {
  const call = useCall();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [statusError, setStatusError] = useState<CommandError | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [lastResult, setLastResult] = useState<SyncResult | null>(null);
  const [revision, setRevision] = useState(0);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<CommandError | null>(null);
  const running = useRef(false);
  const lastRunSeen = useRef<string | null | undefined>(undefined);

  /** Takes a new status; a run not seen before (one the backend ran by itself too) means data may have changed. */
  const take = useCallback((next: SyncStatus) => {
    setStatus(next);
    setStatusError(null);
    // A run that ended (stopped, or done before the Stop arrived) has nothing left to stop.
    if (next.state !== "syncing" && !running.current) setStopping(false);
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
    setStopError(null);
    try {
      const outcome = await call("sync_now", {});
      take(outcome.status);
      setLastResult({ kind: "done", run: outcome.run });
    } catch (e) {
      const error = toCommandError(e);
      setLastResult(error.code === "cancelled" ? { kind: "stopped" } : { kind: "failed", error });
      await refresh();
    } finally {
      running.current = false;
      setSyncing(false);
      setStopping(false);
      // Even a failed run may have sent or fetched some records.
      setRevision((r) => r + 1);
    }
  }, [call, refresh, take]);

  const stop = useCallback(async () => {
    setStopping(true);
    setStopError(null);
    try {
      const { cancelled } = await call("cancel_sync", {});
      // Nothing was running any more (it ended meanwhile): nothing to wait for.
      if (!cancelled && !running.current) setStopping(false);
    } catch (e) {
      setStopError(toCommandError(e));
      setStopping(false);
    }
    await refresh();
  }, [call, refresh]);

  const changed = useCallback(() => {
    setRevision((r) => r + 1);
    void refresh();
  }, [refresh]);

  // Pushed statuses, where the backend sends them: taken as they come.
  const [pushed, setPushed] = useState(false);
  useEffect(() => {
    if (!events) return;
    let current = true;
    let unlisten: (() => void) | null = null;
    events((next) => {
      if (current && (!tenantId || next.tenantId === tenantId)) take(next);
    }).then(
      (stop) => {
        if (!current) return stop();
        unlisten = stop;
        setPushed(true);
      },
      // Cannot listen (no permission, an older shell): polling goes on as in the browser.
      () => current && setPushed(false),
    );
    return () => {
      current = false;
      unlisten?.();
    };
  }, [events, take, tenantId]);

  const busy = syncing || status?.state === "syncing";
  const every = pushed ? PUSHED_POLL_MS : busy ? BUSY_POLL_MS : STATUS_POLL_MS;
  useEffect(() => {
    let current = true;
    const load = () =>
      call("sync_status", {}).then(
        (s) => current && take(s),
        (e: unknown) => current && setStatusError(toCommandError(e)),
      );
    void load();
    const timer = setInterval(() => void load(), every);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [call, take, every]);

  return (
    <SyncContext.Provider
      value={{ status, statusError, syncing, running: busy, stopping, stopError, stop, lastResult, syncNow, refresh, revision, changed }}
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
