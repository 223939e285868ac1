import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { Group, RecordView } from "../generated/bindings";
import {
  checkGroup,
  createBody,
  EMPTY_GROUP,
  formOf,
  groupFieldError,
  NAME_MAX,
  patchBody,
  withPermission,
  type GroupField,
  type GroupForm as Form,
} from "./groupRules";

interface Props {
  /** The group to edit; none: a new one. */
  record?: RecordView<Group>;
  onSaved: (record: RecordView<Group>) => void;
  onCancel: () => void;
}

/**
 * Creates a group or edits one in place: name, description and permission codes. The model's
 * rules are checked as the user saves; what the backend still objects to shows at its field.
 */
export function GroupForm({ record, onSaved, onCancel }: Props) {
  const call = useCall();
  const [form, setForm] = useState<Form>(() => (record ? formOf(record.fields) : EMPTY_GROUP));
  const [permission, setPermission] = useState("");
  const [problems, setProblems] = useState<Partial<Record<GroupField, string>>>({});
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const atField = error ? groupFieldError(error) : null;
  const problemOf = (field: GroupField) => problems[field] ?? (atField?.field === field ? atField.message : null);

  // Opened: typing goes to the name.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[name="name"]')?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setUnchanged(false);
    // A code typed but not added yet is meant to be part of what is saved.
    const final = { ...form, permissions: withPermission(form.permissions, permission) };
    setForm(final);
    setPermission("");
    const found = checkGroup(final);
    setProblems(found);
    const first = (Object.keys(found) as GroupField[])[0];
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const patch = record ? patchBody(record.fields, final) : null;
    if (patch && Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    setBusy(true);
    try {
      const saved =
        record && patch
          ? await call("update_group", { id: record.localId, fields: patch })
          : await call("create_group", { fields: createBody(final) });
      onSaved(saved);
    } catch (e) {
      const refused = toCommandError(e);
      setError(refused);
      setBusy(false);
      const field = groupFieldError(refused)?.field;
      if (field) formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === "Escape" && !busy) {
      event.preventDefault();
      onCancel();
    }
  }

  function addPermission() {
    setForm((f) => ({ ...f, permissions: withPermission(f.permissions, permission) }));
    setPermission("");
  }

  const nameProblem = problemOf("name");
  const descriptionProblem = problemOf("description");
  const permissionsProblem = problemOf("permissions");
  const title = record ? `Edit ${record.fields.name}` : "New group";
  return (
    <form ref={formRef} className="contact-editor group-form" aria-label={title} onSubmit={submit} onKeyDown={escape} noValidate>
      <h2>{title}</h2>
      <div className="field">
        <label htmlFor="group-name">Name</label>
        <input
          id="group-name"
          name="name"
          autoComplete="off"
          required
          aria-required="true"
          value={form.name}
          onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? "group-name-error" : "group-name-hint"}
        />
        {nameProblem ? (
          <span className="form-error small" id="group-name-error" data-testid="error-name">
            {nameProblem}
          </span>
        ) : (
          <span className="muted small" id="group-name-hint">
            Required, up to {NAME_MAX} characters.
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="group-description">Description</label>
        <textarea
          id="group-description"
          name="description"
          rows={3}
          value={form.description}
          onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
          aria-invalid={descriptionProblem ? true : undefined}
          aria-describedby={descriptionProblem ? "group-description-error" : undefined}
        />
        {descriptionProblem && (
          <span className="form-error small" id="group-description-error" data-testid="error-description">
            {descriptionProblem}
          </span>
        )}
      </div>
      <fieldset className="field" aria-describedby={permissionsProblem ? "group-permissions-error" : undefined}>
        <legend>Permissions</legend>
        {form.permissions.length === 0 ? (
          <p className="muted small">No permission codes: members get none through this group.</p>
        ) : (
          <ul className="chips" aria-label="Permissions">
            {form.permissions.map((code) => (
              <li key={code} className="chip">
                <code>{code}</code>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove permission ${code}`}
                  onClick={() => setForm((f) => ({ ...f, permissions: f.permissions.filter((p) => p !== code) }))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="row start">
          <input
            name="permissions"
            aria-label="Permission code to add"
            placeholder="e.g. calendar:write"
            autoComplete="off"
            value={permission}
            onChange={(e) => setPermission(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the code rather than saving the form; a comma starts the next one.
              if (e.key === "Enter" || e.key === ",") {
                e.preventDefault();
                addPermission();
              }
            }}
            aria-invalid={permissionsProblem ? true : undefined}
          />
          <button type="button" className="secondary small" onClick={addPermission} disabled={!permission.trim()}>
            Add permission
          </button>
        </div>
        {permissionsProblem && (
          <span className="form-error small" id="group-permissions-error" data-testid="error-permissions">
            {permissionsProblem}
          </span>
        )}
      </fieldset>
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
      {unchanged && (
        <p className="muted small" role="status">
          Nothing changed.
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : record ? "Save changes" : "Create group"}
        </button>
      </div>
    </form>
  );
}
