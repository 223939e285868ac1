import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { addFault, clearFaults, startDevserver, type RunningDevserver } from "../support/devserver";
import { screenshotPath } from "../support/paths";
import { signIn } from "../support/signIn";

let browser: Browser;
let bridge: RunningBridge;
let server: RunningDevserver;

beforeAll(async () => {
  browser = await launchChromium();
  // A devserver with fault injection, made slow below so a sync lasts long enough to stop.
  server = await startDevserver(["--faults"]);
  bridge = await startBridge([]);
});

afterAll(async () => {
  await bridge?.stop();
  await server?.kill();
  await browser?.close();
});

const main = (page: Page) => page.getByRole("main");
const state = (page: Page) => page.getByTestId("sync-state").textContent();

interface Run {
  outcome: string;
  report: { details: { code?: string } | null };
}

describe("stopping a sync", () => {
  it("shows a slow sync's progress, stops it from the keyboard, and sends the edits with the next sync", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(bridge.uiUrl);
    await signIn(page, server.url, "admin@outpost.example", "outpost-demo", "Acme Field Services");
    for (const firstName of ["Stopped", "Waiting"]) {
      await rpc(bridge, "create_contact", { fields: { firstName, lastName: "Edit" } });
    }
    await addFault(server, { method: "*", path: "/api/v1/secure/*", kind: "latency", latencyMs: 1000 });
    // The creates themselves take far longer, so the run is still sending them when it is
    // stopped, however fast this machine is: with only the second above, a quick machine
    // had sent both before Stop was pressed, and the state after it was rightly "Up to date".
    await addFault(server, { method: "POST", path: "/api/v1/secure/contacts", kind: "latency", latencyMs: 20_000 });
    // Edits made behind the window's back: a reload reads the status at once.
    await page.reload();
    await expect.poll(() => page.getByTestId("sync-badge").textContent(), { timeout: 15_000 }).toBe("2");

    await page.keyboard.press("Alt+3");
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("Edits waiting to be sent");
    expect(await main(page).getByTestId("sync-stop").count()).toBe(0);
    await main(page).getByRole("button", { name: "Sync now" }).click();

    // The run says where it is, in the sync center and in the navigation.
    const progress = main(page).getByTestId("sync-progress");
    await expect.poll(() => progress.count(), { timeout: 15_000 }).toBe(1);
    expect(await progress.textContent()).toMatch(/^(Sending \d+ of 2 edits|Receiving (contacts|calendars|the directory)…?)/);
    await expect.poll(() => page.getByTestId("sidebar-sync-state").textContent()).toMatch(/Syncing…(Sending|Receiving)/);
    await page.screenshot({ path: screenshotPath("sync-center-progress.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("sync-center-progress-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // The overview's sync card follows the same run, with its own Stop.
    await page.keyboard.press("Alt+1");
    const card = page.getByRole("region", { name: "Sync" });
    await expect.poll(() => card.getByTestId("sync-progress").count(), { timeout: 10_000 }).toBe(1);
    expect(await card.getByRole("button", { name: "Stop the sync" }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("overview-sync-progress.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("overview-sync-progress-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.keyboard.press("Alt+3");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sync center");

    // Stop, from the keyboard.
    await main(page).getByRole("button", { name: "Stop the sync" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => main(page).getByTestId("sync-stop").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => main(page).getByTestId("sync-result").textContent(), { timeout: 15_000 }).toContain(
      "Sync stopped.",
    );
    // The stopped run's result may be shown before the status is read again: wait for it.
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("Edits waiting to be sent");
    expect(await main(page).getByRole("alert").count()).toBe(0);
    await expect.poll(() => page.getByTestId("sync-badge").textContent(), { timeout: 15_000 }).toBe("2");
    const outbox = page.getByRole("list", { name: "Outbox" });
    await expect.poll(() => outbox.textContent()).toContain("Create contact Stopped Edit");
    expect(await outbox.textContent()).toContain("Create contact Waiting Edit");
    const history = await rpc<Run[]>(bridge, "sync_history", { limit: 1 });
    expect(history[0]?.report.details?.code).toBe("cancelled");
    await expect
      .poll(() => page.getByRole("table", { name: "Sync history" }).getByRole("row").nth(1).textContent())
      .toContain("stopped");
    await page.screenshot({ path: screenshotPath("sync-center-stopped.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("sync-center-stopped-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    // Nothing was lost: the next sync sends both.
    await clearFaults(server);
    await main(page).getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => state(page), { timeout: 30_000 }).toBe("Up to date");
    expect(await page.getByTestId("sync-badge").count()).toBe(0);
    const found = await rpc<{ displayName: string; serverId: string | null }[]>(bridge, "search_contacts", {
      query: "Edit",
    });
    const ours = found.filter((c) => ["Stopped Edit", "Waiting Edit"].includes(c.displayName));
    expect(ours).toHaveLength(2);
    expect(ours.every((c) => c.serverId)).toBe(true);
    await page.close();
  });
});
