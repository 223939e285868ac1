import { DateTime } from "luxon";
import { useEffect, useState } from "react";
import { useCommandQuery } from "../api/queries";
import type { CommandError } from "../api/transport";
import type { WindowItem } from "../generated/bindings";
import { upcomingWindow } from "./upcoming";

export interface Upcoming {
  /** null until the first answer. */
  items: WindowItem[] | null;
  /** The moment the window was taken from. */
  now: DateTime;
  error: CommandError | null;
}

/**
 * Entries and occurrences of every calendar over the next days, read again when entries or
 * calendars change. The window moves on by itself only when the next of them ends (what has
 * ended drops off then), with one timer set for that moment: nothing is asked on a cycle.
 */
export function useUpcoming(): Upcoming {
  const [now, setNow] = useState(() => DateTime.now());
  // No calendar ids: every calendar of the tenant.
  const { data, error } = useCommandQuery(["entries", "calendars"], "calendar_window", {
    calendarIds: [],
    ...upcomingWindow(now),
  }, { keepPrevious: true });

  const nextEnd = nextEndAfter(data ?? [], now);
  useEffect(() => {
    if (nextEnd === null) return;
    // Browsers cap timers at about 24.8 days; a later end is met by a later timer.
    const wait = Math.min(Math.max(nextEnd - Date.now(), 0) + 1000, 2 ** 31 - 1);
    const timer = setTimeout(() => setNow(DateTime.now()), wait);
    return () => clearTimeout(timer);
  }, [nextEnd]);

  return { items: data ?? null, now, error };
}

/** When the first item still on the list ends (ms since the epoch), or null when none will. */
function nextEndAfter(items: WindowItem[], now: DateTime): number | null {
  let next: number | null = null;
  const at = now.toMillis();
  for (const item of items) {
    const end = DateTime.fromISO(item.endsAt).toMillis();
    if (end > at && (next === null || end < next)) next = end;
  }
  return next;
}
