import { DataScope } from "./api/queries";
import { CalendarsScreen } from "./calendar/CalendarsScreen";
import { AboutPanel } from "./components/AboutPanel";
import { ServerStatus } from "./components/ServerStatus";
import { ContactsScreen } from "./contacts/ContactsScreen";
import { DirectoryScreen } from "./directory/DirectoryScreen";
import { ROUTES, type Route } from "./nav/routes";
import { useHashRoute } from "./nav/useHashRoute";
import { OverviewScreen } from "./overview/OverviewScreen";
import { AccountMenu } from "./session/AccountMenu";
import { useSession } from "./session/SessionContext";
import { SettingsScreen } from "./settings/SettingsScreen";
import { SignIn } from "./session/SignIn";
import { ariaKeys, labels, type Action } from "./shortcuts/keys";
import { useShortcuts } from "./shortcuts/useShortcuts";
import { OfflineBanner } from "./sync/OfflineBanner";
import { SidebarSyncState } from "./sync/SidebarSyncState";
import { SyncBadge } from "./sync/SyncBadge";
import { SyncCenter } from "./sync/SyncCenter";
import { SyncProvider, useSync } from "./sync/SyncContext";

export function App() {
  const { state, error } = useSession();
  if (error && !state) {
    return (
      <main className="content" role="alert">
        <h1>Outpost cannot start</h1>
        <p>
          {error.message} ({error.code})
        </p>
      </main>
    );
  }
  if (!state) return <main className="content" aria-busy="true" />;
  if (!state.signedIn) return <SignIn />;
  const tenant = state.activeTenant;
  if (!tenant) return <Shell title="Overview" />;
  // Everything below is about one tenant of one account: switching starts it afresh, and the
  // cache keeps nothing of the previous one.
  const scope = `${state.activeAccount?.id ?? ""}/${tenant.id}`;
  return (
    <DataScope key={scope} scope={scope}>
      <SyncProvider>
        <Shell title={tenant.name} />
      </SyncProvider>
    </DataScope>
  );
}

const GO: Record<Route, Action> = {
  overview: "goOverview",
  contacts: "goContacts",
  sync: "goSync",
  calendars: "goCalendars",
  directory: "goDirectory",
  settings: "goSettings",
};

function Shell({ title }: { title: string }) {
  const { state } = useSession();
  const [route, go] = useHashRoute();
  const hasTenant = !!state?.activeTenant;
  const routes = hasTenant ? ROUTES : ROUTES.filter((r) => r.route === "overview");

  return (
    <div className="shell">
      <aside className="sidebar" aria-label="Navigation">
        <div className="brand">
          <img src="/icon.png" alt="" width={28} height={28} />
          <span>Outpost</span>
        </div>
        <AccountMenu />
        <nav aria-label="Screens">
          {routes.map((r) => (
            <a
              key={r.route}
              href={`#${r.route}`}
              className={`nav-item${route === r.route ? " active" : ""}`}
              aria-current={route === r.route ? "page" : undefined}
              title={`${r.title} (${labels(GO[r.route])})`}
              aria-keyshortcuts={ariaKeys(GO[r.route])}
            >
              <span>{r.title}</span>
              {r.route === "sync" && <SyncBadge />}
            </a>
          ))}
        </nav>
        {hasTenant && <SidebarSyncState />}
      </aside>
      <div className="main-column">
        {hasTenant && <OfflineBanner />}
        {hasTenant ? <TenantScreens route={route} go={go} title={title} /> : <Overview title={title} />}
      </div>
    </div>
  );
}

function TenantScreens({ route, go, title }: { route: Route; go: (r: Route) => void; title: string }) {
  const { syncNow } = useSync();
  useShortcuts({
    goOverview: () => go("overview"),
    goContacts: () => go("contacts"),
    goSync: () => go("sync"),
    goCalendars: () => go("calendars"),
    goDirectory: () => go("directory"),
    goSettings: () => go("settings"),
    syncNow: () => void syncNow(),
  });
  if (route === "contacts") return <ContactsScreen />;
  if (route === "sync") return <SyncCenter />;
  if (route === "calendars") return <CalendarsScreen />;
  if (route === "directory") return <DirectoryScreen />;
  if (route === "settings") return <SettingsScreen />;
  return <OverviewScreen title={title} />;
}

/** Before a tenant is chosen: the server and this installation. */
function Overview({ title }: { title: string }) {
  return (
    <main className="content" id="overview">
      <h1>{title}</h1>
      <div className="grid">
        <ServerStatus />
        <AboutPanel />
      </div>
    </main>
  );
}
