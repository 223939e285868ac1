// The native file and folder pickers of the desktop app (tauri-plugin-dialog). The backend reads
// and writes paths where it runs, so a picked path goes into the same field a typed one does. In
// a plain browser (the HTTP bridge) there is no native dialog and no picker is offered.

import type { DialogFilter } from "@tauri-apps/plugin-dialog";
import { isTauri } from "../api/transport";

export type PickRequest =
  /** A file to read. */
  | { kind: "open"; title: string; filters: DialogFilter[]; defaultPath?: string }
  /** A file to write: the dialog asks before replacing one. */
  | { kind: "save"; title: string; filters: DialogFilter[]; defaultPath?: string }
  /** A folder. */
  | { kind: "folder"; title: string; defaultPath?: string };

/** Whether a native picker can be opened here: only in the desktop app, decided as the transport is. */
export function canPick(): boolean {
  return isTauri();
}

/**
 * A filter for files whose names end in `extensions`. GTK matches the patterns with their case,
 * so the upper-case spelling (EXPORT.VCF, as older phones write) is listed as well.
 */
export function extensionFilter(name: string, extensions: string[]): DialogFilter {
  return { name, extensions: [...new Set(extensions.flatMap((e) => [e, e.toUpperCase()]))] };
}

/** The path the user chose, or null when the dialog was cancelled. Rejects when the dialog cannot open. */
export async function pickPath(request: PickRequest): Promise<string | null> {
  // Loaded on first use, as the IPC module is: the bridge build never needs it.
  const dialog = await import("@tauri-apps/plugin-dialog");
  if (request.kind === "save") {
    return dialog.save({ title: request.title, filters: request.filters, defaultPath: request.defaultPath, canCreateDirectories: true });
  }
  const picked = await dialog.open({
    title: request.title,
    defaultPath: request.defaultPath,
    multiple: false,
    ...(request.kind === "folder" ? { directory: true, canCreateDirectories: true } : { directory: false, filters: request.filters }),
  });
  // One path, as asked; anything else (null) is a cancel.
  return typeof picked === "string" ? picked : null;
}
