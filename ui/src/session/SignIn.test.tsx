import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError, type Call } from "../api/transport";
import type { Account, ServerProfile, SessionState } from "../generated/bindings";
import { fakeCall, type Handlers } from "../testing/fakeCall";
import { SessionProvider } from "./SessionContext";
import { SignIn } from "./SignIn";

function account(serverUrl: string): Account {
  return {
    id: "a1",
    serverUrl,
    email: "dana@example.com",
    userId: "u1",
    displayName: "Dana",
    activeTenantId: null,
    createdAt: "2026-01-01T00:00:00Z",
  };
}

function session(activeAccount: Account | null = null): SessionState {
  return {
    accounts: activeAccount ? [activeAccount] : [],
    activeAccount,
    signedIn: false,
    tenants: [],
    activeTenant: null,
    pendingSecondFactor: null,
    keyring: null,
  };
}

/** A backend holding `start` as its profiles, checking names and addresses as the real one does. */
function serversBackend(start: ServerProfile[], extra: Handlers = {}, active: Account | null = null) {
  let profiles = [...start];
  const sorted = () => [...profiles].sort((a, b) => a.name.localeCompare(b.name));
  const invalid = (field: string, message: string) => new CommandError({ code: "validation", message, details: { field } });
  return fakeCall({
    session_state: () => session(active),
    app_info: () => ({ version: "1", dataDir: "/tmp", replicaSchema: 9, serverUrl: null, demo: false }),
    server_health: ({ serverUrl }) => ({ serverUrl: serverUrl ?? "", status: "ok", version: "1.0", latencyMs: 3 }),
    list_servers: () => sorted(),
    save_server: ({ name, url, replaces }) => {
      if (url.startsWith("http://") && !url.includes("127.0.0.1")) throw invalid("url", "HTTPS is required for remote servers");
      const others = profiles.filter((p) => p.name !== replaces);
      if (others.some((p) => p.name.toLowerCase() === name.toLowerCase()))
        throw invalid("name", `a server profile is already named "${name}"`);
      profiles = [...others, { name, url: url.replace(/\/$/, "") }];
      return sorted();
    },
    remove_server: ({ name }) => {
      profiles = profiles.filter((p) => p.name !== name);
      return sorted();
    },
    ...extra,
  });
}

function renderSignIn(call: Call) {
  return render(
    <CallProvider call={call}>
      <SessionProvider>
        <SignIn />
      </SessionProvider>
    </CallProvider>,
  );
}

const PROD = { name: "Production", url: "https://api.example.com" };
const LOCAL = { name: "Local", url: "http://127.0.0.1:8787" };

function serverSelect() {
  return screen.getByRole("combobox", { name: "Server" }) as HTMLSelectElement;
}

async function fillAndSubmit() {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "dana@example.com" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret" } });
  await act(async () => fireEvent.click(screen.getByTestId("signin-submit")));
}

