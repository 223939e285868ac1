import { fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { DirectoryItem } from "../generated/bindings";
import { SessionProvider } from "../session/SessionContext";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, giveElementsASize, status } from "../testing/fakeCall";
import { sessionAs } from "../testing/fakeGroups";
import { DirectoryScreen } from "./DirectoryScreen";

const person = (name: string, email: string, state = "active"): DirectoryItem => ({ serverId: email, name, email, status: state, raw: {} });

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize();
  window.history.replaceState(null, "", "/#directory");
});
afterEach(() => restore());

function names(grid: HTMLElement): string[] {
  return within(grid)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[0]?.textContent ?? "");
}

describe("DirectoryScreen", () => {
  it("browses each section, sorts by a column, filters as you type, and says why a kind is empty", async () => {
    const { call, calls } = fakeCall({
      sync_status: () => status(),
      list_directory: ({ kind }) =>
        kind === "users"
          ? [person("Field Tech", "field.tech@outpost.example"), person("Dana Admin", "admin@outpost.example", "suspended")]
          : [],
      list_approvals: () => [],
      list_outbox: () => [],
    });
    render(
      <CallProvider call={call}>
        <SyncProvider>
          <DirectoryScreen />
        </SyncProvider>
      </CallProvider>,
    );
    const grid = await screen.findByRole("grid", { name: "Users" });
    expect(names(grid)).toEqual(["Dana Admin", "Field Tech"]);
    expect(screen.getByTestId("directory-count").textContent).toBe("2 users");

    // A column's header sorts by it; again turns it around.
    const byStatus = within(grid).getByRole("button", { name: /Status/ });
    fireEvent.click(byStatus);
    expect(names(grid)).toEqual(["Field Tech", "Dana Admin"]);
    expect(byStatus.closest('[role="columnheader"]')?.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(byStatus);
    expect(names(grid)).toEqual(["Dana Admin", "Field Tech"]);
    expect(byStatus.closest('[role="columnheader"]')?.getAttribute("aria-sort")).toBe("descending");

    fireEvent.change(screen.getByRole("searchbox", { name: "Search users" }), { target: { value: "tech" } });
    expect(names(grid)).toEqual(["Field Tech"]);
    expect(screen.getByTestId("directory-count").textContent).toBe("1 of 2 users");

    // Keys move the highlighted row; Enter opens it.
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(grid.getAttribute("aria-activedescendant")).toBe("users-table-row-0");
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(within(grid).getAllByRole("row")[1]?.getAttribute("aria-selected")).toBe("true");
    // The detail pane says what the server sent of that user.
    const pane = screen.getByRole("region", { name: "User" });
    expect(within(pane).getByRole("heading", { level: 2 }).textContent).toBe("Field Tech");
    expect(within(pane).getByText("field.tech@outpost.example")).toBeTruthy();

    const resources = screen.getByRole("tab", { name: "Resources" });
    fireEvent.click(resources);
    expect(resources.getAttribute("aria-selected")).toBe("true");
    expect(window.location.hash).toBe("#directory?section=resources");
    expect((await screen.findByTestId("directory-empty")).textContent).toContain("fills when a sync fetches it");
    expect(calls("list_directory")).toEqual([{ kind: "users" }, { kind: "resources" }]);
    // Arrow keys move along the side list, round at the ends.
    fireEvent.keyDown(resources, { key: "ArrowDown" });
    expect(screen.getByRole("tab", { name: "Users" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(screen.getByRole("tab", { name: "Users" }), { key: "End" });
    expect(screen.getByRole("tab", { name: "Resources" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(screen.getByRole("tab", { name: "Resources" }), { key: "ArrowUp" });
    expect(screen.getByRole("tab", { name: "Spaces" }).getAttribute("aria-selected")).toBe("true");
  });

  it("opens the section the address names, and counts the requests waiting beside Approvals", async () => {
    window.history.replaceState(null, "", "/#directory?section=invitations");
    const { call } = fakeCall({
      session_state: () => sessionAs("admin"),
      sync_status: () => status(),
      list_invitations: () => [],
      list_approvals: () => [
        { entity: "approval", localId: "a1", serverId: "s1", fields: { entity_name: "Drone", status: "pending" }, baseUpdatedAt: null, hasPendingOps: false },
        { entity: "approval", localId: "a2", serverId: "s2", fields: { entity_name: "Van", status: "approved" }, baseUpdatedAt: null, hasPendingOps: false },
      ],
      list_outbox: () => [],
      list_conflicts: () => [],
    });
    render(
      <CallProvider call={call}>
        <SessionProvider>
          <SyncProvider>
            <DirectoryScreen />
          </SyncProvider>
        </SessionProvider>
      </CallProvider>,
    );
    expect(screen.getByRole("tab", { name: /Invitations/ }).getAttribute("aria-selected")).toBe("true");
    expect((await screen.findByTestId("approvals-waiting-badge")).textContent).toBe("1");
    expect(screen.getByRole("tab", { name: /Approvals/ }).textContent).toContain("1");
  });
});
