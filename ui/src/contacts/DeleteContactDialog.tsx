import { useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";

interface Props {
  id: string;
  name: string;
  onDeleted: () => void;
  onClose: () => void;
}

/** Asks before deleting; the delete is local at once and reaches the server with the next sync. */
export function DeleteContactDialog({ id, name, onDeleted, onClose }: Props) {
  const call = useCall();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
  }, []);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await call("delete_contact", { id });
      onDeleted();
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="card dialog"
      aria-labelledby="delete-contact-title"
      aria-describedby="delete-contact-text"
      onCancel={onClose}
    >
      <h2 id="delete-contact-title">Delete {name}?</h2>
      <p id="delete-contact-text" className="muted">
        The contact disappears from this computer now, and from the server with the next sync.
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
          {busy ? "Deleting…" : "Delete contact"}
        </button>
      </div>
    </dialog>
  );
}
