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

describe("a change the server refuses", () => {
  it("shows the failed op with the server's words, retries it, and discards it after asking", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    // A guest reads everything and may change nothing: the server refuses the edit, Outpost keeps it.
    await signIn(page, server.url, "viewer@outpost.example", "outpost-demo", "Acme Field Services");
    await page.getByRole("link", { name: "Contacts" }).click();
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "New contact" }).click();
    await page.getByLabel("First name").fill("Refused");
    await page.getByLabel("Last name").fill("Guest");
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect.poll(() => page.getByRole("region", { name: "Contact" }).textContent()).toContain("Not synced yet");

    await page.getByRole("link", { name: /Sync center/ }).click();
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("sync-state").textContent(), { timeout: 30_000 }).toBe(
      "Needs your attention",
    );
    const op = page.getByRole("listitem", { name: "Create contact Refused Guest, failed" });
    const said = await op.getByTestId("op-error").textContent();
    expect(said).toMatch(/^The server said: \S/);
    expect(await page.getByTestId("sync-badge").getAttribute("aria-label")).toBe("1 edit not synced, needs attention");
    await page.screenshot({ path: screenshotPath("sync-center-failed-op.png"), fullPage: true });

    // Retry sends it again at the next sync; the server still refuses.
    await op.getByRole("button", { name: "Retry: Create contact Refused Guest" }).click();
    await expect.poll(() => page.getByRole("listitem", { name: "Create contact Refused Guest, waiting" }).count()).toBe(1);
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => op.count(), { timeout: 30_000 }).toBe(1);

    // Discard asks first, then gives the change up: nothing waits and the contact is gone.
    await op.getByRole("button", { name: "Discard: Create contact Refused Guest" }).click();
    await op.getByRole("button", { name: "Keep it" }).click();
    expect(await op.count()).toBe(1);
    await op.getByRole("button", { name: "Discard: Create contact Refused Guest" }).click();
    await op.getByRole("button", { name: "Discard", exact: true }).click();
    await expect.poll(() => main.textContent()).toContain("Nothing waits: every local edit is on the server.");
    await expect.poll(() => page.getByTestId("sync-badge").count()).toBe(0);
    await page.getByRole("link", { name: "Contacts" }).click();
    await page.getByLabel("Search contacts").fill("refused guest");
    await expect.poll(() => main.textContent()).toContain("No contact matches “refused guest”.");
    await page.close();
  });
});
