import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { FreeBusySlot, WindowItem } from "../generated/bindings";

export interface Range {
  from: string;
  to: string;
}

/** The entries and occurrences of the shown calendars in the visible range, and their busy times; read again on every revision. */
export function useWindow(range: Range | null, calendarIds: string[], revision: number) {
  const call = useCall();
  const [items, setItems] = useState<WindowItem[]>([]);
  const [busy, setBusy] = useState<FreeBusySlot[]>([]);
  const [error, setError] = useState<CommandError | null>(null);
  const ids = calendarIds.join(",");

  useEffect(() => {
    if (!range) return;
    const calendars = ids ? ids.split(",") : [];
    let current = true;
    // No calendar shown means nothing to show (an empty list would ask for every calendar).
    const load = calendars.length
      ? Promise.all([
          call("calendar_window", { calendarIds: calendars, from: range.from, to: range.to }),
          call("free_busy", { calendarIds: calendars, from: range.from, to: range.to }),
        ])
      : Promise.resolve([[], { slots: [] }] as const);
    load.then(
      ([found, fb]) => {
        if (!current) return;
        setItems(found as WindowItem[]);
        setBusy(fb.slots as FreeBusySlot[]);
        setError(null);
      },
      (e: unknown) => {
        if (!current) return;
        setError(toCommandError(e));
      },
    );
    return () => {
      current = false;
    };
  }, [call, range, ids, revision]);

  return { items, busy, error };
}
