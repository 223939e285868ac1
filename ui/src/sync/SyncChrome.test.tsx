import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import type { SyncOutcome, SyncStatus } from "../generated/bindings";
import { fakeCall, status } from "../testing/fakeCall";
import { OfflineBanner } from "./OfflineBanner";
import { SyncBadge } from "./SyncBadge";
import { SyncProvider } from "./SyncContext";
import { SyncNowButton, SyncResult } from "./SyncNowButton";

function renderChrome(call: Call) {
  return render(
    <CallProvider call={call}>
      <SyncProvider>
        <OfflineBanner />
        <SyncBadge />
        <SyncNowButton />
        <SyncResult />
      </SyncProvider>
    </CallProvider>,
  );
}

describe("sync in the window's chrome", () => {
  it("counts pending edits and conflicts in the badge, and hides it at zero", async () => {
    let current = status({ state: "needs_attention", outbox: { pending: 2, inFlight: 0, failed: 1, conflict: 1 } });
    const { call } = fakeCall({
      sync_status: () => current,
      sync_now: () => {
        current = status();
        return { run: { runId: "r", trigger: "manual", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z", outcome: "ok", report: { pulled: 3, pushed: 4, skipped: 0, failed: 0, conflicts: 0, error: null, details: null } }, status: current };
      },
    });
    renderChrome(call);
    const badge = await screen.findByTestId("sync-badge");
    expect(badge.textContent).toBe("4");
    expect(badge.getAttribute("aria-label")).toBe("4 edits not synced, needs attention");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sync now" })));
    await waitFor(() => expect(screen.queryByTestId("sync-badge")).toBeNull());
    expect(screen.getByTestId("sync-result").textContent).toBe("Sync done. Sent 4 changes, fetched 3 records.");
  });

  it("is busy while a sync runs, and says why it failed; offline shows the banner", async () => {
    let finish: (() => void) | undefined;
    let current: SyncStatus = status({ state: "pending", outbox: { pending: 1, inFlight: 0, failed: 0, conflict: 0 } });
    const { call, calls } = fakeCall({
      sync_status: () => current,
      sync_now: () =>
        new Promise<SyncOutcome>((_, reject) => {
          finish = () => {
            current = { ...current, state: "offline", lastSuccessAt: null };
            reject(new CommandError({ code: "offline", message: "cannot reach the server", details: null }));
          };
        }),
    });
    renderChrome(call);
    await screen.findByTestId("sync-badge");
    expect(screen.queryByTestId("offline-banner")).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sync now" })));
    const busy = screen.getByRole("button", { name: "Syncing…" });
    expect(busy.getAttribute("aria-busy")).toBe("true");
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    // A second press (or the shortcut) while it runs starts nothing.
    fireEvent.click(busy);
    expect(calls("sync_now")).toHaveLength(1);
    await act(async () => finish?.());
    expect(screen.getByTestId("sync-result").textContent).toBe("Sync failed: cannot reach the server");
    const banner = await screen.findByTestId("offline-banner");
    expect(banner.textContent).toContain("Offline.");
    expect(banner.textContent).toContain("Your edits are kept on this computer");
    expect(screen.getByRole("button", { name: "Sync now" })).toBeTruthy();
  });

  it("shows the banner when the background probe finds the server gone, whatever else needs attention", async () => {
    const { call } = fakeCall({
      sync_status: () =>
        status({ state: "needs_attention", online: false, outbox: { pending: 0, inFlight: 0, failed: 1, conflict: 0 } }),
    });
    renderChrome(call);
    expect((await screen.findByTestId("offline-banner")).textContent).toContain("The server cannot be reached.");
  });

  it("shows no banner while the server answers", async () => {
    const { call } = fakeCall({
      sync_status: () => status({ state: "pending", online: true, outbox: { pending: 1, inFlight: 0, failed: 0, conflict: 0 } }),
    });
    renderChrome(call);
    await screen.findByTestId("sync-badge");
    expect(screen.queryByTestId("offline-banner")).toBeNull();
  });
});
