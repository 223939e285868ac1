// Moving and resizing an entry in the calendar: what the backend is asked, for a one-off
// entry (`update_entry`) or one occurrence of a series (`override_occurrence`).

import { DateTime } from "luxon";
import type { Call } from "../api/transport";
import { CommandError } from "../api/transport";
import type { EntryPatch, OccurrencePatch, WindowItem } from "../generated/bindings";
import { utc } from "./time";

export type Scope = "occurrence" | "series";

export interface Move {
  item: WindowItem;
  /** The calendar's strings: an ISO time with its offset, or a date (all day, end exclusive). */
  start: string;
  end: string;
  allDay: boolean;
}

export const SERIES_MOVE_REFUSED =
  "A whole series cannot move: Outpost has no command that changes a series' times. Move one occurrence, or delete the series and make a new one.";

/** An instant from the calendar's string: a date means midnight in the entry's zone. */
export function instantOf(text: string, allDay: boolean, zone: string): string {
  const t = allDay ? DateTime.fromISO(text, { zone }).startOf("day") : DateTime.fromISO(text, { setZone: true });
  if (!t.isValid) throw new CommandError({ code: "invalid", message: `not a time: ${text}`, details: null });
  return utc(t);
}

/** The fields a move changes: a patch of an entry or of one occurrence alike. */
export function moveFields(move: Move): Pick<EntryPatch & OccurrencePatch, "startsAt" | "endsAt" | "isAllDay"> {
  const zone = move.item.timezone;
  const startsAt = instantOf(move.start, move.allDay, zone);
  // The calendar drops the end of a one-day all-day entry and of a timed entry dragged into the all-day row.
  const endsAt = move.end
    ? instantOf(move.end, move.allDay, zone)
    : utc(DateTime.fromISO(startsAt).plus(move.allDay ? { days: 1 } : { hours: 1 }));
  return move.allDay !== move.item.isAllDay ? { startsAt, endsAt, isAllDay: move.allDay } : { startsAt, endsAt };
}

/** Asks the backend for the move; a series' occurrence needs its scope. Throws the backend's error. */
export async function applyMove(call: Call, move: Move, scope?: Scope): Promise<void> {
  const { item } = move;
  if (!item.seriesId || !item.instanceDate) {
    await call("update_entry", { id: item.entryId, fields: moveFields(move) });
    return;
  }
  if (scope === "occurrence") {
    await call("override_occurrence", { seriesId: item.seriesId, instanceDate: item.instanceDate, fields: moveFields(move) });
    return;
  }
  throw new CommandError({ code: "unsupported", message: SERIES_MOVE_REFUSED, details: null });
}
