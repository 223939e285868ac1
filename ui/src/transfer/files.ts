// Paths for import and export. Files are on the user's machine and the backend reads and writes
// them where it runs, so the dialogs take a full path; these helpers suggest one and tidy what
// was typed.

import type { FileFormat } from "../generated/bindings";

const FOLDER_KEY = "outpost.files.folder";

/** The home folder, when the data folder is the usual one inside it (~/.local/share/outpost). */
export function homeFromDataDir(dataDir: string): string | null {
  const found = /^(.+?)[/\\]\.local[/\\]share[/\\][^/\\]+[/\\]?$/.exec(dataDir);
  return found?.[1] ?? null;
}

/** Where files are suggested: the folder used last, else the home folder, else the data folder. */
export function suggestedFolder(dataDir: string, remembered: string | null): string {
  return remembered || homeFromDataDir(dataDir) || dataDir.replace(/[/\\]+$/, "");
}

export function rememberedFolder(storage: Pick<Storage, "getItem"> = window.localStorage): string | null {
  try {
    return storage.getItem(FOLDER_KEY);
  } catch {
    return null;
  }
}

/** Remembers the folder of a file just imported or exported, for the next suggestion. */
export function rememberFolderOf(path: string, storage: Pick<Storage, "setItem"> = window.localStorage): void {
  const folder = folderOf(path);
  if (!folder) return;
  try {
    storage.setItem(FOLDER_KEY, folder);
  } catch {
    // Storage refused (private mode): the next suggestion is the home folder again.
  }
}

export function folderOf(path: string): string | null {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut > 0 ? path.slice(0, cut) : null;
}

export function joinPath(folder: string, name: string): string {
  const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return `${folder.replace(/[/\\]+$/, "")}${sep}${name}`;
}

/** "~/Downloads/a.vcf" with the home folder spelled out (the backend does not expand ~). */
export function expandHome(path: string, home: string | null): string {
  const trimmed = path.trim();
  if (home && (trimmed === "~" || trimmed.startsWith("~/"))) return `${home}${trimmed.slice(1)}`;
  return trimmed;
}

/** A full path: /..., C:\..., or \\server\... (a relative one would be read where the backend runs). */
export function isAbsolute(path: string): boolean {
  return /^(\/|[A-Za-z]:[/\\]|\\\\)/.test(path);
}

export const EXTENSIONS: Record<FileFormat, string> = { vcf: ".vcf", csv: ".csv", ics: ".ics" };

/** The format a file's name says, if it says one. */
export function formatOfName(path: string): FileFormat | null {
  const ext = /\.([A-Za-z]+)$/.exec(path.trim())?.[1]?.toLowerCase();
  if (ext === "vcf" || ext === "vcard") return "vcf";
  if (ext === "csv") return "csv";
  if (ext === "ics" || ext === "ical" || ext === "icalendar" || ext === "ifb") return "ics";
  return null;
}

/** The same path with the extension of `format` (when it had one of ours). */
export function withExtension(path: string, format: FileFormat): string {
  return formatOfName(path) ? path.replace(/\.[A-Za-z]+$/, EXTENSIONS[format]) : path;
}

/** "outpost-contacts-2026-11-25.vcf" */
export function exportFileName(what: "contacts" | "calendars", format: FileFormat, today: Date = new Date()): string {
  const day = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return `outpost-${what}-${day}${EXTENSIONS[format]}`;
}
