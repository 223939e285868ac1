import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("overview, against the demo devserver", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge(["--demo"]);
  });
  afterAll(async () => bridge?.stop());

  it("shows the server's health, checks again on click, and keeps the secret out of the address bar", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    const status = page.getByTestId("server-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/ is ok · version /);
    expect(page.url()).not.toContain(bridge.secret);

    await page.getByTestId("server-check").click();
    await expect.poll(() => status.textContent()).toMatch(/ is ok · version .* ms$/);
    await expect.poll(() => page.getByTestId("about").textContent()).toContain("Replica schema");

    // A reload keeps working: the secret was kept for this tab.
    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/ is ok/);
    await page.screenshot({ path: screenshotPath("overview.png") });
    await page.close();
  });

  it("without the secret, the UI says it has no backend instead of failing silently", async () => {
    const page = await browser.newPage();
    await page.goto(bridge.origin);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("no backend");
    await page.close();
  });
});

describe("overview, with the server down", () => {
  it("says in words that the server cannot be reached", async () => {
    const port = await closedPort();
    const bridge = await startBridge(["--server", `http://127.0.0.1:${port}`]);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(bridge.uiUrl);
      const status = page.getByTestId("server-status");
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain("cannot reach the server");
      expect(await status.textContent()).toContain("(offline)");
      await page.screenshot({ path: screenshotPath("overview-offline.png") });
      await page.close();
    } finally {
      await bridge.stop();
    }
  });
});
