import type { InvitationStatus } from "../../generated/bindings";
import { STATUS_WORDS } from "./invitationRules";

const TONE: Record<InvitationStatus, string> = {
  pending: "open",
  sent: "open",
  opened: "open",
  accepted: "good",
  expired: "muted",
  revoked: "muted",
  failed: "bad",
};

/** Where an invitation stands, in a word; one the server has not had yet is "Not sent yet". */
export function InvitationStatusChip({ status, sent }: { status: InvitationStatus | undefined; sent: boolean }) {
  if (!sent || !status) {
    return (
      <span className="status-chip tone-muted" data-testid="invitation-status">
        Not sent yet
      </span>
    );
  }
  return (
    <span className={`status-chip tone-${TONE[status]}`} data-testid="invitation-status">
      {STATUS_WORDS[status]}
    </span>
  );
}
