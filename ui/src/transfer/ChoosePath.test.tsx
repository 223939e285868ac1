// The "Choose…" buttons of the import and export dialogs, with the native dialog plugin and the
// Tauri detection replaced: the button exists only in the desktop app, a chosen path goes into
// the field (and an import reads it at once), a cancel changes nothing, a failure is shown.

import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import type { ExportArgs, ImportArgs } from "../generated/bindings";
import { fakeCall, importItem, importOutcome, type Handlers } from "../testing/fakeCall";
import { ExportDialog } from "./ExportDialog";
import { exportFileName } from "./files";
import { ImportDialog } from "./ImportDialog";

const dialog = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => dialog);

const runtime = vi.hoisted(() => ({ tauri: true }));
vi.mock("../api/transport", async (original) => ({
  ...(await original<typeof import("../api/transport")>()),
  isTauri: () => runtime.tauri,
}));

const info = () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false });

const preview = (a: ImportArgs) => importOutcome([importItem({ line: 1, label: `from ${a.path}`, action: "create" })]);

function renderImport(handlers: Handlers = {}, what: "contacts" | "calendars" = "contacts") {
  const fake = fakeCall({ app_info: info, import_preview: preview, ...handlers });
  render(
    <CallProvider call={fake.call}>
      <ImportDialog
        what={what}
        calendars={[{ localId: "c1", serverId: "s1", name: "Team", kind: "tenant_shared", timezone: "UTC", visibility: null, description: null, hasPendingOps: false }]}
        onClose={vi.fn()}
        onImported={vi.fn()}
      />
    </CallProvider>,
  );
  return fake;
}

function renderExport(handlers: Handlers = {}) {
  const fake = fakeCall({
    app_info: info,
    export: (a: ExportArgs) => ({ path: a.path, format: a.format ?? "vcf", written: 3, calendars: 0, skipped: [], outsideWindow: 0, replicaHolds: null }),
    ...handlers,
  });
  render(
    <CallProvider call={fake.call}>
      <ExportDialog what="contacts" onClose={vi.fn()} />
    </CallProvider>,
  );
  return fake;
}

const importField = () => screen.getByLabelText("File") as HTMLInputElement;
const chooseButton = () => screen.getByRole("button", { name: "Choose file…" });

/** The element Tab reaches after `from`: the next enabled control in document order (none sets a tabindex). */
function nextInTabOrder(from: Element): Element | undefined {
  const all = [...document.querySelectorAll("input, select, button, textarea, a[href]")].filter((e) => !(e as HTMLInputElement).disabled);
  return all[all.indexOf(from) + 1];
}

beforeEach(() => {
  runtime.tauri = true;
  dialog.open.mockReset();
  dialog.save.mockReset();
});
afterEach(() => window.localStorage.clear());

