import { describe, expect, it } from "vitest";
import type { FreeBusySlot } from "../generated/bindings";
import { busyDays } from "./freeBusy";

const slot = (startsAt: string, endsAt: string, extra: Partial<FreeBusySlot> = {}): FreeBusySlot => ({
  calendarId: "c",
  startsAt,
  endsAt,
  status: "confirmed",
  isAllDay: false,
  ...extra,
});

describe("busyDays", () => {
  it("merges overlapping and touching slots per day, in the zone shown, and leaves out cancelled ones", () => {
    const days = busyDays(
      [
        slot("2026-11-16T08:00:00Z", "2026-11-16T08:15:00Z"),
        slot("2026-11-16T08:10:00Z", "2026-11-16T09:00:00Z"),
        slot("2026-11-16T09:00:00Z", "2026-11-16T09:30:00Z"),
        slot("2026-11-16T13:00:00Z", "2026-11-16T14:00:00Z", { status: "cancelled" }),
        slot("2026-11-16T22:30:00Z", "2026-11-17T01:00:00Z"),
      ],
      "Europe/Berlin",
    );
    expect(days).toEqual([
      { day: "2026-11-16", label: "Mon 16 Nov", spans: [{ from: "09:00", to: "10:30", allDay: false }, { from: "23:30", to: "24:00", allDay: false }] },
      { day: "2026-11-17", label: "Tue 17 Nov", spans: [{ from: "00:00", to: "02:00", allDay: false }] },
    ]);
  });

  it("says all day for all-day slots", () => {
    expect(busyDays([slot("2026-12-24T23:00:00Z", "2026-12-25T23:00:00Z", { isAllDay: true })], "Europe/Berlin")[0]?.spans).toEqual([
      { from: "00:00", to: "24:00", allDay: true },
    ]);
  });
});
