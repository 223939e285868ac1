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

describe("the demo, signed in as the demo administrator", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge(["--demo"]);
  });
  afterAll(async () => bridge?.stop());

  it("opens on the tenant's overview, checks the server, and keeps the secret out of the address bar", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
      "Acme Field Services",
    );
    expect(await page.getByTestId("account-email").textContent()).toBe("Dana Admin");
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

  it("switches tenants, and refuses a suspended one", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    const select = page.getByTestId("tenant-select");
    await expect.poll(() => select.inputValue(), { timeout: 15_000 }).not.toBe("");
    const options = await select.locator("option").allTextContents();
    expect(options).toEqual([
      "Acme Field Services · owner · default",
      "Globex Retail · member (suspended)",
      "Northwind Clinics · admin",
    ]);
    expect(await select.locator("option", { hasText: "Globex" }).isDisabled()).toBe(true);
    await select.selectOption({ label: "Northwind Clinics · admin" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Northwind Clinics");
    await page.screenshot({ path: screenshotPath("tenant-switched.png") });
    await select.selectOption({ label: "Acme Field Services · owner · default" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Acme Field Services");
    await page.close();
  });

  it("signs out, refuses a wrong password, and signs in with a second factor", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await page.getByTestId("sign-out").click();
    await page.screenshot({ path: screenshotPath("sign-out-dialog.png") });
    await page.getByTestId("confirm-sign-out").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");

    await page.getByLabel("Email").fill("field.tech@outpost.example");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByTestId("signin-submit").click();
    await expect
      .poll(() => page.getByTestId("signin-error").textContent())
      .toBe("the email or the password is wrong");

    await page.getByLabel("Password").fill("outpost-demo");
    await page.getByTestId("signin-submit").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Two-step verification");
    await page.getByLabel("Backup code").check();
    await page.getByTestId("second-factor-code").fill("XXXX-XXXX-00");
    await page.getByTestId("second-factor-submit").click();
    await expect.poll(() => page.getByTestId("second-factor-error").textContent()).toContain("not accepted");
    await page.screenshot({ path: screenshotPath("second-factor.png") });
    await page.getByTestId("second-factor-code").fill("RQ7M-2KXV-09");
    await page.getByTestId("second-factor-submit").click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe("Acme Field Services");
    expect(await page.getByTestId("account-email").textContent()).toBe("Sam Field");
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
