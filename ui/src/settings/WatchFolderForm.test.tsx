import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import type { CalendarSummary, WatchReport, WatchSettings } from "../generated/bindings";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, importItem, importOutcome, status, type Handlers } from "../testing/fakeCall";
import { WatchFolderForm } from "./WatchFolderForm";

const calendars: CalendarSummary[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
];

const imported: WatchReport = {
  file: "phone.vcf",
  movedTo: "/home/me/inbox/imported/phone.vcf",
  at: "2026-11-25T10:00:00Z",
  outcome: importOutcome(
    [
      importItem({ line: 1, label: "Ana Lima", action: "create" }),
      importItem({ line: 8, label: "Bo Chen", action: "create" }),
      importItem({ line: 15, label: "Cy Dias", action: "skip", reason: "already here" }),
    ],
    { applied: true },
  ),
};
const refused: WatchReport = { file: "jobs.ics", movedTo: "/home/me/inbox/failed/jobs.ics", at: "2026-11-25T10:01:00Z", error: "choose the calendar the events go into" };

function renderForm(overrides: Handlers) {
  const fake = fakeCall({
    sync_status: () => status(),
    list_calendars: () => calendars,
    app_info: () => ({ version: "0.1.0", dataDir: "/home/me/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false }),
    ...overrides,
  });
  render(
    <CallProvider call={fake.call}>
      <SyncProvider>
        <WatchFolderForm />
      </SyncProvider>
    </CallProvider>,
  );
  return fake;
}

describe("WatchFolderForm", () => {
  it("starts a folder with its calendar and duplicates choice, then lists what became of each file", async () => {
    let kept: WatchSettings = { duplicates: "skip" };
    const { calls } = renderForm({
      get_watch_settings: () => kept,
      set_watch_settings: (s) => (kept = s),
      watch_reports: () => [refused, imported],
    });
    await waitFor(() => expect(screen.getByTestId("watch-state").textContent).toBe("Off"));
    await screen.findByRole("option", { name: "Team calendar" });
    fireEvent.change(screen.getByLabelText("Folder"), { target: { value: "~/inbox" } });
    fireEvent.change(screen.getByLabelText("Events of .ics files go into"), { target: { value: "c1" } });
    fireEvent.click(screen.getByLabelText("Update it with the file's fields"));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save watched folder" })));
    expect(calls("set_watch_settings")).toEqual([{ folder: "/home/me/inbox", calendarId: "c1", duplicates: "update" }]);
    expect(screen.getByTestId("watch-state").textContent).toBe("Watching /home/me/inbox");
    expect(screen.getByTestId("watch-saved").textContent).toBe("Saved: the folder is watched.");

    const rows = await screen.findAllByTestId("watch-report");
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText("choose the calendar the events go into")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("not imported")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("Created 2, updated 0, skipped 1.")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("/home/me/inbox/imported/phone.vcf")).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Stop watching" })));
    expect(calls("set_watch_settings").at(-1)).toEqual({ calendarId: "c1", duplicates: "update" });
    expect(screen.getByTestId("watch-state").textContent).toBe("Off");
    expect(screen.queryByTestId("watch-report")).toBeNull();
  });

  it("shows the backend's objection at the folder field", async () => {
    renderForm({
      get_watch_settings: () => ({ duplicates: "skip" }),
      set_watch_settings: () => {
        throw new CommandError({ code: "validation", message: "there is no folder /nowhere", details: { field: "folder" } });
      },
    });
    await screen.findByText("Off");
    fireEvent.change(screen.getByLabelText("Folder"), { target: { value: "/nowhere" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save watched folder" })));
    expect(screen.getByRole("alert").textContent).toBe("there is no folder /nowhere");
    expect(screen.getByLabelText("Folder").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("watch-state").textContent).toBe("Off");
  });

  it("says when nothing was dropped yet, and when the settings cannot be read", async () => {
    renderForm({ get_watch_settings: () => ({ folder: "/home/me/inbox", duplicates: "skip" }), watch_reports: () => [] });
    expect(await screen.findByText("No file was dropped there yet.")).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText("Folder") as HTMLInputElement).value).toBe("/home/me/inbox"));
  });

  it("says why the settings cannot be read", async () => {
    renderForm({
      get_watch_settings: () => {
        throw new CommandError({ code: "not_signed_in", message: "sign in first", details: null });
      },
    });
    expect((await screen.findByRole("alert")).textContent).toBe("sign in first");
  });
});
