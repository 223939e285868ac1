// Sync statuses the backend pushes by itself. The desktop shell emits the event `sync-status`
// (the same `SyncStatus` that `sync_status` answers) whenever it changes, so the window need not
// keep asking; the HTTP bridge pushes nothing, and the browser keeps polling.

import type { SyncStatus } from "../generated/bindings";
import { isTauri } from "./transport";

/** The desktop shell's event name (src-tauri/src/status_events.rs). */
export const SYNC_STATUS_EVENT = "sync-status";

/** Subscribes to pushed statuses; resolves to the way to unsubscribe, or rejects when it cannot listen. */
export type StatusEvents = (onStatus: (status: SyncStatus) => void) => Promise<() => void>;

/** The desktop shell's `sync-status` events, through Tauri's event API. */
export function tauriStatusEvents(): StatusEvents {
  return async (onStatus) => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen<SyncStatus>(SYNC_STATUS_EVENT, (event) => onStatus(event.payload));
  };
}

let forHere: StatusEvents | null | undefined;

/** The pushed statuses where this UI runs: Tauri's events in the desktop app, none in a browser. Kept once made, so subscribers see one source. */
export function defaultStatusEvents(): StatusEvents | null {
  if (forHere === undefined) forHere = isTauri() ? tauriStatusEvents() : null;
  return forHere;
}
