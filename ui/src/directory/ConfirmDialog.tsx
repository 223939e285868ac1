import { useState, type FormEvent, type ReactNode } from "react";
import { toCommandError, type CommandError } from "../api/transport";
import { useModal } from "../transfer/useModal";

/** A text the dialog asks for with its question: a comment, a reason. */
export interface DialogInput {
  label: string;
  /** The backend's name of the field, where its objection is placed. */
  field: string;
  required: boolean;
  /** At most this many characters, as people count them. */
  max: number;
  hint: string;
}

interface Props {
  /** Prefix of the dialog's element ids. */
  id: string;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  input?: DialogInput;
  /** Does the thing; a refusal it throws is shown in the dialog, at the field it names. */
  onConfirm: (value: string) => Promise<unknown>;
  onClose: () => void;
}

/** What is wrong with the text typed, before anything is sent; null when nothing is. */
export function checkDialogInput(input: DialogInput, value: string): string | null {
  const text = value.trim();
  if (input.required && !text) return `${input.label} is required.`;
  const length = [...text].length;
  if (length > input.max) return `${input.label}: at most ${input.max} characters (this is ${length}).`;
  return null;
}

/**
 * Asks before an action the next sync sends (revoke, resend, approve, reject), saying what it
 * does; with `input` it asks for a comment or a reason too. The focus starts on Cancel and goes
 * back to what opened it when it closes; Escape cancels.
 */
export function ConfirmDialog({ id, title, text, confirmLabel, busyLabel, danger, input, onConfirm, onClose }: Props) {
  const dialog = useModal();
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  // The backend's objection to the text, named by its field, goes beside the field.
  const atField = input && error?.code === "invalid" && error.details?.field === input.field;
  const fieldProblem = problem ?? (atField ? error.message : null);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = input ? checkDialogInput(input, value) : null;
    setProblem(found);
    if (found) {
      dialog.current?.querySelector<HTMLElement>("textarea")?.focus();
      return;
    }
    setBusy(true);
    try {
      await onConfirm(value.trim());
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="card dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onCancel={onClose}>
      <form onSubmit={confirm} noValidate className="admin-form">
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-text`} className="muted">
          {text}
        </div>
        {input && (
          <div className="field">
            <label htmlFor={`${id}-input`}>
              {input.label}
              {input.required ? "" : " (optional)"}
            </label>
            <textarea
              id={`${id}-input`}
              name={input.field}
              rows={3}
              autoFocus
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required={input.required}
              aria-required={input.required}
              aria-invalid={fieldProblem ? true : undefined}
              aria-describedby={fieldProblem ? `${id}-input-error` : `${id}-input-hint`}
            />
            {fieldProblem ? (
              <span className="form-error small" id={`${id}-input-error`} role="alert" data-testid={`error-${input.field}`}>
                {fieldProblem}
              </span>
            ) : (
              <span className="muted small" id={`${id}-input-hint`}>
                {input.hint}
              </span>
            )}
          </div>
        )}
        {error && !atField && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="row">
          <button type="button" className="secondary" onClick={onClose} disabled={busy} autoFocus={!input}>
            Cancel
          </button>
          <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
