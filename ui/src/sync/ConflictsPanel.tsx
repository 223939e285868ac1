import { useCommandQuery } from "../api/queries";
import { ConflictCard } from "./ConflictCard";

/** Every parked conflict; each stays until the user picks a side. */
export function ConflictsPanel() {
  // An edit, a sync or a resolution that changed the conflicts lists them again.
  const { data: conflicts, error } = useCommandQuery(["conflicts"], "list_conflicts", {});
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
