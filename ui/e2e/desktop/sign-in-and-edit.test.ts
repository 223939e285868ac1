import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevserver, type RunningDevserver } from "../support/devserver";
import { binary, screenshotPath } from "../support/paths";
import { startTauriDriver, type RunningDriver } from "../support/tauriDriver";
import { WebDriverSession } from "../support/webdriver";

// The demo's administrator (crates/devserver/src/demo.rs).
const ADMIN_EMAIL = "admin@outpost.example";
const ADMIN_PASSWORD = "outpost-demo";
const TENANT = "Acme Field Services";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

// Not in demo mode: the real window with a fresh data folder, told of a devserver on loopback
// (OUTPOST_SERVER), signs in through its sign-in screen, makes a contact offline-first and syncs it;
// the devserver's own API then has the contact.
describe("the desktop window, signing in and making one edit", () => {
  let devserver: RunningDevserver;
  let dataDir: string;
  let driver: RunningDriver;
  let session: WebDriverSession;

  beforeAll(async () => {
    devserver = await startDevserver();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "outpost-desktop-e2e-"));
    driver = await startTauriDriver({
      OUTPOST_DATA_DIR: dataDir,
      OUTPOST_SERVER: devserver.url,
      // Sign-in below is not remembered, so tokens stay in memory; the kernel keyring either
      // works or fails at once (a Secret Service started on demand could wait on a prompt).
      OUTPOST_KEYRING: "kernel",
    });
    session = await WebDriverSession.create(driver.url, {
      browserName: "wry",
      "tauri:options": { application: binary("outpost-desktop"), args: [] },
    });
  });

  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await driver?.stop();
    await devserver?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A W3C WebDriver request on this session, for what WebDriverSession does not offer. */
  async function wd(method: string, route: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${driver.url}/session/${session.id}${route}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { value: unknown };
    if (!response.ok) throw new Error(`WebDriver ${method} ${route}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async function byXPath(xpath: string): Promise<string> {
    const value = (await wd("POST", "/element", { using: "xpath", value: xpath })) as Record<string, string>;
    const id = value[ELEMENT];
    if (!id) throw new Error(`no element for ${xpath}`);
    return id;
  }

  /** Types into a field with real key events, as a user would. */
  async function type(css: string, text: string): Promise<void> {
    const element = await session.find(css);
    await session.click(element);
    await wd("POST", `/element/${element}/value`, { text });
  }

  async function value(css: string): Promise<string | boolean> {
    return session.execute<string | boolean>(
      `const el = document.querySelector(arguments[0]); return el.type === "checkbox" ? el.checked : el.value;`,
      [css],
    );
  }

  /** The text of the first element matching `css`, read in the page: WebKitWebDriver answers ""
   * for the list's rows (absolutely placed and transformed by the virtualizer). */
  async function textOf(css: string): Promise<string> {
    return session.execute<string>(`return document.querySelector(arguments[0])?.innerText ?? "";`, [css]);
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The tenant's contacts as the devserver has them, read by another session of the administrator. */
  async function contactsOnServer(): Promise<Record<string, unknown>[]> {
    const server = devserver.url.replace(/\/$/, "");
    const login = await fetch(`${server}/api/v1/public/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const tokens = (await login.json()) as { accessToken?: string };
    if (!login.ok || !tokens.accessToken) throw new Error(`devserver sign-in failed: ${JSON.stringify(tokens)}`);
    const auth = { Authorization: `Bearer ${tokens.accessToken}` };
    const tenants = (await (await fetch(`${server}/api/v1/secure/auth/tenants`, { headers: auth })).json()) as {
      data: { tenantId: string; tenantName: string }[];
    };
    const tenantId = tenants.data.find((t) => t.tenantName === TENANT)?.tenantId;
    if (!tenantId) throw new Error(`no tenant ${TENANT} on the devserver: ${JSON.stringify(tenants)}`);
    const all: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += 200) {
      const response = await fetch(`${server}/api/v1/secure/contacts?limit=200&offset=${offset}`, {
        headers: { ...auth, "X-Tenant-ID": tenantId },
      });
      const page = (await response.json()) as {
        data: Record<string, unknown>[];
        pagination: { hasMore: boolean };
      };
      if (!response.ok) throw new Error(`GET contacts: ${response.status} ${JSON.stringify(page)}`);
      all.push(...page.data);
      if (!page.pagination.hasMore) return all;
    }
  }

  it("signs in on the sign-in screen, creates a contact, and syncs it to the server", async () => {
    // A fresh data folder: nobody is signed in, and the server this app was started with is offered.
    await session.waitForText("h1", (t) => t === "Sign in");
    await waitFor("the server field to hold OUTPOST_SERVER", async () => (await value('input[name="server"]')) === devserver.url);
    await session.waitForText('[data-testid="server-status"]', (t) => / is ok · version /.test(t));

    await type('input[name="email"]', ADMIN_EMAIL);
    await type('input[name="password"]', ADMIN_PASSWORD);
    // Not remembered: the tokens stay in this run's memory, no keyring needed.
    const remember = '.signin-card input[type="checkbox"]';
    expect(await value(remember)).toBe(true);
    await session.click(await session.find(remember));
    await waitFor("keep-me-signed-in to be unchecked", async () => (await value(remember)) === false);
    expect(await value('input[name="email"]')).toBe(ADMIN_EMAIL);
    expect(await value('input[name="password"]')).toBe(ADMIN_PASSWORD);
    writeFileSync(screenshotPath("desktop-sign-in.png"), await session.screenshotPng());

    await session.click(await session.find('[data-testid="signin-submit"]'));
    await session.waitForText("h1", (t) => t === TENANT);

    // Contacts: nothing local before the first sync, then the tenant's contacts.
    await session.click(await session.find('a[href="#contacts"]'));
    await session.waitForText("h1", (t) => t === "Contacts");
    await session.waitForText(".contacts-list-pane", (t) => t.includes("never synced on this computer"));
    const before = (await contactsOnServer()).length;
    expect(before).toBeGreaterThan(0);
    await session.click(await session.find('[data-testid="sync-now"]'));
    await session.waitForText('[data-testid="sync-result"]', (t) => /^Sync done\. Sent 0 changes/.test(t));
    await session.waitForText('[data-testid="contacts-count"]', (t) => t === `${before} contacts`);

    // A new contact, made offline-first: local, marked as not synced yet, not on the server.
    await session.click(await byXPath('//button[normalize-space()="New contact"]'));
    await session.waitForText("#contact-editor-title", (t) => t === "New contact");
    await type("#contact-firstName", "Wanda");
    await type("#contact-lastName", "Windowsill");
    await type("#contact-email", "wanda.windowsill@example.com");
    await session.click(await session.find('form.contact-editor button[type="submit"]'));
    await session.waitForText("#contact-detail-name", (t) => t === "Wanda Windowsill");
    await session.waitForText(".contact-detail", (t) => t.includes("Not synced yet"));
    await session.waitForText('[data-testid="sync-badge"]', (t) => t === "1");
    await type('input[aria-label="Search contacts"]', "Windowsill");
    const row = '[data-testid="contact-list"] [role="option"]';
    await waitFor("the new contact in the list", async () => (await textOf(row)).includes("Wanda Windowsill"));
    expect(await textOf(row)).toContain("Not synced yet");
    expect((await contactsOnServer()).some((c) => c.last_name === "Windowsill")).toBe(false);

    // Sync: the mark goes, and the server has the contact.
    await session.click(await session.find('[data-testid="sync-now"]'));
    await session.waitForText('[data-testid="sync-result"]', (t) => /^Sync done\. Sent 1 change/.test(t));
    await session.waitForText(".contact-detail", (t) => t.includes("On the server") && !t.includes("Not synced yet"));
    await waitFor("the list to show the contact synced", async () => {
      const text = await textOf(row);
      return text.includes("Wanda Windowsill") && !text.includes("Not synced yet");
    });
    await waitFor("the sync badge to go", async () =>
      session.execute<boolean>(`return document.querySelector('[data-testid="sync-badge"]') === null;`),
    );
    writeFileSync(screenshotPath("desktop-contact-synced.png"), await session.screenshotPng());

    const onServer = await contactsOnServer();
    expect(onServer.length).toBe(before + 1);
    const made = onServer.filter((c) => c.last_name === "Windowsill");
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ first_name: "Wanda", last_name: "Windowsill", email: "wanda.windowsill@example.com" });
  });
});
