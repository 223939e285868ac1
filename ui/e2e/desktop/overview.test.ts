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

  /** The field's value once it has one. */
  async function waitForValue(css: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await session.execute<string>(`return document.querySelector(arguments[0])?.value ?? "";`, [css]);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for a value in ${css}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Real key events into an element (WebDriver "Element Send Keys"), which WebDriverSession does not offer. */
  async function sendKeys(element: string, text: string): Promise<void> {
    const response = await fetch(`${driver.url}/session/${session.id}/element/${element}/value`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text }),
    });
    if (!response.ok) throw new Error(`WebDriver send keys: ${response.status} ${await response.text()}`);
  }

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

  // The native file dialog itself is GTK's, out of WebDriver's reach: this checks that the real
  // window (Tauri IPC, not the bridge) offers it beside the typed path, reachable by Tab.
  it("offers Choose… beside the path in the contacts import dialog", async () => {
    await session.click(await session.find('a[href="#contacts"]'));
    await session.waitForText("h1", (t) => t === "Contacts");
    const opener = await session.execute<Record<string, string>>(
      `return [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Import…");`,
    );
    await session.click(Object.values(opener)[0] as string);
    const choose = await session.find('dialog[open] button[aria-label="Choose file…"]');
    expect(await session.text(choose)).toBe("Choose…");

    const layout = await session.execute<{ field: string; focused: string; beside: boolean; shown: boolean; enabled: boolean }>(
      `const dialog = document.querySelector("dialog[open]");
       const field = [...dialog.querySelectorAll("input")].find((i) => i.labels?.[0]?.textContent === "File");
       const button = dialog.querySelector('button[aria-label="Choose file…"]');
       const f = field.getBoundingClientRect(), b = button.getBoundingClientRect();
       return {
         field: field.id,
         focused: document.activeElement?.id ?? "",
         beside: b.left >= f.right && Math.abs(b.top + b.height / 2 - (f.top + f.height / 2)) < 4,
         shown: b.width > 0 && b.height > 0,
         enabled: !button.disabled,
       };`,
    );
    // The dialog opens with the focus in the field, the button on the same line to its right.
    expect(layout).toMatchObject({ focused: layout.field, beside: true, shown: true, enabled: true });
    // The field fills in with the suggested folder once the backend has named it.
    const suggested = await waitForValue(`[id="${layout.field}"]`);
    expect(suggested).toMatch(/^\/.+\/$/);

    // A real Tab key from the field lands on the button.
    await sendKeys(await session.find(`[id="${layout.field}"]`), "\uE004");
    expect(await session.execute<string | null>(`return document.activeElement?.getAttribute("aria-label") ?? null;`)).toBe("Choose file…");

    // WebKit paints the focus ring a frame later than the focus moves.
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(screenshotPath("desktop-contacts-import-choose.png"), await session.screenshotPng());
  });
});
