import { useId, useState, type FormEvent } from "react";
import type { CommandError } from "../api/transport";
import type { SaveServerArgs } from "../generated/bindings";
import { fieldOf } from "./servers";

interface ServerProfileFormProps {
  /** The profile being changed; absent to add one. */
  editing?: { name: string; url: string };
  save: (args: SaveServerArgs) => Promise<CommandError | null>;
  onDone: (saved: { name: string; url: string }) => void;
  onCancel?: () => void;
}

/** A server's name and address, checked by the backend; its objection is shown at the field it names. */
export function ServerProfileForm({ editing, save, onDone, onCancel }: ServerProfileFormProps) {
  const id = useId();
  const [name, setName] = useState(editing?.name ?? "");
  const [url, setUrl] = useState(editing?.url ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const field = fieldOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const objection = await save({ name, url, ...(editing ? { replaces: editing.name } : {}) });
    setBusy(false);
    setError(objection);
    if (!objection) {
      onDone({ name: name.trim(), url });
      if (!editing) {
        setName("");
        setUrl("");
      }
    }
  }

  const problem = (which: "name" | "url") =>
    field === which && (
      <span className="field-error small" id={`${id}-${which}-error`} role="alert">
        {error?.message}
      </span>
    );

  return (
    <form className="server-form" onSubmit={(e) => void submit(e)} aria-label={editing ? `Change ${editing.name}` : "Add a server"}>
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          autoFocus={!!editing}
          aria-invalid={field === "name"}
          aria-describedby={field === "name" ? `${id}-name-error` : undefined}
        />
        {problem("name")}
      </label>
      <label>
        Address
        <input
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          placeholder="https://api.example.com"
          aria-invalid={field === "url"}
          aria-describedby={field === "url" ? `${id}-url-error` : undefined}
        />
        {problem("url")}
      </label>
      {error && !field && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        {onCancel && (
          <button type="button" className="secondary small" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="small" disabled={busy}>
          {busy ? "Saving…" : editing ? "Save" : "Add server"}
        </button>
      </div>
    </form>
  );
}
