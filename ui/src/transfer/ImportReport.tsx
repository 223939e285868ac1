import type { ImportItem, ImportOutcome, ImportProblem, ItemAction } from "../generated/bindings";
import { plural } from "./words";

/** More rows than this make the dialog slow to draw; refused items are always among those shown. */
export const REPORT_ROWS = 200;

const PLANNED: Record<ItemAction, string> = { create: "Create", update: "Update", skip: "Skip", error: "Cannot import" };
const DONE: Record<ItemAction, string> = { create: "Created", update: "Updated", skip: "Skipped", error: "Failed" };
// Refusals first (they need fixing), then what changes what is here, then the rest.
const ORDER: Record<ItemAction, number> = { error: 0, update: 1, skip: 2, create: 3 };

/** "3 to create, 1 to update, 2 to skip, 1 cannot be imported" or, once applied, "Created 3, ...". */
export function summaryWords(o: ImportOutcome, noun: string): string {
  // The counts cover every item; a big file's list holds only some of them.
  const total = o.created + o.updated + o.skipped + o.failed;
  if (total === 0) return `The file holds no ${noun}.`;
  if (o.applied) {
    const parts = [`created ${o.created.toLocaleString()}`, `updated ${o.updated.toLocaleString()}`, `skipped ${o.skipped.toLocaleString()}`];
    if (o.failed) parts.push(`${o.failed.toLocaleString()} failed`);
    const text = parts.join(", ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
  const parts = [`${o.created.toLocaleString()} to create`, `${o.updated.toLocaleString()} to update`, `${o.skipped.toLocaleString()} to skip`];
  if (o.failed) parts.push(`${plural(o.failed, "item")} cannot be imported`);
  return `${plural(total, "item")} in the file: ${parts.join(", ")}.`;
}

function problemWords(p: ImportProblem): string {
  return `${p.field ? `${p.field}: ` : ""}${p.message}${p.line ? ` (line ${p.line})` : ""}`;
}

function Why({ item, applied }: { item: ImportItem; applied: boolean }) {
  const reminders = item.reminders ?? 0;
  return (
    <>
      {item.reason && <span>{item.reason}</span>}
      {reminders > 0 && (
        <span data-testid="import-reminders">{applied ? `${plural(reminders, "reminder")} added` : `with ${plural(reminders, "reminder")}`}</span>
      )}
      {item.problems.map((p, i) => (
        <span key={`p${i}`} className="form-error">
          {problemWords(p)}
        </span>
      ))}
      {item.warnings.map((w, i) => (
        <span key={`w${i}`} className="muted">
          {problemWords(w)}
        </span>
      ))}
    </>
  );
}

/** What an import will do (a preview) or did, item by item, with the file's own problems. */
export function ImportReport({ outcome, noun }: { outcome: ImportOutcome; noun: string }) {
  const words = outcome.applied ? DONE : PLANNED;
  const rows = [...outcome.items].sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.line - b.line).slice(0, REPORT_ROWS);
  // Rows not drawn here, and items the import itself left out of the list (a big file's creates).
  const hidden = outcome.items.length - rows.length + (outcome.omittedItems ?? 0);
  return (
    <div className="import-report" data-testid={outcome.applied ? "import-result" : "import-preview"}>
      <p className={`import-summary${outcome.failed ? " has-failures" : ""}`} role="status" data-testid="import-summary">
        {summaryWords(outcome, noun)}
      </p>
      {outcome.fileProblems.length > 0 && (
        <div className="warning" role="alert">
          <p>Problems in the file outside any item:</p>
          <ul>
            {outcome.fileProblems.map((p, i) => (
              <li key={i}>{problemWords(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome.fileWarnings.length > 0 && (
        <div className="warning" data-testid="import-file-warnings">
          <ul>
            {outcome.fileWarnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-scroll import-items">
          <table>
            <thead>
              <tr>
                <th className="num col-line">Line</th>
                <th className="col-item">Item</th>
                <th className="col-action">{outcome.applied ? "Done" : "Will"}</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={`${item.line}|${item.label}`} className={`import-${item.action}`} data-testid="import-item">
                  <td className="num">{item.line}</td>
                  <td>{item.label || "(no name)"}</td>
                  <td>
                    <span className={`import-action import-action-${item.action}`}>{words[item.action]}</span>
                  </td>
                  <td>
                    <div className="import-why">
                      <Why item={item} applied={outcome.applied} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden > 0 && (
        <p className="muted small" data-testid="import-omitted">
          … and {plural(hidden, "more item")}, counted above but not listed.
        </p>
      )}
    </div>
  );
}
