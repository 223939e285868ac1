import { useMemo } from "react";
import { localZone } from "../calendar/time";
import { assignColors, useCalendars } from "../calendar/useCalendars";
import { AboutPanel } from "../components/AboutPanel";
import { ServerStatus } from "../components/ServerStatus";
import { useSync } from "../sync/SyncContext";
import { CountTiles, type Tile } from "./CountTiles";
import { SyncSummary } from "./SyncSummary";
import { UPCOMING_DAYS } from "./upcoming";
import { UpcomingList } from "./UpcomingList";
import { useTenantCounts } from "./useTenantCounts";
import { useUpcoming } from "./useUpcoming";

/** The active tenant at a glance: what it holds, what is coming up, and how it stands with the server. */
export function OverviewScreen({ title }: { title: string }) {
  const { status } = useSync();
  const { calendars, error: calendarsError } = useCalendars();
  const upcoming = useUpcoming();
  const counts = useTenantCounts();
  // The same colours as the calendars screen gives them.
  const colors = useMemo(() => assignColors((calendars ?? []).map((c) => c.localId)), [calendars]);
  const zone = localZone();

  const tiles: Tile[] = [
    { id: "contacts", one: "contact", many: "contacts", count: counts.contacts, href: "#contacts" },
    { id: "calendars", one: "calendar", many: "calendars", count: calendarsError ?? calendars?.length ?? null, href: "#calendars" },
    {
      id: "upcoming",
      one: `entry in the next ${UPCOMING_DAYS} days`,
      many: `entries in the next ${UPCOMING_DAYS} days`,
      count: upcoming.error ?? upcoming.items?.length ?? null,
      href: "#calendars",
    },
    { id: "users", one: "user", many: "users", count: counts.users, href: "#directory" },
    { id: "groups", one: "group", many: "groups", count: counts.groups, href: "#directory" },
    { id: "spaces", one: "space", many: "spaces", count: counts.spaces, href: "#directory" },
    { id: "resources", one: "resource", many: "resources", count: counts.resources, href: "#directory" },
  ];

  return (
    <main className="content overview" id="overview" aria-labelledby="overview-title">
      <header className="screen-header">
        <div>
          <h1 id="overview-title">{title}</h1>
          <p className="muted small">Overview of this tenant, from the copy on this computer</p>
        </div>
      </header>
      <CountTiles tiles={tiles} />
      <div className="overview-split">
        <UpcomingList
          items={upcoming.items}
          error={upcoming.error}
          now={upcoming.now}
          zone={zone}
          calendars={calendars}
          colorOf={(id) => colors.get(id) ?? "#0f766e"}
          neverSynced={status?.state === "never_synced"}
        />
        <div className="overview-side">
          <SyncSummary />
          <ServerStatus />
          <AboutPanel />
        </div>
      </div>
    </main>
  );
}
