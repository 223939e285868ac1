import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { SyncRun } from "../generated/bindings";
import { fakeCall, status } from "../testing/fakeCall";
import { SyncProvider, useSync } from "./SyncContext";

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
