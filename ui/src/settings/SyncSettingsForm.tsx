import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { useCommandKey, useCommandQuery } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import type { SyncSettings } from "../generated/bindings";
import { BOUNDS, formFromSettings, intervalWords, SETTINGS_LABELS, settingsFromForm, type SettingsField, type SettingsForm } from "./syncSettings";

const HINTS: Record<SettingsField, string> = {
  intervalMinutes: "0 turns the timer off; at most 1440 (a day).",
  entryWindowPastDays: "How far back calendar entries are fetched.",
  entryWindowFutureDays: "How far ahead calendar entries are fetched.",
  verifyEveryHours: "Syncs ask the server what changed; this often, they list everything to be sure.",
};

/** The account's background sync interval and the window of calendar entries kept here. */
export function SyncSettingsForm() {
  const call = useCall();
  // Read again when the settings change (saved here, in another window, by the watched-folder form).
  const { data, error: loadError } = useCommandQuery(["settings"], "get_sync_settings", {});
  const client = useQueryClient();
  const key = useCommandKey(["settings"], "get_sync_settings", {});
  const saved = data ?? null;
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [seeded, setSeeded] = useState<SyncSettings | null>(null);
  const [problem, setProblem] = useState<{ field: SettingsField; message: string } | null>(null);
  const [saveError, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const error = saveError ?? loadError;

  // The form follows the stored settings while it is untouched; what is being typed stays.
  if (saved && saved !== seeded) {
    const untouched = !form || !seeded || JSON.stringify(form) === JSON.stringify(formFromSettings(seeded));
    if (untouched) setForm(formFromSettings(saved));
    setSeeded(saved);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setProblem(null);
    setError(null);
    setDone(false);
    const checked = settingsFromForm(form);
    if (!checked.ok) {
      setProblem({ field: checked.field, message: checked.message });
      document.getElementById(`settings-${checked.field}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const s = await call("set_sync_settings", checked.value);
      // The answer is what is stored now: shown at once (its change event reads it again).
      client.setQueryData(key, s);
      setForm(formFromSettings(s));
      setDone(true);
    } catch (e) {
      const err = toCommandError(e);
      const field = err.details?.field;
      if (err.code === "invalid" && typeof field === "string" && field in SETTINGS_LABELS) {
        setProblem({ field: field as SettingsField, message: err.message.replace(`${field}: `, "") });
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  function input(field: SettingsField) {
    const id = `settings-${field}`;
    const atField = problem?.field === field ? problem.message : null;
    return (
      <div className="field">
        <label htmlFor={id}>{SETTINGS_LABELS[field]}</label>
        <input
          id={id}
          name={field}
          type="number"
          inputMode="numeric"
          min={BOUNDS[field].min}
          max={BOUNDS[field].max}
          value={form?.[field] ?? ""}
          onChange={(e) => {
            const value = e.target.value;
            setDone(false);
            setForm((f) => (f ? { ...f, [field]: value } : f));
          }}
          aria-invalid={atField ? true : undefined}
          aria-describedby={atField ? `${id}-error` : `${id}-hint`}
        />
        {atField ? (
          <span className="form-error small" id={`${id}-error`} data-testid={`error-${field}`}>
            {atField}
          </span>
        ) : (
          <span className="muted small" id={`${id}-hint`}>
            {HINTS[field]}
          </span>
        )}
      </div>
    );
  }

  return (
    <section className="card" aria-labelledby="sync-settings-title">
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={!form}>
        <header className="card-header">
          <h2 id="sync-settings-title">Sync</h2>
          {saved && (
            <span className="muted small" data-testid="interval-words">
              {intervalWords(saved.intervalMinutes)}
            </span>
          )}
        </header>
        <div className="field-grid">
          {input("intervalMinutes")}
          {input("verifyEveryHours")}
        </div>
        <fieldset>
          <legend>Calendar entries kept on this computer</legend>
          <div className="field-grid">
            {input("entryWindowPastDays")}
            {input("entryWindowFutureDays")}
          </div>
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        {problem && (
          <p className="sr-only" role="alert">
            {SETTINGS_LABELS[problem.field]}: {problem.message}
          </p>
        )}
        <div className="row">
          <span className="muted small" role="status" data-testid="settings-saved">
            {done ? "Saved." : ""}
          </span>
          <button type="submit" disabled={busy || !form}>
            {busy ? "Saving…" : "Save sync settings"}
          </button>
        </div>
      </form>
    </section>
  );
}
