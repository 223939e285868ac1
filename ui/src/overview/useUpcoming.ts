import { DateTime } from "luxon";
import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { WindowItem } from "../generated/bindings";
import { upcomingWindow } from "./upcoming";

export interface Upcoming {
  /** null until the first answer. */
  items: WindowItem[] | null;
  /** The moment the window was taken from. */
  now: DateTime;
  error: CommandError | null;
}

/** How often the window moves on while the overview stays open, so what has ended drops off. */
export const UPCOMING_REFRESH_MS = 60_000;

/** Entries and occurrences of every calendar over the next days, read again on every revision and every minute. */
export function useUpcoming(revision: number): Upcoming {
  const call = useCall();
  const [state, setState] = useState<Upcoming>(() => ({ items: null, now: DateTime.now(), error: null }));
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), UPCOMING_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let current = true;
    const now = DateTime.now();
    // No calendar ids: every calendar of the tenant.
    call("calendar_window", { calendarIds: [], ...upcomingWindow(now) }).then(
      (items) => current && setState({ items, now, error: null }),
      (e: unknown) => current && setState((s) => ({ ...s, error: toCommandError(e) })),
    );
    return () => {
      current = false;
    };
  }, [call, revision, tick]);

  return state;
}
