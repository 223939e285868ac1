import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import type { OutboxOp, SyncOutcome, SyncRun, SyncStatus } from "../generated/bindings";
import { fakeCall, status, type Handlers } from "../testing/fakeCall";
import { SidebarSyncState } from "./SidebarSyncState";
import { SyncCenter } from "./SyncCenter";
import { SyncProvider } from "./SyncContext";

const stoppedRun: SyncRun = {
  runId: "r-stopped",
  trigger: "manual",
  startedAt: "2026-01-02T09:00:00Z",
  finishedAt: "2026-01-02T09:00:05Z",
  outcome: "failed",
  report: {
    pulled: 2000,
    pushed: 3,
    skipped: 0,
    failed: 0,
    conflicts: 0,
    error: "the sync was stopped before it finished; the edits not sent yet wait for the next sync",
    details: { code: "cancelled" },
  },
};

const waitingOp: OutboxOp = {
  seq: 1,
  opId: "op-1",
  entity: "contact",
  localId: "l1",
  serverId: null,
  label: "Ana Lima",
  kind: "create",
  action: null,
  payload: {},
  base: null,
  baseUpdatedAt: null,
  state: "pending",
  source: "user",
  attempts: 0,
  lastError: null,
  nextAttemptAt: null,
  createdAt: "2026-01-01T10:00:00Z",
  updatedAt: "2026-01-01T10:00:00Z",
};

function renderCenter(call: Call) {
  return render(
    <CallProvider call={call}>
      <SyncProvider>
        <SidebarSyncState />
        <SyncCenter />
      </SyncProvider>
    </CallProvider>,
  );
}

/**
 * A backend whose sync_now runs until cancel_sync stops it (then fails with "cancelled", as the
 * real one does), reporting `progress` while it runs.
 */
function stoppableBackend(progress: SyncStatus["progress"], extra: Handlers = {}) {
  let current: SyncStatus = status({ state: "pending", outbox: { pending: 10, inFlight: 0, failed: 0, conflict: 0 } });
  let stopRun: (() => void) | undefined;
  const fake = fakeCall({
    sync_status: () => current,
    list_outbox: () => [waitingOp],
    list_conflicts: () => [],
    sync_history: () => (current.lastRun ? [current.lastRun] : []),
    sync_now: () =>
      new Promise<SyncOutcome>((_, reject) => {
        current = { ...current, state: "syncing", progress };
        stopRun = () => {
          current = status({
            state: "pending",
            outbox: { pending: 7, inFlight: 0, failed: 0, conflict: 0 },
            lastRun: stoppedRun,
          });
          reject(new CommandError({ code: "cancelled", message: stoppedRun.report.error ?? "", details: null }));
        };
      }),
    cancel_sync: () => {
      const was = !!stopRun;
      stopRun?.();
      stopRun = undefined;
      return { cancelled: was };
    },
    ...extra,
  });
  return fake;
}

const main = () => screen.getByRole("main");

