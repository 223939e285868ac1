import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type RunningBridge } from "../support/bridge";
import { rpc } from "../support/api";
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

async function openContacts(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bridge.uiUrl);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
    "Acme Field Services",
  );
  await page.getByRole("link", { name: "Contacts", exact: true }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Contacts");
  expect(page.url()).toMatch(/#contacts$/);
  return page;
}

const main = (page: Page) => page.getByRole("main");
const options = (page: Page) => page.getByRole("listbox").getByRole("option");

describe("contacts, in the demo", () => {
  it("fetches the tenant's contacts with the first sync, searches as you type, creates one and syncs it", async () => {
    const page = await openContacts();
    // Nothing is local before the first sync.
    await expect.poll(() => main(page).textContent(), { timeout: 15_000 }).toContain("this tenant was never synced on this computer");
    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("contacts-count").textContent(), { timeout: 30_000 }).toBe("40 contacts");
    await expect.poll(() => page.getByTestId("sync-result").textContent()).toMatch(/^Sync done\. Sent 0 changes, fetched \d+ records/);
    expect(await options(page).count()).toBeGreaterThan(5);
    // Virtualized: far fewer rows in the page than contacts.
    expect(await options(page).count()).toBeLessThan(40);
    expect(await options(page).first().getAttribute("aria-setsize")).toBe("40");

    // "/" jumps to the search box; results narrow with every letter typed.
    await page.getByRole("listbox").click();
    await page.keyboard.press("/");
    const search = page.getByLabel("Search contacts");
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.pressSequentially("a", { delay: 30 });
    await expect.poll(() => page.getByTestId("contacts-count").textContent()).toMatch(/^\d+ match/);
    const broad = Number((await page.getByTestId("contacts-count").textContent())?.split(" ")[0]);
    await search.pressSequentially("nna", { delay: 30 });
    await expect
      .poll(async () => Number((await page.getByTestId("contacts-count").textContent())?.split(" ")[0]))
      .toBeLessThan(broad);
    const names = await options(page).locator(".contact-row-name").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^Anna /);
    await search.fill("zzzz-nobody");
    await expect.poll(() => main(page).textContent()).toContain("No contact matches “zzzz-nobody”.");
    await search.fill("");

    // Ctrl+K finds the search box from anywhere too.
    await page.getByRole("listbox").focus();
    await page.keyboard.press("Control+k");
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

    // A new contact (Ctrl+N), made offline-first: it is local, marked, and counted in the badge.
    await page.keyboard.press("Control+n");
    await expect.poll(() => page.getByRole("heading", { name: "New contact" }).count()).toBe(1);
    expect(await page.getByLabel("First name").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel("First name").fill("Ana");
    await page.getByLabel("Last name").fill("Lima");
    await page.getByLabel("Email", { exact: true }).fill("ana.lima@example.com");
    await page.getByLabel("Phone").fill("+351 22 000 0000");
    await page.getByLabel("Street").fill("Rua das Flores");
    await page.getByLabel("Number").fill("12");
    await page.getByLabel("Postal code").fill("4050-262");
    await page.getByLabel("City").fill("Porto");
    await page.getByLabel("Country").fill("Portugal");
    await page.getByLabel("Notes").fill("Met at the Porto fair.");
    await page.screenshot({ path: screenshotPath("contacts-new.png") });
    await page.getByRole("button", { name: "Create contact" }).click();
    const detail = page.getByRole("region", { name: "Contact" });
    await expect.poll(() => detail.getByRole("heading", { level: 2 }).textContent()).toBe("Ana Lima");
    expect(await detail.textContent()).toContain("Not synced yet");
    expect(await detail.getByTestId("contact-facts").textContent()).toContain("Rua das Flores 12, 4050-262 Porto, Portugal");
    await expect.poll(() => page.getByTestId("sync-badge").textContent()).toBe("1");
    await search.fill("ana lim");
    await expect.poll(() => options(page).first().textContent()).toContain("Ana Lima");
    expect(await options(page).first().textContent()).toContain("Not synced yet");
    await page.screenshot({ path: screenshotPath("contacts-not-synced.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("contacts-not-synced-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => detail.textContent(), { timeout: 30_000 }).toContain("On the server");
    expect(await detail.textContent()).not.toContain("Not synced yet");
    await expect.poll(() => options(page).first().textContent()).not.toContain("Not synced yet");
    await expect.poll(() => page.getByTestId("sync-badge").count()).toBe(0);
    // The badge empties as soon as the edit is sent (pushed live); the run goes on pulling.
    await expect.poll(() => page.getByTestId("sync-result").textContent(), { timeout: 30_000 }).toMatch(/^Sync done\. Sent 1 change/);
    await search.fill("");
    await expect.poll(() => page.getByTestId("contacts-count").textContent()).toBe("41 contacts");
    await page.screenshot({ path: screenshotPath("contacts.png") });
    await page.close();
  });

  it("shows the backend's objection next to the field it is about", async () => {
    await rpc(bridge, "sync_now");
    const page = await openContacts();
    await expect.poll(() => options(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // By keyboard alone: Tab from the search box past the sort selector to the list, arrows to
    // choose a contact, Tab to its Edit button.
    await page.getByLabel("Search contacts").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.getByRole("listbox").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => options(page).first().getAttribute("aria-selected")).toBe("true");
    const detail = page.getByRole("region", { name: "Contact" });
    await expect.poll(() => detail.getByRole("button", { name: "Edit" }).count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await detail.getByRole("button", { name: "Edit" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    const email = page.getByLabel("Email", { exact: true });
    await email.fill("not an email");
    await page.getByRole("button", { name: "Save changes" }).click();
    const error = page.getByTestId("error-email");
    await expect.poll(() => error.textContent()).toMatch(/email/i);
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.getAttribute("aria-describedby")).toBe(await error.getAttribute("id"));
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: screenshotPath("contacts-invalid-email.png") });
    // Nothing was saved: Escape leaves the editor and the contact has no pending change.
    await page.keyboard.press("Escape");
    await expect.poll(() => detail.getByRole("button", { name: "Edit" }).count()).toBe(1);
    expect(await detail.textContent()).not.toContain("Not synced yet");
    await page.close();
  });

  it("deletes a contact after asking", async () => {
    await rpc(bridge, "create_contact", { fields: { firstName: "Temporary", lastName: "Person" } });
    await rpc(bridge, "sync_now");
    const page = await openContacts();
    await page.getByLabel("Search contacts").fill("temporary pers");
    await expect.poll(() => options(page).count(), { timeout: 15_000 }).toBe(1);
    await options(page).first().click();
    const detail = page.getByRole("region", { name: "Contact" });
    await detail.getByRole("button", { name: "Delete…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Temporary Person?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await detail.getByRole("button", { name: "Delete…" }).click();
    await page.screenshot({ path: screenshotPath("contacts-delete-dialog.png") });
    await dialog.getByRole("button", { name: "Delete contact" }).click();
    await expect.poll(() => main(page).textContent()).toContain("No contact matches “temporary pers”.");
    await expect.poll(() => page.getByTestId("sync-badge").textContent()).toBe("1");
    await page.close();
  });
});
