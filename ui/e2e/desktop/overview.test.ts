import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, screenshotPath } from "../support/paths";
import { startTauriDriver, type RunningDriver } from "../support/tauriDriver";
import { WebDriverSession } from "../support/webdriver";

describe("the desktop window, in demo mode", () => {
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

  it("opens signed in to the demo, calls the backend through IPC, and checks again on click", async () => {
    await session.waitForText("h1", (t) => t === "Acme Field Services");
    const first = await session.waitForText('[data-testid="server-status"]', (t) => / is ok · version /.test(t));
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+ is ok · version \S+ · \d+ ms$/);

    await session.click(await session.find('[data-testid="server-check"]'));
    await session.waitForText('[data-testid="server-status"]', (t) => / is ok · /.test(t));

    const png = await session.screenshotPng();
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    writeFileSync(screenshotPath("desktop-overview.png"), png);
  });
});