describe("sign-in with server profiles", () => {
  it("offers a plain address field while no server is saved", async () => {
    const { call } = serversBackend([]);
    renderSignIn(call);
    const field = await screen.findByRole("textbox", { name: "Server" });
    expect(screen.queryByRole("combobox", { name: "Server" })).toBeNull();
    fireEvent.click(screen.getByTestId("manage-servers"));
    expect((await screen.findByTestId("no-servers")).textContent).toContain("No server is saved yet");
    expect((field as HTMLInputElement).value).toBe("");
  });

  it("lists the saved servers by name with their address, the last used one chosen", async () => {
    const { call, calls } = serversBackend([PROD, LOCAL], {}, account("http://127.0.0.1:8787/"));
    renderSignIn(call);
    await waitFor(() => expect(serverSelect().value).toBe("Local"));
    const options = within(serverSelect()).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["Local — http://127.0.0.1:8787", "Production — https://api.example.com", "Another address…"]);
    expect(screen.queryByRole("textbox", { name: "Address" })).toBeNull();

    fireEvent.change(serverSelect(), { target: { value: "Production" } });
    await waitFor(() => expect(calls("server_health").at(-1)).toEqual({ serverUrl: "https://api.example.com" }));
    await fillAndSubmit();
    expect(calls("sign_in")[0]).toMatchObject({ serverUrl: "https://api.example.com", email: "dana@example.com" });
  });

  it("takes a typed address through Another address…", async () => {
    const { call, calls } = serversBackend([PROD]);
    renderSignIn(call);
    // Nothing used before: the first saved server is offered.
    await waitFor(() => expect(serverSelect().value).toBe("Production"));
    fireEvent.change(serverSelect(), { target: { value: "" } });
    const address = screen.getByRole("textbox", { name: "Address" });
    expect((address as HTMLInputElement).value).toBe("");
    fireEvent.change(address, { target: { value: "https://other.example.org" } });
    await fillAndSubmit();
    expect(calls("sign_in")[0]).toMatchObject({ serverUrl: "https://other.example.org" });
  });

  it("adds a server, showing the backend's objection at the address, and chooses the new one", async () => {
    const { call, calls } = serversBackend([]);
    renderSignIn(call);
    await screen.findByRole("textbox", { name: "Server" });
    screen.getByTestId("manage-servers").focus();
    fireEvent.click(screen.getByTestId("manage-servers"));
    const form = await screen.findByRole("form", { name: "Add a server" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Staging" } });
    const url = within(form).getByLabelText("Address");
    fireEvent.change(url, { target: { value: "http://staging.example.com" } });
    await act(async () => fireEvent.click(within(form).getByRole("button", { name: "Add server" })));
    const problem = await within(form).findByRole("alert");
    expect(problem.textContent).toBe("HTTPS is required for remote servers");
    expect(url.getAttribute("aria-invalid")).toBe("true");
    expect(url.getAttribute("aria-describedby")).toBe(problem.id);
    expect(within(form).getByLabelText("Name").getAttribute("aria-invalid")).toBe("false");

    fireEvent.change(url, { target: { value: "https://staging.example.com/" } });
    await act(async () => fireEvent.click(within(form).getByRole("button", { name: "Add server" })));
    const list = await screen.findByRole("list", { name: "Saved servers" });
    expect(list.textContent).toContain("Staging");
    expect(list.textContent).toContain("https://staging.example.com");
    expect(within(form).queryByRole("alert")).toBeNull();
    expect(calls("save_server")).toHaveLength(2);
    screen.getByRole("button", { name: "Done" }).focus();
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    // Focus is back on the button that opened the dialog.
    expect(document.activeElement).toBe(screen.getByTestId("manage-servers"));
    // The new server is the one chosen for sign-in.
    await waitFor(() => expect(serverSelect().value).toBe("Staging"));
  });

  it("refuses a duplicate name at the name field, renames, and removes", async () => {
    const { call, calls } = serversBackend([PROD, LOCAL]);
    renderSignIn(call);
    await waitFor(() => expect(serverSelect().value).toBe("Local"));
    fireEvent.click(screen.getByTestId("manage-servers"));
    fireEvent.click(await screen.findByRole("button", { name: "Change Local" }));
    const form = screen.getByRole("form", { name: "Change Local" });
    const name = within(form).getByLabelText("Name");
    fireEvent.change(name, { target: { value: "production" } });
    await act(async () => fireEvent.click(within(form).getByRole("button", { name: "Save" })));
    expect((await within(form).findByRole("alert")).textContent).toBe('a server profile is already named "production"');
    expect(name.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(name, { target: { value: "Laptop devserver" } });
    await act(async () => fireEvent.click(within(form).getByRole("button", { name: "Save" })));
    expect(calls("save_server").at(-1)).toEqual({ name: "Laptop devserver", url: "http://127.0.0.1:8787", replaces: "Local" });
    const list = screen.getByRole("list", { name: "Saved servers" });
    await waitFor(() => expect(list.textContent).toContain("Laptop devserver"));

    await act(async () => fireEvent.click(within(list).getByRole("button", { name: "Remove Production" })));
    expect(calls("remove_server")).toEqual([{ name: "Production" }]);
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    // The renamed server is still the one chosen.
    await waitFor(() => expect(serverSelect().value).toBe("Laptop devserver"));
  });

  it("says why the servers cannot be read or removed", async () => {
    const damaged = new CommandError({ code: "servers_damaged", message: "servers.json cannot be read", details: null });
    const { call } = serversBackend([], {
      list_servers: () => {
        throw damaged;
      },
    });
    renderSignIn(call);
    // Sign-in still works by address.
    await screen.findByRole("textbox", { name: "Server" });
    fireEvent.click(screen.getByTestId("manage-servers"));
    expect((await screen.findByRole("alert")).textContent).toBe("servers.json cannot be read");
  });
});
