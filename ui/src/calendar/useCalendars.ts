import { useCallback, useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { CalendarSummary } from "../generated/bindings";

export interface CalendarInfo extends CalendarSummary {
  /** Read from the calendar's record (the summary does not carry it); null until read. */
  visibility: string | null;
  description: string;
}

/** The tenant's calendars, with their visibility, read again on every revision. */
export function useCalendars(revision: number): { calendars: CalendarInfo[] | null; error: CommandError | null } {
  const call = useCall();
  const [calendars, setCalendars] = useState<CalendarInfo[] | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  const load = useCallback(async () => {
    const list = await call("list_calendars", {});
    const records = await Promise.all(list.map((c) => call("get_calendar", { id: c.localId }).catch(() => null)));
    return list.map((c, i) => {
      const fields = records[i]?.fields ?? {};
      return {
        ...c,
        visibility: typeof fields.visibility === "string" ? fields.visibility : null,
        description: typeof fields.description === "string" ? fields.description : "",
      };
    });
  }, [call]);

  useEffect(() => {
    let current = true;
    load().then(
      (found) => {
        if (!current) return;
        setCalendars(found);
        setError(null);
      },
      (e: unknown) => current && setError(toCommandError(e)),
    );
    return () => {
      current = false;
    };
  }, [load, revision]);

  return { calendars, error };
}

/** Colours for calendars, by their place in the list; readable with white text in both themes. */
export const CALENDAR_COLORS = ["#0f766e", "#7c3aed", "#c2410c", "#1d4ed8", "#be185d", "#4d7c0f", "#a16207", "#0e7490"];

export function colorOf(index: number): string {
  return CALENDAR_COLORS[index % CALENDAR_COLORS.length] ?? "#0f766e";
}
