import { useCallback } from "react";
import { useCall } from "../api/context";
import { useResource } from "../api/useResource";
import { ConflictCard } from "./ConflictCard";
import { useSync } from "./SyncContext";

/** Every parked conflict; each stays until the user picks a side. */
export function ConflictsPanel() {
  const call = useCall();
  const { revision } = useSync();
  const load = useCallback(
    () => call("list_conflicts", {}),
    // A new revision (an edit, a sync, a resolution) lists again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [call, revision],
  );
  const { value: conflicts, error } = useResource(load);
  if (!error && (!conflicts || conflicts.length === 0)) return null;
  return (
    <section className="card conflicts" aria-labelledby="conflicts-title">
      <header className="card-header">
        <h2 id="conflicts-title">Conflicts</h2>
        <span className="muted small">
          {conflicts ? `${conflicts.length} to resolve: your edit and the server's clash` : ""}
        </span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {conflicts?.map((c) => <ConflictCard key={c.conflictId} conflict={c} />)}
    </section>
  );
}
