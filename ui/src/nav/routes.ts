// The screens of the signed-in window, addressed by the URL fragment (#overview, #contacts, #sync,
// #calendars, #directory, #settings).

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
  const name = hash.replace(/^#\/?/, "");
  return ROUTES.find((r) => r.route === name)?.route ?? "overview";
}
