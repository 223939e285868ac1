import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminOp, approvalRecord, fakeAdmin } from "../../testing/fakeAdmin";
import { giveElementsASize } from "../../testing/fakeCall";
import { renderDirectory } from "../../testing/renderDirectory";

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize();
});
afterEach(() => restore());

const DRONE = approvalRecord("a-drone", {
  entity_type: "resource",
  entity_name: "Survey drone",
  status: "pending",
  reason: "Roof inspections",
  expires_at: "2027-02-01T00:00:00Z",
});
const HALL = approvalRecord("a-hall", { entity_type: "space", entity_name: "Hall B", status: "pending", expires_at: "2027-01-01T00:00:00Z" });
const VAN = approvalRecord("a-van", {
  entity_type: "resource",
  entity_name: "Service van",
  status: "rejected",
  rejection_reason: "Over budget",
  decision_at: "2026-12-02T10:00:00Z",
  decision_by: "u-ana",
});

function names(grid: HTMLElement): string[] {
  return within(grid)
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.querySelector(".cell-name")?.textContent ?? "");
}

describe("Approvals", () => {
  it("shows the waiting requests first, soonest to expire first, and the decided ones on request", async () => {
    const backend = fakeAdmin({ approvals: [DRONE, HALL, VAN] });
    renderDirectory(backend.call, "approvals");
    const grid = await screen.findByRole("grid", { name: "Approval requests" });
    expect(names(grid)).toEqual(["Hall B", "Survey drone"]);
    expect(screen.getByTestId("approvals-count").textContent).toBe("2 waiting of 3 requests");
    fireEvent.click(within(grid).getByRole("button", { name: /Request/ }));
    expect(names(grid)).toEqual(["Hall B", "Survey drone"]);
    fireEvent.click(within(grid).getByRole("button", { name: /Request/ }));
    expect(names(grid)).toEqual(["Survey drone", "Hall B"]);

    fireEvent.change(screen.getByRole("combobox", { name: "Show requests with status" }), { target: { value: "rejected" } });
    const decided = screen.getByRole("grid", { name: "Approval requests" });
    expect(names(decided)).toEqual(["Service van"]);
    fireEvent.click(within(decided).getAllByRole("row")[1] as HTMLElement);
    const pane = screen.getByRole("region", { name: "Approval request" });
    expect(within(pane).getByText("Over budget")).toBeTruthy();
    // Who decided, named from the directory's users.
    await waitFor(() => expect(within(pane).getByText(/by Ana Lima/)).toBeTruthy());
    expect(within(pane).getByRole("button", { name: "Approve…" }).getAttribute("title")).toBe("It is rejected already.");
  });

  it("approves with a comment and rejects only with a reason, each waiting for the next sync", async () => {
    const backend = fakeAdmin({ approvals: [DRONE, HALL] });
    renderDirectory(backend.call, "approvals");
    const grid = await screen.findByRole("grid", { name: "Approval requests" });
    fireEvent.click(within(grid).getAllByRole("row")[2] as HTMLElement);
    const pane = screen.getByRole("region", { name: "Approval request" });
    expect(within(pane).getByRole("heading", { level: 2 }).textContent).toBe("Survey drone");

    fireEvent.click(within(pane).getByRole("button", { name: "Approve…" }));
    let dialog = screen.getByRole("dialog", { name: "Approve Survey drone?" });
    expect(dialog.textContent).toContain("at the next sync");
    fireEvent.change(within(dialog).getByLabelText("Comment (optional)"), { target: { value: "Go ahead" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(within(pane).getByTestId("approval-waiting").textContent).toContain("Approved on this computer"));
    expect(backend.calls("approve_request")).toEqual([{ id: "a-drone", comment: "Go ahead" }]);
    expect(within(pane).getByTestId("approval-decision").textContent).toBe("approved here");
    // Both buttons are off now: the focus is on the request's heading, not lost.
    await waitFor(() => expect(document.activeElement).toBe(within(pane).getByRole("heading", { level: 2 })));
    expect(within(pane).getByRole("button", { name: "Reject…" }).getAttribute("title")).toBe("Your approval waits for the next sync.");
    await waitFor(() => expect(within(grid).getAllByTestId("sync-mark").map((m) => m.textContent)).toEqual(["Not synced yet"]));
    // No longer waiting for a decision here: the side list's count goes.
    await waitFor(() => expect(screen.getByTestId("approvals-waiting-badge").textContent).toBe("1"));

    fireEvent.click(within(grid).getAllByRole("row")[1] as HTMLElement);
    expect(within(pane).getByRole("heading", { level: 2 }).textContent).toBe("Hall B");
    fireEvent.click(within(pane).getByRole("button", { name: "Reject…" }));
    dialog = screen.getByRole("dialog", { name: "Reject Hall B?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(within(dialog).getByTestId("error-rejection_reason").textContent).toBe("Reason is required.");
    expect(backend.calls("reject_request")).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: "Booked for the fair" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(backend.calls("reject_request")).toEqual([{ id: "a-hall", rejectionReason: "Booked for the fair" }]));
    await waitFor(() => expect(within(pane).getByTestId("approval-waiting").textContent).toContain("Booked for the fair"));
    await waitFor(() => expect(screen.queryByTestId("approvals-waiting-badge")).toBeNull());
  });

  it("links a decision the server refused to the sync center, and keeps a member's controls off", async () => {
    const refused = adminOp(
      1,
      "a-drone",
      { entity: "approval", kind: "action", action: "approve", payload: {} },
      "Survey drone",
      "The request is rejected; only a pending one can change",
    );
    const backend = fakeAdmin({ approvals: [DRONE], outbox: [refused] });
    const { unmount } = renderDirectory(backend.call, "approvals");
    const grid = await screen.findByRole("grid", { name: "Approval requests" });
    await waitFor(() => expect(within(grid).getByTestId("sync-mark").textContent).toBe("Refused by the server"));
    fireEvent.click(within(grid).getAllByRole("row")[1] as HTMLElement);
    const pane = screen.getByRole("region", { name: "Approval request" });
    expect(within(pane).getByRole("link", { name: "Open the sync center" }).getAttribute("href")).toBe("#sync");
    expect(within(pane).getByTestId("approval-waiting").textContent).toContain("The server refused it");
    expect(within(pane).getByRole("button", { name: "Approve…" }).getAttribute("title")).toContain("sync center");
    unmount();

    const member = fakeAdmin({ approvals: [DRONE], role: "guest" });
    renderDirectory(member.call, "approvals");
    const list = await screen.findByRole("grid", { name: "Approval requests" });
    await waitFor(() =>
      expect(screen.getByTestId("approvals-read-only").textContent).toBe(
        "You are a guest in Acme Field Services: only owners and admins can approve or reject requests (ask an administrator).",
      ),
    );
    fireEvent.click(within(list).getAllByRole("row")[1] as HTMLElement);
    const memberPane = screen.getByRole("region", { name: "Approval request" });
    expect(within(memberPane).getByRole("button", { name: "Approve…" }).hasAttribute("disabled")).toBe(true);
    expect(within(memberPane).getByRole("button", { name: "Reject…" }).hasAttribute("disabled")).toBe(true);
  });
});
