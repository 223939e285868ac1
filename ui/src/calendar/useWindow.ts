import { useCommandQuery } from "../api/queries";
import type { FreeBusySlot, WindowItem } from "../generated/bindings";

export interface Range {
  from: string;
  to: string;
}

const NO_ITEMS: WindowItem[] = [];
const NO_SLOTS: FreeBusySlot[] = [];

/**
 * The entries and occurrences of the shown calendars in the visible range, and their busy times;
 * read again when entries or calendars change. No calendar shown means nothing to show (an empty
 * list would ask for every calendar).
 */
export function useWindow(range: Range | null, calendarIds: string[]) {
  const args = { calendarIds, from: range?.from ?? "", to: range?.to ?? "" };
  const enabled = !!range && calendarIds.length > 0;
  const window = useCommandQuery(["entries", "calendars"], "calendar_window", args, { enabled, keepPrevious: true });
  const free = useCommandQuery(["entries", "calendars"], "free_busy", args, { enabled, keepPrevious: true });
  return {
    items: enabled ? (window.data ?? NO_ITEMS) : NO_ITEMS,
    busy: enabled ? (free.data?.slots ?? NO_SLOTS) : NO_SLOTS,
    error: window.error ?? free.error,
  };
}
