import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import type { CalendarSummary, ContactField, CsvColumn, ImportArgs, ImportOutcome } from "../generated/bindings";
import { fakeCall, importItem, importOutcome, type Handlers } from "../testing/fakeCall";
import { ImportDialog } from "./ImportDialog";

const info = () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false });

function outcome(args: ImportArgs, applied: boolean): ImportOutcome {
  const duplicate = args.duplicates;
  const items = [
    importItem({ line: 1, label: "Ana Lima", action: "create" }),
    importItem({
      line: 9,
      label: "Bo Chen",
      action: duplicate,
      reason: duplicate === "create" ? null : duplicate === "skip" ? "already here (contact c7, same name and email or phone)" : "updates contact c7 (same name and email or phone)",
      warnings: [{ line: 12, field: "photo", message: "photos are not imported" }],
    }),
    importItem({ line: 17, label: "", action: "error", problems: [{ line: 18, field: "email", message: "not an email address" }] }),
  ];
  return importOutcome(items, { applied });
}

function renderDialog(handlers: Handlers, props: Partial<Parameters<typeof ImportDialog>[0]> = {}) {
  const fake = fakeCall({ app_info: info, ...handlers });
  const onClose = vi.fn();
  const onImported = vi.fn();
  render(
    <CallProvider call={fake.call as Call}>
      <ImportDialog what="contacts" onClose={onClose} onImported={onImported} {...props} />
    </CallProvider>,
  );
  return { ...fake, onClose, onImported };
}

const pathField = () => screen.getByLabelText("File") as HTMLInputElement;

afterEach(() => window.localStorage.clear());

