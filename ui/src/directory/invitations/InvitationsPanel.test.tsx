import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminOp, fakeAdmin, invitationRecord } from "../../testing/fakeAdmin";
import { giveElementsASize } from "../../testing/fakeCall";
import { renderDirectory } from "../../testing/renderDirectory";

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize();
});
afterEach(() => restore());

const ANA = invitationRecord("i-ana", {
  recipient_email: "ana@acme.example",
  status: "sent",
  role: "member",
  channel: "email",
  expires_at: "2026-12-09T10:00:00Z",
});
const BEN = invitationRecord("i-ben", { recipient_email: "ben@acme.example", status: "accepted", role: "admin", channel: "email" });

function rowOf(grid: HTMLElement, text: string): HTMLElement {
  const row = within(grid)
    .getAllByRole("row")
    .find((r) => r.textContent?.includes(text));
  if (!row) throw new Error(`no row with ${text}`);
  return row;
}

describe("Invitations", () => {
  it("lists invitations with their status, filters them, and marks one refused by the server", async () => {
    const backend = fakeAdmin({
      invitations: [ANA, BEN],
      outbox: [adminOp(1, "i-ben", { entity: "invitation", kind: "action", action: "resend", payload: {} as Record<symbol, never> }, null, "An accepted invitation cannot be resent")],
    });
    renderDirectory(backend.call, "invitations");
    const grid = await screen.findByRole("grid", { name: "Invitations" });
    expect(screen.getByTestId("invitations-count").textContent).toBe("2 invitations");
    expect(within(rowOf(grid, "ana@")).getByTestId("invitation-status").textContent).toBe("Sent");
    await waitFor(() => expect(within(rowOf(grid, "ben@")).getByTestId("sync-mark").textContent).toBe("Refused by the server"));
    expect(within(rowOf(grid, "ana@")).queryByTestId("sync-mark")).toBeNull();

    fireEvent.change(screen.getByRole("combobox", { name: "Show invitations with status" }), { target: { value: "open" } });
    expect(screen.getByTestId("invitations-count").textContent).toBe("1 of 2 invitations");
    fireEvent.change(screen.getByRole("combobox", { name: "Show invitations with status" }), { target: { value: "all" } });
    fireEvent.change(screen.getByRole("searchbox", { name: "Search invitations" }), { target: { value: "admin" } });
    const matching = screen.getByRole("grid", { name: "Matching invitations" });
    expect(within(matching).getAllByRole("row")).toHaveLength(2);

    // The refused one says where to act on it.
    fireEvent.click(rowOf(matching, "ben@"));
    const pane = screen.getByRole("region", { name: "Invitation" });
    expect(within(pane).getByText(/An accepted invitation cannot be resent/).textContent).toContain("Open the sync center");
    expect(within(pane).getByRole("link", { name: "Open the sync center" }).getAttribute("href")).toBe("#sync");
  });

  it("checks the form before sending, puts the backend's objection at its field, and invites for the next sync", async () => {
    const backend = fakeAdmin({ invitations: [ANA] });
    renderDirectory(backend.call, "invitations");
    await screen.findByRole("grid", { name: "Invitations" });
    fireEvent.click(screen.getByRole("button", { name: "Invite someone" }));
    const form = screen.getByRole("form", { name: "Invite someone" });
    expect(within(form).getByTestId("invite-when").textContent).toContain("sent at the next sync");

    fireEvent.click(within(form).getByRole("button", { name: "Invite" }));
    expect(within(form).getByTestId("error-recipient_email").textContent).toBe("An email invitation needs the recipient's email address.");
    expect(document.activeElement).toBe(within(form).getByLabelText("Email address"));
    expect(backend.calls("invite")).toEqual([]);

    // SMS needs the number.
    fireEvent.click(within(form).getByRole("radio", { name: "SMS" }));
    fireEvent.change(within(form).getByLabelText("Email address (optional)"), { target: { value: "cy@acme.example" } });
    fireEvent.click(within(form).getByRole("button", { name: "Invite" }));
    expect(within(form).getByTestId("error-recipient_phone").textContent).toBe("An invitation by SMS needs the recipient's phone number.");
    fireEvent.click(within(form).getByRole("radio", { name: "Email" }));

    // What the form lets through and the backend refuses shows at its field.
    fireEvent.change(within(form).getByLabelText("Email address"), { target: { value: "cy@acme.invalid" } });
    fireEvent.click(within(form).getByRole("button", { name: "Invite" }));
    await waitFor(() =>
      expect(within(form).getByTestId("error-recipient_email").textContent).toBe("must be an email address such as anna@example.com"),
    );

    fireEvent.change(within(form).getByLabelText("Email address"), { target: { value: "cy@acme.example" } });
    fireEvent.change(within(form).getByLabelText("Role on joining"), { target: { value: "admin" } });
    fireEvent.change(within(form).getByLabelText("Personal message (optional)"), { target: { value: "Welcome aboard" } });
    fireEvent.change(within(form).getByLabelText("Open for (hours)"), { target: { value: "72" } });
    fireEvent.click(within(form).getByRole("button", { name: "Invite" }));
    await waitFor(() => expect(backend.calls("invite")).toHaveLength(2));
    expect(backend.calls("invite")[1]).toEqual({
      fields: {
        recipient_email: "cy@acme.example",
        role: "admin",
        channel: "email",
        language: "en",
        personal_message: "Welcome aboard",
        expires_in_hours: 72,
      },
    });
    const pane = screen.getByRole("region", { name: "Invitation" });
    expect((await within(pane).findByRole("heading", { level: 2 })).textContent).toBe("cy@acme.example");
    expect(within(pane).getByTestId("invitation-status").textContent).toBe("Not sent yet");
    expect(within(pane).getByText("72 hours after the server sends it")).toBeTruthy();
    const grid = screen.getByRole("grid", { name: "Invitations" });
    await waitFor(() => expect(within(rowOf(grid, "cy@")).getByTestId("sync-mark").textContent).toBe("Not synced yet"));
    // Not sent yet: nothing to resend, and withdrawing drops it.
    expect(within(pane).getByRole("button", { name: "Resend…" }).hasAttribute("disabled")).toBe(true);
    fireEvent.click(within(pane).getByRole("button", { name: "Withdraw…" }));
    const dialog = screen.getByRole("dialog", { name: "Withdraw the invitation to cy@acme.example?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Withdraw invitation" }));
    await waitFor(() => expect(screen.getByTestId("invitations-count").textContent).toBe("1 invitation"));
    expect(backend.outbox).toEqual([]);
  });

  it("resends and revokes behind a confirmation, each waiting for the next sync", async () => {
    const backend = fakeAdmin({ invitations: [ANA, BEN] });
    renderDirectory(backend.call, "invitations");
    const grid = await screen.findByRole("grid", { name: "Invitations" });
    // Keys: down to the first row (sorted by recipient), Enter opens it.
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "Enter" });
    const pane = screen.getByRole("region", { name: "Invitation" });
    expect(within(pane).getByRole("heading", { level: 2 }).textContent).toBe("ana@acme.example");

    fireEvent.click(within(pane).getByRole("button", { name: "Resend…" }));
    let dialog = screen.getByRole("dialog", { name: "Send the invitation to ana@acme.example again?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(backend.calls("resend_invitation")).toEqual([]);
    fireEvent.click(within(pane).getByRole("button", { name: "Resend…" }));
    dialog = screen.getByRole("dialog", { name: "Send the invitation to ana@acme.example again?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Resend invitation" }));
    await waitFor(() => expect(within(pane).getByTestId("invitation-resend-waiting").textContent).toContain("at the next sync"));
    expect(backend.calls("resend_invitation")).toEqual([{ id: "i-ana" }]);
    expect(within(pane).getByRole("button", { name: "Resend…" }).hasAttribute("disabled")).toBe(true);

    fireEvent.click(within(pane).getByRole("button", { name: "Revoke…" }));
    dialog = screen.getByRole("dialog", { name: "Revoke the invitation to ana@acme.example?" });
    expect(dialog.textContent).toContain("at the next sync");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));
    await waitFor(() => expect(within(pane).getByTestId("invitation-revoking").textContent).toContain("next sync"));
    expect(within(rowOf(grid, "ana@")).getByTestId("invitation-status").textContent).toBe("Revoked here");
    expect(within(rowOf(grid, "ana@")).getByTestId("sync-mark").textContent).toBe("Not synced yet");

    // An accepted invitation cannot be revoked, and says why.
    fireEvent.click(rowOf(grid, "ben@"));
    const revoke = within(pane).getByRole("button", { name: "Revoke…" });
    expect(revoke.hasAttribute("disabled")).toBe(true);
    expect(revoke.getAttribute("title")).toBe("It was accepted already.");
    expect(within(pane).getByRole("button", { name: "Resend…" }).getAttribute("title")).toBe("It was accepted already. It cannot be sent again.");
  });

  it("has a member's controls off with the reason, and says plainly when it is offline", async () => {
    const member = fakeAdmin({ invitations: [ANA], role: "member" });
    const { unmount } = renderDirectory(member.call, "invitations");
    const grid = await screen.findByRole("grid", { name: "Invitations" });
    await waitFor(() =>
      expect(screen.getByTestId("invitations-read-only").textContent).toBe(
        "You are a member in Acme Field Services: only owners and admins can invite people, resend or revoke invitations (ask an administrator).",
      ),
    );
    expect(screen.getByRole("button", { name: "Invite someone" }).hasAttribute("disabled")).toBe(true);
    fireEvent.click(rowOf(grid, "ana@"));
    const pane = screen.getByRole("region", { name: "Invitation" });
    expect(within(pane).getByRole("button", { name: "Resend…" }).hasAttribute("disabled")).toBe(true);
    expect(within(pane).getByRole("button", { name: "Revoke…" }).getAttribute("aria-describedby")).toBe("invitations-read-only-note");
    unmount();

    const offline = fakeAdmin({ invitations: [ANA], offline: true });
    renderDirectory(offline.call, "invitations");
    expect((await screen.findByTestId("invitations-offline")).textContent).toContain("wait for the next sync");
  });
});
