import { useSync } from "./SyncContext";

/** Stops the run going on (started here or by the backend); shown only while one runs. */
export function StopSyncButton({ small = false }: { small?: boolean }) {
  const { running, stopping, stop } = useSync();
  if (!running) return null;
  return (
    <button
      type="button"
      className={`secondary${small ? " small" : ""}`}
      onClick={() => void stop()}
      disabled={stopping}
      aria-busy={stopping}
      title="Stop the sync where it is: nothing is lost, the edits not sent wait for the next sync"
      aria-label={stopping ? "Stopping the sync" : "Stop the sync"}
      data-testid="sync-stop"
    >
      {stopping ? "Stopping…" : "Stop"}
    </button>
  );
}
