import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conflict, OutboxOp } from "../generated/bindings";
import { giveElementsASize } from "../testing/fakeCall";
import { fakeGroups, groupRecord } from "../testing/fakeGroups";
import { renderGroups } from "../testing/renderGroups";

const refused: OutboxOp = {
  seq: 1,
  opId: "op-refused",
  localId: "dispatch",
  serverId: "s-dispatch",
  label: "Dispatch",
  base: { name: "Dispatch" },
  baseUpdatedAt: "2026-12-01T00:00:00Z",
  state: "failed",
  source: "user",
  attempts: 1,
  lastError: "Group name already exists.",
  nextAttemptAt: null,
  createdAt: "2026-12-07T10:00:00Z",
  updatedAt: "2026-12-07T10:00:00Z",
  entity: "group",
  kind: "update",
  action: null,
  payload: { name: "Field crew" },
};

const memberWaiting: OutboxOp = {
  ...refused,
  opId: "op-member",
  localId: "m-zurich-u-dev",
  serverId: null,
  label: "Zürich office ← u-dev",
  base: null,
  state: "pending",
  lastError: null,
  entity: "group_member",
  kind: "create",
  payload: { groupId: "s-zurich", userId: "u-dev" },
};

const conflict: Conflict = {
  entity: "group",
  conflictId: "c1",
  localId: "admins",
  opId: "op-c",
  kind: "edit_edit",
  base: { name: "Admins" },
  local: { name: "Admins", description: "mine" },
  remote: { name: "Admins", description: "theirs" },
  remoteUpdatedAt: "2026-12-07T11:00:00Z",
  fields: ["description"],
  createdAt: "2026-12-07T11:00:00Z",
};

function backend() {
  return fakeGroups({
    groups: [
      groupRecord("dispatch", { name: "Dispatch", description: "Routes the jobs" }, { hasPendingOps: true }),
      groupRecord("admins", { name: "Admins", permissions: ["users:write"] }, { hasPendingOps: true }),
      groupRecord("crew", { name: "Field crew" }),
      groupRecord("zurich", { name: "Zürich office" }),
    ],
    members: { dispatch: ["u-ana", "u-ben"], admins: ["u-ana"], crew: [], zurich: ["u-dev"] },
    outbox: [refused, memberWaiting],
    conflicts: [conflict],
  });
}

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize(600);
});
afterEach(() => restore());

const rowNames = (list: HTMLElement) =>
  within(list)
    .getAllByRole("option")
    .map((o) => o.querySelector(".truncate")?.textContent);

describe("the groups list", () => {
  it("lists the groups by name with their member counts and where each stands with the server", async () => {
    const fake = backend();
    renderGroups(fake.call);
    const list = await screen.findByRole("listbox", { name: "Groups" });
    expect(rowNames(list)).toEqual(["Admins", "Dispatch", "Field crew", "Zürich office"]);
    expect(screen.getByTestId("groups-count").textContent).toBe("4 groups");

    const row = (name: string) => within(list).getByText(name).closest('[role="option"]') as HTMLElement;
    await waitFor(() => expect(within(row("Dispatch")).getByTestId("group-member-count").textContent).toBe("2 members"));
    expect(within(row("Admins")).getByTestId("group-member-count").textContent).toBe("1 member");
    expect(within(row("Field crew")).getByTestId("group-member-count").textContent).toBe("0 members");
    // Refused by the server, with its words; in conflict; nothing waiting.
    await waitFor(() => expect(within(row("Dispatch")).getByTestId("sync-mark").textContent).toBe("Refused by the server"));
    expect(within(row("Dispatch")).getByTestId("sync-mark").getAttribute("title")).toContain("Group name already exists");
    expect(within(row("Admins")).getByTestId("sync-mark").textContent).toBe("In conflict");
    expect(within(row("Field crew")).queryByTestId("sync-mark")).toBeNull();
    // A membership waiting makes its group's row say so.
    expect(within(row("Zürich office")).getByTestId("sync-mark").textContent).toBe("Not synced yet");

    fireEvent.change(screen.getByRole("combobox", { name: "Sort by name" }), { target: { value: "desc" } });
    expect(rowNames(list)).toEqual(["Zürich office", "Field crew", "Dispatch", "Admins"]);
  });

  it("filters as you type, accents aside, and says when nothing matches", async () => {
    renderGroups(backend().call);
    await screen.findByRole("listbox", { name: "Groups" });
    const filter = screen.getByRole("searchbox", { name: "Filter groups" });
    fireEvent.change(filter, { target: { value: "zur" } });
    expect(rowNames(screen.getByRole("listbox", { name: "Matching groups" }))).toEqual(["Zürich office"]);
    expect(screen.getByTestId("groups-count").textContent).toBe("1 of 4 groups");
    fireEvent.change(filter, { target: { value: "routes" } });
    expect(rowNames(screen.getByRole("listbox", { name: "Matching groups" }))).toEqual(["Dispatch"]);
    fireEvent.change(filter, { target: { value: "nothing like it" } });
    expect(screen.getByText("No group matches “nothing like it”.")).toBeTruthy();
    fireEvent.keyDown(filter, { key: "Escape" });
    expect(rowNames(screen.getByRole("listbox", { name: "Groups" }))).toHaveLength(4);
  });

  it("moves with the arrow keys, opens with Enter, and starts a new group with n", async () => {
    renderGroups(backend().call);
    const list = await screen.findByRole("listbox", { name: "Groups" });
    list.focus();
    fireEvent.keyDown(list, { key: "ArrowDown" });
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(list.getAttribute("aria-activedescendant")).toBe("group-row-1");
    // Moving does not open: the pane still invites a choice.
    const pane = screen.getByRole("region", { name: "Group" });
    expect(within(pane).getByText(/Choose a group/)).toBeTruthy();
    fireEvent.keyDown(list, { key: "Enter" });
    expect(await within(pane).findByRole("heading", { name: "Dispatch" })).toBeTruthy();
    expect(within(list).getByRole("option", { selected: true }).textContent).toContain("Dispatch");
    expect(await within(pane).findByText("Ana Lima")).toBeTruthy();
    // Refused by the server: its words, and where to act on them.
    expect(pane.querySelector(".sync-badge-reason")?.textContent).toBe(
      "Group name already exists. Open the sync center to retry or discard it.",
    );
    expect(within(pane).getByRole("link", { name: "Open the sync center" }).getAttribute("href")).toBe("#sync");
    expect(within(pane).getByText("ben@acme.example")).toBeTruthy();

    // n, outside a text field, opens the form for a new group with the focus in its name.
    await act(async () => fireEvent.keyDown(document.body, { key: "n" }));
    expect(within(pane).getByRole("heading", { name: "New group" })).toBeTruthy();
    expect(document.activeElement).toBe(within(pane).getByLabelText("Name"));
  });
});
