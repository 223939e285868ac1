import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import type { ContactQuery } from "../generated/bindings";
import { SyncProvider } from "../sync/SyncContext";
import { contact, fakeCall, giveElementsASize, importItem, importOutcome, status } from "../testing/fakeCall";
import { ContactsScreen } from "./ContactsScreen";
import { ROW_HEIGHT } from "./ContactList";
import { PAGE_SIZE } from "./useContactPages";

const TOTAL = 100_000;

function pageOf({ offset, limit }: ContactQuery) {
  const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) =>
    contact(offset + i, { hasPendingOps: offset + i === 1 }),
  );
  return { items, total: TOTAL, offset, limit };
}

function renderScreen(call: Call) {
  return render(
    <CallProvider call={call}>
      <SyncProvider>
        <ContactsScreen />
      </SyncProvider>
    </CallProvider>,
  );
}

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize(600);
});
afterEach(() => restore());

describe("ContactsScreen", () => {
  it("renders only the rows on screen of 100,000 contacts and loads pages as it scrolls", async () => {
    const { call, calls } = fakeCall({ sync_status: () => status(), list_contacts: pageOf });
    renderScreen(call);
    await waitFor(() => expect(screen.getByTestId("contacts-count").textContent).toBe(`${TOTAL.toLocaleString()} contacts`));
    const list = screen.getByRole("listbox", { name: "Contacts" });
    const rows = await within(list).findAllByRole("option");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.getAttribute("aria-setsize")).toBe(String(TOTAL));
    expect(within(list).getByText("Person 0")).toBeTruthy();
    // The contact with a change waiting says so.
    expect(within(rows[1] as HTMLElement).getByText("Not synced yet")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).queryByText("Not synced yet")).toBeNull();
    expect(calls("list_contacts")).toEqual([{ sort: "name", offset: 0, limit: PAGE_SIZE }]);

    // Far down the list: the page holding those rows is asked for, and nothing in between.
    Object.defineProperty(list, "scrollTop", { configurable: true, value: ROW_HEIGHT * 50_000 });
    await act(async () => fireEvent.scroll(list));
    await waitFor(() => expect(within(list).getByText("Person 50000")).toBeTruthy());
    const asked = calls("list_contacts").map((a) => (a as ContactQuery).offset);
    expect(asked).toContain(50_000 - (50_000 % PAGE_SIZE));
    expect(asked.length).toBeLessThanOrEqual(3);
  });

  it("searches once typing pauses, and shows the matches", async () => {
    const { call, calls } = fakeCall({
      sync_status: () => status(),
      list_contacts: pageOf,
      search_contacts: ({ query }) => [contact(7, { displayName: `Match for ${query}` })],
    });
    renderScreen(call);
    await screen.findByText("Person 0");
    const search = screen.getByRole("searchbox", { name: "Search contacts" });
    fireEvent.change(search, { target: { value: "a" } });
    fireEvent.change(search, { target: { value: "an" } });
    fireEvent.change(search, { target: { value: "ana" } });
    expect(await screen.findByText("Match for ana")).toBeTruthy();
    expect(calls("search_contacts")).toEqual([{ query: "ana", limit: 200 }]);
    expect(screen.getByTestId("contacts-count").textContent).toBe("1 match");
    expect(screen.getByRole("listbox", { name: "Search results" })).toBeTruthy();
    // Escape clears the search and the full list comes back.
    fireEvent.keyDown(search, { key: "Escape" });
    expect(await screen.findByText("Person 0")).toBeTruthy();
  });

  it("says in words when the list cannot be read", async () => {
    const { call } = fakeCall({
      sync_status: () => status(),
      list_contacts: () => {
        throw { code: "no_tenant", message: "no tenant is active", details: null };
      },
    });
    renderScreen(call);
    expect((await screen.findByRole("alert")).textContent).toBe("no tenant is active");
  });

  it("opens the editor with Ctrl+N and the detail when a row is chosen", async () => {
    const { call } = fakeCall({
      sync_status: () => status(),
      list_contacts: pageOf,
      get_contact: ({ id }) => ({
        entity: "contact",
        localId: id,
        serverId: null,
        fields: { firstName: "Person", lastName: "One", email: "one@example.com" },
        baseUpdatedAt: null,
        hasPendingOps: true,
      }),
    });
    renderScreen(call);
    fireEvent.click(await screen.findByText("Person 1"));
    const pane = screen.getByRole("region", { name: "Contact" });
    expect(await within(pane).findByRole("heading", { name: "Person One" })).toBeTruthy();
    expect(within(pane).getByText("Not synced yet")).toBeTruthy();
    const list = screen.getByRole("listbox", { name: "Contacts" });
    expect(within(list).getByRole("option", { selected: true }).textContent).toContain("Person 1");
    // Arrow keys move the selection.
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(within(list).getByRole("option", { selected: true }).textContent).toContain("Person 2");

    // End goes to the last of 100,000: the list scrolls there (jsdom does not scroll: this does),
    // the page is fetched, then the row is selected.
    let top = 0;
    Object.defineProperty(list, "scrollTop", { configurable: true, get: () => top });
    Object.defineProperty(list, "scrollHeight", { configurable: true, get: () => TOTAL * ROW_HEIGHT });
    list.scrollTo = ((options: ScrollToOptions) => {
      top = options.top ?? top;
      list.dispatchEvent(new Event("scroll"));
    }) as typeof list.scrollTo;
    await act(async () => fireEvent.keyDown(list, { key: "End" }));
    await waitFor(() =>
      expect(within(list).getByRole("option", { selected: true }).textContent).toContain(`Person ${TOTAL - 1}`),
    );
    expect(await within(pane).findByRole("heading", { name: "Person One" })).toBeTruthy();

    fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    expect(await within(pane).findByRole("heading", { name: "New contact" })).toBeTruthy();
    expect(document.activeElement).toBe(within(pane).getByLabelText("First name"));
  });

  it("asks for the other order from the start, and points to Sync now before the first sync", async () => {
    const { call, calls } = fakeCall({ sync_status: () => status(), list_contacts: pageOf });
    renderScreen(call);
    await screen.findByText("Person 0");
    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "updated" } });
    await waitFor(() => expect(calls("list_contacts").at(-1)).toEqual({ sort: "updated", offset: 0, limit: PAGE_SIZE }));

    const empty = fakeCall({
      sync_status: () => status({ state: "never_synced" }),
      list_contacts: ({ offset, limit }) => ({ items: [], total: 0, offset, limit }),
    });
    renderScreen(empty.call);
    expect(await screen.findByText(/this tenant was never synced on this computer/)).toBeTruthy();
  });

  it("imports from a file through the dialog; the list refreshes on the change it made, the status is pushed", async () => {
    const imported = importOutcome([importItem({ line: 1, label: "Ana Lima", action: "create" })], { applied: true });
    const { call, calls } = fakeCall({
      sync_status: () => status(),
      list_contacts: pageOf,
      app_info: () => ({ version: "0.1.0", dataDir: "/home/ana/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false }),
      import_preview: () => ({ ...imported, applied: false }),
      import_apply: () => imported,
    });
    renderScreen(call);
    await screen.findByText("Person 0");
    const opener = screen.getByRole("button", { name: "Import…" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Import contacts" });
    const path = await within(dialog).findByDisplayValue("/home/ana/");
    fireEvent.change(path, { target: { value: "/home/ana/phone.vcf" } });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Preview" })));
    const listed = calls("list_contacts").length;
    const asked = calls("sync_status").length;
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Import 1 item" })));
    await waitFor(() => expect(calls("list_contacts").length).toBeGreaterThan(listed));
    // The new status came as an event: nobody asked for it again.
    expect(calls("sync_status").length).toBe(asked);
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    // Focus goes back to the button that opened it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Import…" })));
  });
});
