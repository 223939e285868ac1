import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import type { StatusEvents } from "../api/statusEvents";
import type { Call } from "../api/transport";
import type { SyncRun, SyncStatus } from "../generated/bindings";
import { fakeCall, status } from "../testing/fakeCall";
import { BUSY_POLL_MS, PUSHED_POLL_MS, STATUS_POLL_MS, SyncProvider, useSync } from "./SyncContext";

function run(runId: string): SyncRun {
  return {
    runId,
    trigger: "timer",
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: "2026-01-01T00:00:01Z",
    outcome: "ok",
    report: { pulled: 0, pushed: 0, skipped: 0, failed: 0, conflicts: 0, error: null, details: null },
  };
}

function Probe() {
  const { revision, refresh } = useSync();
  return (
    <button type="button" onClick={() => void refresh()}>
      revision {revision}
    </button>
  );
}

describe("SyncProvider", () => {
  it("tells screens to reload when a run it did not start shows up in the status", async () => {
    let last = run("r1");
    const { call } = fakeCall({ sync_status: () => status({ lastRun: last }) });
    render(
      <CallProvider call={call}>
        <SyncProvider>
          <Probe />
        </SyncProvider>
      </CallProvider>,
    );
    const probe = await screen.findByRole("button", { name: "revision 0" });
    // The same run again: nothing new.
    await act(async () => fireEvent.click(probe));
    expect(probe.textContent).toBe("revision 0");
    // A background run finished since: screens reload.
    last = run("r2");
    await act(async () => fireEvent.click(probe));
    expect(probe.textContent).toBe("revision 1");
  });
});

describe("SyncProvider, where the status comes from", () => {
  /** A pushed-status source a test drives by hand, as the desktop shell's events would. */
  function pushSource() {
    let listener: ((s: SyncStatus) => void) | null = null;
    const unlisten = vi.fn();
    const events: StatusEvents = async (onStatus) => {
      listener = onStatus;
      return unlisten;
    };
    return { events, unlisten, push: (s: SyncStatus) => listener?.(s), listening: () => listener !== null };
  }

  function StateProbe() {
    const { status: s } = useSync();
    return <p data-testid="probe">{s ? `${s.state} ${s.outbox.pending}` : "none"}</p>;
  }

  function renderWith(call: Call, events: StatusEvents | null, tenantId?: string) {
    return render(
      <CallProvider call={call}>
        <SyncProvider events={events} tenantId={tenantId}>
          <StateProbe />
        </SyncProvider>
      </CallProvider>,
    );
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it("in the desktop app, takes each pushed status and asks far less often", async () => {
    vi.useFakeTimers();
    const { call, calls } = fakeCall({ sync_status: () => status({ state: "up_to_date" }) });
    const source = pushSource();
    const { unmount } = renderWith(call, source.events, "t1");
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(source.listening()).toBe(true);
    expect(screen.getByTestId("probe").textContent).toBe("up_to_date 0");

    await act(async () => source.push(status({ state: "pending", outbox: { pending: 3, inFlight: 0, failed: 0, conflict: 0 } })));
    expect(screen.getByTestId("probe").textContent).toBe("pending 3");
    // A status of another tenant (a switch under way) is not this one's.
    await act(async () => source.push(status({ tenantId: "t2", state: "never_synced" })));
    expect(screen.getByTestId("probe").textContent).toBe("pending 3");

    // Even while a run goes on, nothing is asked every half second: the events say it.
    await act(async () => source.push(status({ state: "syncing", progress: { phase: "sending", done: 1, total: 3 } })));
    const asked = calls("sync_status").length;
    await act(async () => vi.advanceTimersByTimeAsync(STATUS_POLL_MS * 3));
    expect(calls("sync_status").length).toBe(asked);
    // Only the safety net asks.
    await act(async () => vi.advanceTimersByTimeAsync(PUSHED_POLL_MS));
    expect(calls("sync_status").length).toBeGreaterThan(asked);

    unmount();
    expect(source.unlisten).toHaveBeenCalledTimes(1);
  });

  it("in the browser, with nothing pushed, keeps asking: slowly, and fast while a run goes on", async () => {
    vi.useFakeTimers();
    let current = status({ state: "up_to_date" });
    const { call, calls } = fakeCall({ sync_status: () => current });
    renderWith(call, null);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(calls("sync_status")).toHaveLength(1);
    await act(async () => vi.advanceTimersByTimeAsync(STATUS_POLL_MS));
    expect(calls("sync_status")).toHaveLength(2);

    // A run the backend started shows at the next answer; then it is followed closely.
    current = status({ state: "syncing", progress: { phase: "contacts", done: 0, total: null } });
    await act(async () => vi.advanceTimersByTimeAsync(STATUS_POLL_MS));
    expect(screen.getByTestId("probe").textContent).toBe("syncing 0");
    const asked = calls("sync_status").length;
    await act(async () => vi.advanceTimersByTimeAsync(BUSY_POLL_MS * 4));
    expect(calls("sync_status").length).toBe(asked + 4);
  });

  it("falls back to asking when it cannot listen", async () => {
    vi.useFakeTimers();
    const { call, calls } = fakeCall({ sync_status: () => status() });
    const refused: StatusEvents = () => Promise.reject(new Error("event.listen not allowed"));
    renderWith(call, refused);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    const asked = calls("sync_status").length;
    await act(async () => vi.advanceTimersByTimeAsync(STATUS_POLL_MS));
    expect(calls("sync_status").length).toBe(asked + 1);
  });
});
