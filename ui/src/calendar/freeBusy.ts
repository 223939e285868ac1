// Free-busy in words: the busy slots of the shown calendars merged into one list per day.

import { DateTime } from "luxon";
import type { FreeBusySlot } from "../generated/bindings";

export interface BusyDay {
  /** yyyy-MM-dd in the zone shown. */
  day: string;
  label: string;
  /** Merged busy spans, "HH:mm" (or "all day"). */
  spans: { from: string; to: string; allDay: boolean }[];
}

/** Overlapping and touching slots become one span; a span over midnight is cut at the day's end. */
export function busyDays(slots: FreeBusySlot[], zone: string): BusyDay[] {
  const ranges = slots
    .filter((s) => s.status !== "cancelled")
    .map((s) => ({ start: DateTime.fromISO(s.startsAt).setZone(zone), end: DateTime.fromISO(s.endsAt).setZone(zone), allDay: s.isAllDay }))
    .filter((r) => r.start.isValid && r.end.isValid && r.end > r.start);
  const days = new Map<string, { start: DateTime; end: DateTime; allDay: boolean }[]>();
  for (const r of ranges) {
    let cursor = r.start;
    while (cursor < r.end) {
      const dayEnd = cursor.startOf("day").plus({ days: 1 });
      const end = r.end < dayEnd ? r.end : dayEnd;
      const key = cursor.toFormat("yyyy-MM-dd");
      const whole = r.allDay || (cursor.equals(cursor.startOf("day")) && end.equals(dayEnd));
      days.set(key, [...(days.get(key) ?? []), { start: cursor, end, allDay: whole }]);
      cursor = end;
    }
  }
  return Array.from(days.entries())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, spans]) => {
      const sorted = spans.sort((a, b) => a.start.toMillis() - b.start.toMillis());
      const merged: typeof sorted = [];
      for (const s of sorted) {
        const last = merged[merged.length - 1];
        if (last && s.start <= last.end) {
          if (s.end > last.end) last.end = s.end;
          last.allDay = last.allDay || s.allDay;
        } else merged.push({ ...s });
      }
      const first = sorted[0]?.start ?? DateTime.fromISO(day, { zone });
      return {
        day,
        label: first.toFormat("ccc d LLL"),
        spans: merged.map((m) => ({
          from: m.start.toFormat("HH:mm"),
          to: m.end.equals(m.end.startOf("day")) ? "24:00" : m.end.toFormat("HH:mm"),
          allDay: m.allDay,
        })),
      };
    });
}
