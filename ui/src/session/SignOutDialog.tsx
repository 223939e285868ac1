import { useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { useCommandQuery } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import { useSession } from "./SessionContext";

/** Asks whether to keep or wipe the local replica, and warns when edits are not synced yet. */
export function SignOutDialog({ onClose }: { onClose: () => void }) {
  const call = useCall();
  const { update } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const [signOutError, setError] = useState<CommandError | null>(null);
  // The edits not synced yet, kept current while the dialog is open (a sync may send them).
  const { data: check, error: checkError } = useCommandQuery(["outbox"], "sign_out_check", {});
  const error = signOutError ?? checkError;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
  }, []);

  async function signOut() {
    setBusy(true);
    try {
      const report = await call("sign_out", { wipeReplica: wipe });
      update(report.session);
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  const unsynced = check?.unsyncedEdits ?? 0;
  return (
    <dialog ref={dialog} className="card dialog" aria-labelledby="signout-title" onCancel={onClose}>
      <h2 id="signout-title">Sign out</h2>
      {unsynced > 0 && (
        <p className="warning" role="alert" data-testid="unsynced-warning">
          {unsynced} local edit{unsynced === 1 ? " is" : "s are"} not on the server yet.
          {wipe ? " Deleting the local data loses them." : " Keeping the local data keeps them for the next sign-in."}
        </p>
      )}
      <fieldset>
        <legend>Local data on this computer</legend>
        <label className="check">
          <input type="radio" name="wipe" checked={!wipe} onChange={() => setWipe(false)} />
          Keep it, for the next sign-in
        </label>
        <label className="check">
          <input type="radio" name="wipe" checked={wipe} onChange={() => setWipe(true)} data-testid="wipe-replica" />
          Delete it from this computer
        </label>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className={wipe ? "danger" : ""} onClick={() => void signOut()} disabled={busy} data-testid="confirm-sign-out">
          {busy ? "Signing out…" : wipe ? "Sign out and delete" : "Sign out"}
        </button>
      </div>
    </dialog>
  );
}
