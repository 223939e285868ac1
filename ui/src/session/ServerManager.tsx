import { useEffect, useRef, useState } from "react";
import type { CommandError } from "../api/transport";
import type { ServerProfile } from "../generated/bindings";
import { ServerProfileForm } from "./ServerProfileForm";
import type { ServerProfiles } from "./useServerProfiles";

interface ServerManagerProps {
  servers: ServerProfiles;
  /** A profile was added or changed: the sign-in may want to use it. */
  onSaved: (saved: { name: string; url: string }, before?: ServerProfile) => void;
  onClose: () => void;
}

/** Adds, renames, readdresses and removes the known servers, in a dialog over the sign-in. */
export function ServerManager({ servers, onSaved, onClose }: ServerManagerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<CommandError | null>(null);
  const profiles = servers.profiles ?? [];

  useEffect(() => {
    // Focus goes back to what opened the dialog (the Servers… button) when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = dialog.current;
    if (!d || d.open) return () => opener?.focus();
    // Modal where the engine can; else at least shown (jsdom in the component tests has no showModal).
    if (typeof d.showModal === "function") d.showModal();
    else d.setAttribute("open", "");
    return () => opener?.focus();
  }, []);

  async function remove(name: string) {
    setRemoveError(await servers.remove(name));
  }

  return (
    <dialog ref={dialog} className="card dialog server-manager" aria-labelledby="servers-title" onCancel={onClose}>
      <h2 id="servers-title">Servers</h2>
      {servers.error && (
        <p className="form-error" role="alert">
          {servers.error.message}
        </p>
      )}
      {servers.profiles && profiles.length === 0 && (
        <p className="muted small" data-testid="no-servers">
          No server is saved yet. Add one here, or sign in to an address: Outpost remembers it under its host name.
        </p>
      )}
      {profiles.length > 0 && (
        <ul className="server-list" aria-label="Saved servers">
          {profiles.map((p) =>
            editing === p.name ? (
              <li key={p.name}>
                <ServerProfileForm
                  editing={p}
                  save={servers.save}
                  onDone={(saved) => {
                    setEditing(null);
                    onSaved(saved, p);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={p.name} className="server-row">
                <span className="server-id">
                  <strong>{p.name}</strong>
                  <span className="muted small">{p.url}</span>
                </span>
                <button type="button" className="secondary small" onClick={() => setEditing(p.name)} aria-label={`Change ${p.name}`}>
                  Change
                </button>
                <button type="button" className="secondary small" onClick={() => void remove(p.name)} aria-label={`Remove ${p.name}`}>
                  Remove
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      {removeError && (
        <p className="form-error small" role="alert">
          {removeError.message}
        </p>
      )}
      <h3 className="small-heading">Add a server</h3>
      <ServerProfileForm save={servers.save} onDone={(saved) => onSaved(saved)} />
      <p className="muted small">Addresses need HTTPS, except on this computer (localhost, 127.0.0.1).</p>
      <div className="row">
        <button type="button" className="secondary" onClick={onClose}>
          Done
        </button>
      </div>
    </dialog>
  );
}
