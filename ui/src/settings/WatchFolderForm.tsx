import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { useCommandKey, useCommandQuery } from "../api/queries";
import { useCalendars } from "../calendar/useCalendars";
import { toCommandError, type CommandError } from "../api/transport";
import type { DuplicatePolicy, WatchSettings } from "../generated/bindings";
import { DuplicatesChoice } from "../transfer/DuplicatesChoice";
import { expandHome, isAbsolute } from "../transfer/files";
import { PathPicker } from "../transfer/PathPicker";
import { useFileFolder } from "../transfer/useFileFolder";
import { WatchReports } from "./WatchReports";

/**
 * The watched folder: files dropped into it are imported by the backend (events into the chosen
 * calendar) and moved to imported/ or failed/. Choosing, changing or turning it off, and what
 * became of the files.
 */
export function WatchFolderForm() {
  const call = useCall();
  const ids = useId();
  const { folder: suggested, home } = useFileFolder();
  // Read again when the settings change (saved here, or in another window on the same backend).
  const { data, error: loadError } = useCommandQuery(["settings"], "get_watch_settings", {});
  const saved = data ?? null;
  const client = useQueryClient();
  const key = useCommandKey(["settings"], "get_watch_settings", {});
  const [seeded, setSeeded] = useState<WatchSettings | null>(null);
  const [folder, setFolder] = useState("");
  const [calendarId, setCalendarId] = useState("");
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>("skip");
  const calendars = useCalendars().calendars ?? [];
  const [busy, setBusy] = useState(false);
  const [saveError, setError] = useState<CommandError | null>(null);
  const error = saveError ?? loadError;
  const [done, setDone] = useState<string | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // The fields follow the stored settings while untouched; what is being typed stays.
  if (saved && saved !== seeded) {
    const untouched =
      !seeded || (folder === (seeded.folder ?? "") && calendarId === (seeded.calendarId ?? "") && duplicates === seeded.duplicates);
    if (untouched) {
      setFolder(saved.folder ?? "");
      setCalendarId(saved.calendarId ?? "");
      setDuplicates(saved.duplicates);
    }
    setSeeded(saved);
  }

  // While a folder is watched, its reports are read once and again whenever the backend writes
  // one (a `changed` event naming watchReports); what a file brought in refreshes its screens
  // through the events of its import.
  const watching = saved?.folder ?? null;
  const reports = useCommandQuery(["watchReports"], "watch_reports", { limit: 20 }, { enabled: !!watching }).data ?? null;

  async function save(next: WatchSettings, words: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const s = await call("set_watch_settings", next);
      // The answer is what is stored now: shown at once (its change event reads it again).
      client.setQueryData(key, s);
      setFolder(s.folder ?? "");
      setCalendarId(s.calendarId ?? "");
      setDuplicates(s.duplicates);
      setDone(words);
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const path = expandHome(folder, home);
    void save({ folder: path || undefined, calendarId: calendarId || undefined, duplicates }, path ? "Saved: the folder is watched." : "Saved: no folder is watched.");
  }

  const field = (error?.details as { field?: string } | null)?.field;
  const atFolder = field === "folder" ? error : null;
  const atCalendar = field === "calendarId" ? error : null;
  const elsewhere = error && !atFolder && !atCalendar ? error : null;

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <form className="settings-form" onSubmit={submit} noValidate aria-busy={!saved}>
        <header className="card-header">
          <h2 id={`${ids}-title`}>Watched folder</h2>
          <span className="muted small" data-testid="watch-state">
            {saved === null ? "…" : watching ? `Watching ${watching}` : "Off"}
          </span>
        </header>
        <p className="muted small">
          .ics, .vcf and .csv files dropped into this folder are imported into this tenant while Outpost runs, then moved
          to imported/ or failed/ in it, with a report beside each.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-folder`}>Folder</label>
          <PathPicker
            field={folderInput}
            label="Choose folder…"
            // The folder dialog starts at the folder in the field, else at home (or where files were last imported).
            request={() => {
              const full = expandHome(folder, home);
              return { kind: "folder", title: "Watch folder", defaultPath: isAbsolute(full) ? full : home ?? (suggested || undefined) };
            }}
            onPicked={(chosen) => {
              setFolder(chosen);
              setDone(null);
            }}
            disabled={busy}
          >
            <input
              id={`${ids}-folder`}
              ref={folderInput}
              className="mono"
              value={folder}
              placeholder="/home/you/Outpost inbox"
              onChange={(e) => {
                setFolder(e.target.value);
                setDone(null);
              }}
              aria-invalid={!!atFolder}
              aria-describedby={atFolder ? `${ids}-folder-error` : undefined}
              spellCheck={false}
              autoComplete="off"
            />
          </PathPicker>
          {atFolder && (
            <span id={`${ids}-folder-error`} className="form-error small" role="alert">
              {atFolder.message}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-calendar`}>Events of .ics files go into</label>
          <select
            id={`${ids}-calendar`}
            value={calendarId}
            onChange={(e) => {
              setCalendarId(e.target.value);
              setDone(null);
            }}
            aria-invalid={!!atCalendar}
          >
            <option value="">No calendar: .ics files fail</option>
            {calendars.map((c) => (
              <option key={c.localId} value={c.localId}>
                {c.name}
              </option>
            ))}
          </select>
          {atCalendar && (
            <span className="form-error small" role="alert">
              {atCalendar.message}
            </span>
          )}
        </div>
        <DuplicatesChoice name={`${ids}-duplicates`} value={duplicates} disabled={busy} onChange={setDuplicates} />
        {elsewhere && (
          <p className="form-error" role="alert">
            {elsewhere.message}
          </p>
        )}
        <div className="row">
          <span className="muted small push-left" role="status" data-testid="watch-saved">
            {done ?? ""}
          </span>
          {watching && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void save({ calendarId: calendarId || undefined, duplicates }, "Saved: no folder is watched.")}>
              Stop watching
            </button>
          )}
          <button type="submit" disabled={busy || !saved}>
            {busy ? "Saving…" : "Save watched folder"}
          </button>
        </div>
      </form>
      {watching && (
        <div className="watch-reports-wrap">
          <h3>Files taken</h3>
          {reports === null ? <p className="muted small">…</p> : <WatchReports reports={reports} />}
        </div>
      )}
    </section>
  );
}
