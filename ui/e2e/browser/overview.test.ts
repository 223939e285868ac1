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

describe("first start, against the demo devserver", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge(["--demo"]);
  });
  afterAll(async () => bridge?.stop());

  it("offers the demo server on the sign-in screen, checks it, and keeps the secret out of the address bar", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    const status = page.getByTestId("server-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/ is ok · version /);
    expect(await page.getByLabel("Server").inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(page.url()).not.toContain(bridge.secret);

    await page.getByTestId("server-check").click();
    await expect.poll(() => status.textContent()).toMatch(/ is ok · version .* ms$/);

    // A reload keeps working: the secret was kept for this tab.
    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/ is ok/);
    await page.screenshot({ path: screenshotPath("signin.png") });
    await page.close();
  });

  it("without the secret, the UI says it has no backend instead of failing silently", async () => {
    const page = await browser.newPage();
    await page.goto(bridge.origin);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("no backend");
    await page.close();
  });
});

describe("sign-in, with the server down", () => {
  it("says in words that the server cannot be reached, and keeps what was typed", async () => {
    const port = await closedPort();
    const bridge = await startBridge([]);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(bridge.uiUrl);
      await page.getByLabel("Server").fill(`http://127.0.0.1:${port}`);
      await page.getByLabel("Email").fill("admin@example.com");
      await page.getByLabel("Password").fill("not-sent-anywhere");
      await page.getByTestId("signin-submit").click();
      const error = page.getByTestId("signin-error");
      await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain("cannot reach the server");
      expect(await page.getByLabel("Email").inputValue()).toBe("admin@example.com");
      await page.screenshot({ path: screenshotPath("signin-offline.png") });
      await page.close();
    } finally {
      await bridge.stop();
    }
  });

  it("refuses plain HTTP to a remote host before sending anything", async () => {
    const bridge = await startBridge([]);
    try {
      const page = await browser.newPage();
      await page.goto(bridge.uiUrl);
      await page.getByLabel("Server").fill("http://api.example.com");
      await page.getByLabel("Email").fill("admin@example.com");
      await page.getByLabel("Password").fill("whatever-it-is");
      await page.getByTestId("signin-submit").click();
      await expect
        .poll(() => page.getByTestId("signin-error").textContent(), { timeout: 15_000 })
        .toContain("HTTPS is required");
      await page.close();
    } finally {
      await bridge.stop();
    }
  });
});
