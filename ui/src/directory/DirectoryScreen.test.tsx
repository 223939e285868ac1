import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { DirectoryItem } from "../generated/bindings";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, status } from "../testing/fakeCall";
import { DirectoryScreen } from "./DirectoryScreen";

const person = (name: string, email: string): DirectoryItem => ({ serverId: email, name, email, status: "active", raw: {} });

describe("DirectoryScreen", () => {
  it("browses each kind, filters as you type, and says why a kind is empty", async () => {
    const { call, calls } = fakeCall({
      sync_status: () => status(),
      list_directory: ({ kind }) =>
        kind === "users" ? [person("Dana Admin", "admin@outpost.example"), person("Field Tech", "field.tech@outpost.example")] : [],
    });
    render(
      <CallProvider call={call}>
        <SyncProvider>
          <DirectoryScreen />
        </SyncProvider>
      </CallProvider>,
    );
    const table = await screen.findByRole("table", { name: "Users" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.getByTestId("directory-count").textContent).toBe("2 users");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search users" }), { target: { value: "tech" } });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByTestId("directory-count").textContent).toBe("1 of 2 users");

    const resources = screen.getByRole("tab", { name: "Resources" });
    fireEvent.click(resources);
    expect(resources.getAttribute("aria-selected")).toBe("true");
    expect((await screen.findByTestId("directory-empty")).textContent).toContain("fills when a sync fetches it");
    expect(calls("list_directory")).toEqual([{ kind: "users" }, { kind: "resources" }]);
    // Arrow keys move along the tabs.
    fireEvent.keyDown(resources, { key: "ArrowRight" });
    expect(screen.getByRole("tab", { name: "Users" }).getAttribute("aria-selected")).toBe("true");
  });
});
