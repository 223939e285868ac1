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
      export: (a: ExportArgs) => ({ path: a.path, format: a.format ?? "vcf", written: 41, calendars: 0, skipped: [], outsideWindow: 0, replicaHolds: null }),
    });
    await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
    fireEvent.click(screen.getByLabelText(/CSV/));
    expect(pathField().value).toBe(`/home/ana/${exportFileName("contacts", "csv")}`);
    fireEvent.change(pathField(), { target: { value: "~/Documents/all.csv" } });
    fireEvent.click(screen.getByLabelText(/vCard/));
    expect(pathField().value).toBe("~/Documents/all.vcf");
    await act(async () => fireEvent.keyDown(pathField(), { key: "Enter" }));
    expect(calls("export")).toEqual([{ what: "contacts", format: "vcf", path: "/home/ana/Documents/all.vcf", calendarIds: [], vcardVersion: "4.0" }]);
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
        export: (a: ExportArgs) => ({ path: a.path, format: "ics", written: 12, calendars: a.calendarIds.length, skipped: ["e9@outpost: the series has no start"], outsideWindow: 0, replicaHolds: null }),
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
  it("exports the days chosen, says what was left out and which days this computer holds", async () => {
    const { calls } = renderDialog(
      {
        export: (a: ExportArgs) => ({
          path: a.path,
          format: "ics",
          written: 3,
          calendars: 2,
          skipped: [],
          outsideWindow: 2,
          replicaHolds: { from: "2026-09-08", to: "2027-12-06", syncedAt: "not a time" },
        }),
      },
      "calendars",
    );
    await screen.findByDisplayValue(`/home/ana/${exportFileName("calendars", "ics")}`);
    const from = screen.getByLabelText("From") as HTMLInputElement;
    const to = screen.getByLabelText("To") as HTMLInputElement;
    expect([from.type, to.type]).toEqual(["date", "date"]);
    // The last day before the first: said at once, and nothing is written, Enter or not.
    fireEvent.change(from, { target: { value: "2026-05-31" } });
    fireEvent.change(to, { target: { value: "2026-05-01" } });
    expect(screen.getByRole("alert").textContent).toBe("The last day comes before the first.");
    expect(to.getAttribute("aria-invalid")).toBe("true");
    await act(async () => fireEvent.keyDown(from, { key: "Enter" }));
    expect(calls("export")).toHaveLength(0);
    expect(document.activeElement).toBe(to);

    fireEvent.change(from, { target: { value: "2026-05-01" } });
    fireEvent.change(to, { target: { value: "2026-05-31" } });
    expect(screen.queryByRole("alert")).toBeNull();
    await act(async () => fireEvent.keyDown(to, { key: "Enter" }));
    expect(calls("export")).toEqual([
      { what: "calendars", format: "ics", path: `/home/ana/${exportFileName("calendars", "ics")}`, calendarIds: ["c1", "c2"], from: "2026-05-01", to: "2026-05-31" },
    ]);
    expect(screen.getByText("2 entries outside the dates left out.")).toBeTruthy();
    expect(screen.getByTestId("export-held").textContent).toBe(
      "This computer holds the server's entries from 2026-09-08 to 2027-12-06 (synced not a time), and every series whole.",
    );
  });

  it("writes vCard 3.0 when asked, and asks no version of a CSV file", async () => {
    const { calls } = renderDialog({
      export: (a: ExportArgs) => ({ path: a.path, format: a.format ?? "vcf", written: 2, calendars: 0, skipped: [], outsideWindow: 0, replicaHolds: null }),
    });
    await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
    expect((screen.getByLabelText(/^4\.0/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText(/^3\.0/));
    fireEvent.click(screen.getByLabelText(/CSV/));
    expect(screen.queryByLabelText(/^3\.0/)).toBeNull();
    fireEvent.click(screen.getByLabelText(/vCard \(/));
    expect((screen.getByLabelText(/^3\.0/) as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
    expect(calls("export")[0]).toMatchObject({ format: "vcf", vcardVersion: "3.0" });
    expect(screen.queryByTestId("export-held")).toBeNull();
  });
});
