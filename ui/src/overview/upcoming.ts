// The overview's "coming up": the window it asks for, and its entries by day in the reader's zone.

import { DateTime } from "luxon";
import type { WindowItem } from "../generated/bindings";
import { clock, utc } from "../calendar/time";

/** How far ahead the overview looks. */
export const UPCOMING_DAYS = 7;

/** From now to the same time UPCOMING_DAYS later: what is on now counts, what has ended does not. */
export function upcomingWindow(now: DateTime): { from: string; to: string } {
  return { from: utc(now), to: utc(now.plus({ days: UPCOMING_DAYS })) };
}

export interface UpcomingDay {
  /** YYYY-MM-DD in the shown zone. */
  date: string;
  /** "Today", "Tomorrow", or "Thu 27 Nov". */
  label: string;
  items: WindowItem[];
}

/** The day an item falls on: an all-day entry's days are its own zone's, as in the calendar. */
function dayOf(item: WindowItem, zone: string): string {
  const t = DateTime.fromISO(item.startsAt).setZone(item.isAllDay ? item.timezone : zone);
  return t.toISODate() ?? item.startsAt.slice(0, 10);
}

function dayLabel(date: string, now: DateTime): string {
  const today = now.toISODate();
  if (date === today) return "Today";
  if (date === now.plus({ days: 1 }).toISODate()) return "Tomorrow";
  return DateTime.fromISO(date).toFormat("ccc d LLL");
}

/** The items in start order (all-day first within a day), grouped by day. */
export function byDay(items: WindowItem[], zone: string, now: DateTime): UpcomingDay[] {
  const local = now.setZone(zone);
  const sorted = [...items].sort((a, b) => {
    const day = dayOf(a, zone).localeCompare(dayOf(b, zone));
    if (day !== 0) return day;
    if (a.isAllDay !== b.isAllDay) return a.isAllDay ? -1 : 1;
    return Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.title.localeCompare(b.title);
  });
  const days: UpcomingDay[] = [];
  for (const item of sorted) {
    const date = dayOf(item, zone);
    const last = days.at(-1);
    if (last?.date === date) last.items.push(item);
    else days.push({ date, label: dayLabel(date, local), items: [item] });
  }
  return days;
}

/** "09:00–09:15", "All day", or "until 11:00" for what started before today. */
export function timeWords(item: WindowItem, zone: string, now: DateTime): string {
  if (item.isAllDay) return "All day";
  const start = DateTime.fromISO(item.startsAt).setZone(zone);
  const end = DateTime.fromISO(item.endsAt).setZone(zone);
  const today = now.setZone(zone);
  if (start < today.startOf("day")) return `until ${end.hasSame(today, "day") ? clock(item.endsAt, zone) : end.toFormat("ccc d LLL HH:mm")}`;
  if (!end.hasSame(start, "day")) return `${clock(item.startsAt, zone)} – ${end.toFormat("ccc d LLL HH:mm")}`;
  return `${clock(item.startsAt, zone)}–${clock(item.endsAt, zone)}`;
}
