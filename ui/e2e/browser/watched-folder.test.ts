import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

let browser: Browser;
let bridge: RunningBridge;
let inbox: string;

beforeAll(async () => {
  browser = await launchChromium();
  bridge = await startBridge(["--demo"]);
  inbox = mkdtempSync(path.join(os.tmpdir(), "outpost-inbox-"));
  await rpc(bridge, "sync_now");
});

afterAll(async () => {
  await bridge?.stop();
  await browser?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

describe("the watched folder, in the demo", () => {
  it("is chosen in Settings, takes a .vcf dropped there, and says what it did", async () => {
    const before = await rpc<{ total: number }>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(bridge.uiUrl);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
      "Acme Field Services",
    );
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    const card = page.getByRole("region", { name: "Watched folder" });
    await expect.poll(() => card.getByTestId("watch-state").textContent(), { timeout: 15_000 }).toBe("Off");

    // A folder that does not exist: the backend's words at the field.
    await card.getByLabel("Folder").fill(path.join(inbox, "nowhere"));
    await card.getByRole("button", { name: "Save watched folder" }).click();
    await expect.poll(() => card.getByRole("alert").textContent()).toContain("there is no folder");

    await card.getByLabel("Folder").fill(inbox);
    await card.getByLabel("Events of .ics files go into").selectOption({ label: "Team calendar" });
    await card.getByRole("button", { name: "Save watched folder" }).click();
    await expect.poll(() => card.getByTestId("watch-state").textContent()).toBe(`Watching ${inbox}`);
    await expect.poll(() => card.getByText("No file was dropped there yet.").count()).toBe(1);

    writeFileSync(
      path.join(inbox, "card.vcf"),
      ["BEGIN:VCARD", "VERSION:4.0", "FN:Ines Watcher", "N:Watcher;Ines;;;", "EMAIL:ines.watcher@example.com", "END:VCARD", ""].join("\r\n"),
    );
    const report = card.getByTestId("watch-report");
    await expect.poll(() => report.count(), { timeout: 30_000 }).toBe(1);
    expect(await report.textContent()).toContain("card.vcf");
    expect(await report.textContent()).toContain("Created 1, updated 0, skipped 0.");
    // Moved aside into imported/, with the time it was taken in its name, and its report beside it.
    const [taken] = await rpc<{ movedTo: string }[]>(bridge, "watch_reports", {});
    expect(path.dirname(taken?.movedTo ?? "")).toBe(path.join(inbox, "imported"));
    expect(path.basename(taken?.movedTo ?? "")).toMatch(/card\.vcf$/);
    expect(existsSync(taken?.movedTo ?? "")).toBe(true);
    expect(existsSync(path.join(inbox, "card.vcf"))).toBe(false);
    expect(await report.textContent()).toContain(taken?.movedTo ?? "-");
    // The new contact waits to be synced like any edit.
    await expect.poll(() => page.getByTestId("sync-badge").textContent(), { timeout: 15_000 }).toBe("1");
    expect((await rpc<{ total: number }>(bridge, "list_contacts", { sort: "name", offset: 0, limit: 1 })).total).toBe(before.total + 1);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("settings-watched-folder.png"), fullPage: true });

    await card.getByRole("button", { name: "Stop watching" }).click();
    await expect.poll(() => card.getByTestId("watch-state").textContent()).toBe("Off");
    await page.close();
  });
});
