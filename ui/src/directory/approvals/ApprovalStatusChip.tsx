import type { ApprovalStatus } from "../../generated/bindings";
import { STATUS_WORDS, type WaitingDecision } from "./approvalRules";

const TONE: Record<ApprovalStatus, string> = {
  pending: "open",
  approved: "good",
  rejected: "bad",
  cancelled: "muted",
  expired: "muted",
};

/**
 * Where a request stands on the server, in a word; with a decision made here that the server has
 * not taken yet, that decision beside it ("Waiting · approved here"). `compact` (a table's cell)
 * shows the decision made here alone, its title saying the server's status.
 */
export function ApprovalStatusChip({
  status,
  waiting,
  compact = false,
}: {
  status: ApprovalStatus | undefined;
  waiting: WaitingDecision | null;
  compact?: boolean;
}) {
  const s = status ?? "pending";
  if (compact && waiting) {
    return (
      <span
        className="status-chip tone-muted"
        data-testid="approval-decision"
        title={`${STATUS_WORDS[s]} on the server; ${waiting.action === "approve" ? "approved" : "rejected"} on this computer, sent at the next sync`}
      >
        {waiting.action === "approve" ? "approved here" : "rejected here"}
      </span>
    );
  }
  return (
    <span className="status-chips">
      <span className={`status-chip tone-${TONE[s]}`} data-testid="approval-status">
        {STATUS_WORDS[s]}
      </span>
      {waiting && (
        <span className="status-chip tone-muted" data-testid="approval-decision">
          {waiting.action === "approve" ? "approved here" : "rejected here"}
        </span>
      )}
    </span>
  );
}
