import { useState } from "react";
import { useCommandQuery } from "../api/queries";
import type { ContactRecord } from "./ContactEditor";
import { addressLine, contactName } from "./fields";
import { ContactLinks } from "../directory/ContactLinks";
import { DeleteContactDialog } from "./DeleteContactDialog";
import { PendingMarker } from "./PendingMarker";

interface Props {
  id: string;
  onEdit: (record: ContactRecord) => void;
  onDeleted: () => void;
}

/** One contact, read from the local replica, with Edit and Delete. */
export function ContactDetail({ id, onEdit, onDeleted }: Props) {
  // Read again when this contact changes (an edit here or elsewhere, a sync).
  const { data: record, error } = useCommandQuery(["contacts"], "get_contact", { id }, { record: "contact" });
  const [deleting, setDeleting] = useState(false);

  if (error) {
    return (
      <p className="form-error" role="alert">
        {error.code === "not_found" ? "This contact is no longer here (deleted, here or on the server)." : error.message}
      </p>
    );
  }
  if (!record || record.localId !== id) return <p className="muted" aria-busy="true">Loading…</p>;

  const f = record.fields;
  const name = contactName(f);
  const email = f.email ?? "";
  const url = f.url ?? "";
  const address = addressLine(f.address);
  return (
    <article className="contact-detail" aria-labelledby="contact-detail-name">
      <header className="card-header">
        <div>
          <h2 id="contact-detail-name">{name}</h2>
          {record.hasPendingOps ? (
            <PendingMarker />
          ) : (
            <span className="muted small">{record.serverId ? "On the server" : "Only on this computer"}</span>
          )}
        </div>
        <div className="row">
          <button type="button" className="secondary" onClick={() => onEdit(record)}>
            Edit
          </button>
          <button type="button" className="secondary danger-text" onClick={() => setDeleting(true)}>
            Delete…
          </button>
        </div>
      </header>
      <dl className="facts" data-testid="contact-facts">
        <dt>Email</dt>
        <dd>{email ? <a href={`mailto:${email}`}>{email}</a> : <span className="muted">none</span>}</dd>
        <dt>Phone</dt>
        <dd>{f.phone || <span className="muted">none</span>}</dd>
        <dt>Website</dt>
        <dd>
          {url ? (
            <a href={url} target="_blank" rel="noreferrer">
              {url}
            </a>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>Address</dt>
        <dd>{address || <span className="muted">none</span>}</dd>
        <dt>Notes</dt>
        <dd className="notes">{f.notes || <span className="muted">none</span>}</dd>
      </dl>
      <ContactLinks contactId={record.localId} />
      {deleting && (
        <DeleteContactDialog id={id} name={name} onClose={() => setDeleting(false)} onDeleted={onDeleted} />
      )}
    </article>
  );
}
