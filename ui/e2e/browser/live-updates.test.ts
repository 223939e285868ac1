import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { screenshotPath } from "../support/paths";

// Changes made through another channel (a direct call to the backend, as a script or a second
// window makes them) show in an open page without a reload, carried by the bridge's event
// stream; and the page asks for nothing while nothing happens.

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("a page kept current by the backend's events", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge(["--demo"]);
  });
  afterAll(async () => bridge?.stop());

  it("shows a contact made elsewhere, and a tenant switched elsewhere, without reload or polling", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const calls: string[] = [];
    page.on("request", (r: Request) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/rpc/") || url.pathname === "/events") calls.push(url.pathname);
    });
    await page.goto(`${bridge.uiUrl}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe("Acme Field Services");
    await page.getByRole("link", { name: /^Contacts/ }).click();
    const count = page.getByTestId("contacts-count");
    // The bridge's demo starts without a sync: nothing here yet.
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe("0 contacts");

    // Quiet: for five seconds nothing happens, and the page asks for nothing (one stream stays open).
    await page.waitForTimeout(1_000);
    const settled = calls.length;
    await page.waitForTimeout(5_000);
    expect(calls.slice(settled)).toEqual([]);
    expect(calls.filter((c) => c === "/events")).toHaveLength(1);

    // Another channel syncs: the contacts it pulled and the new state show.
    await rpc(bridge, "sync_now");
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toMatch(/^[1-9][\d,]* contacts?$/);
    await expect.poll(() => page.getByTestId("sidebar-sync-state").textContent(), { timeout: 10_000 }).toBe("Up to date");
    const before = Number((await count.textContent())?.replace(/\D/g, ""));

    // Another channel makes a contact: the list, its count and the sync badge follow.
    await rpc(bridge, "create_contact", { fields: { firstName: "Livia", lastName: "Elsewhere" } });
    await expect.poll(() => count.textContent(), { timeout: 5_000 }).toBe(`${(before + 1).toLocaleString("en-US")} contacts`);
    await page.getByRole("searchbox", { name: "Search contacts" }).fill("Livia");
    await expect.poll(() => page.getByRole("listbox", { name: "Search results" }).textContent(), { timeout: 5_000 }).toContain(
      "Livia Elsewhere",
    );
    await expect.poll(() => page.getByTestId("sync-badge").textContent(), { timeout: 5_000 }).toBe("1");
    await page.screenshot({ path: screenshotPath("live-contact-from-elsewhere.png") });

    // Another channel switches the tenant: the page follows, showing nothing of the last one.
    const session = await rpc<{ tenants: { id: string; name: string }[] }>(bridge, "session_state");
    const northwind = session.tenants.find((t) => t.name === "Northwind Clinics");
    expect(northwind).toBeTruthy();
    await rpc(bridge, "use_tenant", { tenantId: northwind?.id });
    await expect.poll(() => page.getByTestId("tenant-select").inputValue(), { timeout: 5_000 }).toBe(northwind?.id);
    await expect.poll(() => page.getByText("Livia Elsewhere").count(), { timeout: 5_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath("live-tenant-switched-elsewhere.png") });
    await page.close();
  });
});
