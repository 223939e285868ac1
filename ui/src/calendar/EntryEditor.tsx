import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useCall } from "../api/context";
import { useCommandQuery } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import type { CalendarSummary, Entry, RecordView, Series, WindowItem } from "../generated/bindings";
import { choice } from "./choice";
import { PendingMarker } from "../contacts/PendingMarker";
import { EntryActions } from "./EntryActions";
import {
  createBody,
  ENTRY_LABELS,
  formFromFields,
  formFromItem,
  newForm,
  occurrenceBody,
  OCCURRENCE_RENAME,
  patchBody,
  type EntryForm,
} from "./entryForm";
import { fieldError } from "./errors";
import { problemsOf } from "./problems";
import { defaultRecurrence, RECURRENCE_LABELS, recurrenceBody, ruleWords, type RecurrenceForm as Rule } from "./recurrence";
import { RecurrenceForm } from "./RecurrenceForm";
import { RemindersPanel } from "./RemindersPanel";
import { WhenFields } from "./WhenFields";
import { fromInput } from "./time";
import { useDirectoryList } from "../directory/useDirectoryList";
import {
  ENTRY_KIND_WORDS,
  ENTRY_KINDS,
  ENTRY_STATUSES,
  ENTRY_VISIBILITIES,
  ENTRY_VISIBILITY_WORDS,
  STATUS_WORDS,
} from "./words";

export type EditTarget =
  | { mode: "new"; calendarId: string; startsAt: string; endsAt: string; allDay: boolean }
  /** A one-off entry, or (series) the root entry of a series edited as a whole. */
  | { mode: "entry"; entryId: string; series: boolean }
  | { mode: "occurrence"; item: WindowItem };

interface Props {
  target: EditTarget;
  calendars: CalendarSummary[];
  /** Saved: the editor closes and the calendar reloads. */
  onSaved: () => void;
  onClose: () => void;
}

const ALL_LABELS: Record<string, string> = { ...RECURRENCE_LABELS, ...ENTRY_LABELS };
const RULE_FIELDS = ["frequency", "intervalCount", "byWeekday", "byMonthDay", "untilAt", "occurrenceCountLimit"];

function calendarOf(calendars: CalendarSummary[], id: string): CalendarSummary | undefined {
  return calendars.find((c) => c.localId === id || c.serverId === id);
}

/**
 * Creates or edits an entry with every field; a new or never-synced entry can be made
 * recurring; an occurrence of a series changes for itself only (or is cancelled). The backend's
 * objections show at their field.
 */
