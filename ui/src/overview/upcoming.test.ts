import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { windowItem as item } from "../testing/fakeCall";
import { byDay, timeWords, upcomingWindow } from "./upcoming";

const now = DateTime.fromISO("2026-11-25T08:30:00Z", { zone: "UTC" });

describe("upcomingWindow", () => {
  it("runs from now to seven days later", () => {
    expect(upcomingWindow(now)).toEqual({ from: "2026-11-25T08:30:00Z", to: "2026-12-02T08:30:00Z" });
  });
});

describe("byDay", () => {
  it("groups by the shown zone's days, all-day first, then by start", () => {
    const days = byDay(
      [
        item({ entryId: "late", startsAt: "2026-11-26T15:00:00Z", endsAt: "2026-11-26T16:00:00Z" }),
        item({ entryId: "early", startsAt: "2026-11-26T07:00:00Z", endsAt: "2026-11-26T08:00:00Z" }),
        item({ entryId: "today", startsAt: "2026-11-25T09:00:00Z" }),
        // 23:30 UTC is already the next day in Berlin.
        item({ entryId: "night", startsAt: "2026-11-25T23:30:00Z", endsAt: "2026-11-26T00:00:00Z" }),
        // An all-day entry made in New York: its day is the 26th whatever zone is shown.
        item({ entryId: "holiday", isAllDay: true, timezone: "America/New_York", startsAt: "2026-11-26T05:00:00Z", endsAt: "2026-11-27T05:00:00Z" }),
        item({ entryId: "later", startsAt: "2026-11-28T09:00:00Z" }),
      ],
      "Europe/Berlin",
      now,
    );
    expect(days.map((d) => [d.label, d.items.map((i) => i.entryId)])).toEqual([
      ["Today", ["today"]],
      ["Tomorrow", ["holiday", "night", "early", "late"]],
      ["Sat 28 Nov", ["later"]],
    ]);
  });
});

describe("timeWords", () => {
  it("says the times in the shown zone, all day, or until when for what began earlier", () => {
    expect(timeWords(item({}), "Europe/Berlin", now)).toBe("10:00–11:00");
    expect(timeWords(item({ isAllDay: true }), "UTC", now)).toBe("All day");
    expect(timeWords(item({ startsAt: "2026-11-24T22:00:00Z", endsAt: "2026-11-25T09:00:00Z" }), "UTC", now)).toBe("until 09:00");
    expect(timeWords(item({ startsAt: "2026-11-25T22:00:00Z", endsAt: "2026-11-26T02:00:00Z" }), "UTC", now)).toBe("22:00 – Thu 26 Nov 02:00");
  });
});
