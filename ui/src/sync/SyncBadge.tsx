import { useSync } from "./SyncContext";
import { unsyncedCount } from "./words";

/** The number of local edits not on the server yet (conflicts included), next to the Sync center link. */
export function SyncBadge() {
  const { status } = useSync();
  const count = status ? unsyncedCount(status.outbox) : 0;
  if (count === 0) return null;
  const attention = status?.state === "needs_attention";
  return (
    <span
      className={`badge${attention ? " badge-attention" : ""}`}
      data-testid="sync-badge"
      aria-label={`${count.toLocaleString()} ${count === 1 ? "edit" : "edits"} not synced${attention ? ", needs attention" : ""}`}
      title={`${status?.outbox.pending ?? 0} waiting, ${status?.outbox.failed ?? 0} failed, ${status?.outbox.conflict ?? 0} in conflict`}
    >
      {count > 999 ? "999+" : count}
    </span>
  );
}
