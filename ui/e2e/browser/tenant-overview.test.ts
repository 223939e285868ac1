import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

let browser: Browser;
let bridge: RunningBridge;

beforeAll(async () => {
  browser = await launchChromium();
  bridge = await startBridge(["--demo"]);
});

afterAll(async () => {
  await bridge?.stop();
  await browser?.close();
});

interface Item {
  entryId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  calendarId: string;
  seriesId: string | null;
  instanceDate: string | null;
}

const DAY = 24 * 3600 * 1000;

async function openOverview(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, timezoneId: "Europe/Berlin" });
  await page.goto(bridge.uiUrl);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
    "Acme Field Services",
  );
  return page;
}

const tileValue = (page: Page, id: string) => page.getByTestId(`count-${id}`).locator(".count-value").textContent();

describe("the tenant's overview, in the demo", () => {
  it("opens first, syncs from its Sync now, and counts and lists what the demo holds", async () => {
    const page = await openOverview();
    // The overview is the first screen, before any sync: it says so and offers Sync now.
    expect(page.url()).not.toMatch(/#(contacts|calendars|sync|directory|settings)/);
    const sync = page.getByRole("region", { name: "Sync" });
    await expect.poll(() => sync.getByTestId("overview-sync-state").textContent(), { timeout: 15_000 }).toBe("Not synced yet");
    await expect.poll(() => page.getByTestId("upcoming-empty").textContent()).toContain("never synced on this computer");
    expect(await tileValue(page, "contacts")).toBe("0");
    await page.screenshot({ path: screenshotPath("overview-never-synced.png") });

    await sync.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => sync.getByTestId("overview-sync-state").textContent(), { timeout: 30_000 }).toBe("Up to date");
    expect(await sync.getByTestId("overview-last-success").textContent()).not.toContain("never");
    expect(await sync.getByTestId("overview-waiting").textContent()).toBe("0");

    // The counts are the backend's own.
    const contacts = await rpc<{ total: number }>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 });
    const calendars = await rpc<{ localId: string; name: string }[]>(bridge, "list_calendars");
    expect(contacts.total).toBe(40);
    expect(calendars).toHaveLength(4);
    await expect.poll(() => tileValue(page, "contacts")).toBe("40");
    await expect.poll(() => tileValue(page, "calendars")).toBe("4");
    for (const kind of ["users", "groups", "spaces", "resources"]) {
      const listed = await rpc<unknown[]>(bridge, "list_directory", { kind });
      expect(listed.length, kind).toBeGreaterThan(0);
      await expect.poll(() => tileValue(page, kind), { message: kind }).toBe(String(listed.length));
    }

    // The coming week's entries are the backend's: every one well inside the week is listed, with its calendar.
    const now = Date.now();
    const week = await rpc<Item[]>(bridge, "calendar_window", {
      calendarIds: [],
      from: new Date(now - 60_000).toISOString(),
      to: new Date(now + 7 * DAY + 60_000).toISOString(),
    });
    const inside = week.filter((i) => Date.parse(i.endsAt) > now + 5 * 60_000 && Date.parse(i.startsAt) < now + 7 * DAY - 5 * 60_000);
    // The demo's standup alone comes three times a week.
    expect(inside.length).toBeGreaterThanOrEqual(3);
    const rows = page.getByTestId("upcoming-entry");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(inside.length);
    const shown = await rows.count();
    expect(shown).toBeLessThanOrEqual(week.length);
    expect(await tileValue(page, "upcoming")).toBe(String(shown));
    const texts = await rows.allTextContents();
    const names = new Map(calendars.map((c) => [c.localId, c.name]));
    for (const item of inside.filter((i) => !i.instanceDate || i.title !== "Standup").slice(0, 8)) {
      expect(texts.some((t) => t.includes(item.title)), item.title).toBe(true);
    }
    const standups = texts.filter((t) => t.includes("Standup"));
    expect(standups.length).toBeGreaterThanOrEqual(inside.filter((i) => i.title.startsWith("Standup")).length);
    expect(names.get(week.find((i) => i.title === "Standup")?.calendarId ?? "")).toBe("Team calendar");
    for (const t of standups) expect(t).toContain("Team calendar");
    // Times are the computer's (Berlin here), as HH:mm–HH:mm; the demo's standup is at 09:00 Berlin.
    for (const t of standups.filter((s) => !s.includes("afternoon"))) expect(t).toMatch(/^09:00–09:15Standup/);
    await page.screenshot({ path: screenshotPath("overview.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("overview-dark.png"), fullPage: true });
    await page.close();
  });

  it("opens an upcoming entry in the calendars screen, and is back on Alt+1", async () => {
    await rpc(bridge, "sync_now");
    // A one-off entry made here the day after tomorrow: listed at once, marked as not synced yet.
    const calendars = await rpc<{ localId: string; name: string }[]>(bridge, "list_calendars");
    const team = calendars.find((c) => c.name === "Team calendar");
    const start = new Date(Date.now() + 2 * DAY);
    start.setUTCHours(12, 0, 0, 0);
    await rpc(bridge, "create_entry", {
      fields: {
        calendarId: team?.localId,
        kind: "event",
        title: "Boiler walkthrough",
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        timezone: "Europe/Berlin",
      },
    });
    const page = await openOverview();
    const rows = page.getByTestId("upcoming-entry");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // A series' occurrence asks first, as a click in the calendar does.
    const standup = rows.filter({ hasText: "Standup" }).first();
    await standup.click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Calendars");
    const scope = page.getByRole("dialog", { name: "Edit Standup" });
    await expect.poll(() => scope.count(), { timeout: 15_000 }).toBe(1);
    // The request left the address bar: a reload would not open it again.
    expect(page.url()).toMatch(/#calendars$/);
    await scope.getByRole("button", { name: "This occurrence" }).click();
    const editor = page.getByRole("dialog", { name: "Edit this occurrence" });
    await expect.poll(() => editor.getByLabel("Title").inputValue(), { timeout: 15_000 }).toBe("Standup");
    // The calendar shows that week.
    await expect.poll(() => page.locator(".fc-timeGridWeek-view").count()).toBe(1);
    await page.screenshot({ path: screenshotPath("overview-opened-entry.png") });

    await expect
      .poll(async () => {
        await page.keyboard.press("Alt+1");
        return page.getByRole("heading", { level: 1 }).textContent();
      })
      .toBe("Acme Field Services");
    expect(page.url()).toMatch(/#overview$/);

    // A one-off entry opens straight in the editor.
    const oneOff = rows.filter({ hasText: "Boiler walkthrough" });
    // The calendar's name joins the row once the calendars are read, which may come after the entries.
    await expect.poll(() => oneOff.textContent(), { timeout: 15_000 }).toContain("Team calendar");
    expect(await oneOff.textContent()).toContain("Not synced yet");
    await oneOff.click();
    const entryEditor = page.getByRole("dialog", { name: "Edit entry" });
    await expect.poll(() => entryEditor.getByLabel("Title").inputValue(), { timeout: 15_000 }).toBe("Boiler walkthrough");
    expect(await entryEditor.textContent()).toContain("Not synced yet");
    await page.close();
  });

  it("is the first screen after signing in again, whatever screen was open at sign-out", async () => {
    const page = await openOverview();
    await page.getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Settings");
    await page.getByTestId("sign-out").click();
    await page.getByTestId("confirm-sign-out").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await page.getByLabel("Email").fill("admin@outpost.example");
    await page.getByLabel("Password").fill("outpost-demo");
    await page.getByTestId("signin-submit").click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe("Acme Field Services");
    expect(page.url()).toMatch(/#overview$/);
    await expect.poll(() => page.getByTestId("count-contacts").count()).toBe(1);
    await page.close();
  });
});
