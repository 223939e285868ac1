import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CommandError } from "../api/transport";
import { giveElementsASize, status } from "../testing/fakeCall";
import { fakeGroups, groupRecord } from "../testing/fakeGroups";
import { renderGroups } from "../testing/renderGroups";

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize(600);
});
afterEach(() => restore());

const groups = () => [
  groupRecord("dispatch", { name: "Dispatch", permissions: ["jobs:read", "jobs:write"] }),
  groupRecord("crew", { name: "Field crew" }),
];

async function openGroup(name: string) {
  const list = await screen.findByRole("listbox", { name: "Groups" });
  fireEvent.click(within(list).getByText(name));
  const pane = screen.getByRole("region", { name: "Group" });
  await within(pane).findByRole("heading", { name });
  return pane;
}

describe("the groups of a member or guest", () => {
  it("has every edit control off up front, with the reason the backend would give", async () => {
    const fake = fakeGroups({ role: "member", groups: groups(), members: { dispatch: ["u-ana"] } });
    renderGroups(fake.call);
    const reason =
      "You are a member in Acme Field Services: only owners and admins can change groups and their members (ask an administrator).";
    expect((await screen.findByTestId("groups-read-only")).textContent).toBe(reason);
    const create = screen.getByRole("button", { name: "New group" });
    expect((create as HTMLButtonElement).disabled).toBe(true);
    expect(create.getAttribute("aria-describedby")).toBe("groups-read-only-note");

    const pane = await openGroup("Dispatch");
    expect(within(pane).getAllByRole("listitem").map((li) => li.textContent)).toEqual(
      expect.arrayContaining(["jobs:read", "jobs:write"]),
    );
    await within(pane).findByText("Ana Lima");
    for (const name of ["Edit", "Delete…", "Remove Ana Lima from Dispatch"]) {
      expect((within(pane).getByRole("button", { name }) as HTMLButtonElement).disabled).toBe(true);
    }
    expect((within(pane).getByRole("combobox", { name: "Add member" }) as HTMLInputElement).disabled).toBe(true);
    expect(within(pane).queryByRole("listbox", { name: "Users to add" })).toBeNull();

    // n does not open a form nobody could save.
    await act(async () => fireEvent.keyDown(document.body, { key: "n" }));
    expect(within(pane).queryByRole("heading", { name: "New group" })).toBeNull();
    expect(fake.calls("create_group")).toEqual([]);
  });

  it("still shows the backend's words when it refuses what the session allowed", async () => {
    const fake = fakeGroups({
      groups: groups(),
      extra: {
        add_group_member: () => {
          throw new CommandError({
            code: "read_only",
            message: "You are a guest in Acme Field Services: only owners and admins can add group members (ask an administrator)",
            details: null,
          });
        },
      },
    });
    renderGroups(fake.call);
    const pane = await openGroup("Field crew");
    fireEvent.change(within(pane).getByRole("combobox", { name: "Add member" }), { target: { value: "ana" } });
    fireEvent.click(await within(pane).findByText("Ana Lima"));
    await waitFor(() =>
      expect(within(pane).getByRole("alert").textContent).toBe(
        "You are a guest in Acme Field Services: only owners and admins can add group members (ask an administrator)",
      ),
    );
  });
});

describe("a group's detail, for an owner", () => {
  it("adds members that wait for the sync, removes one with undo, and deletes behind a dialog", async () => {
    const fake = fakeGroups({ groups: groups(), members: { dispatch: ["u-ana"] } });
    renderGroups(fake.call);
    const pane = await openGroup("Dispatch");
    expect(within(pane).getByText("On the server")).toBeTruthy();
    await within(pane).findByText("Ana Lima");
    // Ana is in already: not offered.
    fireEvent.focus(within(pane).getByRole("combobox", { name: "Add member" }));
    const offered = within(pane).getByRole("listbox", { name: "Users to add" });
    expect(within(offered).queryByText("Ana Lima")).toBeNull();

    fireEvent.click(within(offered).getByText("Ben Okafor"));
    const members = await within(pane).findByRole("list", { name: "Members of Dispatch" });
    await waitFor(() => expect(within(members).getByText("Ben Okafor")).toBeTruthy());
    const ben = within(members).getByText("Ben Okafor").closest("li") as HTMLElement;
    await waitFor(() => expect(within(ben).getByTestId("sync-mark").textContent).toBe("Not synced yet"));
    expect(fake.calls("add_group_member")).toEqual([{ groupId: "dispatch", userId: "u-ben" }]);
    const row = within(screen.getByRole("listbox", { name: "Groups" })).getByText("Dispatch").closest('[role="option"]') as HTMLElement;
    await waitFor(() => expect(within(row).getByTestId("group-member-count").textContent).toBe("2 members"));

    fireEvent.click(within(pane).getByRole("button", { name: "Remove Ana Lima from Dispatch" }));
    expect((await within(pane).findByText(/^Removed Ana Lima from Dispatch\./)).getAttribute("role")).toBe("status");
    await waitFor(() => expect(within(members).queryByText("Ana Lima")).toBeNull());
    fireEvent.click(within(pane).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(within(members).getByText("Ana Lima")).toBeTruthy());
    expect(fake.calls("remove_group_member")).toEqual([{ groupId: "dispatch", userId: "u-ana" }]);

    fireEvent.click(within(pane).getByRole("button", { name: "Delete…" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the group Dispatch?" });
    expect(dialog.textContent).toContain("Its 2 members lose their membership");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete group" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.calls("delete_group")).toEqual([{ id: "dispatch" }]);
    await waitFor(() =>
      expect(within(screen.getByRole("listbox", { name: "Groups" })).queryByText("Dispatch")).toBeNull(),
    );
    expect(document.activeElement).toBe(screen.getByRole("listbox", { name: "Groups" }));
  });

  it("says plainly, offline, that changes wait for the next sync", async () => {
    const fake = fakeGroups({ groups: groups(), extra: { sync_status: () => status({ state: "offline", online: false }) } });
    renderGroups(fake.call);
    expect((await screen.findByTestId("groups-offline")).textContent).toContain(
      "kept on this computer and wait for the next sync",
    );
    fireEvent.click(screen.getByRole("button", { name: "New group" }));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Night shift" } });
    fireEvent.click(screen.getByRole("button", { name: "Create group" }));
    const pane = screen.getByRole("region", { name: "Group" });
    const heading = await within(pane).findByRole("heading", { name: "Night shift" });
    // The form's buttons are gone: the focus carries on from the new group's heading.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await waitFor(() => expect(within(pane).getAllByTestId("sync-mark")[0]?.textContent).toBe("Not synced yet"));
  });
});
