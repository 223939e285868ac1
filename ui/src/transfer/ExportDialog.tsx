import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { CalendarSummary, ExportArgs, ExportOutcome, FileFormat } from "../generated/bindings";
import { expandHome, exportFileName, isAbsolute, joinPath, rememberFolderOf, withExtension } from "./files";
import { submitOnEnter } from "./submitOnEnter";
import { useFileFolder } from "./useFileFolder";
import { useModal } from "./useModal";
import { plural } from "./words";

type What = "contacts" | "calendars";

const CONTACT_FORMATS: { value: FileFormat; label: string }[] = [
  { value: "vcf", label: "vCard (.vcf): address books and phones" },
  { value: "csv", label: "CSV (.csv): spreadsheets" },
];

interface Props {
  what: What;
  /** The calendars to choose from (calendars only). */
  calendars?: CalendarSummary[];
  onClose: () => void;
}

/** "Wrote 41 contacts to /home/ana/outpost-contacts.vcf." */
export function exportWords(o: ExportOutcome, what: What): string {
  const count = what === "contacts" ? plural(o.written, "contact") : `${plural(o.written, "entry", "entries")} from ${plural(o.calendars, "calendar")}`;
  return `Wrote ${count} to ${o.path}.`;
}

/** Export to a file on this computer: contacts as vCard or CSV, chosen calendars as iCalendar. Enter writes, Escape closes. */
export function ExportDialog({ what, calendars = [], onClose }: Props) {
  const call = useCall();
  const dialog = useModal();
  const ids = useId();
  const { folder, home } = useFileFolder();
  const [format, setFormat] = useState<FileFormat>(what === "contacts" ? "vcf" : "ics");
  const [path, setPath] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(calendars.map((c) => c.localId)));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);

  const suggested = folder === null ? "" : joinPath(folder || "", exportFileName(what, format));
  const shownPath = path ?? suggested;
  const noneChosen = what === "calendars" && chosen.size === 0;

  useEffect(() => {
    if (result) primary.current?.focus();
  }, [result]);

  async function write() {
    const full = expandHome(shownPath, home);
    const wrong = !full ? "Type the full path of the file to write." : !isAbsolute(full) ? "Give the full path, from / (or ~/ for your home folder)." : null;
    setProblem(wrong);
    if (wrong) return pathInput.current?.focus();
    const args: ExportArgs =
      what === "contacts"
        ? { what, format, path: full, calendarIds: [] }
        : { what, format: "ics", path: full, calendarIds: calendars.filter((c) => chosen.has(c.localId)).map((c) => c.localId) };
    setBusy(true);
    setError(null);
    try {
      setResult(await call("export", args));
      rememberFolderOf(full);
    } catch (e) {
      setError(toCommandError(e));
      pathInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (result) return onClose();
    if (!noneChosen) void write();
  }

  return (
    <dialog
      ref={dialog}
      className="card dialog transfer-dialog"
      aria-labelledby={`${ids}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form onSubmit={submit} onKeyDown={submitOnEnter} className="transfer-form" noValidate>
        <h2 id={`${ids}-title`}>{what === "contacts" ? "Export contacts" : "Export calendars"}</h2>
        <p className="muted small">
          {what === "contacts" ? "Every contact of this tenant" : "The chosen calendars with their entries and series, as iCalendar (.ics)"}, as
          they are on this computer (edits not synced yet included). A file already at that path is replaced.
        </p>
        {what === "contacts" && (
          <fieldset className="choice" disabled={busy || !!result}>
            <legend>Format</legend>
            {CONTACT_FORMATS.map((f) => (
              <label key={f.value} className="check">
                <input
                  type="radio"
                  name={`${ids}-format`}
                  value={f.value}
                  checked={format === f.value}
                  onChange={() => {
                    setFormat(f.value);
                    // The file's name follows the format, unless it was given another extension.
                    if (path !== null) setPath(withExtension(path, f.value));
                  }}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
        )}
        {what === "calendars" && (
          <fieldset className="choice calendar-choice" disabled={busy || !!result}>
            <legend>Calendars</legend>
            {calendars.length === 0 && <p className="muted small">There are no calendars to export yet.</p>}
            {calendars.map((c) => (
              <label key={c.localId} className="check">
                <input
                  type="checkbox"
                  checked={chosen.has(c.localId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(c.localId);
                    else next.delete(c.localId);
                    setChosen(next);
                  }}
                />
                {c.name}
              </label>
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${ids}-path`}>Write to</label>
          <input
            id={`${ids}-path`}
            ref={pathInput}
            className="mono"
            value={shownPath}
            onChange={(e) => {
              setPath(e.target.value);
              setProblem(null);
              setError(null);
            }}
            disabled={busy || !!result}
            aria-invalid={!!problem || !!error}
            aria-describedby={problem || error ? `${ids}-error` : undefined}
            autoFocus
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        {(problem || error) && (
          <p id={`${ids}-error`} className="form-error" role="alert" data-testid="export-error">
            {problem ?? error?.message}
          </p>
        )}
        {busy && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" />
            Writing the file…
          </p>
        )}
        {result && (
          <div className="export-result" data-testid="export-result">
            <p className="status-done" role="status">
              {exportWords(result, what)}
            </p>
            {result.skipped.length > 0 && (
              <>
                <p>Left out ({result.skipped.length.toLocaleString()}):</p>
                <ul className="small">
                  {result.skipped.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <div className="row">
          {!result && (
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          )}
          <button ref={primary} type="submit" disabled={busy || (!result && noneChosen)} aria-busy={busy}>
            {result ? "Close" : busy ? "Writing…" : "Export"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
