import { useSync } from "./SyncContext";
import { when } from "./words";

/** Says, across the top of every screen, that the server cannot be reached and edits stay local. */
export function OfflineBanner() {
  const { status } = useSync();
  if (status?.state !== "offline") return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline.</strong> The server could not be reached at the last sync. Your edits are kept on this computer
      and go out with the next sync. Last successful sync: {when(status.lastSuccessAt)}.
    </div>
  );
}
