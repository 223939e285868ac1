import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import { fakeCall } from "../testing/fakeCall";
import { groupRecord } from "../testing/fakeGroups";
import { GroupForm } from "./GroupForm";

function renderForm(handlers: Parameters<typeof fakeCall>[0], record?: ReturnType<typeof groupRecord>) {
  const fake = fakeCall(handlers);
  const onSaved = vi.fn();
  render(
    <CallProvider call={fake.call}>
      <GroupForm record={record} onSaved={onSaved} onCancel={() => {}} />
    </CallProvider>,
  );
  return { ...fake, onSaved };
}

const save = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

describe("GroupForm", () => {
  it("asks for a name, and for at most 255 characters, before sending anything", async () => {
    const { calls, onSaved } = renderForm({ create_group: ({ fields }) => groupRecord("g1", fields) });
    const name = screen.getByLabelText("Name");
    expect(document.activeElement).toBe(name);

    fireEvent.change(name, { target: { value: "   " } });
    save("Create group");
    expect(screen.getByTestId("error-name").textContent).toBe("A group needs a name.");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(name.getAttribute("aria-describedby")).toBe("group-name-error");

    // 255 characters as people count them: an accented letter is one.
    fireEvent.change(name, { target: { value: "é".repeat(256) } });
    save("Create group");
    expect(screen.getByTestId("error-name").textContent).toBe("At most 255 characters (this is 256).");
    expect(calls("create_group")).toEqual([]);

    fireEvent.change(name, { target: { value: `  ${"é".repeat(255)}  ` } });
    fireEvent.change(screen.getByLabelText("Permission code to add"), { target: { value: "calendar:write" } });
    save("Create group");
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    // Trimmed, and the code typed but not added yet goes along.
    expect(calls("create_group")).toEqual([{ fields: { name: "é".repeat(255), permissions: ["calendar:write"] } }]);
  });

  it("shows the backend's objection next to the field it names, and other refusals as a whole", async () => {
    let refusal = new CommandError({ code: "invalid", message: "name: already used by another group", details: { field: "name" } });
    const { calls } = renderForm({
      create_group: () => {
        throw refusal;
      },
    });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Dispatch" } });
    save("Create group");
    await waitFor(() => expect(screen.getByTestId("error-name").textContent).toBe("already used by another group"));
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));

    refusal = new CommandError({
      code: "read_only",
      message: "You are a member in Acme: only owners and admins can create groups (ask an administrator)",
      details: null,
    });
    save("Create group");
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "You are a member in Acme: only owners and admins can create groups (ask an administrator)",
      ),
    );
    expect(screen.queryByTestId("error-name")).toBeNull();
    expect(calls("create_group")).toHaveLength(2);
  });

  it("edits in place and sends only what changed", async () => {
    const record = groupRecord("g1", { name: "Dispatch", description: "Routes the jobs", permissions: ["jobs:read"] });
    const { calls, onSaved } = renderForm(
      { update_group: ({ fields }) => ({ ...record, fields: { ...record.fields, ...fields } }) },
      record,
    );
    expect(screen.getByRole("form", { name: "Edit Dispatch" })).toBeTruthy();
    save("Save changes");
    expect(screen.getByRole("status").textContent).toBe("Nothing changed.");
    expect(calls("update_group")).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Remove permission jobs:read" }));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Dispatch desk" } });
    save("Save changes");
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls("update_group")).toEqual([{ id: "g1", fields: { name: "Dispatch desk", permissions: [] } }]);
  });
});
