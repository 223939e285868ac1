import { describe, expect, it } from "vitest";
import type { Entry, Occurrence, RecordView, WindowItem } from "../generated/bindings";
import { fakeCall } from "../testing/fakeCall";
import { applyMove, moveFields, SERIES_MOVE_REFUSED } from "./moves";

const item: WindowItem = {
  entryId: "e1",
  calendarId: "c1",
  seriesId: null,
  instanceDate: null,
  title: "Boiler service",
  kind: "event",
  description: null,
  locationName: null,
  status: "confirmed",
  startsAt: "2026-11-10T08:30:00Z",
  endsAt: "2026-11-10T10:00:00Z",
  timezone: "Europe/Berlin",
  isAllDay: false,
  overridden: false,
  hasPendingOps: false,
};
const occurrence: WindowItem = { ...item, entryId: "root", seriesId: "s1", instanceDate: "2026-11-16" };
const entryFields: Entry = { calendarId: "c1", kind: "event", title: "Boiler service", startsAt: item.startsAt, endsAt: item.endsAt, timezone: "Europe/Berlin" };
const record: RecordView<Entry> = { entity: "entry", localId: "e1", serverId: null, fields: entryFields, baseUpdatedAt: null, hasPendingOps: true };
const occurrenceFields: Occurrence = { recurrenceMasterId: "s1", calendarId: "c1", instanceDate: "2026-11-16" };
const changed: RecordView<Occurrence> = { entity: "recurrence_instance", localId: "o1", serverId: null, fields: occurrenceFields, baseUpdatedAt: null, hasPendingOps: true };

// What the calendar hands over when an entry is dropped or resized (its strings carry the view's offset).
describe("moving entries", () => {
  it("moves a one-off entry with update_entry", async () => {
    const { call, calls } = fakeCall({ update_entry: () => record });
    await applyMove(call, { item, start: "2026-11-12T10:00:00+01:00", end: "2026-11-12T11:30:00+01:00", allDay: false });
    expect(calls("update_entry")).toEqual([{ id: "e1", fields: { startsAt: "2026-11-12T09:00:00Z", endsAt: "2026-11-12T10:30:00Z" } }]);
  });

  it("moves one occurrence with override_occurrence, and refuses the whole series in words", async () => {
    const { call, calls } = fakeCall({ override_occurrence: () => changed });
    const move = { item: occurrence, start: "2026-11-16T15:00:00Z", end: "2026-11-16T15:15:00Z", allDay: false };
    await applyMove(call, move, "occurrence");
    expect(calls("override_occurrence")).toEqual([
      { seriesId: "s1", instanceDate: "2026-11-16", fields: { startsAt: "2026-11-16T15:00:00Z", endsAt: "2026-11-16T15:15:00Z" } },
    ]);
    await expect(applyMove(call, move, "series")).rejects.toThrow(SERIES_MOVE_REFUSED);
    await expect(applyMove(call, move)).rejects.toThrow(SERIES_MOVE_REFUSED);
    expect(calls("override_occurrence")).toHaveLength(1);
  });

  it("passes the backend's refusal on", async () => {
    const { call } = fakeCall({});
    await expect(applyMove(call, { item, start: "2026-11-12T10:00:00Z", end: "2026-11-12T11:00:00Z", allDay: false })).rejects.toThrow(
      "no fake for update_entry",
    );
  });

  it("turns a drop into the all-day row into midnight to midnight in the entry's zone", () => {
    expect(moveFields({ item, start: "2026-11-12", end: "", allDay: true })).toEqual({
      startsAt: "2026-11-11T23:00:00Z",
      endsAt: "2026-11-12T23:00:00Z",
      isAllDay: true,
    });
    const allDay = { ...item, isAllDay: true };
    expect(moveFields({ item: allDay, start: "2026-11-12", end: "2026-11-14", allDay: true })).toEqual({
      startsAt: "2026-11-11T23:00:00Z",
      endsAt: "2026-11-13T23:00:00Z",
    });
    // Dragged out of the all-day row without an end: an hour.
    expect(moveFields({ item: allDay, start: "2026-11-12T09:00:00Z", end: "", allDay: false })).toEqual({
      startsAt: "2026-11-12T09:00:00Z",
      endsAt: "2026-11-12T10:00:00Z",
      isAllDay: false,
    });
  });
});
