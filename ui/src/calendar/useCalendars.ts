import { useCommandQuery } from "../api/queries";
import type { CommandError } from "../api/transport";
import type { CalendarSummary } from "../generated/bindings";

/** A calendar as the list shows it; the summary already carries visibility and description. */
export type CalendarInfo = CalendarSummary;

/** The tenant's calendars (one call, whatever the number of calendars), read again when calendars change. */
export function useCalendars(): { calendars: CalendarInfo[] | null; error: CommandError | null } {
  const { data, error } = useCommandQuery(["calendars"], "list_calendars", {});
  return { calendars: data ?? null, error };
}

/** Colours for calendars, readable with white text in both themes. */
export const CALENDAR_COLORS = ["#0f766e", "#7c3aed", "#c2410c", "#1d4ed8", "#be185d", "#4d7c0f", "#a16207", "#0e7490"];

function hashOf(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash;
}

/**
 * A colour per calendar: each takes the colour its id points at, or the next one free, in the
 * order the calendars were made (local ids sort by creation), so a new calendar never changes
 * the colours of the others and no two share one while there are colours left.
 */
export function assignColors(ids: string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...ids].sort()) {
    const start = hashOf(id) % CALENDAR_COLORS.length;
    let pick = CALENDAR_COLORS[start] ?? "#0f766e";
    for (let i = 0; i < CALENDAR_COLORS.length; i++) {
      const c = CALENDAR_COLORS[(start + i) % CALENDAR_COLORS.length] ?? pick;
      if (!used.has(c)) {
        pick = c;
        break;
      }
    }
    used.add(pick);
    colors.set(id, pick);
  }
  return colors;
}
