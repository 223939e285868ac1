import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

const MANY = 10_000;

let browser: Browser;
let bridge: RunningBridge;

beforeAll(async () => {
  browser = await launchChromium();
  bridge = await startBridge(["--demo"]);
  // Local contacts, never synced: a hundred pages of the list.
  for (let start = 0; start < MANY; start += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        rpc(bridge, "create_contact", {
          fields: { firstName: `Bulk${String(start + i).padStart(5, "0")}`, lastName: "Zz" },
        }),
      ),
    );
  }
}, 180_000);

afterAll(async () => {
  await bridge?.stop();
  await browser?.close();
});

describe("a long contact list", () => {
  it("renders only what is on screen and loads the pages it scrolls to", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${bridge.uiUrl}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
      "Acme Field Services",
    );
    await page.getByRole("link", { name: "Contacts", exact: true }).click();
    await expect.poll(() => page.getByTestId("contacts-count").textContent(), { timeout: 15_000 }).toBe(
      `${MANY.toLocaleString("en-US")} contacts`,
    );
    const list = page.getByRole("listbox", { name: "Contacts" });
    const rendered = () => list.getByRole("option").count();
    expect(await rendered()).toBeLessThan(40);

    // End jumps to the last contact; its page is fetched and shown.
    await list.focus();
    await page.keyboard.press("End");
    await expect
      .poll(() => list.getByRole("option", { selected: true }).allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(`Bulk${String(MANY - 1).padStart(5, "0")} Zz`)]);
    expect(await rendered()).toBeLessThan(40);
    // The middle, by scrolling.
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(() => list.getByText(`Bulk${String(MANY / 2).padStart(5, "0")} Zz`).count()).toBeGreaterThan(0);
    expect(await list.locator('[aria-busy="true"]').count()).toBe(0);
    // The badge stays small; its label says the exact number.
    expect(await page.getByTestId("sync-badge").textContent()).toBe("999+");
    expect(await page.getByTestId("sync-badge").getAttribute("aria-label")).toBe("10,000 edits not synced");
    await page.screenshot({ path: screenshotPath("contacts-many.png") });
    await page.close();
  });
});
