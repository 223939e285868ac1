import { useSync } from "./SyncContext";
import { when } from "./words";

/**
 * Says, across the top of every screen, that the server cannot be reached and edits stay local:
 * when the last run could not reach it, or the background probe found it gone (which the state
 * does not say while failed ops or conflicts need attention).
 */
export function OfflineBanner() {
  const { status } = useSync();
  if (!status || (status.state !== "offline" && status.online !== false)) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline.</strong> The server cannot be reached. Your edits are kept on this computer and go out with
      the next sync. Last successful sync: {when(status.lastSuccessAt)}.
    </div>
  );
}
