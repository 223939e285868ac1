import { StopSyncButton } from "./StopSyncButton";
import { useSync } from "./SyncContext";
import { SyncProgressView } from "./SyncProgressView";
import { STATE_WORDS } from "./words";

/** The sync state in a few words at the foot of the navigation; while a run goes on, how far it has come and Stop. */
export function SidebarSyncState() {
  const { status, running } = useSync();
  if (!status) return null;
  const state = running ? "syncing" : status.state;
  return (
    <div className={`sidebar-sync small sync-state-${state}`} data-testid="sidebar-sync-state">
      <p className="sidebar-sync-line">
        <span className="dot" aria-hidden="true" />
        {running ? "Syncing…" : STATE_WORDS[status.state].split(":")[0]}
      </p>
      {running && (
        <div className="sidebar-sync-run">
          {status.progress && <SyncProgressView progress={status.progress} compact />}
          <StopSyncButton small />
        </div>
      )}
    </div>
  );
}
