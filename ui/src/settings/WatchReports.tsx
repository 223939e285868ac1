import type { WatchReport } from "../generated/bindings";
import { summaryWords } from "../transfer/ImportReport";
import { when } from "../sync/words";

const NOUNS: Record<string, string> = { ics: "events", vcf: "contacts", csv: "contacts" };

/** What became of each file dropped into the watched folder, newest first. */
export function WatchReports({ reports }: { reports: WatchReport[] }) {
  if (reports.length === 0) return <p className="muted small">No file was dropped there yet.</p>;
  return (
    <ul className="op-list watch-reports" aria-label="Files taken from the folder">
      {reports.map((r) => {
        const failed = !!r.error || (r.outcome?.failed ?? 0) > 0;
        return (
          <li key={`${r.movedTo}|${r.at}`} className="op" data-testid="watch-report">
            <div className="op-main">
              <span className="op-words mono">{r.file}</span>
              <span className={`op-state${failed ? " op-state-failed" : ""}`}>{r.error ? "not imported" : "imported"}</span>
            </div>
            <p className={r.error ? "op-error" : undefined}>
              {r.error ?? (r.outcome ? summaryWords(r.outcome, NOUNS[r.outcome.format] ?? "items") : "")}
            </p>
            <p className="muted small">
              {when(r.at)} · moved to <span className="mono">{r.movedTo}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
