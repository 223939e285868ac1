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

async function open(page: Page, shortcut: string, title: string) {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
    "Acme Field Services",
  );
  // The shortcuts listen from the first effect after the overview shows: press until they do.
  await expect
    .poll(async () => {
      await page.keyboard.press(shortcut);
      return page.getByRole("heading", { level: 1 }).textContent();
    })
    .toBe(title);
}

describe("settings, the directory and contact links, in the demo", () => {
  it("changes the sync interval, which stays after a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await open(page, "Alt+6", "Settings");
    const interval = page.getByLabel("Sync every (minutes)");
    await expect.poll(() => interval.inputValue(), { timeout: 15_000 }).toBe("5");
    await interval.fill("30");
    await page.getByLabel("Days back").fill("30");
    await page.getByRole("button", { name: "Save sync settings" }).click();
    await expect.poll(() => page.getByTestId("settings-saved").textContent()).toBe("Saved.");
    expect(await page.getByTestId("interval-words").textContent()).toBe("Every 30 minutes while the server is reachable");
    expect(await rpc(bridge, "get_sync_settings")).toEqual({ intervalMinutes: 30, entryWindowPastDays: 30, entryWindowFutureDays: 365, verifyEveryHours: 24 });

    // Out of bounds: said at the field, nothing sent.
    await interval.fill("2000");
    await page.getByRole("button", { name: "Save sync settings" }).click();
    await expect.poll(() => page.getByTestId("error-intervalMinutes").textContent()).toBe("a whole number from 0 to 1440");
    expect(await interval.getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: screenshotPath("settings-invalid.png") });

    await page.reload();
    await expect.poll(() => page.getByLabel("Sync every (minutes)").inputValue(), { timeout: 15_000 }).toBe("30");
    expect(await page.getByLabel("Days back").inputValue()).toBe("30");
    await page.screenshot({ path: screenshotPath("settings.png") });

    // Sign out asks first, with the dialog the account menu uses.
    await page.getByRole("main").getByRole("button", { name: "Sign out…" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out" });
    await expect.poll(() => dialog.count()).toBe(1);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.close();
  });

  it("switches the theme at once, and starts in it after a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(bridge.uiUrl);
    await open(page, "Alt+6", "Settings");
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    await page.getByLabel("Dark").check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.screenshot({ path: screenshotPath("settings-dark.png") });

    // The theme is on <html> before the UI's script runs: no light flash at start.
    await page.reload({ waitUntil: "commit" });
    await page.waitForFunction(() => document.body !== null);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await expect.poll(() => page.getByLabel("Dark").isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await background()).toBe(dark);

    // Dark even when the system is light; "system" follows the system again.
    await page.getByLabel("Same as the system").check();
    expect(await background()).toBe(light);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe(dark);
    await page.getByLabel("Light").check();
    expect(await background()).toBe(light);
    await page.getByLabel("Same as the system").check();
    await page.close();
  });

  it("browses the directory, empty until a sync pulls it, and says so; then searches it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await open(page, "Alt+5", "Directory");
    const tabs = page.getByRole("tablist", { name: "Directory" });
    expect(await tabs.getByRole("tab").allTextContents()).toEqual(["Users", "Groups", "Invitations", "Approvals", "Spaces", "Resources"]);
    // Never synced here: nothing yet, and it says why.
    await expect.poll(() => page.getByTestId("directory-empty").textContent(), { timeout: 15_000 }).toContain(
      "fills when a sync fetches it",
    );
    await page.screenshot({ path: screenshotPath("directory-empty.png") });

    await page.getByRole("main").getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("sync-result").textContent(), { timeout: 30_000 }).toMatch(/^Sync done/);
    const users = await rpc<{ name: string }[]>(bridge, "list_directory", { kind: "users" });
    expect(users.length).toBeGreaterThan(1);
    const table = page.getByRole("grid", { name: "Users" });
    await expect.poll(() => table.getByRole("row").count(), { timeout: 30_000 }).toBe(users.length + 1);
    expect(await page.getByTestId("directory-count").textContent()).toBe(`${users.length} users`);
    await page.getByRole("searchbox", { name: "Search users" }).fill("dana adm");
    await expect.poll(() => table.getByRole("row").count()).toBe(2);
    expect(await table.getByRole("row").nth(1).textContent()).toContain("admin@outpost.example");
    await page.keyboard.press("Escape");
    await expect.poll(() => table.getByRole("row").count()).toBe(users.length + 1);
    await table.getByRole("row", { name: /Dana Admin/ }).click();
    await expect.poll(() => page.getByRole("region", { name: "User" }).getByRole("heading", { level: 2 }).textContent()).toBe("Dana Admin");
    await page.screenshot({ path: screenshotPath("directory.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("directory-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // Arrow keys move along the side list of sections; End goes to the last.
    await tabs.getByRole("tab", { name: "Users" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await tabs.getByRole("tab", { name: "Groups" }).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowUp");
    expect(await tabs.getByRole("tab", { name: "Spaces" }).getAttribute("aria-selected")).toBe("true");
    const spaces = await rpc<{ name: string }[]>(bridge, "list_directory", { kind: "spaces" });
    await expect.poll(() => page.getByRole("grid", { name: "Spaces" }).getByRole("row").count()).toBe(spaces.length + 1);
    await page.close();
  });

  it("links a contact to a space from its detail, syncs the link and unlinks it", async () => {
    await rpc(bridge, "sync_now");
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await open(page, "Alt+2", "Contacts");
    await page.getByRole("listbox").getByRole("option").first().click();
    const detail = page.getByRole("region", { name: "Contact" });
    const form = detail.getByRole("form", { name: "Link to" });
    await form.getByLabel("Kind", { exact: true }).selectOption("space");
    await expect.poll(() => form.getByRole("option", { name: "Depot" }).count(), { timeout: 15_000 }).toBe(1);
    await form.getByLabel("Space", { exact: true }).selectOption({ label: "Depot" });
    await form.getByLabel("Primary").check();
    await form.getByRole("button", { name: "Link" }).click();
    const links = detail.getByRole("list", { name: "Links" });
    await expect.poll(() => links.textContent()).toContain("Depot");
    expect(await links.textContent()).toContain("primary");
    expect(await links.textContent()).toContain("Not synced yet");
    await page.screenshot({ path: screenshotPath("contact-links.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("contact-links-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    await page.getByRole("main").getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => links.textContent(), { timeout: 30_000 }).not.toContain("Not synced yet");
    expect(await links.textContent()).toContain("Depot");
    await links.getByRole("button", { name: "Unlink" }).click();
    await expect.poll(() => detail.textContent()).toContain("Not linked to any user, space or resource.");
    await page.close();
  });
});
