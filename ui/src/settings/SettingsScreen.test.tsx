import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import type { SyncSettings } from "../generated/bindings";
import { SessionProvider } from "../session/SessionContext";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, status } from "../testing/fakeCall";
import { SettingsScreen } from "./SettingsScreen";
import { readTheme, THEME_KEY } from "./theme";

function renderSettings(kept: SyncSettings, refuse?: CommandError) {
  let stored = kept;
  const fake = fakeCall({
    session_state: () => ({
      accounts: [],
      activeAccount: { id: "a", serverUrl: "http://127.0.0.1:8787", email: "me@x", userId: "u", displayName: null, activeTenantId: "t", createdAt: "" },
      signedIn: true,
      tenants: [],
      activeTenant: null,
      pendingSecondFactor: null,
      keyring: null,
    }),
    get_sync_settings: () => stored,
    set_sync_settings: (s) => {
      if (refuse) throw refuse;
      stored = s;
      return s;
    },
    sign_out_check: () => ({ unsyncedEdits: 0 }),
    sync_status: () => status(),
    get_watch_settings: () => ({ duplicates: "skip" }),
    list_calendars: () => [],
    app_info: () => ({ version: "0.1.0", dataDir: "/home/me/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false }),
  });
  render(
    <CallProvider call={fake.call}>
      <SessionProvider>
        <SyncProvider>
          <SettingsScreen />
        </SyncProvider>
      </SessionProvider>
    </CallProvider>,
  );
  return fake;
}

afterEach(() => {
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe("SettingsScreen", () => {
  it("shows the account's sync settings and saves a new interval", async () => {
    const { calls } = renderSettings({ intervalMinutes: 5, entryWindowPastDays: 90, entryWindowFutureDays: 365, verifyEveryHours: 24 });
    const interval = (await screen.findByDisplayValue("5")) as HTMLInputElement;
    expect(interval).toBe(screen.getByLabelText("Sync every (minutes)"));
    expect((screen.getByLabelText("Days back") as HTMLInputElement).value).toBe("90");
    expect((screen.getByLabelText("Days ahead") as HTMLInputElement).value).toBe("365");
    expect(screen.getByTestId("interval-words").textContent).toBe("Every 5 minutes while the server is reachable");
    fireEvent.change(interval, { target: { value: "0" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save sync settings" })));
    expect(calls("set_sync_settings")).toEqual([{ intervalMinutes: 0, entryWindowPastDays: 90, entryWindowFutureDays: 365, verifyEveryHours: 24 }]);
    expect(screen.getByTestId("settings-saved").textContent).toBe("Saved.");
    // The stored settings are read again on the change the save raised.
    await waitFor(() => expect(screen.getByTestId("interval-words").textContent).toMatch(/^Off/));
  });

  it("checks the bounds before sending, and shows the backend's objection at its field", async () => {
    const refusal = new CommandError({ code: "invalid", message: "entryWindowPastDays: too far back", details: { field: "entryWindowPastDays" } });
    const { calls } = renderSettings({ intervalMinutes: 5, entryWindowPastDays: 90, entryWindowFutureDays: 365, verifyEveryHours: 24 }, refusal);
    const ahead = (await screen.findByDisplayValue("365")) as HTMLInputElement;
    fireEvent.change(ahead, { target: { value: "0" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save sync settings" })));
    expect(screen.getByTestId("error-entryWindowFutureDays").textContent).toBe("a whole number from 1 to 3650");
    expect(ahead.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(ahead);
    expect(calls("set_sync_settings")).toEqual([]);

    fireEvent.change(ahead, { target: { value: "30" } });
    fireEvent.change(screen.getByLabelText("Sync every (minutes)"), { target: { value: "1441" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save sync settings" })));
    expect(screen.getByTestId("error-intervalMinutes").textContent).toBe("a whole number from 0 to 1440");

    fireEvent.change(screen.getByLabelText("Sync every (minutes)"), { target: { value: "15" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save sync settings" })));
    expect(calls("set_sync_settings")).toHaveLength(1);
    expect(screen.getByTestId("error-entryWindowPastDays").textContent).toBe("too far back");
  });

  it("switches the theme at once and keeps it for the next start", async () => {
    renderSettings({ intervalMinutes: 5, entryWindowPastDays: 90, entryWindowFutureDays: 365, verifyEveryHours: 24 });
    const theme = screen.getByRole("group", { name: "Theme" });
    expect((screen.getByLabelText("Same as the system") as HTMLInputElement).checked).toBe(true);
    expect(theme).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Dark"));
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(window.localStorage.getItem(THEME_KEY)).toBe("dark");
    expect(readTheme()).toBe("dark");
    fireEvent.click(screen.getByLabelText("Light"));
    expect(document.documentElement.dataset.theme).toBe("light");
    fireEvent.click(screen.getByLabelText("Same as the system"));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(window.localStorage.getItem(THEME_KEY)).toBeNull();
  });

  it("opens the sign-out dialog", async () => {
    const { calls } = renderSettings({ intervalMinutes: 5, entryWindowPastDays: 90, entryWindowFutureDays: 365, verifyEveryHours: 24 });
    expect(await screen.findByText("me@x on 127.0.0.1:8787")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign out…" })));
    expect(calls("sign_out_check")).toHaveLength(1);
    expect(screen.getByTestId("confirm-sign-out")).toBeTruthy();
  });
});
