import { useEffect, useRef, useState } from "react";
import { useCall } from "../../api/context";
import type { OutboxOp } from "../../generated/bindings";
import { when } from "../../sync/words";
import { ConfirmDialog } from "../ConfirmDialog";
import { SyncBadge } from "../SyncBadge";
import { markOf, type SyncMarks } from "../syncMarks";
import {
  canResend,
  CHANNEL_WORDS,
  CLOSED_WORDS,
  isOpen,
  rowRecipient,
  waitingResend,
  type InvitationRow,
} from "./invitationRules";
import { InvitationStatusChip } from "./InvitationStatusChip";

export const INVITATIONS_NOTE_ID = "invitations-read-only-note";

interface Props {
  row: InvitationRow;
  marks: SyncMarks;
  ops: readonly OutboxOp[];
  readOnlyReason: string | null;
  /** A revoke done: the pane goes back to the list. */
  onRevoked: () => void;
}

/** One invitation: what was sent, where it stands, and (for owners and admins) resend and revoke. */
export function InvitationDetail({ row, marks, ops, readOnlyReason, onRevoked }: Props) {
  const call = useCall();
  const [asking, setAsking] = useState<"resend" | "revoke" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const canEdit = readOnlyReason === null;
  // After a confirmed action the button that opened the dialog may be off now: the keyboard
  // carries on from the heading instead of the page's top.
  const done = () => {
    setAsking(null);
    setTimeout(() => heading.current?.focus());
  };

  // Opened from the form (an invitation just made) the focus was on a button that is gone.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
  }, [row.key]);

  if (row.kind === "revoking") {
    const mark = markOf(marks, { localId: row.op.localId, hasPendingOps: true });
    return (
      <article className="admin-detail" aria-labelledby="invitation-detail-name">
        <header className="card-header">
          <div className="group-detail-title">
            <h2 id="invitation-detail-name" ref={heading} tabIndex={-1} className="break">
              {rowRecipient(row)}
            </h2>
            <SyncBadge mark={mark} explain />
          </div>
        </header>
        <p data-testid="invitation-revoking">
          Revoked on this computer {when(row.op.createdAt)}. The server learns it at the next sync; until then the
          invitation can still be accepted.
        </p>
      </article>
    );
  }

  const record = row.record;
  const f = record.fields;
  const mark = markOf(marks, record);
  const resend = waitingResend(ops, record.localId);
  const created = ops.find((op) => op.entity === "invitation" && op.localId === record.localId && op.kind === "create");
  const sent = record.serverId !== null;
  const resendWhy = !canEdit
    ? readOnlyReason
    : !sent
      ? "Not sent yet: the next sync sends it."
      : resend
        ? "A resend already waits for the next sync."
        : !canResend(f.status)
          ? `${CLOSED_WORDS[f.status ?? "pending"]} It cannot be sent again.`
          : null;
  const revokeWhy = !canEdit ? readOnlyReason : !isOpen(f.status) ? CLOSED_WORDS[f.status ?? "pending"] : null;
  const who = rowRecipient(row);

  return (
    <article className="admin-detail" aria-labelledby="invitation-detail-name">
      <header className="card-header">
        <div className="group-detail-title">
          <h2 id="invitation-detail-name" ref={heading} tabIndex={-1} className="break">
            {who}
          </h2>
          {mark ? (
            <SyncBadge mark={mark} explain />
          ) : (
            <span className="muted small">{sent ? "On the server" : "Only on this computer"}</span>
          )}
        </div>
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() => setAsking("resend")}
            disabled={resendWhy !== null}
            title={resendWhy ?? "Send it again at the next sync"}
            aria-describedby={canEdit ? undefined : INVITATIONS_NOTE_ID}
          >
            Resend…
          </button>
          <button
            type="button"
            className="secondary danger-text"
            onClick={() => setAsking("revoke")}
            disabled={revokeWhy !== null}
            title={revokeWhy ?? (sent ? "Revoke it at the next sync" : "Withdraw it before it is sent")}
            aria-describedby={canEdit ? undefined : INVITATIONS_NOTE_ID}
          >
            {sent ? "Revoke…" : "Withdraw…"}
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <InvitationStatusChip status={f.status} sent={sent} />
        </dd>
        <dt>Email</dt>
        <dd className="break">{f.recipient_email ?? <span className="muted">none</span>}</dd>
        <dt>Phone</dt>
        <dd>{f.recipient_phone ?? <span className="muted">none</span>}</dd>
        <dt>Sent by</dt>
        <dd>{CHANNEL_WORDS[f.channel ?? "email"]}</dd>
        <dt>Role on joining</dt>
        <dd>{f.role ?? "member"}</dd>
        <dt>Language</dt>
        <dd>{f.language ?? "en"}</dd>
        <dt>Message</dt>
        <dd className="notes">{f.personal_message || <span className="muted">none</span>}</dd>
        <dt>Expires</dt>
        <dd>
          {f.expires_at
            ? when(f.expires_at)
            : `${f.expires_in_hours ?? 24} hours after the server sends it`}
        </dd>
        {created && (
          <>
            <dt>Invited here</dt>
            <dd>{when(created.createdAt)}, waiting for the next sync</dd>
          </>
        )}
        {record.baseUpdatedAt && (
          <>
            <dt>Updated on the server</dt>
            <dd>{when(record.baseUpdatedAt)}</dd>
          </>
        )}
      </dl>
      {resend && (
        <p className="queued-note" role="status" data-testid="invitation-resend-waiting">
          Resent on this computer {when(resend.createdAt)}: the server sends it again at the next sync
          {resend.state === "failed" && !resend.nextAttemptAt ? ", once the refusal above is dealt with" : ""}.
        </p>
      )}
      {asking === "resend" && (
        <ConfirmDialog
          id="resend-invitation"
          title={`Send the invitation to ${who} again?`}
          text={
            <p>
              The server sends it again by {CHANNEL_WORDS[f.channel ?? "email"]} at the next sync, with a fresh expiry if it
              had expired. Until then it waits on this computer.
            </p>
          }
          confirmLabel="Resend invitation"
          busyLabel="Resending…"
          onConfirm={async () => {
            await call("resend_invitation", { id: record.localId });
            done();
          }}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === "revoke" && (
        <ConfirmDialog
          id="revoke-invitation"
          title={sent ? `Revoke the invitation to ${who}?` : `Withdraw the invitation to ${who}?`}
          text={
            <p>
              {sent
                ? "Its code stops working once the server learns it, at the next sync; until then it can still be accepted. The invitation stays listed as revoked."
                : "It was never sent: it is dropped from this computer now and the server never hears of it."}
            </p>
          }
          confirmLabel={sent ? "Revoke invitation" : "Withdraw invitation"}
          busyLabel={sent ? "Revoking…" : "Withdrawing…"}
          danger
          onConfirm={async () => {
            await call("revoke_invitation", { id: record.localId });
            if (sent) done();
            else {
              setAsking(null);
              onRevoked();
            }
          }}
          onClose={() => setAsking(null)}
        />
      )}
    </article>
  );
}
