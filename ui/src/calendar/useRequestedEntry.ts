import { useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError } from "../api/transport";
import type { WindowItem } from "../generated/bindings";
import { entryRequestFromHash, type EntryRequest } from "../nav/routes";

/**
 * The entry another screen asked this one to open (#calendars?entry=...): read once when the
 * screen opens, looked up in the replica around its start, and handed to `open` as if it had been
 * clicked in the calendar. The request leaves the address bar at once, so a reload does not open
 * it again. Returns the request (for the date to show) and why it could not be opened, if so.
 */
export function useRequestedEntry(open: (item: WindowItem) => void): { request: EntryRequest | null; problem: string | null } {
  const call = useCall();
  const [request] = useState(() => entryRequestFromHash(window.location.hash));
  const [problem, setProblem] = useState<string | null>(null);
  const opener = useRef(open);
  useEffect(() => {
    opener.current = open;
  });

  useEffect(() => {
    if (!request) return;
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#calendars`);
    let current = true;
    const at = Date.parse(request.at);
    // Every calendar, a minute from its start: the entry overlaps that however long it is.
    call("calendar_window", { calendarIds: [], from: new Date(at).toISOString(), to: new Date(at + 60_000).toISOString() }).then(
      (items) => {
        if (!current) return;
        const item = items.find((i) => i.entryId === request.entryId && (i.instanceDate ?? null) === request.instanceDate);
        if (item) opener.current(item);
        else setProblem("That entry is not in the calendar any more: it was moved or deleted.");
      },
      (e: unknown) => current && setProblem(`That entry cannot be opened: ${toCommandError(e).message}`),
    );
    return () => {
      current = false;
    };
  }, [call, request]);

  return { request, problem };
}
