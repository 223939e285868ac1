import { useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { useCommandQuery } from "../api/queries";
import type { Reminder, ReminderChannel } from "../generated/bindings";
import { choice } from "./choice";
import { fieldError, invalid } from "./errors";
import { CHANNEL_WORDS, CHANNELS, offsetWords } from "./words";

interface Props {
  calendarId: string;
  /** The entry's local id (a one-off entry), or... */
  entryId?: string;
  /** ...the series' local id: its reminders ring before every occurrence. */
  seriesId?: string;
}

const LABELS = { channel: "Channel", offsetMinutes: "Minutes before" };

/** The reminders of an entry or a series: listed, added, removed. */
export function RemindersPanel({ calendarId, entryId, seriesId }: Props) {
  const call = useCall();
  const [channel, setChannel] = useState<ReminderChannel>("in_app");
  const [offset, setOffset] = useState("15");
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  // Added or removed here, elsewhere or by a sync: read again on that event.
  const { data: value, error: loadError } = useCommandQuery(["reminders"], "list_reminders", { calendarId });
  const mine = (value ?? []).filter((r) => (seriesId ? r.masterId === seriesId : r.entryId === entryId));
  const atField = fieldError(error, LABELS);

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

  function add(event: FormEvent) {
    event.preventDefault();
    // Text that is no number cannot be sent as one: it is refused here, in the backend's words.
    // Any number goes, so the backend's own rules (whole, within a week) name the field.
    const minutes = offset.trim() === "" ? Number.NaN : Number(offset.trim());
    if (!Number.isFinite(minutes)) {
      setError(invalid("offsetMinutes", "must be a whole number"));
      return;
    }
    const target = seriesId ? { recurrenceMasterId: seriesId } : { calendarEntryId: entryId };
    const fields: Reminder = { calendarId, channel, offsetMinutes: minutes, ...target };
    void run(() => call("add_reminder", { fields }));
  }

  const offsetProblem = atField?.field === "offsetMinutes" ? atField.message : null;
  return (
    <section className="reminders" aria-labelledby="reminders-title">
      <h3 id="reminders-title">Reminders{seriesId ? " (every occurrence)" : ""}</h3>
      {loadError && (
        <p className="form-error small" role="alert">
          {loadError.message}
        </p>
      )}
      {value && mine.length === 0 && <p className="muted small">No reminders.</p>}
      {mine.length > 0 && (
        <ul className="plain-list" aria-label="Reminders">
          {mine.map((r) => (
            <li key={r.localId}>
              <span>
                {CHANNEL_WORDS[r.channel] ?? r.channel}, {offsetWords(r.offsetMinutes)}
                {!r.serverId && <span className="muted small"> · only on this computer</span>}
              </span>
              <button
                type="button"
                className="link danger-text"
                disabled={busy}
                onClick={() => void run(() => call("remove_reminder", { id: r.localId }))}
                aria-label={`Remove reminder: ${CHANNEL_WORDS[r.channel] ?? r.channel}, ${offsetWords(r.offsetMinutes)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="reminder-add" onSubmit={add} noValidate aria-label="Add a reminder">
        <label className="inline">
          Channel
          <select value={channel} onChange={(e) => setChannel(choice(CHANNELS, e.target.value, channel))} name="channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_WORDS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Minutes before
          <input
            type="number"
            name="offsetMinutes"
            className="short"
            value={offset}
            onChange={(e) => setOffset(e.target.value)}
            aria-invalid={offsetProblem ? true : undefined}
            aria-describedby={offsetProblem ? "reminder-offset-error" : undefined}
          />
        </label>
        <button type="submit" className="secondary small" disabled={busy}>
          Add reminder
        </button>
      </form>
      {offsetProblem && (
        <span className="form-error small" id="reminder-offset-error" data-testid="error-offsetMinutes">
          {offsetProblem}
        </span>
      )}
      {error && !offsetProblem && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
