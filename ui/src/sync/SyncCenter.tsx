import { ConflictsPanel } from "./ConflictsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { OutboxPanel } from "./OutboxPanel";
import { FullSyncButton, SyncNowButton } from "./SyncNowButton";
import { useSync } from "./SyncContext";
import { SyncProgressView } from "./SyncProgressView";
import { runWords, STATE_WORDS, wasStopped, when } from "./words";

/** Where things stand with the server: the state, what waits, what failed, what clashes, and past runs. */
export function SyncCenter() {
  const { status, statusError } = useSync();
  return (
    <main className="content sync-center" aria-labelledby="sync-title">
      <h1 id="sync-title">Sync center</h1>
      <section className="card sync-status" aria-labelledby="sync-state-title">
        <header className="card-header">
          <div>
            <h2 id="sync-state-title" className="sr-only">
              State
            </h2>
            <p className={`sync-state sync-state-${status?.state ?? "unknown"}`} data-testid="sync-state">
              {status ? STATE_WORDS[status.state] : statusError ? "State unknown" : "…"}
            </p>
            <p className="muted small" data-testid="last-success">
              Last successful sync: {status ? when(status.lastSuccessAt) : "…"}
            </p>
          </div>
          <span className="row">
            <FullSyncButton />
            <SyncNowButton />
          </span>
        </header>
        <LastRun />
        {statusError && (
          <p className="form-error" role="alert">
            {statusError.message}
          </p>
        )}
        {status && (
          <dl className="counts" aria-label="Outbox">
            <div>
              <dt>Waiting</dt>
              <dd>{status.outbox.pending + status.outbox.inFlight}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd className={status.outbox.failed ? "bad" : undefined}>{status.outbox.failed}</dd>
            </div>
            <div>
              <dt>Conflicts</dt>
              <dd className={status.outbox.conflict ? "bad" : undefined}>{status.outbox.conflict}</dd>
            </div>
          </dl>
        )}
      </section>
      <ConflictsPanel />
      <OutboxPanel />
      <HistoryPanel />
    </main>
  );
}

/** The last run of this tenant (started here or not), or the progress of the one running. */
function LastRun() {
  const { status, running: syncing, lastResult, stopError } = useSync();
  const run = status?.lastRun ?? null;
  // A failure that left no run behind (the backend itself did not answer) is said here.
  const unrecorded = lastResult?.kind === "failed" && run?.outcome !== "failed" ? lastResult.error : null;
  return (
    <>
      <p
        className={`sync-result${run?.outcome === "failed" && !wasStopped(run) && !syncing ? " status-failed" : ""}`}
        role="status"
        data-testid="sync-result"
      >
        {syncing
          ? status?.progress
            ? <SyncProgressView progress={status.progress} />
            : "Syncing: sending your edits and fetching the server's…"
          : run
            ? `Last run, ${when(run.finishedAt ?? run.startedAt)}: ${runWords(run)}`
            : status && "No sync has run in this tenant yet."}
      </p>
      {stopError && (
        <p className="form-error" role="alert">
          The sync could not be stopped: {stopError.message}
        </p>
      )}
      {unrecorded && !syncing && (
        <p className="form-error" role="alert">
          Sync failed: {unrecorded.message}
        </p>
      )}
    </>
  );
}
