import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncStatus } from "../generated/bindings";
import { status } from "../testing/fakeCall";

// Tauri's event API, as the desktop window has it: what `listen` was given, and a way to emit.
const tauri = vi.hoisted(() => {
  const handlers = new Map<string, (event: { payload: unknown }) => void>();
  const unlisten = vi.fn();
  const listen = vi.fn(async (name: string, handler: (event: { payload: unknown }) => void) => {
    handlers.set(name, handler);
    return unlisten;
  });
  return { handlers, unlisten, listen };
});
vi.mock("@tauri-apps/api/event", () => ({ listen: tauri.listen }));

import { SYNC_STATUS_EVENT, tauriStatusEvents } from "./statusEvents";

afterEach(() => {
  tauri.handlers.clear();
  tauri.listen.mockClear();
  tauri.unlisten.mockClear();
});

describe("pushed sync statuses in the desktop app", () => {
  it("listens to the shell's sync-status event and hands over its payload", async () => {
    const seen: SyncStatus[] = [];
    const stop = await tauriStatusEvents()((s) => seen.push(s));
    expect(tauri.listen).toHaveBeenCalledTimes(1);
    expect(tauri.listen.mock.calls[0]?.[0]).toBe("sync-status");
    expect(SYNC_STATUS_EVENT).toBe("sync-status");

    const pushed = status({ state: "syncing", progress: { phase: "contacts", done: 200, total: 40000 } });
    tauri.handlers.get("sync-status")?.({ payload: pushed });
    expect(seen).toEqual([pushed]);

    stop();
    expect(tauri.unlisten).toHaveBeenCalledTimes(1);
  });
});
