import { useCommandQuery } from "../api/queries";
import { outcomeWords, pullWords, wasStopped, when } from "./words";

export const HISTORY_LIMIT = 20;

/** The last sync runs, newest first: when, why, what they did. */
export function HistoryPanel() {
  // Each run recorded (started, finished) lists them again.
  const { data: runs, error } = useCommandQuery(["syncRuns"], "sync_history", { limit: HISTORY_LIMIT });

  return (
    <section className="card history" aria-labelledby="history-title">
      <header className="card-header">
        <h2 id="history-title">History</h2>
        <span className="muted small">the last {HISTORY_LIMIT} runs</span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {runs && runs.length === 0 && <p className="muted">No sync has run in this tenant yet.</p>}
      {runs && runs.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Sync history">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Result</th>
                <th scope="col" className="num">Sent</th>
                <th scope="col" className="num" title="Records read from the server">Fetched</th>
                <th scope="col" title="Whether the run asked the server what changed or listed everything">How</th>
                <th scope="col" className="num">Conflicts</th>
                <th scope="col" className="num">Failed</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.runId}>
                  <td>{when(run.startedAt)}</td>
                  <td>{run.trigger}</td>
                  <td className={`outcome outcome-${wasStopped(run) ? "stopped" : run.outcome}`}>{outcomeWords(run)}</td>
                  <td className="num">{run.report.pushed}</td>
                  <td className="num">{run.report.pulled}</td>
                  <td className="small">{pullWords(run)}</td>
                  <td className="num">{run.report.conflicts}</td>
                  <td className="num">{run.report.failed}</td>
                  {/* A stopped run's "error" is only the Stop itself: the result already says it. */}
                  <td className="run-error">{wasStopped(run) ? "" : (run.report.error ?? "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
