import { ariaKeys, labels } from "../shortcuts/keys";
import { useSync } from "./SyncContext";
import { runWords } from "./words";

/** "Sync now", busy while the run lasts. */
export function SyncNowButton() {
  const { syncNow, syncing } = useSync();
  return (
    <button
      type="button"
      onClick={() => void syncNow()}
      disabled={syncing}
      aria-busy={syncing}
      title={`Sync now (${labels("syncNow")})`}
      aria-keyshortcuts={ariaKeys("syncNow")}
      data-testid="sync-now"
    >
      {syncing && <span className="spinner" aria-hidden="true" />}
      {syncing ? "Syncing…" : "Sync now"}
    </button>
  );
}

/** What the last run started in this window did, or why it failed. */
export function SyncResult() {
  const { syncing, lastResult } = useSync();
  const failed =
    lastResult?.kind === "failed" || (lastResult?.kind === "done" && lastResult.run.outcome === "failed");
  return (
    <p className={`small sync-result${failed && !syncing ? " status-failed" : ""}`} role="status" data-testid="sync-result">
      {syncing && "Sending your edits and fetching the server's…"}
      {!syncing && lastResult?.kind === "done" && runWords(lastResult.run)}
      {!syncing && lastResult?.kind === "failed" && `Sync failed: ${lastResult.error.message}`}
    </p>
  );
}
