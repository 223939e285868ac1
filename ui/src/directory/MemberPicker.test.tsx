import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { USERS } from "../testing/fakeGroups";
import { MemberPicker } from "./MemberPicker";

const names = () =>
  within(screen.getByRole("listbox", { name: "Users to add" }))
    .getAllByRole("option")
    .map((o) => o.querySelector(".truncate")?.textContent);

describe("MemberPicker", () => {
  it("offers the users not in the group, narrowed as you type, accents aside", () => {
    render(<MemberPicker users={USERS} memberIds={new Set(["u-ben"])} onPick={() => {}} />);
    // Closed until the search has the focus.
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.focus(screen.getByRole("combobox", { name: "Add member" }));
    expect(names()).toEqual(["Ana Lima", "Chloé Dubois", "Dev Patel"]);
    const search = screen.getByRole("combobox", { name: "Add member" });
    fireEvent.change(search, { target: { value: "chloe" } });
    expect(names()).toEqual(["Chloé Dubois"]);
    fireEvent.change(search, { target: { value: "ben" } });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("No user matches “ben”.");
  });

  it("picks with the arrow keys and Enter, or a click, and clears the search for the next one", () => {
    const onPick = vi.fn();
    render(<MemberPicker users={USERS} memberIds={new Set()} onPick={onPick} />);
    const search = screen.getByRole("combobox", { name: "Add member" });
    fireEvent.change(search, { target: { value: "acme" } });
    fireEvent.keyDown(search, { key: "ArrowDown" });
    fireEvent.keyDown(search, { key: "ArrowDown" });
    const active = search.getAttribute("aria-activedescendant");
    expect(active && document.getElementById(active)?.textContent).toContain("Chloé Dubois");
    fireEvent.keyDown(search, { key: "Enter" });
    expect(onPick).toHaveBeenLastCalledWith(USERS[2]);
    expect((search as HTMLInputElement).value).toBe("");
    fireEvent.click(screen.getByText("Dev Patel"));
    expect(onPick).toHaveBeenLastCalledWith(USERS[3]);
    expect(onPick).toHaveBeenCalledTimes(2);
  });

  it("says why there is no one to add", () => {
    const { rerender } = render(<MemberPicker users={[]} memberIds={new Set()} onPick={() => {}} />);
    expect(screen.getByRole("status").textContent).toBe("No users here yet: the directory's users come with a sync.");
    rerender(<MemberPicker users={USERS} memberIds={new Set(USERS.map((u) => u.serverId))} onPick={() => {}} />);
    expect(screen.getByRole("status").textContent).toBe("Every user of this tenant is in this group.");
  });
});
