// A small invitations and approvals backend for component tests: records kept in memory, written
// by the same commands the real one has, leaving the outbox ops those writes leave (waiting), and
// making the refusals the real one makes (a member's attempt, a field the model does not allow).

import { CommandError } from "../api/transport";
import type { Approval, Invitation, NewInvitation, OutboxOp, RecordView } from "../generated/bindings";
import { fakeCall, status, type Handlers } from "./fakeCall";
import { sessionAs, USERS } from "./fakeGroups";

export function invitationRecord(localId: string, fields: Invitation, serverId: string | null = `s-${localId}`): RecordView<Invitation> {
  return { entity: "invitation", localId, serverId, fields, baseUpdatedAt: "2026-12-01T09:00:00Z", hasPendingOps: false };
}

export function approvalRecord(localId: string, fields: Approval): RecordView<Approval> {
  return { entity: "approval", localId, serverId: `s-${localId}`, fields, baseUpdatedAt: "2026-12-01T09:00:00Z", hasPendingOps: false };
}

type OpBody =
  | { entity: "invitation"; kind: "create"; action: null; payload: NewInvitation }
  | { entity: "invitation"; kind: "delete"; action: null; payload: Record<string, never> }
  | { entity: "invitation"; kind: "action"; action: "resend"; payload: Record<symbol, never> }
  | { entity: "approval"; kind: "action"; action: "approve"; payload: { comment?: string } }
  | { entity: "approval"; kind: "action"; action: "reject"; payload: { rejection_reason: string } };

/** A waiting op, as list_outbox lists it; `refused` makes it one the server refused. */
export function adminOp(seq: number, localId: string, body: OpBody, label: string | null = null, refused?: string): OutboxOp {
  return {
    seq,
    opId: `op-${seq}`,
    localId,
    serverId: null,
    label,
    base: null,
    baseUpdatedAt: null,
    state: refused ? "failed" : "pending",
    source: "user",
    attempts: refused ? 1 : 0,
    lastError: refused ?? null,
    nextAttemptAt: null,
    createdAt: "2026-12-07T10:00:00Z",
    updatedAt: "2026-12-07T10:00:00Z",
    ...body,
  } as OutboxOp;
}

interface Options {
  invitations?: RecordView<Invitation>[];
  approvals?: RecordView<Approval>[];
  role?: string | null;
  outbox?: OutboxOp[];
  offline?: boolean;
  extra?: Handlers;
}

export function fakeAdmin(options: Options = {}) {
  const invitations = new Map((options.invitations ?? []).map((i) => [i.localId, i]));
  const approvals = new Map((options.approvals ?? []).map((a) => [a.localId, a]));
  const outbox: OutboxOp[] = [...(options.outbox ?? [])];
  const role = options.role === undefined ? "owner" : options.role;
  let next = 0;
  const refuseReadOnly = (what: string) => {
    if (role === "member" || role === "guest") {
      throw new CommandError({
        code: "read_only",
        message: `You are a ${role} in Acme Field Services: only owners and admins can ${what} (ask an administrator)`,
        details: null,
      });
    }
  };
  const invalid = (field: string, message: string) =>
    new CommandError({ code: "invalid", message: `${field}: ${message}`, details: { field } });
  const findInvitation = (id: string) => {
    const i = invitations.get(id) ?? [...invitations.values()].find((x) => x.serverId === id);
    if (!i) throw new CommandError({ code: "not_found", message: `no invitation with id ${id} in this tenant`, details: null });
    return i;
  };
  const findApproval = (id: string) => {
    const a = approvals.get(id);
    if (!a) throw new CommandError({ code: "not_found", message: `no approval with id ${id} in this tenant`, details: null });
    return a;
  };
  const push = (localId: string, body: OpBody, label: string | null = null) =>
    outbox.push(adminOp(outbox.length + 100, localId, body, label));

  const handlers: Handlers = {
    session_state: () => sessionAs(role),
    sync_status: () => (options.offline ? status({ state: "offline", online: false }) : status()),
    list_outbox: () => [...outbox],
    list_conflicts: () => [],
    list_directory: ({ kind }) => (kind === "users" ? USERS : []),
    list_invitations: () => [...invitations.values()],
    invite: ({ fields }) => {
      refuseReadOnly("invite people");
      // The replica's email check (crates/replica's is_email) refuses what the form let through.
      if (fields.recipient_email?.endsWith(".invalid")) throw invalid("recipient_email", "must be an email address such as anna@example.com");
      const localId = `new-${++next}`;
      const record: RecordView<Invitation> = { entity: "invitation", localId, serverId: null, fields, baseUpdatedAt: null, hasPendingOps: true };
      invitations.set(localId, record);
      push(localId, { entity: "invitation", kind: "create", action: null, payload: fields });
      return record;
    },
    resend_invitation: ({ id }) => {
      refuseReadOnly("resend invitations");
      const record = { ...findInvitation(id), hasPendingOps: true };
      invitations.set(record.localId, record);
      push(record.localId, { entity: "invitation", kind: "action", action: "resend", payload: {} as Record<symbol, never> });
      return record;
    },
    revoke_invitation: ({ id }) => {
      refuseReadOnly("revoke invitations");
      const record = findInvitation(id);
      invitations.delete(record.localId);
      const made = outbox.findIndex((o) => o.localId === record.localId && o.kind === "create");
      // One never sent is simply dropped; one sent leaves its revoke waiting.
      if (made >= 0) outbox.splice(made, 1);
      else push(record.localId, { entity: "invitation", kind: "delete", action: null, payload: {} }, record.fields.recipient_email ?? null);
      return { ok: true };
    },
    list_approvals: () => [...approvals.values()],
    approve_request: ({ id, comment }) => {
      refuseReadOnly("approve requests");
      const record = { ...findApproval(id), hasPendingOps: true };
      approvals.set(id, record);
      push(id, { entity: "approval", kind: "action", action: "approve", payload: comment === undefined ? {} : { comment } });
      return record;
    },
    reject_request: ({ id, rejectionReason }) => {
      refuseReadOnly("reject requests");
      if (!rejectionReason.trim()) throw invalid("rejection_reason", "must be 1 to 500 characters");
      const record = { ...findApproval(id), hasPendingOps: true };
      approvals.set(id, record);
      push(id, { entity: "approval", kind: "action", action: "reject", payload: { rejection_reason: rejectionReason } });
      return record;
    },
    ...options.extra,
  };
  return { ...fakeCall(handlers), invitations, approvals, outbox };
}
