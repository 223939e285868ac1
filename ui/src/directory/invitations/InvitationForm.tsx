import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { useCall } from "../../api/context";
import { toCommandError, type CommandError } from "../../api/transport";
import type { Invitation, RecordView } from "../../generated/bindings";
import {
  CHANNELS,
  checkInvitation,
  EMPTY_INVITATION,
  HOURS_MAX,
  HOURS_MIN,
  invitationFieldError,
  inviteBody,
  MESSAGE_MAX,
  ROLES,
  type InvitationField,
  type InvitationForm as Form,
} from "./invitationRules";

interface Props {
  onSaved: (record: RecordView<Invitation>) => void;
  onCancel: () => void;
  /** Offline now: the form says the invitation waits on this computer. */
  offline: boolean;
}

/**
 * Invites someone: an address or a number, the role they get, the channel, the language, a
 * message and how long it stays open. The model's rules are checked as the user sends; what the
 * backend still objects to shows at its field. Nothing leaves this computer before the next sync.
 */
export function InvitationForm({ onSaved, onCancel, offline }: Props) {
  const call = useCall();
  const [form, setForm] = useState<Form>(EMPTY_INVITATION);
  const [problems, setProblems] = useState<Partial<Record<InvitationField, string>>>({});
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const atField = error ? invitationFieldError(error) : null;
  const problemOf = (field: InvitationField) => problems[field] ?? (atField?.field === field ? atField.message : null);
  const set = (field: InvitationField, value: string) => setForm((f) => ({ ...f, [field]: value }));

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[name="recipient_email"]')?.focus();
  }, []);

  const focus = (field: InvitationField) => formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = checkInvitation(form);
    setProblems(found);
    const first = (Object.keys(found) as InvitationField[])[0];
    if (first) {
      focus(first);
      return;
    }
    setBusy(true);
    try {
      onSaved(await call("invite", { fields: inviteBody(form) }));
    } catch (e) {
      const refused = toCommandError(e);
      setError(refused);
      setBusy(false);
      const field = invitationFieldError(refused)?.field;
      if (field) focus(field);
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === "Escape" && !busy) {
      event.preventDefault();
      onCancel();
    }
  }

  const field = (name: InvitationField, label: string, control: ReactNode, hint?: string) => {
    const problem = problemOf(name);
    return (
      <div className="field">
        <label htmlFor={`invite-${name}`}>{label}</label>
        {control}
        {problem ? (
          <span className="form-error small" id={`invite-${name}-error`} data-testid={`error-${name}`}>
            {problem}
          </span>
        ) : (
          hint && (
            <span className="muted small" id={`invite-${name}-hint`}>
              {hint}
            </span>
          )
        )}
      </div>
    );
  };
  const described = (name: InvitationField, hint: boolean) => ({
    id: `invite-${name}`,
    name,
    "aria-invalid": problemOf(name) ? true : undefined,
    "aria-describedby": problemOf(name) ? `invite-${name}-error` : hint ? `invite-${name}-hint` : undefined,
  });

  return (
    <form ref={formRef} className="admin-form" aria-label="Invite someone" onSubmit={submit} onKeyDown={escape} noValidate>
      <h2>Invite someone</h2>
      <p className="muted small" data-testid="invite-when">
        {offline
          ? "You are offline: the invitation is kept on this computer and sent at the next sync once the server can be reached."
          : "The invitation is kept on this computer and sent at the next sync; the invitation code never comes back here."}
      </p>
      <fieldset className="field segmented">
        <legend>Send by</legend>
        {CHANNELS.map((c) => (
          <label key={c.value} className="check">
            <input
              type="radio"
              name="channel"
              value={c.value}
              checked={form.channel === c.value}
              onChange={() => setForm((f) => ({ ...f, channel: c.value }))}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      {field(
        "recipient_email",
        form.channel === "email" ? "Email address" : "Email address (optional)",
        <input
          type="email"
          autoComplete="off"
          value={form.recipient_email}
          onChange={(e) => set("recipient_email", e.target.value)}
          {...described("recipient_email", false)}
        />,
      )}
      {field(
        "recipient_phone",
        form.channel === "email" ? "Phone number (optional)" : "Phone number",
        <input
          type="tel"
          autoComplete="off"
          placeholder="+4915112345678"
          value={form.recipient_phone}
          onChange={(e) => set("recipient_phone", e.target.value)}
          {...described("recipient_phone", true)}
        />,
        "International form: + and the country code.",
      )}
      <div className="two">
        {field(
          "role",
          "Role on joining",
          <select value={form.role} onChange={(e) => set("role", e.target.value)} {...described("role", false)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>,
        )}
        {field(
          "language",
          "Language",
          <input
            autoComplete="off"
            value={form.language}
            onChange={(e) => set("language", e.target.value)}
            {...described("language", true)}
          />,
          "Of the message: en, de, pt-BR…",
        )}
      </div>
      {field(
        "personal_message",
        "Personal message (optional)",
        <textarea rows={3} value={form.personal_message} onChange={(e) => set("personal_message", e.target.value)} {...described("personal_message", true)} />,
        `Up to ${MESSAGE_MAX} characters.`,
      )}
      {field(
        "expires_in_hours",
        "Open for (hours)",
        <input
          type="number"
          inputMode="numeric"
          min={HOURS_MIN}
          max={HOURS_MAX}
          className="short"
          value={form.expires_in_hours}
          onChange={(e) => set("expires_in_hours", e.target.value)}
          {...described("expires_in_hours", true)}
        />,
        `${HOURS_MIN} to ${HOURS_MAX} (a week), counted from when the server sends it.`,
      )}
      {error && !atField && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {atField && (
        <p className="sr-only" role="alert">
          {atField.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? "Inviting…" : "Invite"}
        </button>
      </div>
    </form>
  );
}