export function EntryEditor({ target, calendars, onSaved, onClose }: Props) {
  const call = useCall();
  const [mode, setMode] = useState(target.mode);
  const [loaded, setRecord] = useState<RecordView<Entry> | null>(null);
  const [series, setSeries] = useState<RecordView<Series> | null>(null);
  const [original, setOriginal] = useState<EntryForm | null>(() => initialForm(target, calendars));
  const [form, setForm] = useState<EntryForm | null>(original);
  const [repeat, setRepeat] = useState(false);
  const [rule, setRule] = useState<Rule>(() => defaultRecurrence(weekdayOf(original)));
  const [error, setError] = useState<CommandError | null>(null);
  const [loadError, setLoadError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const [confirming, setConfirming] = useState<"delete" | "cancel" | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const users = useDirectoryList("users");
  const entryId = target.mode === "entry" ? target.entryId : null;

  // An existing entry: read it (and its series) from the replica.
  useEffect(() => {
    if (!entryId) return;
    let current = true;
    Promise.all([call("get_entry", { id: entryId }), call("entry_series", { id: entryId })]).then(
      ([entry, s]) => {
        if (!current) return;
        // The calendar as the entry names it (a server id once synced); the select shows it by its local id.
        const f = formFromFields(entry.fields, entry.fields.calendarId);
        setRecord(entry);
        setSeries(s);
        setOriginal(f);
        setForm(f);
        setRule(defaultRecurrence(weekdayOf(f)));
      },
      (e: unknown) => current && setLoadError(toCommandError(e)),
    );
    return () => {
      current = false;
    };
  }, [call, entryId]);

  // A sync (or an edit elsewhere, a status or an answer given below) changes the entry: read
  // again on the backend's `changed` event, its "not synced yet" and status follow; the form
  // stays as typed.
  const recordId = loaded?.localId;
  const fresh = useCommandQuery(["entries"], "get_entry", { id: recordId ?? "" }, { enabled: !!recordId, record: "entry" }).data;
  const record = fresh && fresh.localId === recordId ? fresh : loaded;

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[name="title"]')?.focus();
  }, [original]);

  const rename = mode === "occurrence" ? OCCURRENCE_RENAME : {};
  const atField = fieldError(error, ALL_LABELS, rename);
  useEffect(() => {
    if (!atField) return;
    const name = atField.field === "startsAt" ? "start" : atField.field === "endsAt" ? "end" : atField.field;
    formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }, [atField]);

  if (loadError) {
    return (
      <div className="entry-editor">
        <p className="form-error" role="alert">
          {loadError.code === "not_found" ? "This entry is no longer here (deleted, here or on the server)." : loadError.message}
        </p>
        <div className="row">
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }
  if (!form || !original) return <p className="muted" aria-busy="true">Loading…</p>;

  const isSeriesRoot = mode === "entry" && (series !== null || (target.mode === "entry" && target.series));
  const canRepeat = (mode === "new" || (mode === "entry" && record?.serverId === null)) && series === null;
  const timesLocked = isSeriesRoot;
  const calendar = calendarOf(calendars, form.calendarId);
  const set = (patch: Partial<EntryForm>) => {
    setUnchanged(false);
    setForm((f) => (f ? { ...f, ...patch } : f));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form || !original) return;
    setError(null);
    setUnchanged(false);
    setBusy(true);
    try {
      if (mode === "new") {
        const created = await call("create_entry", { fields: createBody(form) });
        if (repeat) {
          // Kept first: should the rule be refused, the entry exists and the form edits it.
          setRecord(created);
          setMode("entry");
          setOriginal(formFromFields(created.fields, form.calendarId));
          await makeRecurring(created);
        }
        onSaved();
        return;
      }
      if (mode === "occurrence" && target.mode === "occurrence") {
        const fields = occurrenceBody(original, form);
        if (Object.keys(fields).length === 0) return setUnchanged(true);
        const { seriesId, instanceDate } = target.item;
        await call("override_occurrence", { seriesId: seriesId ?? "", instanceDate: instanceDate ?? "", fields });
        onSaved();
        return;
      }
      if (!record) return;
      const patch = patchBody(original, form, timesLocked);
      if (Object.keys(patch).length === 0 && !repeat) return setUnchanged(true);
      let saved = record;
      if (Object.keys(patch).length > 0) {
        saved = await call("update_entry", { id: record.localId, fields: patch });
        setRecord(saved);
        setOriginal(formFromFields(saved.fields, form.calendarId));
      }
      if (repeat) await makeRecurring(saved);
      onSaved();
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  }

  async function makeRecurring(entry: RecordView<Entry>) {
    const { calendarId, startsAt, timezone } = entry.fields;
    await call("make_recurring", { fields: recurrenceBody(rule, { entryId: entry.localId, calendarId, startsAt, timezone }) });
  }

  async function confirmDestroy() {
    setBusy(true);
    setError(null);
    try {
      if (confirming === "cancel" && target.mode === "occurrence") {
        await call("cancel_occurrence", {
          seriesId: target.item.seriesId ?? "",
          instanceDate: target.item.instanceDate ?? "",
          fields: {},
        });
      } else if (confirming === "delete" && record) {
        await call("delete_entry", { id: record.localId });
      }
      onSaved();
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
      setConfirming(null);
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === "Escape" && !busy) {
      event.preventDefault();
      onClose();
    }
  }

  const problem = problemsOf(atField);

  const title =
    mode === "new"
      ? "New entry"
      : mode === "occurrence"
        ? "Edit this occurrence"
        : isSeriesRoot
          ? "Edit the whole series"
          : "Edit entry";
  const pending = mode === "occurrence" && target.mode === "occurrence" ? target.item.hasPendingOps : (record?.hasPendingOps ?? false);
  const ruleProblem = atField && RULE_FIELDS.includes(atField.field) ? atField : null;
  const owners = users ?? [];

  return (
    <div className="entry-editor-wrap" onKeyDown={escape}>
      <form
        ref={formRef}
        className="entry-editor"
        aria-labelledby="entry-editor-title"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <header className="card-header">
          <div>
            <h2 id="entry-editor-title">{title}</h2>
            {mode === "occurrence" && target.mode === "occurrence" && (
              <p className="muted small">
                {target.item.title} on {target.item.instanceDate}
                {target.item.overridden ? " · changed before" : ""}
              </p>
            )}
            {mode !== "new" && (pending ? <PendingMarker /> : <span className="muted small">{record && !record.serverId ? "Only on this computer" : "On the server"}</span>)}
          </div>
          <button type="button" className="secondary small" onClick={onClose} title="Close (Esc)" aria-label="Close the editor">
            ✕
          </button>
        </header>

        <div className="field">
          <label htmlFor="entry-title">Title</label>
          <input id="entry-title" name="title" value={form.title} onChange={(e) => set({ title: e.target.value })} {...problem.props("entry-title", "title")} />
          {problem.shown("entry-title", "title")}
        </div>

        {mode !== "occurrence" && (
          <div className="field-grid">
            <div className="field">
              <label htmlFor="entry-calendar">Calendar</label>
              <select
                id="entry-calendar"
                name="calendarId"
                value={form.calendarId}
                disabled={mode !== "new"}
                title={mode !== "new" ? "An entry cannot move to another calendar" : undefined}
                onChange={(e) => {
                  const c = calendarOf(calendars, e.target.value);
                  set({ calendarId: e.target.value, ...(c && mode === "new" ? { timezone: c.timezone } : {}) });
                }}
                {...problem.props("entry-calendar", "calendarId")}
              >
                {!calendar && <option value={form.calendarId}>{form.calendarId}</option>}
                {calendars.map((c) => (
                  <option key={c.localId} value={c.localId}>
                    {c.name}
                  </option>
                ))}
              </select>
              {problem.shown("entry-calendar", "calendarId")}
            </div>
            <div className="field">
              <label htmlFor="entry-kind">Kind</label>
              <select id="entry-kind" name="kind" value={form.kind} onChange={(e) => set({ kind: choice(ENTRY_KINDS, e.target.value, form.kind) })} {...problem.props("entry-kind", "kind")}>
                {ENTRY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ENTRY_KIND_WORDS[k]}
                  </option>
                ))}
              </select>
              {problem.shown("entry-kind", "kind")}
            </div>
            <div className="field">
              <label htmlFor="entry-visibility">Visibility</label>
              <select
                id="entry-visibility"
                name="visibility"
                value={form.visibility}
                onChange={(e) => set({ visibility: choice(ENTRY_VISIBILITIES, e.target.value, form.visibility) })}
                {...problem.props("entry-visibility", "visibility")}
              >
                {ENTRY_VISIBILITIES.map((v) => (
                  <option key={v} value={v}>
                    {ENTRY_VISIBILITY_WORDS[v]}
                  </option>
                ))}
              </select>
              {problem.shown("entry-visibility", "visibility")}
            </div>
          </div>
        )}

        {(mode === "new" || mode === "occurrence") && (
          <div className="field">
            <label htmlFor="entry-status">Status</label>
            <select id="entry-status" name="status" value={form.status} onChange={(e) => set({ status: choice(ENTRY_STATUSES, e.target.value, form.status) })} {...problem.props("entry-status", "status")}>
              {ENTRY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_WORDS[s]}
                </option>
              ))}
            </select>
            {problem.shown("entry-status", "status")}
          </div>
        )}

        <WhenFields form={form} set={set} mode={mode} locked={timesLocked} problem={problem} />

        {mode !== "occurrence" && (
          <div className="field-grid two">
            <div className="field">
              <label htmlFor="entry-location">Location</label>
              <input
                id="entry-location"
                name="locationName"
                value={form.locationName}
                onChange={(e) => set({ locationName: e.target.value })}
                {...problem.props("entry-location", "locationName")}
              />
              {problem.shown("entry-location", "locationName")}
            </div>
            <div className="field">
              <label htmlFor="entry-owner">Owner</label>
              <select
                id="entry-owner"
                name="ownerUserId"
                value={form.ownerUserId}
                onChange={(e) => set({ ownerUserId: e.target.value })}
                {...problem.props("entry-owner", "ownerUserId")}
              >
                <option value="">Nobody chosen</option>
                {form.ownerUserId && !owners.some((u) => u.serverId === form.ownerUserId) && (
                  <option value={form.ownerUserId}>A user not in the directory here</option>
                )}
                {owners.map((u) => (
                  <option key={u.serverId} value={u.serverId}>
                    {u.name}
                    {u.email ? ` · ${u.email}` : ""}
                  </option>
                ))}
              </select>
              {problem.shown("entry-owner", "ownerUserId")}
              {users && users.length === 0 && <span className="muted small">The directory is empty until a sync fetches it.</span>}
            </div>
          </div>
        )}

        <div className="field">
          <label htmlFor="entry-description">Description</label>
          <textarea
            id="entry-description"
            name="description"
            rows={3}
            value={form.description}
            onChange={(e) => set({ description: e.target.value })}
            {...problem.props("entry-description", "description")}
          />
          {problem.shown("entry-description", "description")}
        </div>

        {series && (
          <p className="muted small" data-testid="series-rule">
            Repeats: {ruleWords(series.fields)}
          </p>
        )}
        {canRepeat && (
          <fieldset>
            <legend>Repeat</legend>
            <label className="check">
              <input type="checkbox" name="repeat" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} />
              Repeats
            </label>
            {repeat && <RecurrenceForm value={rule} onChange={setRule} problem={ruleProblem} />}
          </fieldset>
        )}

        {error && !atField && (
          <p className="form-error" role="alert" data-testid="entry-form-error">
            {error.message}
          </p>
        )}
        {atField && (
          <p className="sr-only" role="alert">
            {ALL_LABELS[atField.field]}: {atField.message}
          </p>
        )}
        {unchanged && (
          <p className="muted small" role="status">
            Nothing changed yet.
          </p>
        )}

        {confirming ? (
          <div className="confirm" role="group" aria-labelledby="entry-confirm-text">
            <p id="entry-confirm-text">
              {confirming === "cancel"
                ? `Cancel ${target.mode === "occurrence" ? target.item.title : "this occurrence"} on ${target.mode === "occurrence" ? target.item.instanceDate : ""}? The other occurrences stay.`
                : isSeriesRoot
                  ? "Delete this entry and its whole series? It goes from this computer now, and from the server with the next sync."
                  : "Delete this entry? It goes from this computer now, and from the server with the next sync."}
            </p>
            <div className="row">
              <button type="button" className="secondary" onClick={() => setConfirming(null)} disabled={busy} autoFocus>
                Keep it
              </button>
              <button type="button" className="danger" onClick={() => void confirmDestroy()} disabled={busy}>
                {confirming === "cancel" ? "Cancel occurrence" : isSeriesRoot ? "Delete series" : "Delete entry"}
              </button>
            </div>
          </div>
        ) : (
          <div className="row editor-actions">
            {mode === "occurrence" && (
              <button type="button" className="secondary danger-text push-left" onClick={() => setConfirming("cancel")} disabled={busy}>
                Cancel this occurrence…
              </button>
            )}
            {mode === "entry" && record && (
              <button type="button" className="secondary danger-text push-left" onClick={() => setConfirming("delete")} disabled={busy}>
                {isSeriesRoot ? "Delete series…" : "Delete entry…"}
              </button>
            )}
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Close
            </button>
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : mode === "new" ? "Create entry" : "Save changes"}
            </button>
          </div>
        )}
      </form>
      {mode === "entry" && record && (
        <>
          <EntryActions
            entryId={record.localId}
            status={record.fields.status ?? ""}
          />
          <RemindersPanel
            calendarId={calendar?.localId ?? form.calendarId}
            {...(series ? { seriesId: series.localId } : { entryId: record.localId })}
          />
        </>
      )}
    </div>
  );
}

function initialForm(target: EditTarget, calendars: CalendarSummary[]): EntryForm | null {
  if (target.mode === "new") {
    const zone = calendarOf(calendars, target.calendarId)?.timezone ?? "UTC";
    return newForm(target.calendarId, zone, target.startsAt, target.endsAt, target.allDay);
  }
  if (target.mode === "occurrence") return formFromItem(target.item);
  return null;
}

function weekdayOf(form: EntryForm | null): number {
  const t = form ? fromInput(form.start, form.timezone) : null;
  return t ? t.weekday % 7 : 1;
}
