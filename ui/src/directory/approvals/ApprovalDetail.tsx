import { useRef, useState } from "react";
import { useCall } from "../../api/context";
import type { Approval, OutboxOp, RecordView } from "../../generated/bindings";
import { when } from "../../sync/words";
import { ConfirmDialog } from "../ConfirmDialog";
import { SyncBadge } from "../SyncBadge";
import { markOf, type SyncMarks } from "../syncMarks";
import { useDirectoryList } from "../useDirectoryList";
import {
  COMMENT_INPUT,
  REASON_INPUT,
  requestName,
  TARGET_WORDS,
  waitingDecision,
  whyUndecidable,
  type Decision,
} from "./approvalRules";
import { ApprovalStatusChip } from "./ApprovalStatusChip";

export const APPROVALS_NOTE_ID = "approvals-read-only-note";

interface Props {
  record: RecordView<Approval>;
  marks: SyncMarks;
  ops: readonly OutboxOp[];
  readOnlyReason: string | null;
}

/** One approval request: what it is about and why, where it stands, and approve or reject. */
export function ApprovalDetail({ record, marks, ops, readOnlyReason }: Props) {
  const call = useCall();
  const users = useDirectoryList("users");
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Decided, both buttons are off: the keyboard carries on from the heading.
  const decided = () => {
    setDeciding(null);
    setTimeout(() => heading.current?.focus());
  };
  const f = record.fields;
  const name = requestName(f);
  const mark = markOf(marks, record);
  const waiting = waitingDecision(ops, record.localId);
  const why = readOnlyReason ?? whyUndecidable(record, waiting);
  const decider = f.decision_by ? (users?.find((u) => u.serverId === f.decision_by)?.name ?? f.decision_by) : null;
  const kind = f.entity_type ? TARGET_WORDS[f.entity_type].toLowerCase() : "request";

  return (
    <article className="admin-detail" aria-labelledby="approval-detail-name">
      <header className="card-header">
        <div className="group-detail-title">
          <h2 id="approval-detail-name" ref={heading} tabIndex={-1} className="break">
            {name}
          </h2>
          {mark ? <SyncBadge mark={mark} explain /> : <span className="muted small">As the last sync fetched it</span>}
        </div>
        <div className="row">
          <button
            type="button"
            onClick={() => setDeciding("approve")}
            disabled={why !== null}
            title={why ?? "Approve it at the next sync"}
            aria-describedby={readOnlyReason ? APPROVALS_NOTE_ID : undefined}
          >
            Approve…
          </button>
          <button
            type="button"
            className="secondary danger-text"
            onClick={() => setDeciding("reject")}
            disabled={why !== null}
            title={why ?? "Reject it at the next sync"}
            aria-describedby={readOnlyReason ? APPROVALS_NOTE_ID : undefined}
          >
            Reject…
          </button>
        </div>
      </header>
      {why && !readOnlyReason && !waiting && (
        <p className="muted small" data-testid="approval-why-not">
          {why}
        </p>
      )}
      {waiting && (
        <p className="queued-note" role="status" data-testid="approval-waiting">
          {waiting.action === "approve" ? "Approved" : "Rejected"} on this computer {when(waiting.op.createdAt)}
          {waiting.words ? ` (“${waiting.words}”)` : ""}.{" "}
          {waiting.refused
            ? "The server refused it; its words are above."
            : "The server takes the decision at the next sync; until then the request stays waiting there."}
        </p>
      )}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <ApprovalStatusChip status={f.status} waiting={waiting} />
        </dd>
        <dt>About</dt>
        <dd>
          {f.entity_type ? TARGET_WORDS[f.entity_type] : "Unknown"}
          {f.entity_name ? `: ${f.entity_name}` : ""}
        </dd>
        <dt>Why it was asked</dt>
        <dd className="notes">{f.reason || <span className="muted">not said</span>}</dd>
        {f.decision_at && (
          <>
            <dt>Decided</dt>
            <dd>
              {when(f.decision_at)}
              {decider ? ` by ${decider}` : ""}
            </dd>
          </>
        )}
        {f.rejection_reason && (
          <>
            <dt>Reason for rejecting</dt>
            <dd className="notes">{f.rejection_reason}</dd>
          </>
        )}
        <dt>{(f.status ?? "pending") === "pending" ? "Expires undecided" : "Would have expired"}</dt>
        <dd>{f.expires_at ? when(f.expires_at) : <span className="muted">never</span>}</dd>
        {record.baseUpdatedAt && (
          <>
            <dt>Updated on the server</dt>
            <dd>{when(record.baseUpdatedAt)}</dd>
          </>
        )}
      </dl>
      {deciding === "approve" && (
        <ConfirmDialog
          id="approve-request"
          title={`Approve ${name}?`}
          text={
            <p>
              The {kind} is approved on the server at the next sync; until then the decision waits on this computer and
              the request stays waiting there.
            </p>
          }
          input={COMMENT_INPUT}
          confirmLabel="Approve"
          busyLabel="Approving…"
          onConfirm={async (comment) => {
            await call("approve_request", comment ? { id: record.localId, comment } : { id: record.localId });
            decided();
          }}
          onClose={() => setDeciding(null)}
        />
      )}
      {deciding === "reject" && (
        <ConfirmDialog
          id="reject-request"
          title={`Reject ${name}?`}
          text={
            <p>
              The {kind} is rejected on the server at the next sync, with your reason; until then the decision waits on
              this computer.
            </p>
          }
          input={REASON_INPUT}
          confirmLabel="Reject"
          busyLabel="Rejecting…"
          danger
          onConfirm={async (reason) => {
            await call("reject_request", { id: record.localId, rejectionReason: reason });
            decided();
          }}
          onClose={() => setDeciding(null)}
        />
      )}
    </article>
  );
}
