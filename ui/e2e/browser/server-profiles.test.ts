import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { startDevserver, type RunningDevserver } from "../support/devserver";
import { screenshotPath } from "../support/paths";

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

describe("server profiles on the sign-in screen", () => {
  it("adds a server (the backend's objection at the field first), then signs in through it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(bridge.uiUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe("Sign in");
    // No server saved yet: a plain address field.
    expect(await page.getByRole("combobox", { name: "Server" }).count()).toBe(0);

    await page.getByRole("button", { name: "Servers…" }).click();
    const dialog = page.getByRole("dialog", { name: "Servers" });
    expect(await dialog.getByTestId("no-servers").textContent()).toContain("No server is saved yet");
    const form = dialog.getByRole("form", { name: "Add a server" });
    await form.getByLabel("Name").fill("Field devserver");
    await form.getByLabel("Address").fill("http://devserver.example.com");
    await form.getByRole("button", { name: "Add server" }).click();
    await expect.poll(() => form.getByRole("alert").textContent(), { timeout: 10_000 }).toContain("HTTPS is required");
    expect(await form.getByLabel("Address").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: screenshotPath("signin-servers-error.png") });

    await form.getByLabel("Address").fill(server.url);
    await form.getByRole("button", { name: "Add server" }).click();
    const saved = dialog.getByRole("list", { name: "Saved servers" });
    await expect.poll(() => saved.textContent()).toContain("Field devserver");
    expect(await form.getByRole("alert").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("signin-servers.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("signin-servers-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await dialog.getByRole("button", { name: "Done" }).click();

    // The server just added is chosen, by name with its address.
    const select = page.getByRole("combobox", { name: "Server" });
    await expect.poll(() => select.inputValue()).toBe("Field devserver");
    expect(await select.locator("option").allTextContents()).toEqual([
      `Field devserver — ${server.url.replace(/\/$/, "")}`,
      "Another address…",
    ]);
    await expect.poll(() => page.getByTestId("server-status").textContent(), { timeout: 15_000 }).toMatch(/ is ok · version /);
    await page.screenshot({ path: screenshotPath("signin-profile.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("signin-profile-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    await page.getByLabel("Email").fill("admin@outpost.example");
    await page.getByLabel("Password").fill("outpost-demo");
    await page.getByLabel(/Keep me signed in/).uncheck();
    await page.getByTestId("signin-submit").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
      "Acme Field Services",
    );
    const session = await rpc<{ activeAccount: { serverUrl: string } }>(bridge, "session_state", {});
    expect(session.activeAccount.serverUrl.replace(/\/$/, "")).toBe(server.url.replace(/\/$/, ""));
    // Signing in through the profile added no second one for the same address.
    expect(await rpc<{ name: string }[]>(bridge, "list_servers", {})).toHaveLength(1);
    await page.close();
  });
});