describe("Choose… in the import dialog", () => {
  it("is not offered outside the desktop app, where the typed path works as before", async () => {
    runtime.tauri = false;
    const { calls } = renderImport();
    await screen.findByDisplayValue("/home/ana/");
    expect(screen.queryByRole("button", { name: /Choose/ })).toBeNull();
    fireEvent.change(importField(), { target: { value: "~/phone.vcf" } });
    await act(async () => fireEvent.keyDown(importField(), { key: "Enter" }));
    expect(calls("import_preview")).toEqual([{ path: "/home/ana/phone.vcf", duplicates: "skip" }]);
    expect(dialog.open).not.toHaveBeenCalled();
  });

  it("follows the field in Tab order, opens the native dialog in the suggested folder with the contacts filter, and previews the chosen file", async () => {
    dialog.open.mockResolvedValueOnce("/home/ana/Downloads/phone.vcf").mockResolvedValueOnce("/home/ana/Downloads/Sheet.CSV");
    const { calls } = renderImport();
    await screen.findByDisplayValue("/home/ana/");
    expect(nextInTabOrder(importField())).toBe(chooseButton());
    expect(chooseButton().textContent).toBe("Choose…");

    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenCalledWith({
      title: "Import contacts from",
      defaultPath: "/home/ana",
      multiple: false,
      directory: false,
      filters: [{ name: "Contacts (vCard, CSV)", extensions: ["vcf", "VCF", "vcard", "VCARD", "csv", "CSV"] }],
    });
    expect(importField().value).toBe("/home/ana/Downloads/phone.vcf");
    expect(calls("import_preview")).toEqual([{ path: "/home/ana/Downloads/phone.vcf", duplicates: "skip" }]);
    expect(screen.getByText("from /home/ana/Downloads/phone.vcf")).toBeTruthy();
    // As after Enter in the field: the preview hands the focus to the import.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Import 1 item" }));

    // Another file chosen over a preview: the dialog starts where the last one was, and the new file is read.
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: "/home/ana/Downloads" }));
    expect(importField().value).toBe("/home/ana/Downloads/Sheet.CSV");
    expect(calls("import_preview").at(-1)).toEqual({ path: "/home/ana/Downloads/Sheet.CSV", duplicates: "skip" });
    expect(screen.getByText("from /home/ana/Downloads/Sheet.CSV")).toBeTruthy();

    // The field stays a field: typing another path and Enter still previews.
    fireEvent.change(importField(), { target: { value: "~/typed.vcf" } });
    await act(async () => fireEvent.keyDown(importField(), { key: "Enter" }));
    expect(calls("import_preview").at(-1)).toEqual({ path: "/home/ana/typed.vcf", duplicates: "skip" });
  });

  it("lists only iCalendar files for a calendar import", async () => {
    dialog.open.mockResolvedValueOnce("/srv/shared/jobs.ics");
    const { calls } = renderImport({}, "calendars");
    await screen.findByDisplayValue("/home/ana/");
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenCalledWith(
      expect.objectContaining({ filters: [{ name: "iCalendar (.ics)", extensions: ["ics", "ICS", "ical", "ICAL", "icalendar", "ICALENDAR", "ifb", "IFB"] }] }),
    );
    expect(calls("import_preview")).toEqual([{ path: "/srv/shared/jobs.ics", calendarId: "c1", duplicates: "skip" }]);
  });

  it("leaves the field as it was when the dialog is cancelled, with the focus back on the button", async () => {
    dialog.open.mockResolvedValueOnce(null);
    const { calls } = renderImport();
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(importField(), { target: { value: "/home/ana/half-typed" } });
    chooseButton().focus();
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenCalledTimes(1);
    expect(importField().value).toBe("/home/ana/half-typed");
    expect(calls("import_preview")).toEqual([]);
    expect(document.activeElement).toBe(chooseButton());
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why when the dialog cannot open, and the typed path still works", async () => {
    dialog.open.mockRejectedValueOnce("dialog.open not allowed. Permissions associated with this command: dialog:allow-open");
    const { calls } = renderImport();
    await screen.findByDisplayValue("/home/ana/");
    await act(async () => fireEvent.click(chooseButton()));
    const alert = screen.getByTestId("picker-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe(
      "The file dialog did not open: dialog.open not allowed. Permissions associated with this command: dialog:allow-open. Type the path instead.",
    );
    expect(chooseButton().getAttribute("aria-describedby")).toBe(alert.id);
    expect(document.activeElement).toBe(chooseButton());
    expect(importField().value).toBe("/home/ana/");
    expect(calls("import_preview")).toEqual([]);

    fireEvent.change(importField(), { target: { value: "/home/ana/phone.vcf" } });
    await act(async () => fireEvent.keyDown(importField(), { key: "Enter" }));
    expect(calls("import_preview")).toEqual([{ path: "/home/ana/phone.vcf", duplicates: "skip" }]);
    // A later try that works clears the message.
    dialog.open.mockResolvedValueOnce("/home/ana/other.vcf");
    await act(async () => fireEvent.click(chooseButton()));
    await waitFor(() => expect(screen.queryByTestId("picker-error")).toBeNull());
    expect(importField().value).toBe("/home/ana/other.vcf");
  });
});

describe("Choose… in the export dialog", () => {
  it("is not offered outside the desktop app", async () => {
    runtime.tauri = false;
    renderExport();
    await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
    expect(screen.queryByRole("button", { name: /Choose/ })).toBeNull();
  });

  it("opens a save dialog at the suggested file with the format's filter, and writes where the user chose", async () => {
    dialog.save.mockResolvedValueOnce("/home/ana/Backups/team.csv");
    const { calls } = renderExport();
    const field = (await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`)) as HTMLInputElement;
    expect(nextInTabOrder(field)).toBe(chooseButton());
    fireEvent.click(screen.getByLabelText(/CSV/));
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.save).toHaveBeenCalledWith({
      title: "Export contacts to",
      filters: [{ name: "CSV (.csv)", extensions: ["csv", "CSV"] }],
      defaultPath: `/home/ana/${exportFileName("contacts", "csv")}`,
      canCreateDirectories: true,
    });
    expect(dialog.open).not.toHaveBeenCalled();
    expect(field.value).toBe("/home/ana/Backups/team.csv");
    expect(document.activeElement).toBe(field);
    expect(calls("export")).toEqual([]);

    await act(async () => fireEvent.keyDown(field, { key: "Enter" }));
    expect(calls("export")).toEqual([{ what: "contacts", format: "csv", path: "/home/ana/Backups/team.csv", calendarIds: [] }]);
  });

  it("keeps the typed path when the save dialog is cancelled, and shows a failure", async () => {
    dialog.save.mockResolvedValueOnce(null).mockRejectedValueOnce(new Error("no portal answered"));
    renderExport();
    const field = (await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`)) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "~/mine.vcf" } });
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.save).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: "/home/ana/mine.vcf" }));
    expect(field.value).toBe("~/mine.vcf");
    expect(document.activeElement).toBe(chooseButton());

    await act(async () => fireEvent.click(chooseButton()));
    expect(screen.getByRole("alert").textContent).toBe("The file dialog did not open: no portal answered. Type the path instead.");
    expect(field.value).toBe("~/mine.vcf");
  });
});
