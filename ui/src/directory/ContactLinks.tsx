import { useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { useCommandQuery } from "../api/queries";
import type { Directory, LinkTarget } from "../generated/bindings";
import { useDirectoryList } from "./useDirectoryList";
import { PendingMarker } from "../contacts/PendingMarker";

const TYPES: { type: LinkTarget; directory: Directory; label: string; many: string }[] = [
  { type: "user", directory: "users", label: "User", many: "users" },
  { type: "space", directory: "spaces", label: "Space", many: "spaces" },
  { type: "resource", directory: "resources", label: "Resource", many: "resources" },
];

const TYPE_WORDS: Record<string, string> = { user: "User", space: "Space", resource: "Resource" };

/** What a contact is linked to (users, spaces, resources): listed, linked, unlinked, one made primary. */
export function ContactLinks({ contactId }: { contactId: string }) {
  const call = useCall();
  const [type, setType] = useState<LinkTarget>("user");
  const [entityId, setEntityId] = useState("");
  const [primary, setPrimary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  // A link made here or elsewhere, or a sync, reads the links again.
  const { data: refs, error: loadError } = useCommandQuery(
    ["contactLinks", "users", "spaces", "resources"],
    "contact_references",
    { id: contactId },
  );
  const chosen = TYPES.find((t) => t.type === type) ?? TYPES[0];
  const candidates = useDirectoryList(chosen?.directory ?? "users");

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  }

  function link(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await call("link_contact", { contactId, entityType: type, entityId, isPrimary: primary });
      setEntityId("");
      setPrimary(false);
    });
  }

  return (
    <section className="contact-links" aria-labelledby="contact-links-title">
      <h3 id="contact-links-title">Linked to</h3>
      {loadError && (
        <p className="form-error small" role="alert">
          {loadError.message}
        </p>
      )}
      {refs && refs.length === 0 && <p className="muted small">Not linked to any user, space or resource.</p>}
      {refs && refs.length > 0 && (
        <ul className="plain-list" aria-label="Links">
          {refs.map((r) => (
            <li key={r.linkId}>
              <span>
                <span className="muted small">{TYPE_WORDS[r.entityType] ?? r.entityType}</span>{" "}
                {r.entityName ?? <span title={r.entityId}>not in the directory here yet</span>}
                {r.isPrimary && <strong className="small"> · primary</strong>} {r.hasPendingOps && <PendingMarker />}
              </span>
              <span className="row">
                <button
                  type="button"
                  className="link small"
                  disabled={busy}
                  onClick={() => void run(() => call("set_primary_link", { linkId: r.linkId, isPrimary: !r.isPrimary }))}
                >
                  {r.isPrimary ? "Not primary" : "Make primary"}
                </button>
                <button type="button" className="link small danger-text" disabled={busy} onClick={() => void run(() => call("unlink_contact", { linkId: r.linkId }))}>
                  Unlink
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="link-add" onSubmit={link} aria-label="Link to">
        <label className="inline">
          Kind
          <select
            aria-label="Kind"
            value={type}
            onChange={(e) => {
              setType(TYPES.find((t) => t.type === e.target.value)?.type ?? type);
              setEntityId("");
            }}
          >
            {TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline grow">
          {chosen?.label ?? "User"}
          <select
            aria-label={chosen?.label ?? "User"}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            disabled={!candidates || candidates.length === 0}
          >
            <option value="">
              {candidates && candidates.length === 0 ? `No ${chosen?.many} here: the directory fills with a sync` : "Choose…"}
            </option>
            {(candidates ?? []).map((d) => (
              <option key={d.serverId} value={d.serverId}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check small">
          <input type="checkbox" checked={primary} onChange={(e) => setPrimary(e.target.checked)} />
          Primary
        </label>
        <button type="submit" className="secondary small" disabled={busy || !entityId}>
          Link
        </button>
      </form>
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
