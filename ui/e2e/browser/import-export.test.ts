import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayWords } from "../../src/transfer/words";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

let browser: Browser;
let bridge: RunningBridge;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  bridge = await startBridge(["--demo"]);
  dir = mkdtempSync(path.join(os.tmpdir(), "outpost-files-"));
  await rpc(bridge, "sync_now");
});

afterAll(async () => {
  await bridge?.stop();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Page1 {
  total: number;
  items: { localId: string; displayName: string; email: string | null }[];
}

async function open(screen: "Contacts" | "Calendars"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, timezoneId: "UTC" });
  await page.goto(bridge.uiUrl);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
    "Acme Field Services",
  );
  await page.getByRole("link", { name: screen, exact: true }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(screen);
  return page;
}

function card(first: string, last: string, email: string): string {
  return ["BEGIN:VCARD", "VERSION:4.0", `FN:${first} ${last}`, `N:${last};${first};;;`, `EMAIL:${email}`, "END:VCARD", ""].join("\r\n");
}

describe("import and export, in the demo", () => {
  it("imports a .vcf through the dialog: a preview per item with the duplicate skipped, then the new contacts are listed and wait to be synced", async () => {
    const before = await rpc<Page1>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 });
    const known = await rpc<{ fields: { firstName: string; lastName: string; email: string } }>(bridge, "get_contact", {
      id: before.items[0]?.localId,
    });
    const file = path.join(dir, "phone.vcf");
    writeFileSync(
      file,
      card("Rui", "Quintela", "rui.quintela@example.com") +
        card(known.fields.firstName, known.fields.lastName, known.fields.email) +
        card("Marta", "Quintela", "marta.quintela@example.com"),
    );

    const page = await open("Contacts");
    await expect.poll(() => page.getByTestId("contacts-count").textContent(), { timeout: 15_000 }).toBe(`${before.total} contacts`);
    await page.getByRole("button", { name: "Import…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import contacts" });
    const field = dialog.getByLabel("File", { exact: true });
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);

    // A file that is not there: the backend's words, at the field.
    await field.fill(path.join(dir, "missing.vcf"));
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByTestId("import-error").textContent()).toContain(`cannot read ${path.join(dir, "missing.vcf")}`);
    expect(await field.getAttribute("aria-invalid")).toBe("true");

    // A file that is not a vCard, a CSV or an iCalendar: the backend says it cannot tell.
    const garbage = path.join(dir, "notes.txt");
    writeFileSync(garbage, "just some notes\n");
    await field.fill(garbage);
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByTestId("import-error").textContent()).toBe(`${garbage}: cannot tell the format (name it .ics, .vcf or .csv)`);

    await field.fill(file);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 })
      .toBe("3 items in the file: 2 to create, 0 to update, 1 to skip.");
    const rows = dialog.getByTestId("import-item");
    expect(await rows.count()).toBe(3);
    const skipped = rows.filter({ hasText: "Skip" });
    expect(await skipped.textContent()).toContain(`${known.fields.firstName} ${known.fields.lastName}`);
    expect(await skipped.textContent()).toContain("already here");
    await page.screenshot({ path: screenshotPath("contacts-import-preview.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("contacts-import-preview-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // Nothing written by the preview.
    expect((await rpc<Page1>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 })).total).toBe(before.total);
    // Focus is on "Import 2 items": Enter confirms.
    expect(await dialog.getByRole("button", { name: "Import 2 items" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 }).toBe("Created 2, updated 0, skipped 1.");
    await page.screenshot({ path: screenshotPath("contacts-import-result.png") });
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => page.getByTestId("contacts-count").textContent()).toBe(`${before.total + 2} contacts`);
    await expect.poll(() => page.getByTestId("sync-badge").textContent()).toBe("2");
    await page.getByLabel("Search contacts").fill("quintela");
    const options = page.getByRole("listbox").getByRole("option");
    await expect.poll(() => options.count()).toBe(2);
    for (const text of await options.allTextContents()) expect(text).toContain("Not synced yet");
    expect((await options.allTextContents()).join(" ")).toMatch(/Marta Quintela.*Rui Quintela|Rui Quintela.*Marta Quintela/);

    // The import goes out with the next sync like any edit.
    await page.getByRole("main").getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("sync-badge").count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  });

  it("imports a CSV whose headers are not known: the columns in a table, set from the keyboard, the preview following, the contacts in with those fields", async () => {
    const file = path.join(dir, "kontakte.csv");
    writeFileSync(
      file,
      "Vorname,Nachname,E-Mail,Firma,Ehepartner\nLuzia,Feldmann,luzia.feldmann@example.de,Feldmann GmbH,Jonas\nOtto,Feldmann,otto.feldmann@example.de,,\n",
    );
    const page = await open("Contacts");
    await page.getByRole("button", { name: "Import…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import contacts" });
    await dialog.getByLabel("File", { exact: true }).fill(file);
    await page.keyboard.press("Enter");
    const table = dialog.getByTestId("csv-mapping");
    await expect.poll(() => table.getByTestId("csv-column").count(), { timeout: 15_000 }).toBe(5);
    const select = (header: string) => dialog.getByLabel(`Field for column “${header}”`);
    expect(await select("Vorname").inputValue()).toBe("ignore");
    expect(await select("E-Mail").inputValue()).toBe("email");
    await expect
      .poll(() => dialog.getByTestId("import-file-warnings").textContent())
      .toContain('"Vorname" (2 rows), "Nachname" (2 rows), "Firma" (1 row), "Ehepartner" (1 row)');

    // Keyboard only: focus the first select, type a field's first letters, Tab to the next.
    await select("Vorname").focus();
    await page.keyboard.type("First");
    await expect.poll(() => select("Vorname").inputValue()).toBe("firstName");
    await expect.poll(() => dialog.getByTestId("import-item").first().textContent(), { timeout: 15_000 }).toContain("Luzia");
    await page.keyboard.press("Tab");
    expect(await select("Nachname").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Last");
    await expect.poll(() => select("Nachname").inputValue()).toBe("lastName");
    await select("Firma").selectOption("noteLine");
    await expect.poll(() => select("Firma").inputValue()).toBe("noteLine");
    await expect
      .poll(() => dialog.getByTestId("import-file-warnings").textContent(), { timeout: 15_000 })
      .toBe('This column is not imported but holds data: "Ehepartner" (1 row). Map it to a field (a note line keeps it in the notes) to keep it.');
    await expect
      .poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 })
      .toBe("2 items in the file: 2 to create, 0 to update, 0 to skip.");
    await page.screenshot({ path: screenshotPath("contacts-import-csv-mapping.png"), fullPage: true });
    await dialog.getByTestId("csv-mapping").screenshot({ path: screenshotPath("contacts-import-csv-mapping-table.png") });

    await dialog.getByRole("button", { name: "Import 2 items" }).click();
    await expect.poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 }).toBe("Created 2, updated 0, skipped 0.");
    await page.keyboard.press("Escape");
    const found = await rpc<{ localId: string }[]>(bridge, "search_contacts", { query: "Luzia Feldmann" });
    expect(found).toHaveLength(1);
    const luzia = await rpc<{ fields: Record<string, string> }>(bridge, "get_contact", { id: found[0]?.localId });
    expect([luzia.fields.firstName, luzia.fields.lastName, luzia.fields.email]).toEqual(["Luzia", "Feldmann", "luzia.feldmann@example.de"]);
    expect(luzia.fields.notes).toBe("Firma: Feldmann GmbH");
    // Synced, so the next test counts only its own edits.
    await page.getByRole("main").getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("sync-badge").count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  });

  it("exports the contacts to a vCard file the dialog names, with every contact in it", async () => {
    const all = await rpc<Page1>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 500 });
    const file = path.join(dir, "everyone.vcf");
    const page = await open("Contacts");
    await page.getByRole("button", { name: "Export…" }).click();
    const dialog = page.getByRole("dialog", { name: "Export contacts" });
    const field = dialog.getByLabel("Write to");
    // The suggestion is a dated .vcf in a folder of this machine.
    await expect.poll(() => field.inputValue()).toMatch(/^\/.*\/outpost-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
    await dialog.getByLabel(/CSV/).check();
    expect(await field.inputValue()).toMatch(/\.csv$/);
    await dialog.getByLabel(/vCard/).check();
    await field.fill(file);
    await page.screenshot({ path: screenshotPath("contacts-export.png") });
    await page.keyboard.press("Enter");
    await expect
      .poll(() => dialog.getByTestId("export-result").textContent(), { timeout: 15_000 })
      .toBe(`Wrote ${all.total} contacts to ${file}.`);
    await page.screenshot({ path: screenshotPath("contacts-export-done.png") });

    const text = readFileSync(file, "utf8");
    expect(text.match(/^BEGIN:VCARD\r?$/gm)?.length).toBe(all.total);
    expect(text.match(/^END:VCARD\r?$/gm)?.length).toBe(all.total);
    for (const c of all.items.filter((x) => x.email).slice(0, 5)) expect(text).toContain(c.email as string);
    expect(text).toContain("Rui Quintela");

    // A folder that is not there: the backend's words, and the dialog stays.
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole("button", { name: "Export…" }).click();
    await dialog.getByLabel("Write to").fill(path.join(dir, "no-such-folder", "x.vcf"));
    await dialog.getByRole("button", { name: "Export" }).click();
    await expect.poll(() => dialog.getByTestId("export-error").textContent()).toContain(`cannot write ${path.join(dir, "no-such-folder", "x.vcf")}`);
    await page.close();
  });

  it("imports an .ics into the chosen calendar and exports calendars", async () => {
    const file = path.join(dir, "jobs.ics");
    const start = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    start.setUTCHours(13, 0, 0, 0);
    const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    writeFileSync(
      file,
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Outpost tests//EN",
        "BEGIN:VEVENT",
        "UID:boiler-check-1@example.com",
        `DTSTAMP:${stamp(new Date())}`,
        `DTSTART:${stamp(start)}`,
        `DTEND:${stamp(new Date(start.getTime() + 3600_000))}`,
        "SUMMARY:Imported boiler check",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    const calendars = await rpc<{ localId: string; name: string }[]>(bridge, "list_calendars");
    const van = calendars.find((c) => c.name === "Service van");
    const page = await open("Calendars");
    await page.getByRole("button", { name: "Import…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import calendar entries" });
    await dialog.getByLabel("Into calendar").selectOption({ label: "Service van" });
    await dialog.getByLabel("File", { exact: true }).fill(file);
    await dialog.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 })
      .toBe("1 item in the file: 1 to create, 0 to update, 0 to skip.");
    await page.screenshot({ path: screenshotPath("calendars-import-preview.png") });
    await dialog.getByRole("button", { name: "Import 1 item" }).click();
    await expect.poll(() => dialog.getByTestId("import-summary").textContent(), { timeout: 15_000 }).toBe("Created 1, updated 0, skipped 0.");
    await dialog.getByRole("button", { name: "Close" }).click();
    const items = await rpc<{ title: string; calendarId: string; hasPendingOps: boolean }[]>(bridge, "calendar_window", {
      calendarIds: [],
      from: new Date(start.getTime() - 60_000).toISOString(),
      to: new Date(start.getTime() + 60_000).toISOString(),
    });
    const made = items.find((i) => i.title === "Imported boiler check");
    expect(made?.calendarId).toBe(van?.localId);
    expect(made?.hasPendingOps).toBe(true);
    await expect.poll(() => page.getByTestId("sync-badge").textContent()).toBe("1");

    const out = path.join(dir, "van.ics");
    await page.getByRole("button", { name: "Export…" }).click();
    const exporting = page.getByRole("dialog", { name: "Export calendars" });
    // Which days this computer holds, said before anything is exported: the window the sync pulled.
    const held = await rpc<{ from: string; to: string; syncedAt: string } | null>(bridge, "replica_holds");
    expect(held).not.toBeNull();
    const { from: heldFrom, to: heldTo } = held as { from: string; to: string };
    // Said in the page's locale, as its date fields show them, not as ISO.
    const locale = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().locale);
    const [fromWords, toWords] = [dayWords(heldFrom, locale), dayWords(heldTo, locale)];
    expect(fromWords).not.toBe(heldFrom);
    const re = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect
      .poll(() => exporting.getByTestId("export-held").textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^This computer holds the server's entries from ${re(fromWords)} to ${re(toWords)} \\(synced .+\\), and every series whole\\.$`));
    expect(await exporting.getByTestId("export-outside-held").count()).toBe(0);
    for (const c of calendars.filter((x) => x.name !== "Service van")) await exporting.getByLabel(c.name).uncheck();
    await exporting.getByLabel("Write to").fill(out);
    await page.screenshot({ path: screenshotPath("calendars-export.png") });
    await exporting.getByRole("button", { name: "Export" }).click();
    await expect.poll(() => exporting.getByTestId("export-result").textContent(), { timeout: 15_000 }).toMatch(/^Wrote \d+ entries from 1 calendar to /);
    const ics = readFileSync(out, "utf8");
    expect(ics).toContain("SUMMARY:Imported boiler check");
    expect(ics).toContain("UID:boiler-check-1@example.com");
    expect(ics).not.toContain("SUMMARY:Standup");

    // Only some days: the dialog takes them, writes what lies in them, says what the replica holds.
    await exporting.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Export…" }).click();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const dated = path.join(dir, "van-days.ics");
    for (const c of calendars.filter((x) => x.name !== "Service van")) await exporting.getByLabel(c.name).uncheck();
    // A first day before those held: said at the fields, before exporting.
    const before = new Date(`${heldFrom}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 7);
    await exporting.getByLabel("From", { exact: true }).fill(day(before));
    await exporting.getByLabel("To", { exact: true }).fill(day(start));
    await expect
      .poll(() => exporting.getByTestId("export-outside-held").textContent())
      .toBe(`Entries before ${fromWords} are not on this computer: for those days, only entries made here and recurring series will be exported.`);
    expect(await exporting.getByTestId("export-held").textContent()).toMatch(/^This computer holds the server's entries from /);
    await exporting.screenshot({ path: screenshotPath("calendars-export-held.png") });
    await exporting.getByLabel("From", { exact: true }).fill(day(start));
    await expect.poll(() => exporting.getByTestId("export-outside-held").count()).toBe(0);
    await exporting.getByLabel("Write to").fill(dated);
    await page.screenshot({ path: screenshotPath("calendars-export-dates.png"), fullPage: true });
    await exporting.getByRole("button", { name: "Export" }).click();
    await expect.poll(() => exporting.getByTestId("export-result").textContent(), { timeout: 15_000 }).toMatch(/^Wrote \d+ entr(y|ies) from 1 calendar to /);
    const heldDone = await exporting.getByTestId("export-held").textContent();
    expect(heldDone).toMatch(/^This computer holds the server's entries from .+ to .+ \(synced /);
    expect(heldDone).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: screenshotPath("calendars-export-dates-done.png"), fullPage: true });
    expect(readFileSync(dated, "utf8")).toContain("SUMMARY:Imported boiler check");
    await page.close();
  });
});
