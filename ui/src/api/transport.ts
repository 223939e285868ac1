// The one typed way to call the backend. In the desktop app calls go through Tauri IPC; in a
// plain browser (development, browser tests) through the HTTP bridge. Both reach the same
// command surface (crates/app) and both fail with the same `AppError` shape.

import type { AppError, CommandName, Commands } from "../generated/bindings";

export type Call = <K extends CommandName>(
  name: K,
  args: Commands[K]["args"],
) => Promise<Commands[K]["result"]>;

/** A failed command, carrying the backend's `{code, message, details}`. */
export class CommandError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | null;

  constructor(error: AppError) {
    super(error.message);
    this.name = "CommandError";
    this.code = error.code;
    this.details = error.details;
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Turns anything a transport may throw into a `CommandError`. */
export function toCommandError(value: unknown): CommandError {
  if (value instanceof CommandError) return value;
  if (isAppError(value)) return new CommandError({ ...value, details: value.details ?? null });
  const message = value instanceof Error ? value.message : String(value);
  return new CommandError({ code: "internal", message, details: null });
}

export function isTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export function tauriTransport(): Call {
  return async (name, args) => {
    const { invoke } = await import("@tauri-apps/api/core");
    try {
      return await invoke("call", { command: name, args });
    } catch (e) {
      throw toCommandError(e);
    }
  };
}

export function bridgeTransport(
  origin: string,
  secret: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Call {
  return async (name, args) => {
    let response: Response;
    try {
      response = await fetchImpl(`${origin}/rpc/${name}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: JSON.stringify(args ?? {}),
      });
    } catch (e) {
      throw new CommandError({
        code: "backend_unreachable",
        message: `Outpost's backend at ${origin} is not answering (${e instanceof Error ? e.message : String(e)})`,
        details: null,
      });
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      throw isAppError(body)
        ? toCommandError(body)
        : new CommandError({
            code: "backend_error",
            message: `Outpost's backend answered ${response.status}`,
            details: null,
          });
    }
    return body as never;
  };
}

export interface BridgeLocation {
  origin: string;
  secret: string;
}

const SECRET_KEY = "outpost.bridge-secret";
const ORIGIN_KEY = "outpost.bridge-origin";

/**
 * Reads the bridge's address and secret from the URL fragment (`#bridge-secret=...` and, when the
 * UI is served by Vite rather than the bridge, `&bridge=http://127.0.0.1:PORT`), keeps them for
 * this tab only, and removes them from the address bar.
 */
export function bridgeFromLocation(
  location: Pick<Location, "hash" | "origin">,
  storage: Pick<Storage, "getItem" | "setItem">,
  clearHash: () => void,
): BridgeLocation | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const secret = params.get("bridge-secret");
  if (secret) {
    storage.setItem(SECRET_KEY, secret);
    storage.setItem(ORIGIN_KEY, params.get("bridge") ?? location.origin);
    clearHash();
  }
  const kept = storage.getItem(SECRET_KEY);
  if (!kept) return null;
  return { secret: kept, origin: storage.getItem(ORIGIN_KEY) ?? location.origin };
}

/** The bridge this page was opened for (its address and secret), or null (the desktop app, or none). */
export function defaultBridge(): BridgeLocation | null {
  if (isTauri()) return null;
  return bridgeFromLocation(window.location, window.sessionStorage, () =>
    window.history.replaceState(null, "", window.location.pathname + window.location.search),
  );
}

/** The transport for where this UI is running, or null when no backend is known. */
export function defaultTransport(bridge: BridgeLocation | null = defaultBridge()): Call | null {
  if (isTauri()) return tauriTransport();
  return bridge ? bridgeTransport(bridge.origin, bridge.secret) : null;
}
