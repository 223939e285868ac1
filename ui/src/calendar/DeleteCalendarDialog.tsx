import { useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";

interface Props {
  id: string;
  name: string;
  onDeleted: () => void;
  onClose: () => void;
}

/** Asks before deleting a calendar, which takes its entries and reminders with it. */
export function DeleteCalendarDialog({ id, name, onDeleted, onClose }: Props) {
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
      await call("delete_calendar", { id });
      onDeleted();
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="card dialog" aria-labelledby="delete-calendar-title" aria-describedby="delete-calendar-text" onCancel={onClose}>
      <h2 id="delete-calendar-title">Delete {name}?</h2>
      <p id="delete-calendar-text" className="muted">
        The calendar, its entries and their reminders disappear from this computer now, and from the server with the next sync.
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
          {busy ? "Deleting…" : "Delete calendar"}
        </button>
      </div>
    </dialog>
  );
}
