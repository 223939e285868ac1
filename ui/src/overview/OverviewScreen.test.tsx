import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import type { CalendarSummary } from "../generated/bindings";
import { entryRequestFromHash } from "../nav/routes";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, status, windowItem, type Handlers } from "../testing/fakeCall";
import { OverviewScreen } from "./OverviewScreen";

const calendars: CalendarSummary[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "UTC", visibility: "shared", description: null, hasPendingOps: false },
  { localId: "c2", serverId: "s2", name: "Service van", kind: "resource_linked", timezone: "UTC", visibility: "shared", description: null, hasPendingOps: false },
];

/** Times relative to the real clock, at hours that stay on their day in any zone the tests run in. */
function inDays(days: number, hour: number): string {
  return DateTime.now().plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() ?? "";
}

function handlers(overrides: Handlers = {}): Handlers {
  return {
    sync_status: () => status({ lastSuccessAt: "2026-11-25T08:00:00Z" }),
    list_calendars: () => calendars,
    tenant_counts: () => ({ contacts: 1234, calendars: 2, users: 5, groups: 2, spaces: 3, resources: 1 }),
    calendar_window: () => [
      windowItem({ entryId: "standup", seriesId: "m1", instanceDate: "x", title: "Standup", calendarId: "c1", startsAt: inDays(1, 9), endsAt: inDays(1, 10) }),
      windowItem({ entryId: "van", title: "Van to depot", calendarId: "c2", startsAt: inDays(3, 11), endsAt: inDays(3, 12), status: "tentative", hasPendingOps: true }),
    ],
    server_health: () => ({ serverUrl: "http://127.0.0.1:8787", status: "ok", version: "1", latencyMs: 2 }),
    app_info: () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 7, serverUrl: null, demo: false }),
    ...overrides,
  };
}

function renderOverview(call: Call) {
  return render(
    <CallProvider call={call}>
      <SyncProvider>
        <OverviewScreen title="Acme Field Services" />
      </SyncProvider>
    </CallProvider>,
  );
}

const tile = (id: string) => screen.getByTestId(`count-${id}`);

