import { useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { contactName, FIELD_LABELS } from "../contacts/fields";
import type { Choice, Conflict, Resolution } from "../generated/bindings";
import { CONFLICT_WORDS, ENTITY_WORDS, valueWords } from "./words";

/** The version a conflict is best named by: mine, else theirs, else the one before. */
function latest<F>(conflict: { base: F | null; local: F | null; remote: F | null }): F | null {
  return conflict.local ?? conflict.remote ?? conflict.base;
}

function recordName(conflict: Conflict): string {
  switch (conflict.entity) {
    case "contact":
      return contactName(latest(conflict));
    case "calendar":
      return latest(conflict)?.name || "(no name)";
    case "entry":
      return latest(conflict)?.title || "(no name)";
    default:
      return "(no name)";
  }
}

/** One field of a version, by the name the conflict lists it under. */
function cell(version: object | null, field: string, gone: string) {
  if (!version) return <span className="muted">{gone}</span>;
  return valueWords(new Map(Object.entries(version)).get(field));
}

/** One conflict, side by side (base, mine, theirs for each clashing field), and the three ways out. */
export function ConflictCard({ conflict }: { conflict: Conflict }) {
  const call = useCall();
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(conflict.fields.map((f) => [f, "mine"])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const name = recordName(conflict);
  const id = `conflict-${conflict.conflictId}`;
  const perField = conflict.kind === "edit_edit" && conflict.fields.length > 0;

  async function resolve(resolution: Resolution) {
    setBusy(true);
    setError(null);
    try {
      await call("resolve_conflict", { conflictId: conflict.conflictId, resolution });
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  return (
    <article className="conflict" aria-labelledby={`${id}-title`} data-testid="conflict">
      <header className="conflict-header">
        <h3 id={`${id}-title`}>
          {ENTITY_WORDS[conflict.entity].replace(/^./, (c) => c.toUpperCase())} {name}
        </h3>
        <span className="op-state op-state-conflict">{CONFLICT_WORDS[conflict.kind]}</span>
      </header>
      {conflict.fields.length > 0 ? (
        <div className="table-scroll">
          <table aria-label={`Conflicting fields of ${name}`}>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">Mine (this computer)</th>
                <th scope="col">Theirs (the server)</th>
                {perField && <th scope="col">Keep</th>}
              </tr>
            </thead>
            <tbody>
              {conflict.fields.map((field) => {
                const label = FIELD_LABELS[field] ?? field;
                return (
                  <tr key={field}>
                    <th scope="row">{label}</th>
                    <td className="base">{cell(conflict.base, field, "(unknown)")}</td>
                    <td className={`mine${choices[field] === "mine" && perField ? " chosen" : ""}`}>
                      {cell(conflict.local, field, "deleted here")}
                    </td>
                    <td className={`theirs${choices[field] === "theirs" && perField ? " chosen" : ""}`}>
                      {cell(conflict.remote, field, "deleted on the server")}
                    </td>
                    {perField && (
                      <td>
                        <fieldset className="segmented choice" aria-label={`Keep which ${label}`}>
                          {(["mine", "theirs"] as const).map((choice) => (
                            <label key={choice} className="check">
                              <input
                                type="radio"
                                name={`${id}-${field}`}
                                checked={choices[field] === choice}
                                onChange={() => setChoices((c) => ({ ...c, [field]: choice }))}
                              />
                              {choice === "mine" ? "Mine" : "Theirs"}
                            </label>
                          ))}
                        </fieldset>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">
          {conflict.remote ? "The server still has this record, changed." : "The server no longer has this record."}
        </p>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void resolve({ kind: "take_theirs" })}>
          Take theirs
        </button>
        {perField && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void resolve({ kind: "per_field", fields: choices })}
          >
            Use my choices
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void resolve({ kind: "keep_mine" })}>
          Keep mine
        </button>
      </div>
    </article>
  );
}
