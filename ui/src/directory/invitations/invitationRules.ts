// An invitation's form and words: the model's create shape (crates/model's NewInvitation and its
// field rules: an email address or a phone number, a role, a channel, a language of 2 to 5
// letters, a message of at most 500 characters, 1 to 168 hours), the body `invite` takes, where
// the backend's objection goes, and what each status means and allows.

import type { CommandError } from "../../api/transport";
import type {
  Invitation,
  InvitationChannel,
  InvitationStatus,
  NewInvitation,
  OutboxOp,
  RecordView,
  TenantRole,
} from "../../generated/bindings";
import { matchesWords } from "../tableSort";

export const MESSAGE_MAX = 500;
export const HOURS_MIN = 1;
export const HOURS_MAX = 168;
export const HOURS_DEFAULT = 24;

export const ROLES: readonly { value: TenantRole; label: string }[] = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
  { value: "guest", label: "Guest" },
  { value: "owner", label: "Owner" },
];

export const CHANNELS: readonly { value: InvitationChannel; label: string }[] = [
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
  { value: "whatsapp", label: "WhatsApp" },
];

export const CHANNEL_WORDS: Record<InvitationChannel, string> = { email: "Email", sms: "SMS", whatsapp: "WhatsApp" };

export interface InvitationForm {
  recipient_email: string;
  recipient_phone: string;
  role: TenantRole;
  channel: InvitationChannel;
  language: string;
  personal_message: string;
  /** As typed; a whole number of hours. */
  expires_in_hours: string;
}

export type InvitationField = keyof InvitationForm;

export const EMPTY_INVITATION: InvitationForm = {
  recipient_email: "",
  recipient_phone: "",
  role: "member",
  channel: "email",
  language: "en",
  personal_message: "",
  expires_in_hours: String(HOURS_DEFAULT),
};

/** Characters as people count them (an emoji or an accented letter is one), as the server does. */
function length(text: string): number {
  return [...text].length;
}

/** A plausible address: the backend checks it fully (RFC 5321) and names the field if not. */
function looksLikeEmail(text: string): boolean {
  const at = text.lastIndexOf("@");
  // eslint-disable-next-line no-control-regex
  return at > 0 && at < text.length - 1 && !/\s/.test(text) && /^[\x00-\x7f]*$/.test(text);
}

/**
 * What is wrong with the form, field by field, before anything is sent; empty when nothing is.
 * The model needs an address or a number; the server sends by email to the address and by SMS
 * or WhatsApp to the number (E.164: a plus and 8 to 15 digits), so a missing one is named now
 * rather than refused at the next sync.
 */
export function checkInvitation(form: InvitationForm): Partial<Record<InvitationField, string>> {
  const problems: Partial<Record<InvitationField, string>> = {};
  const email = form.recipient_email.trim();
  const phone = form.recipient_phone.trim();
  if (!email && !phone) {
    if (form.channel === "email") problems.recipient_email = "An email invitation needs the recipient's email address.";
    else problems.recipient_phone = `An invitation by ${CHANNEL_WORDS[form.channel]} needs the recipient's phone number.`;
  } else if (form.channel === "email" && !email) {
    problems.recipient_email = "An email invitation needs the recipient's email address.";
  } else if (form.channel !== "email" && !phone) {
    problems.recipient_phone = `An invitation by ${CHANNEL_WORDS[form.channel]} needs the recipient's phone number.`;
  }
  if (email && !problems.recipient_email && !looksLikeEmail(email)) {
    problems.recipient_email = "Must be an email address such as anna@example.com (letters outside ASCII, such as ü, are not allowed).";
  }
  if (phone && !problems.recipient_phone && !/^\+\d{8,15}$/.test(phone)) {
    problems.recipient_phone = "Must be in international form: + and 8 to 15 digits, such as +4915112345678.";
  }
  const language = form.language.trim();
  if (language && (length(language) < 2 || length(language) > 5)) {
    problems.language = "A language code of 2 to 5 letters, such as en or pt-BR.";
  }
  const message = form.personal_message.trim();
  if (length(message) > MESSAGE_MAX) problems.personal_message = `At most ${MESSAGE_MAX} characters (this is ${length(message)}).`;
  const hours = form.expires_in_hours.trim();
  if (hours) {
    const n = Number(hours);
    if (!/^\d+$/.test(hours) || n < HOURS_MIN || n > HOURS_MAX) {
      problems.expires_in_hours = `A whole number of hours from ${HOURS_MIN} to ${HOURS_MAX} (a week).`;
    }
  }
  return problems;
}

