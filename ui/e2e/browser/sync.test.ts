import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformAs, rpc } from "../support/api";
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

const main = (page: Page) => page.getByRole("main");
const state = (page: Page) => page.getByTestId("sync-state").textContent();

interface Summary {
  localId: string;
  serverId: string | null;
  displayName: string;
  phone: string | null;
}

describe("the sync center, in the demo", () => {
  it("shows a conflict made by an edit on the server side by side, resolves it per field, and ends up to date", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(bridge.uiUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
      "Acme Field Services",
    );
    // Alt+3 opens the sync center.
    await page.keyboard.press("Alt+3");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sync center");
    expect(page.url()).toMatch(/#sync$/);
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("Not synced yet");
    expect(await page.getByTestId("last-success").textContent()).toBe("Last successful sync: never");
    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => state(page), { timeout: 30_000 }).toBe("Up to date");
    expect(await page.getByTestId("last-success").textContent()).not.toContain("never");

    const first = (await rpc<{ items: Summary[] }>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 }))
      .items[0] as Summary;
    expect(first.serverId).toBeTruthy();
    const before = first.phone;

    // Edit the phone here (in the contacts screen, reached with Alt+2) ...
    await page.keyboard.press("Alt+2");
    await page.getByRole("listbox").getByRole("option").first().click();
    const detail = page.getByRole("region", { name: "Contact" });
    await detail.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Phone").fill("+49 30 1111111");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => detail.textContent()).toContain("Not synced yet");

    // ... and the same field on the server, as a colleague would.
    const platform = await platformAs(bridge, "admin@outpost.example", "outpost-demo");
    await platform.request("PATCH", `/api/v1/secure/contacts/${first.serverId}`, { phone: "+49 30 2222222" });

    await page.getByRole("link", { name: /Sync center/ }).click();
    const outbox = page.getByRole("list", { name: "Outbox" });
    await expect.poll(() => outbox.textContent()).toContain(`Edit contact ${first.displayName}`);
    expect(await state(page)).toBe("Edits waiting to be sent");
    await page.screenshot({ path: screenshotPath("sync-center-pending.png"), fullPage: true });

    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => state(page), { timeout: 30_000 }).toBe("Needs your attention");
    expect(await page.getByTestId("sync-result").textContent()).toContain("1 conflict");
    const conflict = page.getByRole("article", { name: `Contact ${first.displayName}` });
    expect(await conflict.textContent()).toContain("Changed here and on the server");
    const row = conflict.getByRole("row", { name: /^Phone/ });
    expect(await row.getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining([before, "+49 30 1111111", "+49 30 2222222"]),
    );
    const headers = await conflict.getByRole("columnheader").allTextContents();
    expect(headers.slice(0, 4)).toEqual(["Field", "Before", "Mine (this computer)", "Theirs (the server)"]);
    expect(await page.getByTestId("sync-badge").textContent()).toBe("1");
    await page.screenshot({ path: screenshotPath("sync-center-conflict.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("sync-center-conflict-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    // Take the server's phone for this field.
    await conflict.getByRole("group", { name: "Keep which Phone" }).getByLabel("Theirs").check();
    await conflict.getByRole("button", { name: "Use my choices" }).click();
    await expect.poll(() => conflict.count()).toBe(0);

    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => state(page), { timeout: 30_000 }).toBe("Up to date");
    await expect.poll(() => page.getByTestId("sync-badge").count()).toBe(0);
    expect(await main(page).textContent()).toContain("Nothing waits: every local edit is on the server.");
    const record = await rpc<{ fields: Record<string, unknown>; hasPendingOps: boolean }>(bridge, "get_contact", {
      id: first.localId,
    });
    expect(record.fields.phone).toBe("+49 30 2222222");
    expect(record.hasPendingOps).toBe(false);
    const history = page.getByRole("table", { name: "Sync history" }).getByRole("row");
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: screenshotPath("sync-center.png"), fullPage: true });
    await page.close();
  });
});
