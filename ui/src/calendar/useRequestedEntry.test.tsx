import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import { entryHash } from "../nav/routes";
import { fakeCall, windowItem } from "../testing/fakeCall";
import { useRequestedEntry } from "./useRequestedEntry";

const occurrence = windowItem({ entryId: "root", seriesId: "m1", instanceDate: "2026-11-27", startsAt: "2026-11-27T08:00:00Z", endsAt: "2026-11-27T08:15:00Z" });
const other = windowItem({ entryId: "root", seriesId: "m1", instanceDate: "2026-11-25", startsAt: "2026-11-25T08:00:00Z" });

function wrapperFor(call: Call) {
  return ({ children }: { children: ReactNode }) => <CallProvider call={call}>{children}</CallProvider>;
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("useRequestedEntry", () => {
  it("opens the occurrence the link names, and takes the request out of the address bar", async () => {
    window.history.replaceState(null, "", `/${entryHash(occurrence)}`);
    const { call, calls } = fakeCall({ calendar_window: () => [other, occurrence] });
    const open = vi.fn();
    const { result } = renderHook(() => useRequestedEntry(open), { wrapper: wrapperFor(call) });
    expect(result.current.request?.at).toBe("2026-11-27T08:00:00Z");
    await waitFor(() => expect(open).toHaveBeenCalledWith(occurrence));
    expect(open).toHaveBeenCalledTimes(1);
    expect(window.location.hash).toBe("#calendars");
    expect(calls("calendar_window")).toEqual([{ calendarIds: [], from: "2026-11-27T08:00:00.000Z", to: "2026-11-27T08:01:00.000Z" }]);
  });

  it("says so when the entry is gone", async () => {
    window.history.replaceState(null, "", `/${entryHash(occurrence)}`);
    const { call } = fakeCall({ calendar_window: () => [other] });
    const open = vi.fn();
    const { result } = renderHook(() => useRequestedEntry(open), { wrapper: wrapperFor(call) });
    await waitFor(() => expect(result.current.problem).toBe("That entry is not in the calendar any more: it was moved or deleted."));
    expect(open).not.toHaveBeenCalled();
  });

  it("does nothing without a request", () => {
    window.history.replaceState(null, "", "/#calendars");
    const { call, calls } = fakeCall({});
    const { result } = renderHook(() => useRequestedEntry(vi.fn()), { wrapper: wrapperFor(call) });
    expect(result.current.request).toBeNull();
    expect(calls("calendar_window")).toHaveLength(0);
  });
});
