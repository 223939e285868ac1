import { useEffect, useRef, useState } from "react";
import { useCommandQuery } from "../api/queries";
import type { Group, RecordView } from "../generated/bindings";
import { DeleteGroupDialog } from "./DeleteGroupDialog";
import { GroupForm } from "./GroupForm";
import { GroupMembers } from "./GroupMembers";
import { SyncBadge } from "./SyncBadge";
import { markOf, type SyncMarks } from "./syncMarks";
import { READ_ONLY_NOTE_ID } from "./useGroupAdmin";
import { useGroupMembers } from "./useGroupMembers";

interface Props {
  id: string;
  marks: SyncMarks;
  readOnlyReason: string | null;
  onDeleted: () => void;
  /** The group was saved under this local id (an edit keeps it). */
  onSaved: (record: RecordView<Group>) => void;
}

/** One group as the replica has it: its fields, its members, and (for owners and admins) edit and delete. */
export function GroupDetail({ id, marks, readOnlyReason, onDeleted, onSaved }: Props) {
  // Read again when a change names this group (an edit here, a sync); its members are their own query.
  const { data: record, error } = useCommandQuery(["groups"], "get_group", { id }, { record: "group" });
  const members = useGroupMembers(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const canEdit = readOnlyReason === null;

  // Back from the form: the focus returns to the group's heading, not to the page's top.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) heading.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  // Opened from the form (a new group saved) the focus was on a button that is gone: it goes to
  // the group's heading, so the keyboard carries on from here.
  const loaded = record?.localId === id;
  useEffect(() => {
    if (loaded && (document.activeElement === document.body || document.activeElement === null)) heading.current?.focus();
  }, [loaded]);

  if (error) {
    return (
      <p className="form-error" role="alert">
        {error.code === "not_found" ? "This group is no longer here (deleted, here or on the server)." : error.message}
      </p>
    );
  }
  if (!record || record.localId !== id) return <p className="muted" aria-busy="true">Loading…</p>;

  if (editing) {
    return (
      <GroupForm
        record={record}
        onSaved={(saved) => {
          setEditing(false);
          onSaved(saved);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }

  const f = record.fields;
  const permissions = f.permissions ?? [];
  return (
    <article className="contact-detail group-detail" aria-labelledby="group-detail-name">
      <header className="card-header">
        <div className="group-detail-title">
          <h2 id="group-detail-name" ref={heading} tabIndex={-1} className="break">
            {f.name}
          </h2>
          {markOf(marks, record) ? (
            <SyncBadge mark={markOf(marks, record)} explain />
          ) : (
            <span className="muted small">{record.serverId ? "On the server" : "Only on this computer"}</span>
          )}
        </div>
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() => setEditing(true)}
            disabled={!canEdit}
            title={readOnlyReason ?? undefined}
            aria-describedby={canEdit ? undefined : READ_ONLY_NOTE_ID}
          >
            Edit
          </button>
          <button
            type="button"
            className="secondary danger-text"
            onClick={() => setDeleting(true)}
            disabled={!canEdit}
            title={readOnlyReason ?? undefined}
            aria-describedby={canEdit ? undefined : READ_ONLY_NOTE_ID}
          >
            Delete…
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>Description</dt>
        <dd className="notes">{f.description || <span className="muted">none</span>}</dd>
        <dt>Permissions</dt>
        <dd>
          {permissions.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="chips" aria-label="Permissions">
              {permissions.map((code) => (
                <li key={code} className="chip">
                  <code>{code}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <GroupMembers
        groupId={record.localId}
        groupName={f.name}
        members={members.data}
        membersError={members.error}
        marks={marks}
        readOnlyReason={readOnlyReason}
      />
      {deleting && (
        <DeleteGroupDialog
          id={record.localId}
          name={f.name}
          memberCount={members.data?.length ?? null}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
    </article>
  );
}
