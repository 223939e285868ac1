import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
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

describe("changes that cannot reach the server", () => {
  it("tells a guest up front that they can only look, and keeps nothing to send", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await signIn(page, server.url, "viewer@outpost.example", "outpost-demo", "Acme Field Services");
    await page.getByRole("link", { name: "Contacts", exact: true }).click();
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "New contact" }).click();
    await page.getByLabel("First name").fill("Refused");
    await page.getByLabel("Last name").fill("Guest");
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect.poll(() => main.textContent()).toMatch(/You are a guest in Acme Field Services/);
    expect(await page.getByTestId("sync-badge").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("contacts-guest-refused.png"), fullPage: true });
    await page.close();
  });

  it("shows an edit the server refuses with its words, retries it, and discards it after asking", async () => {
    const admin = await startBridge([]);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(admin.uiUrl);
      await signIn(page, server.url, "admin@outpost.example", "outpost-demo", "Acme Field Services");
      await rpc(admin, "sync_now");
      const [calendar] = await rpc<{ localId: string }[]>(admin, "list_calendars");
      if (!calendar) throw new Error("the demo tenant has no calendar");
      // An owner the server does not know: Outpost cannot tell offline; the server refuses it.
      await rpc(admin, "create_entry", {
        fields: {
          calendarId: calendar.localId,
          kind: "event",
          title: "Site walk",
          startsAt: "2026-12-14T09:00:00Z",
          endsAt: "2026-12-14T10:00:00Z",
          timezone: "Europe/Berlin",
          ownerUserId: "0190f7a0-0000-7000-8000-00000000dead",
        },
      });
      const main = page.getByRole("main");
      await page.getByRole("link", { name: /Sync center/ }).click();
      await main.getByRole("button", { name: "Sync now" }).click();
      await expect.poll(() => page.getByTestId("sync-state").textContent(), { timeout: 30_000 }).toBe(
        "Needs your attention",
      );
      const op = page.getByRole("listitem", { name: "Create calendar entry Site walk, failed" });
      const said = await op.getByTestId("op-error").textContent();
      expect(said).toMatch(/^The server said: .*ownerUserId/);
      expect(await page.getByTestId("sync-badge").getAttribute("aria-label")).toBe("1 edit not synced, needs attention");
      await page.screenshot({ path: screenshotPath("sync-center-failed-op.png"), fullPage: true });

      // Retry sends it again at the next sync; the server still refuses.
      await op.getByRole("button", { name: "Retry: Create calendar entry Site walk" }).click();
      await expect
        .poll(() => page.getByRole("listitem", { name: "Create calendar entry Site walk, waiting" }).count())
        .toBe(1);
      await main.getByRole("button", { name: "Sync now" }).click();
      await expect.poll(() => op.count(), { timeout: 30_000 }).toBe(1);

      // Discard asks first, then gives the change up: nothing waits any more.
      await op.getByRole("button", { name: "Discard: Create calendar entry Site walk" }).click();
      await op.getByRole("button", { name: "Keep it" }).click();
      expect(await op.count()).toBe(1);
      await op.getByRole("button", { name: "Discard: Create calendar entry Site walk" }).click();
      await op.getByRole("button", { name: "Discard", exact: true }).click();
      await expect.poll(() => main.textContent()).toContain("Nothing waits: every local edit is on the server.");
      await expect.poll(() => page.getByTestId("sync-badge").count()).toBe(0);
      await page.close();
    } finally {
      await admin.stop();
    }
  });
});
