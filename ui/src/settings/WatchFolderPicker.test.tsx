// The watched folder's "Choose…" button, with the native dialog plugin and the Tauri detection
// replaced: a folder dialog in the desktop app only, the chosen folder in the field (saved only
// with Save), a cancel changing nothing, a failure shown.

import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import type { WatchSettings } from "../generated/bindings";
import { SyncProvider } from "../sync/SyncContext";
import { fakeCall, status, type Handlers } from "../testing/fakeCall";
import { WatchFolderForm } from "./WatchFolderForm";

const dialog = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => dialog);

const runtime = vi.hoisted(() => ({ tauri: true }));
vi.mock("../api/transport", async (original) => ({
  ...(await original<typeof import("../api/transport")>()),
  isTauri: () => runtime.tauri,
}));

function renderForm(settings: WatchSettings, overrides: Handlers = {}) {
  let kept = settings;
  const fake = fakeCall({
    sync_status: () => status(),
    list_calendars: () => [],
    app_info: () => ({ version: "0.1.0", dataDir: "/home/me/.local/share/outpost", replicaSchema: 8, serverUrl: null, demo: false }),
    get_watch_settings: () => kept,
    set_watch_settings: (s) => (kept = s),
    watch_reports: () => [],
    ...overrides,
  });
  render(
    <CallProvider call={fake.call}>
      <SyncProvider>
        <WatchFolderForm />
      </SyncProvider>
    </CallProvider>,
  );
  return fake;
}

const folderField = () => screen.getByLabelText("Folder") as HTMLInputElement;
const chooseButton = () => screen.getByRole("button", { name: "Choose folder…" });

beforeEach(() => {
  runtime.tauri = true;
  dialog.open.mockReset();
  dialog.save.mockReset();
});

describe("Choose… for the watched folder", () => {
  it("is not offered outside the desktop app", async () => {
    runtime.tauri = false;
    renderForm({ duplicates: "skip" });
    await screen.findByText("Off");
    expect(screen.queryByRole("button", { name: /Choose/ })).toBeNull();
  });

  it("opens a folder dialog at home, puts the chosen folder in the field, and Save watches it", async () => {
    dialog.open.mockResolvedValueOnce("/home/me/Outpost inbox");
    const { calls } = renderForm({ duplicates: "skip" });
    await screen.findByText("Off");
    // The home folder is known once the app's data folder is.
    await waitFor(() => expect(calls("app_info")).toHaveLength(1));
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenCalledWith({ title: "Watch folder", defaultPath: "/home/me", multiple: false, directory: true, canCreateDirectories: true });
    expect(dialog.save).not.toHaveBeenCalled();
    expect(folderField().value).toBe("/home/me/Outpost inbox");
    expect(document.activeElement).toBe(folderField());
    // Chosen is not saved: Save does that, as for a typed folder.
    expect(calls("set_watch_settings")).toEqual([]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save watched folder" })));
    expect(calls("set_watch_settings")).toEqual([{ folder: "/home/me/Outpost inbox", duplicates: "skip" }]);
    expect(screen.getByTestId("watch-state").textContent).toBe("Watching /home/me/Outpost inbox");
  });

  it("starts at the watched folder, keeps it on cancel, and shows a failure", async () => {
    dialog.open.mockResolvedValueOnce(null).mockRejectedValueOnce("the folder dialog is not available");
    renderForm({ folder: "/home/me/inbox", duplicates: "skip" });
    await waitFor(() => expect(folderField().value).toBe("/home/me/inbox"));
    await act(async () => fireEvent.click(chooseButton()));
    expect(dialog.open).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "/home/me/inbox", directory: true }));
    expect(folderField().value).toBe("/home/me/inbox");
    expect(document.activeElement).toBe(chooseButton());

    await act(async () => fireEvent.click(chooseButton()));
    expect(screen.getByTestId("picker-error").textContent).toBe("The file dialog did not open: the folder dialog is not available. Type the path instead.");
    expect(folderField().value).toBe("/home/me/inbox");
    // Typing still works.
    fireEvent.change(folderField(), { target: { value: "/home/me/other" } });
    expect(folderField().value).toBe("/home/me/other");
  });
});
