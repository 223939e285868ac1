// Where each record the administration area edits (groups, memberships, invitations, approval
// decisions) stands with the server, read from the outbox and the conflicts: waiting for the
// next sync, refused by the server (with its words), or in conflict.

import { useMemo } from "react";
import { useCommandQuery } from "../api/queries";
import type { Conflict, OutboxOp } from "../generated/bindings";
import { CONFLICT_WORDS } from "../sync/words";

export type SyncMark =
  | { state: "waiting" }
  | { state: "failed"; reason: string }
  | { state: "conflict"; reason: string };

const ENTITIES = new Set<string>(["group", "group_member", "invitation", "approval"]);

const RANK: Record<SyncMark["state"], number> = { waiting: 1, failed: 2, conflict: 3 };

/** The mark that needs the user most: a conflict, then a failure, then waiting. */
export function worstMark(marks: readonly (SyncMark | null)[]): SyncMark | null {
  let worst: SyncMark | null = null;
  for (const m of marks) if (m && (!worst || RANK[m.state] > RANK[worst.state])) worst = m;
  return worst;
}

/**
 * The mark of each administered record (by local id) that has ops or a conflict. A conflict
 * outranks a failure, which outranks waiting. A failed op that the engine retries by itself
 * (it has a next attempt: offline, 5xx, 429) is waiting, as the sync center counts it.
 */
export function syncMarks(ops: readonly OutboxOp[], conflicts: readonly Conflict[]): Map<string, SyncMark> {
  const marks = new Map<string, SyncMark>();
  const put = (localId: string, mark: SyncMark) => {
    marks.set(localId, worstMark([marks.get(localId) ?? null, mark]) ?? mark);
  };
  for (const op of ops) {
    if (!ENTITIES.has(op.entity) || op.state === "done") continue;
    if (op.state === "failed" && !op.nextAttemptAt) {
      put(op.localId, { state: "failed", reason: op.lastError ?? "The server refused this change." });
    } else if (op.state === "conflict") {
      put(op.localId, { state: "conflict", reason: "Changed here and on the server" });
    } else {
      put(op.localId, { state: "waiting" });
    }
  }
  for (const c of conflicts) {
    if (ENTITIES.has(c.entity)) put(c.localId, { state: "conflict", reason: CONFLICT_WORDS[c.kind] });
  }
  return marks;
}

/** The marks of the administration screens, and whether the outbox behind them has been read. */
export interface SyncMarks {
  byId: Map<string, SyncMark>;
  outboxRead: boolean;
}

/** The marks for the administration screens; refreshed when the outbox or the conflicts change. */
export function useSyncMarks(): SyncMarks {
  const { data: ops } = useCommandQuery(["outbox"], "list_outbox", {});
  const { data: conflicts } = useCommandQuery(["conflicts"], "list_conflicts", {});
  return useMemo(() => ({ byId: syncMarks(ops ?? [], conflicts ?? []), outboxRead: ops !== undefined }), [ops, conflicts]);
}

/**
 * A record's mark. The outbox is the authority once read (a record's `hasPendingOps` is only
 * as fresh as the record's own query); before that, a record that says ops wait is waiting.
 */
export function markOf(marks: SyncMarks, record: { localId: string; hasPendingOps: boolean }): SyncMark | null {
  const mark = marks.byId.get(record.localId);
  if (mark) return mark;
  return !marks.outboxRead && record.hasPendingOps ? { state: "waiting" } : null;
}
