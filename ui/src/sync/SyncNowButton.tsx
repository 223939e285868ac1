import { ariaKeys, labels } from "../shortcuts/keys";
import { StopSyncButton } from "./StopSyncButton";
import { useSync } from "./SyncContext";
import { SyncProgressView } from "./SyncProgressView";
import { runWords } from "./words";

/** "Sync now", busy while the run lasts, with Stop beside it while a run goes on. */
export function SyncNowButton() {
  const { syncNow, syncing } = useSync();
  return (
    <span className="sync-buttons">
      <StopSyncButton />
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
    </span>
  );
}

/**
 * "Check everything": a run that lists every record on the server instead of asking what
 * changed, for when something looks missing; runs do it by themselves on the settings' cadence.
 */
export function FullSyncButton() {
  const { syncNow, syncing } = useSync();
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => void syncNow({ full: true })}
      disabled={syncing}
      title="List every record on the server instead of asking what changed since the last sync"
      data-testid="sync-full"
    >
      Check everything
    </button>
  );
}

/** What the last run started in this window did, or why it failed; how far it has come while it runs. */
export function SyncResult() {
  const { syncing, lastResult, status, stopError } = useSync();
  const failed =
    lastResult?.kind === "failed" || (lastResult?.kind === "done" && lastResult.run.outcome === "failed");
  const progress = syncing ? status?.progress : undefined;
  return (
    <>
      <p className={`small sync-result${failed && !syncing ? " status-failed" : ""}`} role="status" data-testid="sync-result">
        {syncing && (progress ? <SyncProgressView progress={progress} /> : "Sending your edits and fetching the server's…")}
        {!syncing && lastResult?.kind === "done" && runWords(lastResult.run)}
        {!syncing && lastResult?.kind === "failed" && `Sync failed: ${lastResult.error.message}`}
        {!syncing && lastResult?.kind === "stopped" && "Sync stopped. The edits not sent yet wait for the next sync."}
      </p>
      {stopError && (
        <p className="form-error small" role="alert">
          The sync could not be stopped: {stopError.message}
        </p>
      )}
    </>
  );
}
