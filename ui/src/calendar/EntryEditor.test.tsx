import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import type { CalendarSummary, Entry, Occurrence, RecordView, Series, WindowItem } from "../generated/bindings";
import { SessionProvider } from "../session/SessionContext";
import { fakeCall, type Handlers } from "../testing/fakeCall";
import { EntryEditor, type EditTarget } from "./EntryEditor";

const calendars: CalendarSummary[] = [
  { localId: "cal-1", serverId: "srv-cal-1", name: "Team calendar", kind: "tenant_shared", timezone: "Europe/Berlin", visibility: null, description: null, hasPendingOps: false },
  { localId: "cal-2", serverId: null, name: "Van", kind: "resource_linked", timezone: "UTC", visibility: null, description: null, hasPendingOps: true },
];

const entry: RecordView<Entry> = {
  entity: "entry",
  localId: "e1",
  serverId: "srv-e1",
  fields: {
    calendarId: "srv-cal-1",
    kind: "booking",
    status: "tentative",
    visibility: "default",
    title: "Boiler service",
    isAllDay: false,
    startsAt: "2026-11-10T08:30:00Z",
    endsAt: "2026-11-10T10:00:00Z",
    timezone: "Europe/Berlin",
    locationName: "Depot",
  },
  baseUpdatedAt: "2026-11-01T00:00:00Z",
  hasPendingOps: false,
};

const occurrence: WindowItem = {
  entryId: "root-1",
  calendarId: "cal-1",
  seriesId: "series-1",
  instanceDate: "2026-11-16",
  title: "Standup",
  kind: "event",
  description: null,
  locationName: null,
  status: "confirmed",
  startsAt: "2026-11-16T08:00:00Z",
  endsAt: "2026-11-16T08:15:00Z",
  timezone: "Europe/Berlin",
  isAllDay: false,
  overridden: false,
  hasPendingOps: false,
};

function base(extra: Handlers): Handlers {
  return {
    session_state: () => ({
      accounts: [],
      activeAccount: { id: "a", serverUrl: "http://x", email: "me@x", userId: "u-me", displayName: null, activeTenantId: "t", createdAt: "" },
      signedIn: true,
      tenants: [],
      activeTenant: null,
      pendingSecondFactor: null,
      keyring: null,
    }),
    list_directory: () => [],
    ...extra,
  };
}

function renderEditor(call: Call, target: EditTarget, onSaved = vi.fn()) {
  render(
    <CallProvider call={call}>
      <SessionProvider>
        <EntryEditor target={target} calendars={calendars} onSaved={onSaved} onClose={vi.fn()} />
      </SessionProvider>
    </CallProvider>,
  );
  return { onSaved };
}

const newTarget: EditTarget = { mode: "new", calendarId: "cal-1", startsAt: "2026-11-12T13:00:00Z", endsAt: "2026-11-12T14:30:00Z", allDay: false };

