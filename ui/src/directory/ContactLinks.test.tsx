import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { ContactLink, ContactReference, RecordView } from "../generated/bindings";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, status } from "../testing/fakeCall";
import { ContactLinks } from "./ContactLinks";

const link: ContactLink = { contactId: "c1", entityType: "user", entityId: "u1" };
const record: RecordView<ContactLink> = { entity: "contact_link", localId: "l", serverId: null, fields: link, baseUpdatedAt: null, hasPendingOps: true };

describe("ContactLinks", () => {
  it("lists a contact's links, links it to a user, makes one primary and unlinks", async () => {
    let refs: ContactReference[] = [
      { linkId: "k1", entityType: "space", entityId: "sp1", entityName: "Meeting room", isPrimary: false, hasPendingOps: false },
      { linkId: "k2", entityType: "resource", entityId: "rs9", entityName: null, isPrimary: true, hasPendingOps: true },
    ];
    const { call, calls } = fakeCall({
      sync_status: () => status(),
      contact_references: () => refs,
      list_directory: ({ kind }) =>
        kind === "users" ? [{ serverId: "u1", name: "Dana Admin", email: "admin@outpost.example", status: "active", raw: {} }] : [],
      link_contact: (args) => {
        refs = [...refs, { linkId: "k3", entityType: "user", entityId: args.entityId, entityName: "Dana Admin", isPrimary: args.isPrimary, hasPendingOps: true }];
        return record;
      },
      set_primary_link: () => record,
      unlink_contact: () => ({ ok: true }),
    });
    render(
      <CallProvider call={call}>
        <SyncProvider>
          <ContactLinks contactId="c1" />
        </SyncProvider>
      </CallProvider>,
    );
    const list = await screen.findByRole("list", { name: "Links" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows[0]?.textContent).toContain("Space Meeting room");
    expect(rows[1]?.textContent).toContain("not in the directory here yet");
    expect(rows[1]?.textContent).toContain("primary");
    expect(within(rows[1] as HTMLElement).getByText("Not synced yet")).toBeTruthy();

    const form = screen.getByRole("form", { name: "Link to" });
    expect((within(form).getByRole("button", { name: "Link" }) as HTMLButtonElement).disabled).toBe(true);
    const user = await within(form).findByRole("option", { name: "Dana Admin" });
    fireEvent.change(user.closest("select") as HTMLSelectElement, { target: { value: "u1" } });
    fireEvent.click(within(form).getByLabelText("Primary"));
    await act(async () => fireEvent.click(within(form).getByRole("button", { name: "Link" })));
    expect(calls("link_contact")).toEqual([{ contactId: "c1", entityType: "user", entityId: "u1", isPrimary: true }]);
    // Read again on the change the link raised.
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(3));

    await act(async () => fireEvent.click(within(rows[0] as HTMLElement).getByRole("button", { name: "Make primary" })));
    expect(calls("set_primary_link")).toEqual([{ linkId: "k1", isPrimary: true }]);
    await act(async () => fireEvent.click(within(screen.getAllByRole("listitem")[1] as HTMLElement).getByRole("button", { name: "Unlink" })));
    expect(calls("unlink_contact")).toEqual([{ linkId: "k2" }]);

    // Spaces: none in the directory yet, and it says why.
    fireEvent.change(within(form).getByLabelText("Kind"), { target: { value: "space" } });
    expect(await within(form).findByRole("option", { name: "No spaces here: the directory fills with a sync" })).toBeTruthy();
  });
});
