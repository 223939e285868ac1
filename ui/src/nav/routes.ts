// The screens of the signed-in window, addressed by the URL fragment (#overview, #contacts, #sync,
// #calendars, #directory, #settings). A screen may take a request after "?": the overview links
// to an entry with #calendars?entry=ID&date=YYYY-MM-DD&at=RFC3339.

import type { WindowItem } from "../generated/bindings";

export type Route = "overview" | "contacts" | "sync" | "calendars" | "directory" | "settings";

export const ROUTES: readonly { route: Route; title: string }[] = [
  { route: "overview", title: "Overview" },
  { route: "contacts", title: "Contacts" },
  { route: "sync", title: "Sync center" },
  { route: "calendars", title: "Calendars" },
  { route: "directory", title: "Directory" },
  { route: "settings", title: "Settings" },
];

/** The route a fragment names; anything else (including no fragment) is the overview. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, "").split("?")[0];
  return ROUTES.find((r) => r.route === name)?.route ?? "overview";
}

/** An entry (or one occurrence of a series) to open in the calendars screen. */
export interface EntryRequest {
  entryId: string;
  /** The occurrence's date, for an occurrence of a series. */
  instanceDate: string | null;
  /** When it starts: the calendar opens on that week. */
  at: string;
}

/** The fragment that opens `item` in the calendars screen. */
export function entryHash(item: Pick<WindowItem, "entryId" | "instanceDate" | "startsAt">): string {
  const params = new URLSearchParams({ entry: item.entryId, at: item.startsAt });
  if (item.instanceDate) params.set("date", item.instanceDate);
  return `#calendars?${params.toString()}`;
}

/** The entry a #calendars fragment asks to open, if any. */
export function entryRequestFromHash(hash: string): EntryRequest | null {
  if (routeFromHash(hash) !== "calendars") return null;
  const query = hash.split("?")[1];
  if (!query) return null;
  const params = new URLSearchParams(query);
  const entryId = params.get("entry");
  const at = params.get("at");
  if (!entryId || !at || Number.isNaN(Date.parse(at))) return null;
  return { entryId, at, instanceDate: params.get("date") };
}

/**
 * Makes the overview the screen the window shows next: after signing in, whatever screen was
 * open when the last session ended. Replaces the fragment without a history entry or an event,
 * since the screens are not mounted yet.
 */
export function landOnOverview(location: Pick<Location, "pathname" | "search"> = window.location): void {
  window.history.replaceState(null, "", `${location.pathname}${location.search}#overview`);
}
