import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import type { CalendarSummary, ExportArgs, HeldWindow } from "../generated/bindings";
import { fakeCall, type Handlers } from "../testing/fakeCall";
import { exportFileName } from "./files";
import { when } from "../sync/words";
import { ExportDialog, heldWords } from "./ExportDialog";
import { dayWords } from "./words";

const info = () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false });

const calendars: CalendarSummary[] = [
  { localId: "c1", serverId: "s1", name: "Team calendar", kind: "tenant_shared", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
  { localId: "c2", serverId: "s2", name: "Service van", kind: "resource_linked", timezone: "UTC", visibility: null, description: null, hasPendingOps: false },
];

function renderDialog(handlers: Handlers, what: "contacts" | "calendars" = "contacts") {
  const fake = fakeCall({ app_info: info, replica_holds: () => null, ...handlers });
  const onClose = vi.fn();
  render(
    <CallProvider call={fake.call}>
      <ExportDialog what={what} calendars={calendars} onClose={onClose} />
    </CallProvider>,
  );
  return { ...fake, onClose };
}

// The days held in the tests, as the dialog says them: in the reader's locale, not ISO.
const HELD_FROM = dayWords("2026-09-08");
const HELD_TO = dayWords("2027-12-06");

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
      `This computer holds the server's entries from ${HELD_FROM} to ${HELD_TO} (synced not a time), and every series whole.`,
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

  describe("the days this computer holds, before an export", () => {
    const held: HeldWindow = { from: "2026-09-08", to: "2027-12-06", syncedAt: "not a time" };
    const heldText = `This computer holds the server's entries from ${HELD_FROM} to ${HELD_TO} (synced not a time), and every series whole.`;
    const tail = "only entries made here and recurring series will be exported.";
    const outside = () => screen.queryByTestId("export-outside-held")?.textContent ?? null;
    const setDates = (from: string, to: string) => {
      fireEvent.change(screen.getByLabelText("From"), { target: { value: from } });
      fireEvent.change(screen.getByLabelText("To"), { target: { value: to } });
    };

    it("says them when the dialog opens, and warns while the chosen days go outside them", async () => {
      const { calls } = renderDialog(
        {
          replica_holds: () => held,
          export: (a: ExportArgs) => ({ path: a.path, format: "ics", written: 1, calendars: 2, skipped: [], outsideWindow: 0, replicaHolds: held }),
        },
        "calendars",
      );
      expect((await screen.findByTestId("export-held")).textContent).toBe(heldText);
      // The days as the date fields show them, not as ISO.
      expect(heldText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(calls("replica_holds")).toEqual([{}]);
      // Under the date fields.
      expect(screen.getByTestId("export-dates").contains(screen.getByTestId("export-held"))).toBe(true);
      expect(outside()).toBeNull();

      setDates("2026-09-01", "");
      expect(outside()).toBe(`Entries before ${HELD_FROM} are not on this computer: for those days, ${tail}`);
      const warning = screen.getByTestId("export-outside-held");
      expect(screen.getByLabelText("From").getAttribute("aria-describedby")).toBe(warning.id);
      setDates("2026-09-08", "");
      expect(outside()).toBeNull();
      setDates("2026-09-08", "2027-12-31");
      expect(outside()).toBe(`Entries after ${HELD_TO} are not on this computer: for those days, ${tail}`);
      setDates("2026-01-01", "2027-12-31");
      expect(outside()).toBe(`Entries before ${HELD_FROM} and after ${HELD_TO} are not on this computer: for those days, ${tail}`);
      setDates("2028-01-01", "2028-02-01");
      expect(outside()).toBe(`None of these days are among those this computer holds (${HELD_FROM} to ${HELD_TO}): ${tail}`);
      setDates("", "2026-09-07");
      expect(outside()).toBe(`None of these days are among those this computer holds (${HELD_FROM} to ${HELD_TO}): ${tail}`);
      setDates("", "2026-12-01");
      expect(outside()).toBeNull();
      // A backwards window is the one thing said of the dates.
      setDates("2026-05-31", "2026-05-01");
      expect(screen.getByRole("alert").textContent).toBe("The last day comes before the first.");
      expect(outside()).toBeNull();

      setDates("2026-10-01", "2026-10-31");
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
      // Said once, by the result now.
      expect(screen.getAllByTestId("export-held")).toHaveLength(1);
      expect(screen.getByTestId("export-result").contains(screen.getByTestId("export-held"))).toBe(true);
      expect(screen.getByTestId("export-held").textContent).toBe(heldText);
    });

    it("says the synced time as the sync screens do, with the days in the same style", () => {
      const syncedAt = "2026-12-07T15:36:25Z";
      expect(heldWords({ ...held, syncedAt })).toBe(
        `This computer holds the server's entries from ${HELD_FROM} to ${HELD_TO} (synced ${when(syncedAt)}), and every series whole.`,
      );
      expect(when(syncedAt)).not.toBe(syncedAt);
    });

    it("says so when nothing was synced yet, and warns of no dates then", async () => {
      renderDialog({ replica_holds: () => null }, "calendars");
      expect((await screen.findByTestId("export-held")).textContent).toBe("This computer has not synced yet: it holds only the entries made here.");
      setDates("2020-01-01", "2030-01-01");
      expect(outside()).toBeNull();
    });

    it("shows no sentence until the answer is in, and says it is reading only when that is slow", async () => {
      let answer: (h: HeldWindow | null) => void = () => {};
      renderDialog({ replica_holds: () => new Promise<HeldWindow | null>((resolve) => (answer = resolve)) }, "calendars");
      await screen.findByDisplayValue(`/home/ana/${exportFileName("calendars", "ics")}`);
      expect(screen.queryByTestId("export-held")).toBeNull();
      expect(screen.queryByTestId("export-held-loading")).toBeNull();
      // No warning from a window not read yet.
      setDates("2020-01-01", "");
      expect(outside()).toBeNull();
      expect((await screen.findByTestId("export-held-loading", {}, { timeout: 2000 })).textContent).toBe("Reading which days this computer holds…");
      await act(async () => answer(held));
      expect(screen.queryByTestId("export-held-loading")).toBeNull();
      expect(screen.getByTestId("export-held").textContent).toBe(heldText);
      expect(outside()).toBe(`Entries before ${HELD_FROM} are not on this computer: for those days, ${tail}`);
    });

    it("says briefly that it could not read them, and the export still works", async () => {
      const { calls } = renderDialog(
        {
          replica_holds: () => {
            throw new CommandError({ code: "replica", message: "database is locked", details: null });
          },
          export: (a: ExportArgs) => ({ path: a.path, format: "ics", written: 4, calendars: 2, skipped: [], outsideWindow: 0, replicaHolds: held }),
        },
        "calendars",
      );
      expect((await screen.findByTestId("export-held-error")).textContent).toBe(
        "Could not read which days this computer holds (database is locked). The export still works.",
      );
      expect(screen.queryByTestId("export-held")).toBeNull();
      setDates("2020-01-01", "");
      expect(outside()).toBeNull();
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export" })));
      expect(calls("export")).toHaveLength(1);
      expect(screen.queryByTestId("export-held-error")).toBeNull();
      expect(screen.getByTestId("export-held").textContent).toBe(heldText);
      // The export's answer holds the window, so the chosen days are judged by it now.
      expect(outside()).toBe(`Entries before ${HELD_FROM} are not on this computer: for those days, ${tail}`);
    });

    it("is not asked by a contacts export", async () => {
      const { calls } = renderDialog({});
      await screen.findByDisplayValue(`/home/ana/${exportFileName("contacts", "vcf")}`);
      expect(calls("replica_holds")).toEqual([]);
      expect(screen.queryByTestId("export-held")).toBeNull();
    });
  });
});
