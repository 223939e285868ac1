// The approval queue's words and rules: what each status and target means, the decision waiting
// in the outbox for a request (approve with an optional comment, reject with a reason, as the
// model's action bodies say: crates/model's APPROVAL_APPROVE and APPROVAL_REJECT), the status
// filter and the search.

import type { Approval, ApprovalStatus, ApprovalTarget, OutboxOp, RecordView } from "../../generated/bindings";
import type { DialogInput } from "../ConfirmDialog";
import { matchesWords } from "../tableSort";

export const STATUS_WORDS: Record<ApprovalStatus, string> = {
  pending: "Waiting",
  approved: "Approved",
  rejected: "Rejected",
  cancelled: "Withdrawn",
  expired: "Expired",
};

export const TARGET_WORDS: Record<ApprovalTarget, string> = {
  space: "Space",
  resource: "Resource",
  calendar_entry: "Booking",
};

export const COMMENT_INPUT: DialogInput = {
  label: "Comment",
  field: "comment",
  required: false,
  max: 500,
  hint: "For whoever asked; up to 500 characters.",
};

export const REASON_INPUT: DialogInput = {
  label: "Reason",
  field: "rejection_reason",
  required: true,
  max: 500,
  hint: "Required: whoever asked sees it. Up to 500 characters.",
};

export type Decision = "approve" | "reject";

/** A decision made here that the server has not taken yet. */
export interface WaitingDecision {
  action: Decision;
  /** The comment or the reason given. */
  words: string | null;
  op: OutboxOp;
  /** Refused by the server (not retried by itself): the sync center has its words. */
  refused: boolean;
}

/** The decision waiting in the outbox for the request `localId`, if one does. */
export function waitingDecision(ops: readonly OutboxOp[], localId: string): WaitingDecision | null {
  for (const op of ops) {
    if (op.entity !== "approval" || op.localId !== localId || op.kind !== "action" || op.state === "done") continue;
    const words = op.action === "approve" ? (op.payload.comment ?? null) : op.payload.rejection_reason;
    return { action: op.action, words, op, refused: op.state === "conflict" || (op.state === "failed" && !op.nextAttemptAt) };
  }
  return null;
}

/** Only a waiting request can be decided, and only once: why not, or null when it can. */
export function whyUndecidable(record: RecordView<Approval>, waiting: WaitingDecision | null): string | null {
  if (waiting && !waiting.refused) {
    return `Your ${waiting.action === "approve" ? "approval" : "rejection"} waits for the next sync.`;
  }
  if (waiting?.refused) return "The server refused the decision made here: retry or discard it in the sync center first.";
  const status = record.fields.status ?? "pending";
  if (status !== "pending") return `It is ${STATUS_WORDS[status].toLowerCase()} already.`;
  return null;
}

export type StatusFilter = "all" | ApprovalStatus;

export const STATUS_FILTERS: readonly { value: StatusFilter; label: string }[] = [
  { value: "pending", label: "Waiting" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "expired", label: "Expired" },
  { value: "cancelled", label: "Withdrawn" },
  { value: "all", label: "Any status" },
];

export function requestName(f: Approval): string {
  return f.entity_name ?? (f.entity_type ? TARGET_WORDS[f.entity_type] : "Approval request");
}

/** The requests the status filter and the search keep. */
export function filterApprovals<R extends RecordView<Approval>>(records: readonly R[], status: StatusFilter, query: string): R[] {
  return records.filter((r) => {
    const f = r.fields;
    if (status !== "all" && (f.status ?? "pending") !== status) return false;
    return matchesWords(query, [f.entity_name, f.entity_type ? TARGET_WORDS[f.entity_type] : null, f.reason, f.rejection_reason]);
  });
}
