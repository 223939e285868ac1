import { useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { useModal } from "../transfer/useModal";

interface Props {
  id: string;
  name: string;
  /** How many members it has now; null while they load. */
  memberCount: number | null;
  onDeleted: () => void;
  onClose: () => void;
}

/** Asks before deleting a group, naming it and its members; the delete reaches the server with the next sync. */
export function DeleteGroupDialog({ id, name, memberCount, onDeleted, onClose }: Props) {
  const call = useCall();
  // Modal, focus inside; on close the focus goes back to what opened it.
  const dialog = useModal();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await call("delete_group", { id });
      onDeleted();
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  const members =
    memberCount === null
      ? "Its members lose their membership (the users themselves stay)."
      : memberCount === 0
        ? "It has no members."
        : memberCount === 1
          ? "Its 1 member loses their membership (the user stays)."
          : `Its ${memberCount} members lose their membership (the users themselves stay).`;
  return (
    <dialog
      ref={dialog}
      className="card dialog"
      aria-labelledby="delete-group-title"
      aria-describedby="delete-group-text"
      onCancel={onClose}
    >
      <h2 id="delete-group-title">Delete the group {name}?</h2>
      <p id="delete-group-text" className="muted">
        {members} The group disappears from this computer now, and from the server with the next sync.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          {busy ? "Deleting…" : "Delete group"}
        </button>
      </div>
    </dialog>
  );
}
