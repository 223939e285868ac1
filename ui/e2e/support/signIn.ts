import { expect } from "vitest";
import type { Page } from "playwright-core";

/** Signs in through the sign-in screen, tokens in memory only (no keyring needed), and waits for the tenant's overview. */
export async function signIn(page: Page, serverUrl: string, email: string, password: string, tenant: string) {
  await fillServer(page, serverUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel(/Keep me signed in/).uncheck();
  await page.getByTestId("signin-submit").click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(tenant);
}

/**
 * Signs in a user with two-step verification through the sign-in screen, answering with a
 * backup code (each works once per devserver), and waits for the tenant's overview.
 */
export async function signInWithBackupCode(
  page: Page,
  serverUrl: string,
  email: string,
  password: string,
  backupCode: string,
  tenant: string,
) {
  await fillServer(page, serverUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel(/Keep me signed in/).uncheck();
  await page.getByTestId("signin-submit").click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(
    "Two-step verification",
  );
  await page.getByLabel("Backup code").check();
  await page.getByTestId("second-factor-code").fill(backupCode);
  await page.getByTestId("second-factor-submit").click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(tenant);
}

async function fillServer(page: Page, serverUrl: string) {
  // With servers saved the server is a choice; an address is typed through "Another address…".
  const choice = page.getByRole("combobox", { name: "Server" });
  if (await choice.count()) {
    await choice.selectOption({ label: "Another address…" });
    await page.getByLabel("Address", { exact: true }).fill(serverUrl);
  } else {
    await page.getByLabel("Server").fill(serverUrl);
  }
}
