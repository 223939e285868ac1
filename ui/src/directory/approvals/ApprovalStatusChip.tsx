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
 * not taken yet, that decision beside it ("Waiting · approved here").
 */
export function ApprovalStatusChip({ status, waiting }: { status: ApprovalStatus | undefined; waiting: WaitingDecision | null }) {
  const s = status ?? "pending";
  return (
    <span className="row start wrap" style={{ gap: 6 }}>
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
