import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { CalendarSummary } from "../generated/bindings";
import { fakeCall } from "../testing/fakeCall";
import { useCalendars } from "./useCalendars";

const summaries: CalendarSummary[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "Europe/Berlin", visibility: "public_within_tenant", description: "Everyone's", hasPendingOps: false },
  { localId: "c2", serverId: null, name: "Service van", kind: "resource_linked", timezone: "UTC", visibility: null, description: null, hasPendingOps: true },
];

describe("useCalendars", () => {
  it("takes visibility and description from the list, with one call and no record per calendar", async () => {
    const { call, calls, push } = fakeCall({ list_calendars: () => summaries });
    const wrapper = ({ children }: { children: ReactNode }) => <CallProvider call={call}>{children}</CallProvider>;
    const { result } = renderHook(() => useCalendars(), { wrapper });
    await waitFor(() => expect(result.current.calendars).toEqual(summaries));
    expect(calls("get_calendar")).toHaveLength(0);
    expect(result.current.error).toBeNull();
    expect(calls("list_calendars")).toHaveLength(1);
    // A change of contacts is not a change of calendars: nothing is read.
    act(() => push({ kind: "changed", records: ["contacts", "outbox"], changes: [] }));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls("list_calendars")).toHaveLength(1);
    // Calendars changed (here, elsewhere, a sync): read again.
    act(() => push({ kind: "changed", records: ["calendars"], changes: [] }));
    await waitFor(() => expect(calls("list_calendars")).toHaveLength(2));
  });

  it("says why the list cannot be read", async () => {
    const { call } = fakeCall({
      list_calendars: () => {
        throw { code: "no_tenant", message: "no tenant is active", details: null };
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => <CallProvider call={call}>{children}</CallProvider>;
    const { result } = renderHook(() => useCalendars(), { wrapper });
    await waitFor(() => expect(result.current.error?.message).toBe("no tenant is active"));
    expect(result.current.calendars).toBeNull();
  });
});
