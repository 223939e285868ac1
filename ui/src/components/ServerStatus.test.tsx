import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import { ServerStatus } from "./ServerStatus";

function renderWith(call: Call) {
  return render(
    <CallProvider call={call}>
      <ServerStatus />
    </CallProvider>,
  );
}

describe("ServerStatus", () => {
  it("checks on first show and again on click", async () => {
    const call = vi.fn(async () => ({
      serverUrl: "http://127.0.0.1:8787",
      status: "ok",
      version: "0.1.0",
      latencyMs: 3,
    })) as unknown as Call;
    renderWith(call);
    expect(await screen.findByText("http://127.0.0.1:8787 is ok · version 0.1.0 · 3 ms")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId("server-check")));
    expect(call).toHaveBeenCalledTimes(2);
  });

  it("shows the backend's error in words with its code", async () => {
    const call = (async () => {
      throw new CommandError({ code: "offline", message: "cannot reach the server", details: null });
    }) as unknown as Call;
    renderWith(call);
    expect(await screen.findByText("cannot reach the server (offline)")).toBeTruthy();
  });
});
