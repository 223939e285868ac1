import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { startDevserver, type RunningDevserver } from "../support/devserver";
import { screenshotPath } from "../support/paths";
import { signIn } from "../support/signIn";

let browser: Browser;
let bridge: RunningBridge;
let server: RunningDevserver;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startDevserver();
  bridge = await startBridge([]);
});

afterAll(async () => {
  await bridge?.stop();
  await server?.kill();
  await browser?.close();
});

describe("working offline", () => {
  it("keeps edits local when the server goes away, says so in a banner, and counts what waits", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await signIn(page, server.url, "admin@outpost.example", "outpost-demo", "Acme Field Services");

    await page.keyboard.press("Alt+2");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("contacts-count").textContent(), { timeout: 30_000 }).toBe("40 contacts");
    expect(await page.getByTestId("offline-banner").count()).toBe(0);

    await server.kill();
    await main.getByRole("button", { name: "New contact" }).click();
    await page.getByLabel("First name").fill("Offline");
    await page.getByLabel("Last name").fill("Edit");
    await page.getByRole("button", { name: "Create contact" }).click();
    const detail = page.getByRole("region", { name: "Contact" });
    await expect.poll(() => detail.textContent()).toContain("Not synced yet");

    // F5 syncs (and does not reload the page).
    await page.keyboard.press("F5");
    const banner = page.getByTestId("offline-banner");
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
    expect(await banner.textContent()).toContain("Your edits are kept on this computer");
    // The banner can come from the health probe while the run started by F5 is still trying.
    await expect.poll(() => page.getByTestId("sync-result").textContent(), { timeout: 30_000 }).toMatch(/^Sync failed: /);
    expect(await page.getByTestId("sidebar-sync-state").textContent()).toBe("Offline");
    expect(await page.getByTestId("sync-badge").textContent()).toBe("1");
    expect(await detail.textContent()).toContain("Not synced yet");
    await page.screenshot({ path: screenshotPath("contacts-offline.png") });

    await page.keyboard.press("Alt+3");
    await expect.poll(() => page.getByTestId("sync-state").textContent()).toBe(
      "Offline: edits wait until the server can be reached",
    );
    await expect.poll(() => page.getByRole("list", { name: "Outbox" }).textContent()).toContain(
      "Create contact Offline Edit",
    );
    await page.screenshot({ path: screenshotPath("sync-center-offline.png"), fullPage: true });
    await page.close();
  });
});