describe("OverviewScreen", () => {
  it("counts what the tenant holds and lists the coming days' entries, each linking to the calendar", async () => {
    const { call, calls } = fakeCall(handlers());
    renderOverview(call);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Acme Field Services");
    await screen.findByText("Van to depot");
    await waitFor(() => expect(tile("resources").textContent).toBe("1resource"));
    expect(tile("contacts").textContent).toBe("1,234contacts");
    expect(tile("calendars").textContent).toBe("2calendars");
    expect(tile("upcoming").textContent).toBe("2entries in the next 7 days");
    expect(tile("users").textContent).toBe("5users");
    expect(tile("groups").textContent).toBe("2groups");
    expect(tile("spaces").textContent).toBe("3spaces");
    expect(tile("resources").textContent).toBe("1resource");
    expect(tile("contacts").getAttribute("href")).toBe("#contacts");

    // One window over every calendar, a week long from now.
    const [asked] = calls("calendar_window") as { calendarIds: string[]; from: string; to: string }[];
    expect(asked?.calendarIds).toEqual([]);
    expect(Date.parse(asked?.to ?? "") - Date.parse(asked?.from ?? "")).toBe(7 * 24 * 3600 * 1000);
    expect(Math.abs(Date.parse(asked?.from ?? "") - Date.now())).toBeLessThan(60_000);

    const rows = screen.getAllByTestId("upcoming-entry");
    expect(rows.map((r) => r.querySelector(".upcoming-title")?.textContent)).toEqual(["Standup ↻ (repeats)", "Van to depot · Tentative"]);
    expect(within(rows[0] as HTMLElement).getByText("09:00–10:00")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("Team calendar")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("Service van")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("Not synced yet")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Tomorrow" })).toBeTruthy();
    expect(entryRequestFromHash(rows[1]?.getAttribute("href") ?? "")).toEqual({ entryId: "van", instanceDate: null, at: inDays(3, 11) });
    expect(entryRequestFromHash(rows[0]?.getAttribute("href") ?? "")?.instanceDate).toBe("x");
  });

  it("points to Sync now before the first sync, and says when the coming days are empty", async () => {
    const never = fakeCall(
      handlers({
        sync_status: () => status({ state: "never_synced" }),
        list_calendars: () => [],
        calendar_window: () => [],
        tenant_counts: () => ({ contacts: 0, calendars: 0, users: 0, groups: 0, spaces: 0, resources: 0 }),
      }),
    );
    const { unmount } = renderOverview(never.call);
    await waitFor(() => expect(screen.getByTestId("upcoming-empty").textContent).toContain("never synced on this computer"));
    expect(await screen.findByText("Not synced yet", { selector: "[data-testid=overview-sync-state]" })).toBeTruthy();
    await waitFor(() => expect(tile("contacts").textContent).toBe("0contacts"));
    await waitFor(() => expect(tile("users").textContent).toBe("0users"));
    unmount();

    const quiet = fakeCall(handlers({ calendar_window: () => [] }));
    renderOverview(quiet.call);
    await waitFor(() => expect(screen.getByTestId("upcoming-empty").textContent).toBe("Nothing in the next 7 days."));
    expect(tile("upcoming").textContent).toBe("0entries in the next 7 days");
  });

  it("says in words what could not be read, and still shows the rest", async () => {
    const { call } = fakeCall(
      handlers({
        calendar_window: () => {
          throw { code: "no_tenant", message: "no tenant is active", details: null };
        },
        tenant_counts: () => {
          throw { code: "io", message: "the replica cannot be read", details: null };
        },
      }),
    );
    renderOverview(call);
    const upcoming = screen.getByRole("region", { name: "Next 7 days" });
    expect((await within(upcoming).findByRole("alert")).textContent).toBe("no tenant is active");
    await waitFor(() => expect(tile("users").querySelector(".count-value")?.textContent).toBe("—"));
    expect(tile("users").getAttribute("title")).toBe("users: the replica cannot be read");
    expect(tile("contacts").getAttribute("title")).toBe("contacts: the replica cannot be read");
    expect(tile("upcoming").querySelector(".count-value")?.textContent).toBe("—");
    // The calendars come from their own list, which still answers.
    await waitFor(() => expect(tile("calendars").textContent).toBe("2calendars"));
  });

  it("shows edits waiting, failures and conflicts, the last good sync, and syncs on demand", async () => {
    let synced = false;
    const { call, calls } = fakeCall(
      handlers({
        sync_status: () =>
          synced
            ? status({ lastSuccessAt: "2026-11-25T10:00:00Z" })
            : status({ state: "needs_attention", outbox: { pending: 3, inFlight: 1, failed: 2, conflict: 1 }, lastSuccessAt: null }),
        sync_now: () => {
          synced = true;
          const run = {
            runId: "r1",
            trigger: "manual",
            startedAt: "2026-11-25T10:00:00Z",
            finishedAt: "2026-11-25T10:00:01Z",
            outcome: "ok" as const,
            report: { pulled: 12, pushed: 4, skipped: 0, failed: 0, conflicts: 0, error: null, details: null },
          };
          return { run, status: status({ lastSuccessAt: "2026-11-25T10:00:00Z", lastRun: run }) };
        },
      }),
    );
    renderOverview(call);
    const sync = screen.getByRole("region", { name: "Sync" });
    // The card is there from the start; its numbers arrive with the status.
    await waitFor(() => expect(within(sync).getByTestId("overview-waiting").textContent).toBe("4"));
    expect(within(sync).getByTestId("overview-sync-state").textContent).toBe("Needs your attention");
    expect(within(sync).getByTestId("overview-failed").textContent).toBe("2");
    expect(within(sync).getByTestId("overview-conflicts").textContent).toBe("1");
    expect(within(sync).getByTestId("overview-last-success").textContent).toBe("Last successful sync: never");
    expect(within(sync).getByRole("link", { name: "Open the sync center" }).getAttribute("href")).toBe("#sync");

    await act(async () => fireEvent.click(within(sync).getByRole("button", { name: "Sync now" })));
    expect(calls("sync_now")).toHaveLength(1);
    expect(within(sync).getByTestId("overview-sync-state").textContent).toBe("Up to date");
    expect(within(sync).getByTestId("overview-waiting").textContent).toBe("0");
    expect(within(sync).getByTestId("overview-last-success").textContent).not.toContain("never");
    expect(within(sync).getByTestId("sync-result").textContent).toBe("Sync done. Sent 4 changes, fetched 12 records.");
    expect(within(sync).queryByRole("link", { name: "Open the sync center" })).toBeNull();
  });

  it("says when the server cannot be reached and edits wait", async () => {
    const { call } = fakeCall(
      handlers({ sync_status: () => status({ state: "offline", online: false, outbox: { pending: 2, inFlight: 0, failed: 0, conflict: 0 }, lastSuccessAt: null }) }),
    );
    renderOverview(call);
    const sync = screen.getByRole("region", { name: "Sync" });
    await waitFor(() => expect(within(sync).getByTestId("overview-sync-state").textContent).toBe("Offline: edits wait until the server can be reached"));
    expect(within(sync).getByTestId("overview-waiting").textContent).toBe("2");
    expect(within(sync).getByTestId("overview-sync-state").className).toContain("sync-state-offline");
  });

  it("says the server was not reachable at the last check even while other trouble is shown", async () => {
    const { call } = fakeCall(
      handlers({ sync_status: () => status({ state: "needs_attention", online: false, outbox: { pending: 0, inFlight: 0, failed: 1, conflict: 0 } }) }),
    );
    renderOverview(call);
    expect(await screen.findByText("The server could not be reached at the last check.")).toBeTruthy();
  });
});