describe("sync progress and Stop", () => {
  it("shows how far a run has come with a bar, and Stop ends it as stopped, not failed", async () => {
    const { call, calls } = stoppableBackend({ phase: "contacts", done: 2000, total: 40000 });
    renderCenter(call);
    await waitFor(() => expect(screen.getByTestId("sync-state").textContent).toBe("Edits waiting to be sent"));
    expect(screen.queryByTestId("sync-stop")).toBeNull();

    await act(async () => fireEvent.click(within(main()).getByRole("button", { name: "Sync now" })));
    await waitFor(() =>
      expect(within(main()).getByTestId("sync-result").textContent).toBe("Receiving contacts 2,000 of 40,000"),
    );
    const bar = within(main()).getByRole("progressbar", { name: "Receiving contacts 2,000 of 40,000" }) as HTMLProgressElement;
    expect(bar.value).toBe(2000);
    expect(bar.max).toBe(40000);
    expect(bar.getAttribute("aria-valuetext")).toBe("5 %");
    // The chrome says it too, with its own Stop.
    const sidebar = screen.getByTestId("sidebar-sync-state");
    expect(sidebar.textContent).toContain("Receiving contacts 2,000 of 40,000");
    expect(within(sidebar).getByRole("button", { name: "Stop the sync" })).toBeTruthy();

    const stop = within(main()).getByRole("button", { name: "Stop the sync" });
    expect(stop.tagName).toBe("BUTTON");
    await act(async () => fireEvent.click(stop));
    expect(calls("cancel_sync")).toHaveLength(1);

    await waitFor(() => expect(screen.getByTestId("sync-state").textContent).toBe("Edits waiting to be sent"));
    expect(within(main()).getByTestId("sync-result").textContent).toBe(
      "Last run, " +
        new Date(stoppedRun.finishedAt as string).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) +
        ": Sync stopped. Sent 3 changes, fetched 2000 records; the edits not sent yet wait for the next sync.",
    );
    expect(within(main()).getByTestId("sync-result").className).not.toContain("status-failed");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("sync-stop")).toBeNull();
    expect(screen.queryByTestId("sync-progress")).toBeNull();
    // The history says stopped, not failed.
    const history = await screen.findByRole("table", { name: "Sync history" });
    await waitFor(() => expect(within(history).getAllByRole("row")[1]?.textContent).toContain("stopped"));
    // The Stop is not listed as the run's error.
    expect(within(history).getAllByRole("row")[1]?.textContent).not.toContain("stopped before it finished");
  });

  it("counts edits sent, and says a phase without a total in words only", async () => {
    const { call } = stoppableBackend({ phase: "sending", done: 3, total: 10 });
    renderCenter(call);
    await screen.findByTestId("sync-state");
    await act(async () => fireEvent.click(within(main()).getByRole("button", { name: "Sync now" })));
    await waitFor(() => expect(within(main()).getByTestId("sync-result").textContent).toBe("Sending 3 of 10 edits"));
    expect(within(main()).getByRole("progressbar").getAttribute("aria-valuetext")).toBe("30 %");
  });

  it("follows a run the backend started by itself, and can stop it too", async () => {
    let current = status({ state: "syncing", progress: { phase: "calendars", done: 0, total: null } });
    const { call, calls } = fakeCall({
      sync_status: () => current,
      list_outbox: () => [],
      list_conflicts: () => [],
      sync_history: () => [],
      cancel_sync: () => {
        current = status({ state: "up_to_date", lastRun: stoppedRun });
        return { cancelled: true };
      },
    });
    renderCenter(call);
    await waitFor(() => expect(within(main()).getByTestId("sync-result").textContent).toBe("Receiving calendars…"));
    // No total yet: words, no bar.
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByTestId("sidebar-sync-state").textContent).toContain("Receiving calendars…");
    await act(async () => fireEvent.click(within(main()).getByRole("button", { name: "Stop the sync" })));
    expect(calls("cancel_sync")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId("sync-stop")).toBeNull());
    expect(within(main()).getByTestId("sync-result").textContent).toContain("Sync stopped.");
  });

  it("says when Stop could not reach the backend, and lets it be pressed again", async () => {
    const { call } = stoppableBackend(
      { phase: "directory", done: 12, total: null },
      {
        cancel_sync: () => {
          throw new CommandError({ code: "backend_unreachable", message: "the backend is not answering", details: null });
        },
      },
    );
    renderCenter(call);
    await screen.findByTestId("sync-state");
    await act(async () => fireEvent.click(within(main()).getByRole("button", { name: "Sync now" })));
    await waitFor(() =>
      expect(within(main()).getByTestId("sync-result").textContent).toBe("Receiving the directory… 12 so far"),
    );
    await act(async () => fireEvent.click(within(main()).getByRole("button", { name: "Stop the sync" })));
    expect(within(main()).getByRole("alert").textContent).toBe("The sync could not be stopped: the backend is not answering");
    expect((within(main()).getByRole("button", { name: "Stop the sync" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("lists an op the engine retries by itself as waiting, not failed", async () => {
    const { call } = fakeCall({
      sync_status: () => status({ state: "pending", outbox: { pending: 1, inFlight: 0, failed: 0, conflict: 0 } }),
      list_outbox: () => [
        { ...waitingOp, state: "failed", attempts: 2, lastError: "503 Service Unavailable", nextAttemptAt: "2026-01-01T10:05:00Z" },
      ],
      list_conflicts: () => [],
      sync_history: () => [],
    });
    renderCenter(call);
    const item = await screen.findByRole("listitem", { name: "Create contact Ana Lima, waiting to retry" });
    expect(item.textContent).toContain("next try");
    expect(within(item).getByTestId("op-last-try").textContent).toBe("Last try: 503 Service Unavailable");
    expect(within(item).queryByTestId("op-error")).toBeNull();
    expect(within(item).getByRole("button", { name: "Retry now: Create contact Ana Lima" })).toBeTruthy();
  });
});