describe("ImportDialog", () => {
  it("suggests the home folder, previews each item with why, follows the duplicates choice, imports and says what it did", async () => {
    const { calls, onImported } = renderDialog({
      import_preview: (a) => outcome(a, false),
      import_apply: (a) => outcome(a, true),
    });
    expect(screen.getByRole("dialog", { name: "Import contacts" })).toBeTruthy();
    await screen.findByDisplayValue("/home/ana/");
    expect(document.activeElement).toBe(pathField());
    fireEvent.change(pathField(), { target: { value: "~/phone.vcf" } });
    // Enter in the field previews.
    await act(async () => fireEvent.keyDown(pathField(), { key: "Enter" }));
    expect(calls("import_preview")).toEqual([{ path: "/home/ana/phone.vcf", duplicates: "skip" }]);
    expect(screen.getByTestId("import-summary").textContent).toBe("3 items in the file: 1 to create, 0 to update, 1 to skip, 1 item cannot be imported.");
    const rows = screen.getAllByTestId("import-item");
    // Refusals first, then the duplicate, then what is new.
    expect(rows.map((r) => r.textContent)).toEqual([
      "17(no name)Cannot importemail: not an email address (line 18)",
      "9Bo ChenSkipalready here (contact c7, same name and email or phone)photo: photos are not imported (line 12)",
      "1Ana LimaCreate",
    ]);
    expect(calls("import_apply")).toHaveLength(0);

    // Another duplicates choice previews again at once.
    await act(async () => fireEvent.click(screen.getByLabelText("Update it with the file's fields")));
    expect(calls("import_preview").at(-1)).toEqual({ path: "/home/ana/phone.vcf", duplicates: "update" });
    expect(within(screen.getAllByTestId("import-item")[1] as HTMLElement).getByText("Update")).toBeTruthy();
    const confirm = screen.getByRole("button", { name: "Import 2 items" });
    expect(document.activeElement).toBe(confirm);

    await act(async () => fireEvent.click(confirm));
    expect(calls("import_apply")).toEqual([{ path: "/home/ana/phone.vcf", duplicates: "update" }]);
    expect(screen.getByTestId("import-summary").textContent).toBe("Created 1, updated 1, skipped 0, 1 failed.");
    expect(screen.getByText("They are on this computer now and go to the server with the next sync.")).toBeTruthy();
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem("outpost.files.folder")).toBe("/home/ana");
    expect(screen.getByRole("button", { name: "Close" })).toBeTruthy();
  });

  it("shows the backend's words when the file is missing or malformed, at the path", async () => {
    const { calls } = renderDialog({
      import_preview: ({ path }) => {
        throw new CommandError({ code: "io", message: `cannot read ${path}: No such file or directory (os error 2)`, details: null });
      },
    });
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(pathField(), { target: { value: "/home/ana/nothing.vcf" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    const error = screen.getByTestId("import-error");
    expect(error.textContent).toBe("cannot read /home/ana/nothing.vcf: No such file or directory (os error 2)");
    expect(pathField().getAttribute("aria-invalid")).toBe("true");
    expect(pathField().getAttribute("aria-describedby")).toBe(error.id);
    expect(screen.queryByTestId("import-preview")).toBeNull();
    expect(calls("import_apply")).toHaveLength(0);
  });

  it("refuses a relative path or the other screen's kind of file without asking the backend", async () => {
    const { calls } = renderDialog({});
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(pathField(), { target: { value: "contacts.vcf" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    expect(screen.getByRole("alert").textContent).toBe("Give the full path, from / (or ~/ for your home folder).");
    fireEvent.change(pathField(), { target: { value: "/home/ana/team.ics" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    expect(screen.getByRole("alert").textContent).toBe("An .ics file holds calendar entries: import it from Calendars.");
    expect(calls("import_preview")).toHaveLength(0);
  });

  it("says so when the file holds nothing to import, and offers no import", async () => {
    renderDialog({
      import_preview: () => importOutcome([], { fileProblems: [{ line: 3, field: null, message: "a line outside any card" }] }),
    });
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(pathField(), { target: { value: "/home/ana/empty.vcf" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    expect(screen.getByTestId("import-summary").textContent).toBe("The file holds no contacts.");
    expect(screen.getByText("a line outside any card (line 3)")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Import 0 items" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("imports .ics into the chosen calendar, and closes on Escape", async () => {
    const calendars: CalendarSummary[] = [
      { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
      { localId: "c2", serverId: "s2", name: "Service van", kind: "resource_linked", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
    ];
    const { calls, onClose } = renderDialog(
      { import_preview: (a) => ({ ...outcome(a, false), format: "ics" }) },
      { what: "calendars", calendars, calendarId: "c1" },
    );
    expect(screen.getByRole("dialog", { name: "Import calendar entries" })).toBeTruthy();
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(screen.getByLabelText("Into calendar"), { target: { value: "c2" } });
    fireEvent.change(pathField(), { target: { value: "/home/ana/jobs.ics" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    expect(calls("import_preview")).toEqual([{ path: "/home/ana/jobs.ics", calendarId: "c2", duplicates: "skip" }]);
    fireEvent(screen.getByRole("dialog"), new Event("cancel", { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
  it("shows a CSV's columns with their fields, previews again when one changes, and imports with the choices", async () => {
    // The backend's answer: "Vorname" and "Firma" are not detected; the caller's choices win.
    const headers = ["Vorname", "E-Mail", "Firma"];
    const detected: ContactField[] = ["ignore", "email", "ignore"];
    const csvOutcome = (a: ImportArgs, applied: boolean): ImportOutcome => {
      const fields = [...detected];
      for (const c of a.mapping ?? []) fields[c.column as number] = c.field;
      const csvColumns: CsvColumn[] = headers.map((header, index) => ({
        index,
        header,
        field: fields[index] as ContactField,
        detail: null,
        filledRows: 2,
        describesAnother: false,
      }));
      const lost = csvColumns.filter((c) => c.field === "ignore").map((c) => `"${c.header}" (2 rows)`);
      const label = fields[0] === "firstName" ? "Jürgen" : "juergen@example.de";
      return importOutcome([importItem({ line: 2, label, action: "create" })], {
        format: "csv",
        applied,
        csvColumns,
        fileWarnings: lost.length ? [{ line: 1, field: "mapping", message: `Not imported but holding data: ${lost.join(", ")}.` }] : [],
      });
    };
    const { calls } = renderDialog({ import_preview: (a) => csvOutcome(a, false), import_apply: (a) => csvOutcome(a, true) });
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(pathField(), { target: { value: "/home/ana/kontakte.csv" } });
    await act(async () => fireEvent.keyDown(pathField(), { key: "Enter" }));

    const table = screen.getByTestId("csv-mapping");
    const rows = within(table).getAllByTestId("csv-column");
    expect(rows).toHaveLength(3);
    const vorname = screen.getByLabelText("Field for column “Vorname”") as HTMLSelectElement;
    expect(vorname.value).toBe("ignore");
    expect((screen.getByLabelText("Field for column “E-Mail”") as HTMLSelectElement).value).toBe("email");
    expect(within(rows[0] as HTMLElement).getByText("holds data in 2 rows, not imported")).toBeTruthy();
    expect(screen.getByTestId("import-file-warnings").textContent).toBe('Not imported but holding data: "Vorname" (2 rows), "Firma" (2 rows).');

    // The select is a plain one: reachable with Tab, changed with the arrow keys; a change previews again.
    vorname.focus();
    expect(document.activeElement).toBe(vorname);
    await act(async () => fireEvent.change(vorname, { target: { value: "firstName" } }));
    expect(calls("import_preview").at(-1)).toEqual({ path: "/home/ana/kontakte.csv", duplicates: "skip", mapping: [{ column: 0, field: "firstName" }] });
    expect((screen.getByLabelText("Field for column “Vorname”") as HTMLSelectElement).value).toBe("firstName");
    expect(screen.getAllByTestId("import-item")[0]?.textContent).toContain("Jürgen");
    // The focus stays in the table, for the next column.
    expect(document.activeElement).toBe(screen.getByLabelText("Field for column “Vorname”"));
    await act(async () => fireEvent.change(screen.getByLabelText("Field for column “Firma”"), { target: { value: "noteLine" } }));
    expect(screen.queryByTestId("import-file-warnings")).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Import 1 item" })));
    expect(calls("import_apply")).toEqual([
      {
        path: "/home/ana/kontakte.csv",
        duplicates: "skip",
        mapping: [
          { column: 0, field: "firstName" },
          { column: 2, field: "noteLine" },
        ],
      },
    ]);
    // Once imported, the table gives way to what the import did.
    expect(screen.queryByTestId("csv-mapping")).toBeNull();
    expect(screen.getByTestId("import-summary").textContent).toBe("Created 1, updated 0, skipped 0.");
  });

  it("keeps the table when the backend refuses a mapping, and names the problem", async () => {
    const columns: CsvColumn[] = [{ index: 0, header: "Ort", field: "ignore", detail: null, filledRows: 1, describesAnother: false }];
    renderDialog({
      import_preview: (a) => {
        if (a.mapping) throw new CommandError({ code: "invalid", message: "the mapping names no column 3", details: { field: "mapping" } });
        return importOutcome([], { format: "csv", csvColumns: columns });
      },
    });
    await screen.findByDisplayValue("/home/ana/");
    fireEvent.change(pathField(), { target: { value: "/home/ana/k.csv" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Preview" })));
    const select = screen.getByLabelText("Field for column “Ort”");
    select.focus();
    await act(async () => fireEvent.change(select, { target: { value: "city" } }));
    expect(screen.getByTestId("import-error").textContent).toBe("the mapping names no column 3");
    expect(screen.getByTestId("csv-mapping")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Field for column “Ort”"));
  });
});
