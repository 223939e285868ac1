import { SyncNowButton, SyncResult } from "../sync/SyncNowButton";
import { useSync } from "../sync/SyncContext";
import { STATE_WORDS, when } from "../sync/words";

/** Where this tenant stands with the server: the state, what waits, what failed or clashes, the last good sync, and Sync now. */
export function SyncSummary() {
  const { status, statusError, syncing } = useSync();
  const state = syncing ? "syncing" : status?.state;
  const waiting = status ? status.outbox.pending + status.outbox.inFlight : null;
  const troubled = !!status && status.outbox.failed + status.outbox.conflict > 0;

  return (
    <section className="card sync-summary" aria-labelledby="sync-summary-title">
      <header className="card-header">
        <h2 id="sync-summary-title">Sync</h2>
        <SyncNowButton />
      </header>
      <p className={`sync-state sync-state-${state ?? "unknown"}`} data-testid="overview-sync-state">
        <span className="dot" aria-hidden="true" />
        {state ? STATE_WORDS[state] : statusError ? "State unknown" : "…"}
      </p>
      {statusError && (
        <p className="form-error small" role="alert">
          {statusError.message}
        </p>
      )}
      {status?.state === "never_synced" && !syncing && (
        <p className="muted small">This tenant was never synced on this computer. Sync now fetches its contacts and calendars.</p>
      )}
      {status?.online === false && status.state !== "offline" && (
        <p className="muted small">The server could not be reached at the last check.</p>
      )}
      <dl className="counts" aria-label="Outbox">
        <div>
          <dt>Waiting to be sent</dt>
          <dd data-testid="overview-waiting">{waiting ?? "…"}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={status?.outbox.failed ? "bad" : undefined} data-testid="overview-failed">
            {status?.outbox.failed ?? "…"}
          </dd>
        </div>
        <div>
          <dt>Conflicts</dt>
          <dd className={status?.outbox.conflict ? "bad" : undefined} data-testid="overview-conflicts">
            {status?.outbox.conflict ?? "…"}
          </dd>
        </div>
      </dl>
      <p className="muted small" data-testid="overview-last-success">
        Last successful sync: {status ? when(status.lastSuccessAt) : "…"}
      </p>
      <SyncResult />
      {troubled && (
        <p className="small">
          <a href="#sync">Open the sync center</a> to retry, discard or resolve them.
        </p>
      )}
    </section>
  );
}
