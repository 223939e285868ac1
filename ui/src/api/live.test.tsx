import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider, useSession } from "../session/SessionContext";
import { contact, fakeCall } from "../testing/fakeCall";
import { CallProvider } from "./context";
import { DataScope, useCommandQuery } from "./queries";

function Screens() {
  const contacts = useCommandQuery(["contacts"], "search_contacts", { query: "a", limit: 10 });
  const calendars = useCommandQuery(["calendars"], "list_calendars", {});
  const counts = useCommandQuery(["contacts", "calendars", "users"], "tenant_counts", {});
  return (
    <p data-testid="screens">
      {contacts.data?.length ?? "-"} {calendars.data?.length ?? "-"} {counts.data?.users ?? "-"}
    </p>
  );
}

const counts = { contacts: 1, calendars: 0, users: 4, groups: 0, spaces: 0, resources: 0 };

describe("live updates", () => {
  it("a change refreshes exactly the queries reading the record types it names", async () => {
    const { call, calls, push } = fakeCall({
      search_contacts: () => [contact(1)],
      list_calendars: () => [],
      tenant_counts: () => counts,
    });
    render(
      <CallProvider call={call}>
        <Screens />
      </CallProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("screens").textContent).toBe("1 0 4"));
    const asked = () => [calls("search_contacts").length, calls("list_calendars").length, calls("tenant_counts").length];
    expect(asked()).toEqual([1, 1, 1]);

    // Made elsewhere (the CLI, another window): contacts changed, nothing else.
    act(() => push({ kind: "changed", records: ["contacts", "outbox"], changes: [] }));
    await waitFor(() => expect(asked()).toEqual([2, 1, 2]));
    // Several changes in a burst (a pull's pages) are read once.
    act(() => {
      push({ kind: "changed", records: ["users"], changes: [] });
      push({ kind: "changed", records: ["users"], changes: [] });
      push({ kind: "changed", records: ["spaces"], changes: [] });
    });
    await waitFor(() => expect(asked()).toEqual([2, 1, 3]));
    await new Promise((r) => setTimeout(r, 120));
    expect(asked()).toEqual([2, 1, 3]);
    // Told it missed events: everything is read again.
    act(() => push({ kind: "resync" }));
    await waitFor(() => expect(asked()).toEqual([3, 2, 4]));
  });

  it("a screen of one record reads again only when the change names it, or too many to name", async () => {
    const { call, calls, push } = fakeCall({
      get_contact: ({ id }) => ({ entity: "contact", localId: id, serverId: null, fields: { firstName: "Ana" }, baseUpdatedAt: null, hasPendingOps: false }),
    });
    function Detail() {
      const { data } = useCommandQuery(["contacts"], "get_contact", { id: "c1" }, { record: "contact" });
      return <p data-testid="detail">{data?.localId ?? "-"}</p>;
    }
    render(
      <CallProvider call={call}>
        <Detail />
      </CallProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("detail").textContent).toBe("c1"));
    act(() => push({ kind: "changed", records: ["contacts"], changes: [{ entity: "contact", ids: ["c2"] }] }));
    await new Promise((r) => setTimeout(r, 120));
    expect(calls("get_contact")).toHaveLength(1);
    act(() => push({ kind: "changed", records: ["contacts"], changes: [{ entity: "contact", ids: ["c1", "c3"] }] }));
    await waitFor(() => expect(calls("get_contact")).toHaveLength(2));
    act(() => push({ kind: "changed", records: ["contacts"], changes: [{ entity: "contact", ids: null }] }));
    await waitFor(() => expect(calls("get_contact")).toHaveLength(3));
  });

  it("a session event reads who is signed in again, and another tenant's data is dropped", async () => {
    let tenant = "t1";
    const { call, calls, push } = fakeCall({
      session_state: () => ({
        accounts: [],
        activeAccount: null,
        signedIn: true,
        tenants: [],
        activeTenant: { id: tenant, name: tenant, slug: null, role: null, status: "active", isDefault: false, active: true },
        pendingSecondFactor: null,
        keyring: null,
      }),
      search_contacts: () => [contact(tenant === "t1" ? 1 : 2)],
      list_calendars: () => [],
      tenant_counts: () => counts,
    });
    function Tenant() {
      const { state } = useSession();
      const id = state?.activeTenant?.id;
      if (!id) return null;
      return (
        <DataScope key={id} scope={`a/${id}`}>
          <p data-testid="tenant">{id}</p>
          <Screens />
          <Names />
        </DataScope>
      );
    }
    function Names() {
      const { data } = useCommandQuery(["contacts"], "search_contacts", { query: "a", limit: 10 });
      return <p data-testid="names">{data?.map((c) => c.displayName).join(",")}</p>;
    }
    render(
      <CallProvider call={call}>
        <SessionProvider>
          <Tenant />
        </SessionProvider>
      </CallProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("names").textContent).toBe("Person 1"));
    // Switched elsewhere (another window on the same backend).
    tenant = "t2";
    act(() => push({ kind: "session", accountId: "a", tenantId: "t2" }));
    await waitFor(() => expect(screen.getByTestId("tenant").textContent).toBe("t2"));
    // Never t1's contacts under t2, not even while t2's are read.
    expect(screen.getByTestId("names").textContent).not.toContain("Person 1");
    await waitFor(() => expect(screen.getByTestId("names").textContent).toBe("Person 2"));
    expect(calls("session_state")).toHaveLength(2);
  });
});
