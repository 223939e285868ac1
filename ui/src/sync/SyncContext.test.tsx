import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { DataScope } from "../api/queries";
import type { Call } from "../api/transport";
import { fakeCall, status } from "../testing/fakeCall";
import { SyncProvider, useSync } from "./SyncContext";

function StateProbe() {
  const { status: s } = useSync();
  return <p data-testid="probe">{s ? `${s.state} ${s.outbox.pending}` : "none"}</p>;
}

function renderWith(call: Call, scope = "a1/t1") {
  return render(
    <CallProvider call={call}>
      <DataScope scope={scope}>
        <SyncProvider>
          <StateProbe />
        </SyncProvider>
      </DataScope>
    </CallProvider>,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("SyncProvider", () => {
  it("reads the status once, then takes each pushed one; nothing asks on a timer", async () => {
    vi.useFakeTimers();
    const { call, calls, push, listening } = fakeCall({ sync_status: () => status({ state: "up_to_date" }) });
    const { unmount } = renderWith(call);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(listening()).toBe(1);
    expect(screen.getByTestId("probe").textContent).toBe("up_to_date 0");
    expect(calls("sync_status")).toHaveLength(1);

    await act(async () => {
      push({ kind: "syncStatus", status: status({ state: "pending", outbox: { pending: 3, inFlight: 0, failed: 0, conflict: 0 } }) });
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByTestId("probe").textContent).toBe("pending 3");
    // A status of another tenant (a switch under way) is not this one's.
    await act(async () => {
      push({ kind: "syncStatus", status: status({ tenantId: "t2", state: "never_synced" }) });
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByTestId("probe").textContent).toBe("pending 3");

    // A run going on for an hour: its statuses come as events, and nobody asks meanwhile.
    await act(async () => {
      push({ kind: "syncStatus", status: status({ state: "syncing", progress: { phase: "sending", done: 1, total: 3 } }) });
      await vi.advanceTimersByTimeAsync(0);
    });
    await act(async () => vi.advanceTimersByTimeAsync(60 * 60 * 1000));
    expect(calls("sync_status")).toHaveLength(1);
    expect(screen.getByTestId("probe").textContent).toBe("syncing 0");

    unmount();
    expect(listening()).toBe(0);
  });

  it("reads the status again when the stream reopens after a break (events may have been missed)", async () => {
    vi.useFakeTimers();
    let current = status({ state: "up_to_date" });
    const { call, calls, events } = fakeCall({ sync_status: () => current });
    let reopen: (() => void) | null = null;
    const flaky: typeof events = (handlers) => {
      reopen = handlers.onOpen;
      return events(handlers);
    };
    render(
      <CallProvider call={call} events={flaky}>
        <DataScope scope="a1/t1">
          <SyncProvider>
            <StateProbe />
          </SyncProvider>
        </DataScope>
      </CallProvider>,
    );
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(calls("sync_status")).toHaveLength(1);
    current = status({ state: "offline" });
    await act(async () => {
      reopen?.();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(calls("sync_status")).toHaveLength(2);
    expect(screen.getByTestId("probe").textContent).toBe("offline 0");
  });
});
