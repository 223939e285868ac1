import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformAs, rpc } from "../support/api";
import { startBridge, type RunningBridge } from "../support/bridge";
import { launchChromium } from "../support/browser";
import { addFault, clearFaults, startDevserver, type RunningDevserver } from "../support/devserver";
import { screenshotPath } from "../support/paths";
import { signIn, signInWithBackupCode } from "../support/signIn";

let browser: Browser;
let server: RunningDevserver;

beforeAll(async () => {
  browser = await launchChromium();
  // With fault injection: dropping every API request is the server out of reach.
  server = await startDevserver(["--faults"]);
});

afterAll(async () => {
  await server?.kill();
  await browser?.close();
});

const INVITED = "rosa.quinn@example.com";

/** Lets a sync run that is still retrying settle (at most a few seconds), so a screenshot shows the screen at rest. */
async function settle(page: Page) {
  for (let i = 0; i < 20 && (await page.getByRole("main").getByRole("button", { name: "Stop" }).count()) > 0; i++) {
    await page.waitForTimeout(250);
  }
}

async function openSection(page: Page, name: "Invitations" | "Approvals") {
  await page.keyboard.press("Alt+5");
  await page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
}

describe("the administration area, as the tenant's owner", () => {
  let bridge: RunningBridge;
  let page: Page;
  beforeAll(async () => {
    bridge = await startBridge([]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await page?.close();
    await bridge?.stop();
  });

  it("invites someone offline; one sync sends the invitation, and the server has it once", async () => {
    // Signed in here, not in beforeAll: waiting for the overview polls, which only a test may.
    await page.goto(bridge.uiUrl);
    await signIn(page, server.url, "admin@outpost.example", "outpost-demo", "Acme Field Services");
    await openSection(page, "Invitations");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    // The demo's four: two open, one revoked, one expired.
    await expect.poll(() => page.getByTestId("invitations-count").textContent(), { timeout: 30_000 }).toBe("4 invitations");
    // The whole run over (it goes on to calendars and contacts), so the cut below meets no run under way.
    await expect.poll(() => page.getByTestId("sync-result").textContent(), { timeout: 30_000 }).toMatch(/^Sync done/);
    const table = page.getByRole("grid", { name: "Invitations" });
    const statusOf = (email: string) => table.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) }).getByTestId("invitation-status");
    expect(await statusOf("wrong.address@acme-field.example").textContent()).toBe("Revoked");
    expect(await statusOf("never.came@acme-field.example").textContent()).toBe("Expired");

    await addFault(server, { method: "*", path: "/api/*", kind: "drop" });
    await main.getByRole("button", { name: "Invite someone" }).click();
    const pane = page.getByRole("region", { name: "Invitation" });
    await pane.getByLabel("Email address").fill(INVITED);
    await pane.getByLabel("Role on joining").selectOption("admin");
    await pane.getByLabel("Personal message (optional)").fill("Welcome to the night shift.");
    await pane.getByLabel("Open for (hours)").fill("72");
    await pane.getByRole("button", { name: "Invite", exact: true }).click();
    await expect.poll(() => pane.getByRole("heading", { level: 2 }).textContent()).toBe(INVITED);
    expect(await pane.getByTestId("invitation-status").textContent()).toBe("Not sent yet");
    expect(await pane.getByTestId("sync-mark").textContent()).toBe("Not synced yet");
    await expect.poll(() => statusOf(INVITED).textContent()).toBe("Not sent yet");

    // A sync while the server is out of reach: the screen says where the invitation is.
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect
      .poll(() => page.getByTestId("invitations-offline").textContent(), { timeout: 30_000 })
      .toContain("wait for the next sync");
    await settle(page);
    await page.screenshot({ path: screenshotPath("directory-invitations-offline.png") });

    await clearFaults(server);
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => pane.getByTestId("invitation-status").textContent(), { timeout: 30_000 }).toBe("Sent");
    await expect.poll(() => pane.getByTestId("sync-mark").count(), { timeout: 30_000 }).toBe(0);
    expect(await pane.getByText("On the server", { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("invitations-offline").count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId("invitations-count").textContent()).toBe("5 invitations");
    await page.screenshot({ path: screenshotPath("directory-invitations.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("directory-invitations-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // On the server, as another session of the administrator sees it: the invitation once.
    const platform = await platformAs(bridge, "admin@outpost.example", "outpost-demo");
    const listed = (await platform.request("GET", "/api/v1/secure/invitations?limit=200")).data as {
      recipient_email: string | null;
      role: string;
      status: string;
      personal_message: string | null;
    }[];
    const ours = listed.filter((i) => i.recipient_email === INVITED);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ role: "admin", status: "sent", personal_message: "Welcome to the night shift." });
    const outbox = await rpc<{ entity: string }[]>(bridge, "list_outbox");
    expect(outbox.filter((op) => op.entity === "invitation")).toEqual([]);

    // Revoked behind a confirmation: marked until the sync, then revoked on the server too.
    await pane.getByRole("button", { name: "Revoke…" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke the invitation to ${INVITED}?` });
    await dialog.getByRole("button", { name: "Revoke invitation" }).click();
    await expect.poll(() => statusOf(INVITED).textContent()).toBe("Revoked here");
    expect(await pane.getByTestId("invitation-revoking").textContent()).toContain("next sync");
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => statusOf(INVITED).textContent(), { timeout: 30_000 }).toBe("Revoked");
    await expect.poll(() => statusOf(INVITED).locator("xpath=ancestor::*[@role='row']").getByTestId("sync-mark").count()).toBe(0);
    const after = (await platform.request("GET", "/api/v1/secure/invitations?limit=200")).data as typeof listed;
    expect(after.filter((i) => i.recipient_email === INVITED).map((i) => i.status)).toEqual(["revoked"]);
  });

  it("approves the waiting request; after the sync the server has it approved", async () => {
    await openSection(page, "Approvals");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    const table = page.getByRole("grid", { name: "Approval requests" });
    const row = table.getByRole("row", { name: /Survey drone/ });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("sync-result").textContent(), { timeout: 30_000 }).toMatch(/^Sync done/);
    expect(await page.getByTestId("approvals-waiting-badge").textContent()).toBe("1");

    // Offline again: the decision waits here.
    await addFault(server, { method: "*", path: "/api/*", kind: "drop" });
    await row.click();
    const pane = page.getByRole("region", { name: "Approval request" });
    await pane.getByRole("button", { name: "Approve…" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve Survey drone?" });
    await dialog.getByLabel("Comment (optional)").fill("Insurance checked; fly safe.");
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(() => pane.getByTestId("approval-decision").textContent()).toBe("approved here");
    expect(await pane.getByTestId("approval-status").textContent()).toBe("Waiting");
    await expect.poll(() => row.getByTestId("sync-mark").textContent()).toBe("Not synced yet");
    await expect.poll(() => page.getByTestId("approvals-waiting-badge").count()).toBe(0);
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect
      .poll(() => page.getByTestId("approvals-offline").textContent(), { timeout: 30_000 })
      .toContain("wait for the next sync");
    await settle(page);
    await page.screenshot({ path: screenshotPath("directory-approvals.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("directory-approvals-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    await clearFaults(server);
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => pane.getByTestId("approval-status").textContent(), { timeout: 30_000 }).toBe("Approved");
    await expect.poll(() => pane.getByTestId("approval-waiting").count(), { timeout: 30_000 }).toBe(0);
    expect(await pane.getByRole("button", { name: "Approve…" }).isDisabled()).toBe(true);
    // Decided, it leaves the queue of waiting requests.
    await expect.poll(() => page.getByTestId("approvals-count").textContent()).toMatch(/^0 waiting of \d+ requests?$/);
    await page.screenshot({ path: screenshotPath("directory-approvals-synced.png") });

    const platform = await platformAs(bridge, "admin@outpost.example", "outpost-demo");
    const listed = (await platform.request("GET", "/api/v1/secure/approvals?limit=200")).data as {
      entity_name: string;
      status: string;
    }[];
    expect(listed.filter((a) => a.entity_name === "Survey drone").map((a) => a.status)).toEqual(["approved"]);
    const outbox = await rpc<{ entity: string }[]>(bridge, "list_outbox");
    expect(outbox.filter((op) => op.entity === "approval")).toEqual([]);
  });
});

describe("the administration area, for a member of the tenant", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge([]);
  });
  afterAll(async () => bridge?.stop());

  it("shows the field technician invitations and approvals with the controls off, and why", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await signInWithBackupCode(page, server.url, "field.tech@outpost.example", "outpost-demo", "RQ7M-2KXV-09", "Acme Field Services");
    await openSection(page, "Invitations");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect
      .poll(() => page.getByTestId("invitations-read-only").textContent(), { timeout: 30_000 })
      .toBe(
        "You are a member in Acme Field Services: only owners and admins can invite people, resend or revoke invitations (ask an administrator).",
      );
    expect(await main.getByRole("button", { name: "Invite someone" }).isDisabled()).toBe(true);
    await openSection(page, "Approvals");
    expect(await page.getByTestId("approvals-read-only").textContent()).toContain("only owners and admins can approve or reject requests");
    // What the disabled controls spare the user: the backend's own refusal.
    const refusal = await rpc(bridge, "invite", { fields: { recipient_email: "x@example.com" } }).then(
      () => "accepted",
      (e: unknown) => String(e),
    );
    expect(refusal).toContain('"code":"read_only"');
    await page.close();
  });
});
