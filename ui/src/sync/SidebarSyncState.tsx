import { useSync } from "./SyncContext";
import { STATE_WORDS } from "./words";

/** The sync state in a few words at the foot of the navigation. */
export function SidebarSyncState() {
  const { status, syncing } = useSync();
  if (!status) return null;
  return (
    <p className={`sidebar-sync small sync-state-${status.state}`} data-testid="sidebar-sync-state">
      <span className="dot" aria-hidden="true" />
      {syncing ? "Syncing…" : STATE_WORDS[status.state].split(":")[0]}
    </p>
  );
}
