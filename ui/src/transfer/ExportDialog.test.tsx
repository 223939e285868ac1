import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import type { CalendarSummary, ExportArgs } from "../generated/bindings";
import { fakeCall, type Handlers } from "../testing/fakeCall";
import { exportFileName } from "./files";
import { ExportDialog } from "./ExportDialog";

const info = () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false });

const calendars: CalendarSummary[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
  { localId: "c2", serverId: "s2", name: "Service van", kind: "resource_linked", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
];

function renderDialog(handlers: Handlers, what: "contacts" | "calendars" = "contacts") {
  const fake = fakeCall({ app_info: info, ...handlers });
  const onClose = vi.fn();
  render(
    <CallProvider call={fake.call}>
      <ExportDialog what={what} calendars={calendars} onClose={onClose} />
    </CallProvider>,
  );
  return { ...fake, onClose };
}

const pathField = () => screen.getByLabelText("Write to") as HTMLInputElement;

afterEach(() => window.localStorage.clear());

describe("ExportDialog", () => {
  it("suggests a dated file at home, follows the format, writes and says how many", async () => {
    const { calls, onClose } = renderDialog({
      export: (a: ExportArgs) => ({ path: a.path, format: a.format ?? "vcf", written: 41, calendars: 0, skipped: [] }),
    });
    await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
    fireEvent.click(screen.getByLabelText(/CSV/));
    expect(pathField().value).toBe(`/home/ana/${exportFileName("contacts", "csv")}`);
    fireEvent.change(pathField(), { target: { value: "~/Documents/all.csv" } });
    fireEvent.click(screen.getByLabelText(/vCard/));
    expect(pathField().value).toBe("~/Documents/all.vcf");
    await act(async () => fireEvent.keyDown(pathField(), { key: "Enter" }));
    expect(calls("export")).toEqual([{ what: "contacts", format: "vcf", path: "/home/ana/Documents/all.vcf", calendarIds: [] }]);
    expect(screen.getByTestId("export-result").textContent).toBe("Wrote 41 contacts to /home/ana/Documents/all.vcf.");
    expect(window.localStorage.getItem("outpost.files.folder")).toBe("/home/ana/Documents");
    const close = screen.getByRole("button", { name: "Close" });
    expect(document.activeElement).toBe(close);
    fireEvent.click(close);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("exports the chosen calendars and lists what was left out", async () => {
    const { calls } = renderDialog(
      {
        export: (a: ExportArgs) => ({ path: a.path, format: "ics", written: 12, calendars: a.calendarIds.length, skipped: ["e9@outpost: the series has no start"] }),
      },
      "calendars",
    );
    await screen.findByDisplayValue(`/home/ana/${exportFileName("calendars", "ics")}`);
    fireEvent.click(screen.getByLabelText("Team calendar"));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
    expect(calls("export")).toEqual([{ what: "calendars", format: "ics", path: `/home/ana/${exportFileName("calendars", "ics")}`, calendarIds: ["c2"] }]);
    expect(screen.getByRole("status").textContent).toBe(`Wrote 12 entries from 1 calendar to /home/ana/${exportFileName("calendars", "ics")}.`);
    expect(screen.getByText("e9@outpost: the series has no start")).toBeTruthy();
  });

  it("does not write without a calendar chosen", async () => {
    const { calls } = renderDialog({}, "calendars");
    await screen.findByDisplayValue(`/home/ana/${exportFileName("calendars", "ics")}`);
    fireEvent.click(screen.getByLabelText("Team calendar"));
    fireEvent.click(screen.getByLabelText("Service van"));
    expect((screen.getByRole("button", { name: "Export" }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => fireEvent.keyDown(pathField(), { key: "Enter" }));
    expect(calls("export")).toHaveLength(0);
  });

  it("says in the backend's words why the file cannot be written, and keeps the dialog open", async () => {
    const { onClose } = renderDialog({
      export: ({ path }) => {
        throw new CommandError({ code: "io", message: `cannot write ${path}: Permission denied (os error 13)`, details: null });
      },
    });
    await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
    fireEvent.change(pathField(), { target: { value: "/etc/contacts.vcf" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
    expect(screen.getByTestId("export-error").textContent).toBe("cannot write /etc/contacts.vcf: Permission denied (os error 13)");
    expect(pathField().getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(pathField());
    expect(onClose).not.toHaveBeenCalled();
    // A relative path is refused before the backend is asked.
    fireEvent.change(pathField(), { target: { value: "contacts.vcf" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
    expect(screen.getByTestId("export-error").textContent).toBe("Give the full path, from / (or ~/ for your home folder).");
  });
});
