import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, screenshotPath } from "../support/paths";
import { startTauriDriver, type RunningDriver } from "../support/tauriDriver";
import { WebDriverSession } from "../support/webdriver";

// In the desktop window the sync state comes from the shell's `outpost-event` events (syncStatus);
// the window never asks on a timer. An edit made behind the UI's back (straight through IPC, so
// no screen asks for the status afterwards) must still show within moments, each time.
describe("the desktop window's sync state, pushed by the shell", () => {
  let driver: RunningDriver;
  let session: WebDriverSession;

  beforeAll(async () => {
    driver = await startTauriDriver();
    session = await WebDriverSession.create(driver.url, {
      browserName: "wry",
      "tauri:options": { application: binary("outpost-desktop"), args: ["--demo"] },
    });
  });

  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await driver?.stop();
  });

  async function createContactBehindTheUi(firstName: string) {
    await session.execute(
      `return window.__TAURI_INTERNALS__.invoke("call", { command: "create_contact", args: { fields: { firstName: arguments[0], lastName: "Pushed" } } }).then(() => true);`,
      [firstName],
    );
  }

  it("follows edits made behind its back within moments, one after another", async () => {
    await session.waitForText("h1", (t) => t === "Acme Field Services");
    // The demo syncs in as it opens; wait until that run is over.
    await session.waitForText('[data-testid="sidebar-sync-state"]', (t) => t === "Up to date", 60_000);

    // Only a pushed status can follow these in time: nothing asks.
    for (const [n, name] of ["Ana", "Ben", "Caro"].entries()) {
      await createContactBehindTheUi(name);
      const badge = await session.waitForText('[data-testid="sync-badge"]', (t) => t === String(n + 1), 4_000);
      expect(badge).toBe(String(n + 1));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await session.waitForText('[data-testid="sidebar-sync-state"]', (t) => t === "Edits waiting to be sent");
    writeFileSync(screenshotPath("desktop-pushed-status.png"), await session.screenshotPng());
  });
});