describe("EntryEditor", () => {
  it("opens prefilled with the selected range in the calendar's zone and creates the entry with every field", async () => {
    const created: RecordView<Entry> = { ...entry, localId: "new-1", serverId: null, fields: { ...entry.fields } };
    const { call, calls } = fakeCall(base({ create_entry: () => created }));
    const { onSaved } = renderEditor(call, newTarget);
    expect(screen.getByRole("heading", { name: "New entry" })).toBeTruthy();
    // 13:00 UTC is 14:00 in Berlin in November.
    expect((screen.getByLabelText("Start") as HTMLInputElement).value).toBe("2026-11-12T14:00");
    expect((screen.getByLabelText("End") as HTMLInputElement).value).toBe("2026-11-12T15:30");
    expect((screen.getByLabelText("Time zone") as HTMLSelectElement).value).toBe("Europe/Berlin");
    expect(document.activeElement).toBe(screen.getByLabelText("Title"));

    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "  Site visit " } });
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "reservation" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "tentative" } });
    fireEvent.change(screen.getByLabelText("Visibility"), { target: { value: "private" } });
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: "Hall 2" } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Bring the keys" } });
    fireEvent.change(screen.getByLabelText("Time zone"), { target: { value: "America/New_York" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create entry" })));

    expect(calls("create_entry")).toEqual([
      {
        fields: {
          calendarId: "cal-1",
          kind: "reservation",
          status: "tentative",
          visibility: "private",
          title: "Site visit",
          isAllDay: false,
          timezone: "America/New_York",
          // The wall clock stays; the zone it is read in changed.
          startsAt: "2026-11-12T19:00:00Z",
          endsAt: "2026-11-12T20:30:00Z",
          locationName: "Hall 2",
          description: "Bring the keys",
        },
      },
    ]);
    expect(calls("make_recurring")).toEqual([]);
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it("shows the backend's objection at the End field and focuses it", async () => {
    const { call } = fakeCall(
      base({
        create_entry: () => {
          throw new CommandError({ code: "invalid", message: "endsAt: must be after startsAt", details: { field: "endsAt" } });
        },
      }),
    );
    const { onSaved } = renderEditor(call, newTarget);
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Backwards" } });
    fireEvent.change(screen.getByLabelText("End"), { target: { value: "2026-11-12T09:00" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create entry" })));
    const end = screen.getByLabelText("End");
    const error = await screen.findByTestId("error-endsAt");
    expect(error.textContent).toBe("must be after startsAt");
    expect(end.getAttribute("aria-invalid")).toBe("true");
    expect(end.getAttribute("aria-describedby")).toBe(error.id);
    expect(document.activeElement).toBe(end);
    expect(screen.getByRole("alert").textContent).toBe("End: must be after startsAt");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("says which field cannot be read as a time without asking the backend", async () => {
    const { call, calls } = fakeCall(base({}));
    renderEditor(call, newTarget);
    fireEvent.change(screen.getByLabelText("Start"), { target: { value: "" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create entry" })));
    expect((await screen.findByTestId("error-startsAt")).textContent).toBe("required");
    expect(calls("create_entry")).toEqual([]);
  });

  it("makes a new entry recurring, and keeps the entry when the rule is refused", async () => {
    const created: RecordView<Entry> = {
      ...entry,
      localId: "new-1",
      serverId: null,
      fields: { ...entry.fields, calendarId: "srv-cal-1", startsAt: "2026-11-12T13:00:00Z", timezone: "Europe/Berlin" },
    };
    let refuse = true;
    const { call, calls } = fakeCall(
      base({
        create_entry: () => created,
        update_entry: () => created,
        make_recurring: ({ fields }) => {
          if (refuse) throw new CommandError({ code: "invalid", message: "occurrenceCountLimit: too many", details: { field: "occurrenceCountLimit" } });
          return { ...created, entity: "recurrence_master", fields: { ...fields, calendarId: "srv-cal-1" } };
        },
      }),
    );
    const { onSaved } = renderEditor(call, newTarget);
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Standup" } });
    fireEvent.click(screen.getByLabelText("Repeats"));
    // Weekly on the start's weekday (a Thursday) by default; add Monday.
    expect((screen.getByLabelText("Thursday") as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText("Monday"));
    fireEvent.click(screen.getByLabelText(/^After/));
    fireEvent.change(screen.getByLabelText("Number of times"), { target: { value: "5000" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create entry" })));
    expect(calls("make_recurring")).toEqual([
      {
        fields: {
          rootEntryId: "new-1",
          calendarId: "srv-cal-1",
          frequency: "weekly",
          intervalCount: 1,
          startsAt: "2026-11-12T13:00:00Z",
          timezone: "Europe/Berlin",
          byWeekday: [1, 4],
          occurrenceCountLimit: 5000,
        },
      },
    ]);
    expect((await screen.findByTestId("error-occurrenceCountLimit")).textContent).toBe("too many");
    expect(onSaved).not.toHaveBeenCalled();
    // The entry exists now: the editor edits it (no second create); the calendar shows it on
    // the change event its create raised.
    expect(screen.getByRole("heading", { name: "Edit entry" })).toBeTruthy();
    refuse = false;
    fireEvent.change(screen.getByLabelText("Number of times"), { target: { value: "12" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(calls("create_entry")).toHaveLength(1);
    expect(calls("make_recurring")[1]).toMatchObject({ fields: { occurrenceCountLimit: 12 } });
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it("edits an existing entry: only what changed, status by its transitions, the answer, reminders", async () => {
    const reminders = [{ localId: "r1", serverId: "sr1", calendarId: "cal-1", entryId: "e1", masterId: null, channel: "email", offsetMinutes: 60 }];
    let stored = entry;
    const { call, calls } = fakeCall(
      base({
        get_entry: () => stored,
        entry_series: () => null,
        entry_participants: () => [],
        update_entry: () => entry,
        set_entry_status: ({ status }) => (stored = { ...entry, fields: { ...entry.fields, status } }),
        respond_to_entry: () => ({ localId: "p", serverId: null, actorType: "user", actorUserId: "u-me", actorGroupId: null, role: "attendee", responseStatus: "accepted" }),
        list_reminders: () => reminders,
        add_reminder: ({ fields }) => ({ ...entry, entity: "reminder", localId: "r2", fields }),
        remove_reminder: () => ({ ok: true }),
      }),
    );
    const { onSaved } = renderEditor(call, { mode: "entry", entryId: "e1", series: false });
    expect(await screen.findByRole("heading", { name: "Edit entry" })).toBeTruthy();
    expect((screen.getByLabelText("Start") as HTMLInputElement).value).toBe("2026-11-10T09:30");
    expect((screen.getByLabelText("Calendar") as HTMLSelectElement).disabled).toBe(true);
    // Already on the server: it cannot start a series any more.
    expect(screen.queryByLabelText("Repeats")).toBeNull();

    fireEvent.change(screen.getByLabelText("Location"), { target: { value: "Depot 2" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(calls("update_entry")).toEqual([{ id: "e1", fields: { locationName: "Depot 2" } }]);
    expect(onSaved).toHaveBeenCalledOnce();

    expect(screen.getByTestId("entry-status").textContent).toBe("Tentative");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Confirm" })));
    expect(calls("set_entry_status")).toEqual([{ id: "e1", status: "confirmed" }]);
    await waitFor(() => expect(screen.getByTestId("entry-status").textContent).toBe("Confirmed"));

    await act(async () => fireEvent.click(within(screen.getByRole("group", { name: "Your answer" })).getByRole("button", { name: "Accept" })));
    expect(calls("respond_to_entry")).toEqual([{ id: "e1", responseStatus: "accepted" }]);
    expect(screen.getByTestId("my-answer").textContent).toBe("Accepted");

    const list = await screen.findByRole("list", { name: "Reminders" });
    expect(list.textContent).toContain("Email, 1 hour before");
    fireEvent.change(screen.getByLabelText("Channel"), { target: { value: "sms" } });
    // No number, nothing to send: refused at the field, in the backend's words.
    fireEvent.change(screen.getByLabelText("Minutes before"), { target: { value: "" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add reminder" })));
    expect(screen.getByTestId("error-offsetMinutes").textContent).toBe("must be a whole number");
    expect(calls("add_reminder")).toEqual([]);
    fireEvent.change(screen.getByLabelText("Minutes before"), { target: { value: "30" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add reminder" })));
    expect(calls("add_reminder")).toEqual([{ fields: { calendarId: "cal-1", channel: "sms", offsetMinutes: 30, calendarEntryId: "e1" } }]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Remove reminder: Email, 1 hour before" })));
    expect(calls("remove_reminder")).toEqual([{ id: "r1" }]);
  });

  it("keeps what is typed when a sync runs, and follows the entry's synced state", async () => {
    let stored: RecordView<Entry> = { ...entry, hasPendingOps: true };
    const { call, push } = fakeCall(
      base({ get_entry: () => stored, entry_series: () => null, entry_participants: () => [], list_reminders: () => [] }),
    );
    const props = { target: { mode: "entry", entryId: "e1", series: false } as EditTarget, calendars, onSaved: vi.fn(), onClose: vi.fn() };
    render(
      <CallProvider call={call}>
        <SessionProvider>
          <EntryEditor {...props} />
        </SessionProvider>
      </CallProvider>,
    );
    expect(await screen.findByText("Not synced yet")).toBeTruthy();
    expect((screen.getByLabelText("Calendar") as HTMLSelectElement).value).toBe("cal-1");
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Typed, not saved" } });
    // A sync sent it: the backend says this entry changed.
    stored = { ...entry, hasPendingOps: false };
    act(() => push({ kind: "changed", records: ["entries", "outbox"], changes: [{ entity: "entry", ids: ["e1"] }] }));
    expect(await screen.findByText("On the server")).toBeTruthy();
    expect(screen.queryByText("Not synced yet")).toBeNull();
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Typed, not saved");
  });

  it("changes one occurrence only, or cancels it after asking", async () => {
    const changedOccurrence: RecordView<Occurrence> = {
      ...entry,
      entity: "recurrence_instance",
      localId: "o1",
      fields: { recurrenceMasterId: "series-1", calendarId: "cal-1", instanceDate: "2026-11-16" },
    };
    const { call, calls } = fakeCall(
      base({
        override_occurrence: () => changedOccurrence,
        cancel_occurrence: () => changedOccurrence,
      }),
    );
    const { onSaved } = renderEditor(call, { mode: "occurrence", item: occurrence });
    expect(screen.getByRole("heading", { name: "Edit this occurrence" })).toBeTruthy();
    // What the whole series has is not offered here.
    expect(screen.queryByLabelText("Kind")).toBeNull();
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Standup (moved)" } });
    fireEvent.change(screen.getByLabelText("Start"), { target: { value: "2026-11-16T10:00" } });
    fireEvent.change(screen.getByLabelText("End"), { target: { value: "2026-11-16T10:15" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "tentative" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(calls("override_occurrence")).toEqual([
      {
        seriesId: "series-1",
        instanceDate: "2026-11-16",
        fields: { titleOverride: "Standup (moved)", status: "tentative", startsAt: "2026-11-16T09:00:00Z", endsAt: "2026-11-16T09:15:00Z" },
      },
    ]);
    expect(onSaved).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole("button", { name: "Cancel this occurrence…" }));
    const confirm = screen.getByRole("group", { name: /Cancel Standup on 2026-11-16\?/ });
    await act(async () => fireEvent.click(within(confirm).getByRole("button", { name: "Cancel occurrence" })));
    expect(calls("cancel_occurrence")).toEqual([{ seriesId: "series-1", instanceDate: "2026-11-16", fields: {} }]);
    expect(onSaved).toHaveBeenCalledTimes(2);
  });

  it("shows an occurrence override refused at its field under the entry's own name", async () => {
    const { call } = fakeCall(
      base({
        override_occurrence: () => {
          throw new CommandError({ code: "invalid", message: "titleOverride: must not be empty", details: { field: "titleOverride" } });
        },
      }),
    );
    renderEditor(call, { mode: "occurrence", item: occurrence });
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "x" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect((await screen.findByTestId("error-title")).textContent).toBe("must not be empty");
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBe("true");
  });

  it("edits a whole series without its times, which no command can change", async () => {
    const series: RecordView<Series> = {
      ...entry,
      entity: "recurrence_master",
      localId: "series-1",
      fields: { calendarId: "cal-1", rootEntryId: "root-1", startsAt: entry.fields.startsAt, timezone: "Europe/Berlin", frequency: "weekly", byWeekday: [1, 3, 5], intervalCount: 1 },
    };
    const { call, calls } = fakeCall(
      base({
        get_entry: () => ({ ...entry, localId: "root-1", fields: { ...entry.fields, title: "Standup" } }),
        entry_series: () => series,
        entry_participants: () => [],
        list_reminders: () => [{ localId: "r2", serverId: null, calendarId: "cal-1", entryId: null, masterId: "series-1", channel: "in_app", offsetMinutes: 10 }],
        update_entry: () => entry,
      }),
    );
    renderEditor(call, { mode: "entry", entryId: "root-1", series: true });
    expect(await screen.findByRole("heading", { name: "Edit the whole series" })).toBeTruthy();
    expect(screen.getByTestId("series-rule").textContent).toBe("Repeats: Weekly on Monday, Wednesday, Friday");
    expect(screen.getByLabelText("Start").matches(":disabled")).toBe(true);
    expect(screen.getByTestId("series-times-note").textContent).toContain("Move one occurrence instead");
    expect((await screen.findByRole("list", { name: "Reminders" })).textContent).toContain("In the app, 10 minutes before");
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Daily standup" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(calls("update_entry")).toEqual([{ id: "root-1", fields: { title: "Daily standup" } }]);
  });
});
