import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import type { Calendar } from "../generated/bindings";
import { fakeCall } from "../testing/fakeCall";
import { CalendarEditor } from "./CalendarEditor";
import { CalendarList } from "./CalendarList";
import { assignColors, type CalendarInfo } from "./useCalendars";

const calendars: CalendarInfo[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "Europe/Berlin", hasPendingOps: false, visibility: "public_within_tenant", description: "" },
  { localId: "c2", serverId: null, name: "Service van", kind: "resource_linked", timezone: "UTC", hasPendingOps: true, visibility: "shared", description: "The blue one" },
];

describe("CalendarList", () => {
  it("lists name, kind, visibility and zone, with a checkbox to show each, Only, Edit and Delete", () => {
    const onShow = vi.fn();
    const onShowOnly = vi.fn();
    const onEdit = vi.fn();
    const onDelete = vi.fn();
    render(<CalendarList calendars={calendars} shown={new Set(["c1"])} colorOf={() => "#000"} onShow={onShow} onShowOnly={onShowOnly} onEdit={onEdit} onDelete={onDelete} />);
    const items = within(screen.getByRole("list", { name: "Calendars" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByTestId("calendar-meta").textContent).toBe(
      "Shared by the tenant · Everyone in the tenant · Europe/Berlin",
    );
    expect(within(items[1] as HTMLElement).getByTestId("calendar-meta").textContent).toBe("A resource's · Shared · UTC");
    expect(within(items[1] as HTMLElement).getByText("Not synced yet")).toBeTruthy();
    expect(within(items[0] as HTMLElement).queryByText("Not synced yet")).toBeNull();

    const team = screen.getByRole("checkbox", { name: "Show Team calendar" }) as HTMLInputElement;
    const van = screen.getByRole("checkbox", { name: "Show Service van" }) as HTMLInputElement;
    expect(team.checked).toBe(true);
    expect(van.checked).toBe(false);
    fireEvent.click(van);
    expect(onShow).toHaveBeenCalledWith("c2", true);
    fireEvent.click(team);
    expect(onShow).toHaveBeenCalledWith("c1", false);
    fireEvent.click(screen.getByRole("button", { name: "Show only Service van" }));
    expect(onShowOnly).toHaveBeenCalledWith("c2");
    fireEvent.click(screen.getByRole("button", { name: "Edit Service van" }));
    expect(onEdit).toHaveBeenCalledWith(calendars[1]);
    fireEvent.click(screen.getByRole("button", { name: "Delete Team calendar…" }));
    expect(onDelete).toHaveBeenCalledWith(calendars[0]);
  });
});

describe("assignColors", () => {
  it("gives calendars distinct colours that a newer calendar does not change", () => {
    const ids = ["01a-1", "01a-2", "01a-3", "01a-4"];
    const before = assignColors(ids);
    expect(new Set(before.values()).size).toBe(4);
    const after = assignColors([...ids, "01b-9"]);
    for (const id of ids) expect(after.get(id)).toBe(before.get(id));
    expect(new Set(after.values()).size).toBe(5);
  });
});

/** A calendar's fields as the backend keeps them; an update answers them with the change applied. */
const van: Calendar = { kind: "resource_linked", name: "Van", timezone: "UTC" };

describe("CalendarEditor", () => {
  it("creates a calendar with its kind, visibility and zone", async () => {
    const { call, calls } = fakeCall({
      list_directory: () => [],
      create_calendar: ({ fields }) => ({ entity: "calendar", localId: "new", serverId: null, fields, baseUpdatedAt: null, hasPendingOps: true }),
    });
    const onSaved = vi.fn();
    render(
      <CallProvider call={call}>
        <CalendarEditor onSaved={onSaved} onClose={vi.fn()} />
      </CallProvider>,
    );
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: " Field team " } });
    fireEvent.change(screen.getByLabelText("Visibility"), { target: { value: "private" } });
    fireEvent.change(screen.getByLabelText("Time zone"), { target: { value: "Europe/Lisbon" } });
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "user_linked" } });
    // A person's calendar names the person; the directory is empty until a sync, and says so.
    expect(await screen.findByText("No people here yet: the directory fills with a sync")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "tenant_shared" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create calendar" })));
    expect(calls("create_calendar")).toEqual([
      { fields: { name: "Field team", kind: "tenant_shared", visibility: "private", timezone: "Europe/Lisbon" } },
    ]);
    expect(onSaved).toHaveBeenCalledWith("new");
  });

  it("sends only what changed, and shows the backend's objection at its field", async () => {
    const { call, calls } = fakeCall({
      update_calendar: ({ fields }) => {
        if (fields.name === "") throw new CommandError({ code: "invalid", message: "name: must not be empty", details: { field: "name" } });
        return { entity: "calendar", localId: "c2", serverId: null, fields: { ...van, ...fields }, baseUpdatedAt: null, hasPendingOps: true };
      },
    });
    const onSaved = vi.fn();
    render(
      <CallProvider call={call}>
        <CalendarEditor calendar={calendars[1]} onSaved={onSaved} onClose={vi.fn()} />
      </CallProvider>,
    );
    expect((screen.getByLabelText("Kind") as HTMLSelectElement).disabled).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save calendar" })));
    expect(screen.getByRole("status").textContent).toBe("Nothing changed yet.");
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save calendar" })));
    expect(screen.getByTestId("error-name").textContent).toBe("must not be empty");
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Van 2" } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save calendar" })));
    expect(calls("update_calendar")[1]).toEqual({ id: "c2", fields: { name: "Van 2", description: "" } });
    expect(onSaved).toHaveBeenCalledWith("c2");
  });

  it("leaves an unset description unset when only the name changes", async () => {
    const { call, calls } = fakeCall({
      update_calendar: ({ fields }) => ({ entity: "calendar", localId: "c3", serverId: "s3", fields: { ...van, ...fields }, baseUpdatedAt: null, hasPendingOps: true }),
    });
    const unset: CalendarInfo = { ...(calendars[0] as CalendarInfo), localId: "c3", description: null, visibility: null };
    render(
      <CallProvider call={call}>
        <CalendarEditor calendar={unset} onSaved={vi.fn()} onClose={vi.fn()} />
      </CallProvider>,
    );
    expect((screen.getByLabelText("Description") as HTMLTextAreaElement).value).toBe("");
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Team" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save calendar" })));
    expect(calls("update_calendar")).toEqual([{ id: "c3", fields: { name: "Team" } }]);
  });
});
