import { Fragment, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { Commands } from "../generated/bindings";
import {
  ADDRESS_KEYS,
  createBody,
  EMPTY_FORM,
  FIELD_LABELS,
  fieldError,
  formFromFields,
  patchBody,
  type AddressKey,
  type ContactForm,
  type FormField,
  type TextField,
} from "./fields";

export type ContactRecord = Commands["get_contact"]["result"];

interface Props {
  /** The contact to edit; none: a new one. */
  record?: ContactRecord;
  onSaved: (record: ContactRecord) => void;
  onCancel: () => void;
}

const INPUT_TYPES: Partial<Record<TextField, string>> = { email: "email", phone: "tel", url: "url" };
const AUTOCOMPLETE: Partial<Record<FormField, string>> = {
  firstName: "given-name",
  middleName: "additional-name",
  lastName: "family-name",
  email: "email",
  phone: "tel",
  url: "url",
  "address.postal_code": "postal-code",
  "address.city": "address-level2",
  "address.region": "address-level1",
  "address.country": "country-name",
};

/** Creates or edits a contact: every field, the address included; the backend's objection shows at its field. */
export function ContactEditor({ record, onSaved, onCancel }: Props) {
  const call = useCall();
  const [form, setForm] = useState<ContactForm>(() => (record ? formFromFields(record.fields) : EMPTY_FORM));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const atField = error ? fieldError(error) : null;

  // Opened (by a click or Ctrl+N): typing goes to the first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[name="firstName"]')?.focus();
  }, []);

  useEffect(() => {
    if (atField) formRef.current?.querySelector<HTMLElement>(`[name="${atField.field}"]`)?.focus();
  }, [atField]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setUnchanged(false);
    const patch = record ? patchBody(record.fields, form) : null;
    if (patch && Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    setBusy(true);
    try {
      const saved =
        record && patch
          ? await call("update_contact", { id: record.localId, fields: patch })
          : await call("create_contact", { fields: createBody(form) });
      onSaved(saved);
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === "Escape" && !busy) {
      event.preventDefault();
      onCancel();
    }
  }

  function input(field: FormField, value: string, set: (v: string) => void) {
    const id = `contact-${field.replace(".", "-")}`;
    const problem = atField?.field === field ? atField.message : null;
    const text = field.startsWith("address.") ? "text" : (INPUT_TYPES[field as TextField] ?? "text");
    return (
      <div className="field">
        <label htmlFor={id}>{FIELD_LABELS[field]}</label>
        <input
          id={id}
          name={field}
          // The backend validates (and says why): the browser's own checks would only get in the way.
          type={text === "email" || text === "url" ? "text" : text}
          inputMode={text === "email" ? "email" : text === "url" ? "url" : undefined}
          autoComplete={AUTOCOMPLETE[field] ?? "off"}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
        {problem && (
          <span className="form-error small" id={`${id}-error`} data-testid={`error-${field}`}>
            {problem}
          </span>
        )}
      </div>
    );
  }

  const setText = (f: TextField) => (v: string) => setForm((s) => ({ ...s, [f]: v }));
  const setAddress = (k: AddressKey) => (v: string) => setForm((s) => ({ ...s, address: { ...s.address, [k]: v } }));
  const notesProblem = atField?.field === "notes" ? atField.message : null;
  const title = record ? "Edit contact" : "New contact";

  return (
    <form
      ref={formRef}
      className="contact-editor"
      aria-labelledby="contact-editor-title"
      onSubmit={(e) => void submit(e)}
      onKeyDown={escape}
      noValidate
    >
      <h2 id="contact-editor-title">{title}</h2>
      <fieldset>
        <legend>Name</legend>
        <div className="field-grid">
          {input("firstName", form.firstName, setText("firstName"))}
          {input("middleName", form.middleName, setText("middleName"))}
          {input("lastName", form.lastName, setText("lastName"))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Reach</legend>
        <div className="field-grid">
          {input("email", form.email, setText("email"))}
          {input("phone", form.phone, setText("phone"))}
          {input("url", form.url, setText("url"))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Address</legend>
        <div className="field-grid">
          {ADDRESS_KEYS.map((k) => (
            <Fragment key={k}>{input(`address.${k}`, form.address[k], setAddress(k))}</Fragment>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="contact-notes">Notes</label>
        <textarea
          id="contact-notes"
          name="notes"
          rows={3}
          value={form.notes}
          onChange={(e) => setText("notes")(e.target.value)}
          aria-invalid={notesProblem ? true : undefined}
          aria-describedby={notesProblem ? "contact-notes-error" : undefined}
        />
        {notesProblem && (
          <span className="form-error small" id="contact-notes-error" data-testid="error-notes">
            {notesProblem}
          </span>
        )}
      </div>
      {error && !atField && (
        <p className="form-error" role="alert" data-testid="contact-form-error">
          {error.message}
        </p>
      )}
      {atField && (
        // Shown at the field; said once more for screen readers.
        <p className="sr-only" role="alert">
          {FIELD_LABELS[atField.field]}: {atField.message}
        </p>
      )}
      {unchanged && (
        <p className="muted small" role="status">
          Nothing changed yet.
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} title="Cancel (Esc)">
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : record ? "Save changes" : "Create contact"}
        </button>
      </div>
    </form>
  );
}