/** The body of `invite`: the filled fields, trimmed; what is left out takes the server's default. */
export function inviteBody(form: InvitationForm): NewInvitation {
  const body: NewInvitation = { role: form.role, channel: form.channel };
  const email = form.recipient_email.trim();
  const phone = form.recipient_phone.trim();
  if (email) body.recipient_email = email;
  if (phone) body.recipient_phone = phone;
  const language = form.language.trim();
  if (language) body.language = language;
  const message = form.personal_message.trim();
  if (message) body.personal_message = message;
  const hours = form.expires_in_hours.trim();
  if (hours) body.expires_in_hours = Number(hours);
  return body;
}

const FIELDS: readonly InvitationField[] = [
  "recipient_email",
  "recipient_phone",
  "role",
  "channel",
  "language",
  "personal_message",
  "expires_in_hours",
];

/** The backend's `invalid` error as `{field, message}` when it names a field of this form; null otherwise. */
export function invitationFieldError(error: CommandError): { field: InvitationField; message: string } | null {
  if (error.code !== "invalid") return null;
  const named = error.details?.field;
  if (typeof named !== "string") return null;
  const field = FIELDS.find((f) => named === f);
  if (!field) return null;
  const prefix = `${named}: `;
  return { field, message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
}

export const STATUS_WORDS: Record<InvitationStatus, string> = {
  pending: "Pending",
  sent: "Sent",
  opened: "Opened",
  accepted: "Accepted",
  expired: "Expired",
  revoked: "Revoked",
  failed: "Not delivered",
};

/** Whether it can still be accepted (and so revoked), as the server decides. */
export function isOpen(status: InvitationStatus | undefined): boolean {
  return status === undefined || status === "pending" || status === "sent" || status === "opened";
}

/** The server resends an open or expired invitation, never an accepted, revoked or undelivered one. */
export function canResend(status: InvitationStatus | undefined): boolean {
  return isOpen(status) || status === "expired";
}

/** Why an invitation in `status` cannot be resent or revoked any more, in a sentence. */
export const CLOSED_WORDS: Record<InvitationStatus, string> = {
  pending: "It is still open.",
  sent: "It is still open.",
  opened: "It is still open.",
  accepted: "It was accepted already.",
  expired: "It has expired already.",
  revoked: "It is revoked already.",
  failed: "It could not be delivered.",
};

export type StatusFilter = "all" | "open" | InvitationStatus;

export const STATUS_FILTERS: readonly { value: StatusFilter; label: string }[] = [
  { value: "all", label: "Any status" },
  { value: "open", label: "Open" },
  { value: "accepted", label: "Accepted" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
  { value: "failed", label: "Not delivered" },
];

/** A row of the invitations table: an invitation, or one revoked here whose revoke waits to be sent. */
export type InvitationRow =
  | { kind: "invitation"; key: string; record: RecordView<Invitation> }
  | { kind: "revoking"; key: string; op: OutboxOp };

/** Who it is for, in one line. */
export function recipientOf(fields: Invitation): string {
  return fields.recipient_email ?? fields.recipient_phone ?? "(no recipient)";
}

/**
 * The rows: the tenant's invitations, then those revoked here that the server has not heard of
 * yet (the replica no longer lists them; the outbox still has their revoke), so nothing the user
 * did leaves the screen before the server knows.
 */
export function invitationRows(records: readonly RecordView<Invitation>[], ops: readonly OutboxOp[]): InvitationRow[] {
  const listed = new Set(records.map((r) => r.localId));
  const rows: InvitationRow[] = records.map((record) => ({ kind: "invitation", key: record.localId, record }));
  for (const op of ops) {
    if (op.entity === "invitation" && op.kind === "delete" && op.state !== "done" && !listed.has(op.localId)) {
      rows.push({ kind: "revoking", key: op.localId, op });
    }
  }
  return rows;
}

/** A row's status as shown: a revoke waiting counts as revoked. */
export function rowStatus(row: InvitationRow): InvitationStatus | undefined {
  return row.kind === "revoking" ? "revoked" : row.record.fields.status;
}

export function rowRecipient(row: InvitationRow): string {
  return row.kind === "revoking" ? (row.op.label ?? "(invitation)") : recipientOf(row.record.fields);
}

/** The rows the status filter and the search keep. */
export function filterInvitations(rows: readonly InvitationRow[], status: StatusFilter, query: string): InvitationRow[] {
  return rows.filter((row) => {
    const s = rowStatus(row);
    if (status === "open" ? !isOpen(s) : status !== "all" && s !== status) return false;
    if (row.kind === "revoking") return matchesWords(query, [row.op.label]);
    const f = row.record.fields;
    return matchesWords(query, [f.recipient_email, f.recipient_phone, f.role, f.channel, f.personal_message, s ? STATUS_WORDS[s] : null]);
  });
}

/** The resend waiting for the next sync, if one does. */
export function waitingResend(ops: readonly OutboxOp[], localId: string): OutboxOp | null {
  return ops.find((op) => op.entity === "invitation" && op.localId === localId && op.kind === "action" && op.state !== "done") ?? null;
}
