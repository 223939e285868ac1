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

const NAME = "Night shift crew";

async function openGroupsTab(page: Page) {
  await page.keyboard.press("Alt+5");
  await page.getByRole("tab", { name: "Groups" }).click();
}

describe("groups, administered offline", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge([]);
  });
  afterAll(async () => bridge?.stop());

  it("creates a group and adds two members offline; one sync puts each on the server once", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await signIn(page, server.url, "admin@outpost.example", "outpost-demo", "Acme Field Services");
    await openGroupsTab(page);
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("groups-count").textContent(), { timeout: 30_000 }).toBe("3 groups");

    await addFault(server, { method: "*", path: "/api/*", kind: "drop" });
    await main.getByRole("button", { name: "New group" }).click();
    const pane = page.getByRole("region", { name: "Group" });
    await pane.getByLabel("Name").fill(NAME);
    await pane.getByLabel("Description").fill("Covers the calls from 22:00 to 06:00");
    await pane.getByLabel("Permission code to add").fill("calendar:read");
    await pane.getByLabel("Permission code to add").press("Enter");
    await pane.getByRole("button", { name: "Create group" }).click();
    await expect.poll(() => pane.getByRole("heading", { level: 2 }).textContent()).toBe(NAME);
    expect(await pane.getByTestId("sync-mark").first().textContent()).toBe("Not synced yet");

    const picker = pane.getByRole("combobox", { name: "Add member" });
    for (const who of ["Sam Field", "Vic Viewer"]) {
      await picker.fill(who.split(" ")[0] ?? who);
      await pane.getByRole("listbox", { name: "Users to add" }).getByText(who).click();
      await expect.poll(() => pane.getByRole("list", { name: `Members of ${NAME}` }).textContent()).toContain(who);
    }
    const members = pane.getByRole("list", { name: `Members of ${NAME}` }).getByRole("listitem");
    expect(await members.count()).toBe(2);
    expect(await members.getByTestId("sync-mark").allTextContents()).toEqual(["Not synced yet", "Not synced yet"]);
    const row = page.getByRole("listbox", { name: "Groups" }).getByRole("option", { name: new RegExp(NAME) });
    await expect.poll(() => row.getByTestId("group-member-count").textContent()).toBe("2 members");
    expect(await row.getByTestId("sync-mark").textContent()).toBe("Not synced yet");

    // A sync while the server is out of reach: the screen says where the changes are.
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect
      .poll(() => page.getByTestId("groups-offline").textContent(), { timeout: 30_000 })
      .toContain("wait for the next sync");
    await page.screenshot({ path: screenshotPath("directory-groups-offline.png") });

    await clearFaults(server);
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => pane.getByText("On the server").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => pane.getByTestId("sync-mark").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("groups-offline").count(), { timeout: 30_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath("directory-groups.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: screenshotPath("directory-groups-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // On the server, as another session of the administrator sees it: the group once, both members once.
    const platform = await platformAs(bridge, "admin@outpost.example", "outpost-demo");
    const listed = (await platform.request("GET", "/api/v1/secure/groups?limit=200")).data as {
      id: string;
      name: string;
      description: string | null;
      permissions: string[];
    }[];
    const ours = listed.filter((g) => g.name === NAME);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.permissions).toEqual(["calendar:read"]);
    const inGroup = (await platform.request("GET", `/api/v1/secure/groups/${ours[0]?.id}/members`)).data as {
      email: string;
    }[];
    expect(inGroup.map((m) => m.email).sort()).toEqual(["field.tech@outpost.example", "viewer@outpost.example"]);

    // And the replica has nothing left to send for them.
    const outbox = await rpc<{ entity: string }[]>(bridge, "list_outbox");
    expect(outbox.filter((op) => op.entity === "group" || op.entity === "group_member")).toEqual([]);
    await page.close();
  });
});

describe("groups, for a member of the tenant", () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge([]);
  });
  afterAll(async () => bridge?.stop());

  it("shows the field technician the groups with the edit controls off, and the backend refuses the edit", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.uiUrl);
    await signInWithBackupCode(page, server.url, "field.tech@outpost.example", "outpost-demo", "TB4N-8WZL-17", "Acme Field Services");
    await openGroupsTab(page);
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByTestId("groups-count").textContent(), { timeout: 30_000 }).toMatch(/^\d+ groups$/);

    const note = page.getByTestId("groups-read-only");
    expect(await note.textContent()).toBe(
      "You are a member in Acme Field Services: only owners and admins can change groups and their members (ask an administrator).",
    );
    expect(await main.getByRole("button", { name: "New group" }).isDisabled()).toBe(true);
    await page.getByRole("listbox", { name: "Groups" }).getByRole("option").first().click();
    const pane = page.getByRole("region", { name: "Group" });
    expect(await pane.getByRole("button", { name: "Edit" }).isDisabled()).toBe(true);
    expect(await pane.getByRole("button", { name: "Delete…" }).isDisabled()).toBe(true);
    expect(await pane.getByRole("combobox", { name: "Add member" }).isDisabled()).toBe(true);

    // What the disabled controls spare the user: the backend's own refusal, in the same words.
    const refusal = await rpc(bridge, "create_group", { fields: { name: "Not allowed" } }).then(
      () => "accepted",
      (e: unknown) => String(e),
    );
    expect(refusal).toContain('"code":"read_only"');
    expect(refusal).toContain("You are a member in Acme Field Services: only owners and admins can create groups");
    await page.screenshot({ path: screenshotPath("directory-groups-member.png") });
    await page.close();
  });
});
