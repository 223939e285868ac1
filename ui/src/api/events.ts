// The events the backend pushes (crates/app/src/events.rs): which record types a write or a
// sync changed, the sync status as it moves, a switch of account or tenant. The desktop shell
// sends them as the Tauri event `outpost-event`; the HTTP bridge streams them at `GET /events`
// (Server-Sent Events), read with fetch so the secret travels in a header, never in a URL.

import type { AppEvent } from "../generated/bindings";
import { isTauri } from "./transport";

/** The desktop shell's event name (src-tauri/src/events.rs). */
export const APP_EVENT = "outpost-event";

export interface EventHandlers {
  onEvent: (event: AppEvent) => void;
  /** The stream is (again) open: events from now on arrive; after a break, some were missed. */
  onOpen: () => void;
}

/** Subscribes to the backend's events; returns the way to stop. */
export type BackendEvents = (handlers: EventHandlers) => () => void;

/** The desktop shell's events, through Tauri's event API. */
export function tauriEvents(): BackendEvents {
  return ({ onEvent, onOpen }) => {
    let stopped = false;
    let unlisten: (() => void) | null = null;
    void import("@tauri-apps/api/event")
      .then(({ listen }) => listen<AppEvent>(APP_EVENT, (e) => onEvent(e.payload)))
      .then((stop) => {
        if (stopped) return stop();
        unlisten = stop;
        onOpen();
      });
    return () => {
      stopped = true;
      unlisten?.();
    };
  };
}

/** Splits Server-Sent Events text into the `data` of each complete event and what is left over. */
export function parseSse(buffer: string): { data: string[]; rest: string } {
  const blocks = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  const data = blocks
    .map((block) =>
      block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).replace(/^ /, ""))
        .join("\n"),
    )
    .filter((d) => d.length > 0);
  return { data, rest };
}

/** After a broken stream, the wait before opening it again: doubling from 1 s up to 30 s. */
export const RECONNECT_MS = [1000, 2000, 4000, 8000, 16000, 30000];

/**
 * The bridge's event stream. When it breaks (the bridge restarted, the machine slept) it is
 * opened again after a pause; `onOpen` then tells the screens to read what they may have missed.
 */
export function bridgeEvents(
  origin: string,
  secret: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): BackendEvents {
  return ({ onEvent, onOpen }) => {
    const stop = new AbortController();
    let failures = 0;
    const connect = async () => {
      while (!stop.signal.aborted) {
        try {
          const response = await fetchImpl(`${origin}/events`, {
            headers: { Authorization: `Bearer ${secret}`, Accept: "text/event-stream" },
            signal: stop.signal,
          });
          if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
          failures = 0;
          onOpen();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const { data, rest } = parseSse(buffer + value);
            buffer = rest;
            for (const d of data) onEvent(JSON.parse(d) as AppEvent);
          }
        } catch {
          // Broken or refused: try again below, unless stopped.
        }
        if (stop.signal.aborted) return;
        const wait = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)] ?? 30000;
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    };
    void connect();
    return () => stop.abort();
  };
}

/** The events where this UI runs, for the backend `defaultBackend` found. */
export function eventsFor(bridge: { origin: string; secret: string } | null): BackendEvents | null {
  if (isTauri()) return tauriEvents();
  return bridge ? bridgeEvents(bridge.origin, bridge.secret) : null;
}
