import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { CalendarSummary, ContactField, CsvColumn, DuplicatePolicy, ImportArgs, ImportOutcome } from "../generated/bindings";
import { CsvMapping } from "./CsvMapping";
import { expandHome, folderOf, formatOfName, isAbsolute, joinPath, rememberFolderOf } from "./files";
import { extensionFilter, type PickRequest } from "./nativePicker";
import { PathPicker } from "./PathPicker";
import { DuplicatesChoice } from "./DuplicatesChoice";
import { ImportReport } from "./ImportReport";
import { submitOnEnter } from "./submitOnEnter";
import { useFileFolder } from "./useFileFolder";
import { useModal } from "./useModal";

type What = "contacts" | "calendars";

const NOUNS: Record<What, string> = { contacts: "contacts", calendars: "events" };

// What the native dialog lists: the names formatOfName reads as this dialog's formats.
const FILTERS = {
  contacts: [extensionFilter("Contacts (vCard, CSV)", ["vcf", "vcard", "csv"])],
  calendars: [extensionFilter("iCalendar (.ics)", ["ics", "ical", "icalendar", "ifb"])],
};

interface Props {
  what: What;
  /** The calendars events can go into (calendars only). */
  calendars?: CalendarSummary[];
  /** The calendar chosen at first (calendars only). */
  calendarId?: string;
  onClose: () => void;
  /** Records were written: lists and the sync badge should look again. */
  /** What an import that wrote something did (the screens refresh on the backend's events anyway). */
  onImported?: (outcome: ImportOutcome) => void;
}

/** Why a path cannot be read before asking the backend: it names the wrong kind of file, or is not a full path. */
function pathProblem(path: string, what: What): string | null {
  if (!path) return "Type the full path of the file.";
  if (!isAbsolute(path)) return "Give the full path, from / (or ~/ for your home folder).";
  const format = formatOfName(path);
  if (what === "contacts" && format === "ics") return "An .ics file holds calendar entries: import it from Calendars.";
  if (what === "calendars" && (format === "vcf" || format === "csv")) return "That is a contacts file: import it from Contacts.";
  return null;
}

/**
 * Import from a file, in three steps in one dialog: the file (and the calendar, for .ics), a
 * preview of what each item will do (duplicates skipped, updated or created again, as chosen),
 * then the import itself and what it did. Enter moves on a step, Escape closes.
 */
export function ImportDialog({ what, calendars = [], calendarId: firstCalendar, onClose, onImported }: Props) {
  const call = useCall();
  const dialog = useModal();
  const ids = useId();
  const { folder, home } = useFileFolder();
  const [path, setPath] = useState<string | null>(null);
  const [calendarId, setCalendarId] = useState(firstCalendar ?? calendars[0]?.localId ?? "");
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>("skip");
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // A CSV's columns as the last preview read them, and the fields the user chose (by column).
  const [columns, setColumns] = useState<CsvColumn[] | null>(null);
  const [choices, setChoices] = useState<Partial<Record<number, ContactField>>>({});
  // Only the newest preview is shown: choices made quickly one after another each ask again.
  const previewRun = useRef(0);
  const focusStays = useRef(false);
  const primary = useRef<HTMLButtonElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);

  // The field starts in the suggested folder, ready for the file's name.
  const shownPath = path ?? (folder === null ? "" : folder ? joinPath(folder, "") : "");
  const noun = NOUNS[what];
  const toDo = preview ? preview.created + preview.updated : 0;
  const noCalendar = what === "calendars" && !calendarId;

  useEffect(() => {
    // A preview that follows a column's new field leaves the focus in the table, where the
    // user is going through the columns.
    if (result || (preview && !focusStays.current)) primary.current?.focus();
  }, [preview, result]);

  function args(policy: DuplicatePolicy = duplicates, chosen = choices, typed = shownPath): ImportArgs | null {
    const full = expandHome(typed, home);
    const wrong = pathProblem(full, what);
    setProblem(wrong);
    if (wrong) {
      pathInput.current?.focus();
      return null;
    }
    if (what === "calendars") return { path: full, calendarId, duplicates: policy };
    const mapping = Object.entries(chosen).flatMap(([column, field]) => (field ? [{ column: Number(column), field }] : []));
    return mapping.length > 0 ? { path: full, duplicates: policy, mapping } : { path: full, duplicates: policy };
  }

  async function runPreview(policy: DuplicatePolicy = duplicates, chosen = choices, fromTable = false, typed = shownPath) {
    focusStays.current = fromTable;
    const a = args(policy, chosen, typed);
    if (!a) return;
    const run = ++previewRun.current;
    setBusy("preview");
    setError(null);
    setPreview(null);
    try {
      const outcome = await call("import_preview", a);
      if (run !== previewRun.current) return;
      setPreview(outcome);
      setColumns(outcome.csvColumns ?? null);
    } catch (e) {
      if (run !== previewRun.current) return;
      const err = toCommandError(e);
      setError(err);
      // A refused mapping is fixed in the table; anything else in the file's name.
      if (err.details?.field !== "mapping") pathInput.current?.focus();
    } finally {
      if (run === previewRun.current) setBusy(null);
    }
  }

  /** A column goes into another field: shown at once, and the preview reads the file again with it. */
  function chooseField(index: number, field: ContactField) {
    const chosen = { ...choices, [index]: field };
    setChoices(chosen);
    setColumns((cols) => cols?.map((c) => (c.index === index ? { ...c, field, detail: null } : c)) ?? null);
    void runPreview(duplicates, chosen, true);
  }

  /** Another file: its columns are its own. */
  function forgetColumns() {
    setColumns(null);
    setChoices({});
  }

  /** The native dialog opens where the field's file is, else in the suggested folder. */
  function pickRequest(): PickRequest {
    const full = expandHome(shownPath, home);
    const at = isAbsolute(full) ? folderOf(full) ?? full : folder || undefined;
    return { kind: "open", title: what === "contacts" ? "Import contacts from" : "Import calendar entries from", filters: FILTERS[what], defaultPath: at };
  }

  /** A file chosen in the native dialog is read at once, as a typed one is on Enter. */
  function picked(chosenPath: string) {
    setPath(chosenPath);
    changed();
    forgetColumns();
    void runPreview(duplicates, {}, false, chosenPath);
  }

  async function apply() {
    const a = args();
    if (!a) return;
    setBusy("apply");
    setError(null);
    try {
      const outcome = await call("import_apply", a);
      setResult(outcome);
      rememberFolderOf(a.path);
      if (outcome.created + outcome.updated > 0) onImported?.(outcome);
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(null);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (result) return onClose();
    if (preview) {
      if (toDo > 0) void apply();
      return;
    }
    void runPreview();
  }

  /** Anything chosen anew makes the preview stale; a new duplicates choice previews again at once. */
  function changed() {
    setPreview(null);
    setError(null);
    setProblem(null);
  }

  const label = result ? "Close" : preview ? `Import ${toDo.toLocaleString()} ${toDo === 1 ? "item" : "items"}` : "Preview";
  const atCalendar = error?.details && (error.details as { field?: string }).field === "calendarId";

  return (
    <dialog
      ref={dialog}
      className="card dialog transfer-dialog"
      aria-labelledby={`${ids}-title`}
      onCancel={(e) => {
        // An import under way finishes first: closing would hide what it did.
        e.preventDefault();
        if (busy !== "apply") onClose();
      }}
    >
      <form onSubmit={submit} onKeyDown={submitOnEnter} className="transfer-form" noValidate>
        <h2 id={`${ids}-title`}>{what === "contacts" ? "Import contacts" : "Import calendar entries"}</h2>
        <p className="muted small">
          {what === "contacts"
            ? "From a vCard (.vcf) or CSV (.csv) file. "
            : "From an iCalendar (.ics) file, into one calendar. "}
          Nothing is written until you confirm; then the {noun} are on this computer and go to the server with the next sync.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-path`}>File</label>
          <PathPicker field={pathInput} request={pickRequest} onPicked={picked} disabled={!!busy || !!result}>
            <input
              id={`${ids}-path`}
              ref={pathInput}
              className="mono"
              value={shownPath}
              placeholder={what === "contacts" ? "/home/you/contacts.vcf" : "/home/you/calendar.ics"}
              onChange={(e) => {
                setPath(e.target.value);
                changed();
                forgetColumns();
              }}
              disabled={!!busy || !!result}
              aria-invalid={!!problem || (!!error && !atCalendar)}
              aria-describedby={problem ? `${ids}-problem` : error && !atCalendar ? `${ids}-error` : undefined}
              autoFocus
              spellCheck={false}
              autoComplete="off"
            />
          </PathPicker>
          {problem && (
            <p id={`${ids}-problem`} className="form-error small" role="alert">
              {problem}
            </p>
          )}
        </div>
        {what === "calendars" && (
          <div className="field">
            <label htmlFor={`${ids}-calendar`}>Into calendar</label>
            <select
              id={`${ids}-calendar`}
              value={calendarId}
              onChange={(e) => {
                setCalendarId(e.target.value);
                changed();
              }}
              disabled={!!busy || !!result || calendars.length === 0}
              aria-invalid={!!atCalendar}
            >
              {calendars.map((c) => (
                <option key={c.localId} value={c.localId}>
                  {c.name}
                </option>
              ))}
            </select>
            {calendars.length === 0 && <p className="form-error small">There is no calendar to import into: create one first.</p>}
          </div>
        )}
        {columns && !result && <CsvMapping columns={columns} busy={busy === "preview"} disabled={busy === "apply"} onChange={chooseField} />}
        <DuplicatesChoice
          name={`${ids}-duplicates`}
          value={duplicates}
          disabled={!!busy || !!result}
          onChange={(policy) => {
            setDuplicates(policy);
            // A preview on screen follows the new choice at once.
            if (preview) void runPreview(policy);
            else changed();
          }}
        />
        {busy && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" />
            {busy === "preview" ? "Reading the file…" : `Importing ${toDo.toLocaleString()} ${toDo === 1 ? "item" : "items"}…`}
          </p>
        )}
        {error && (
          <p id={`${ids}-error`} className="form-error" role="alert" data-testid="import-error">
            {error.message}
          </p>
        )}
        {!busy && (result ?? preview) && <ImportReport outcome={(result ?? preview) as ImportOutcome} noun={noun} />}
        {result && result.created + result.updated > 0 && (
          <p className="muted small">They are on this computer now and go to the server with the next sync.</p>
        )}
        {preview && !result && toDo === 0 && !busy && <p className="muted small">Nothing to import with this choice.</p>}
        <div className="row">
          {preview && !result && (
            <button
              type="button"
              className="secondary push-left"
              onClick={() => {
                changed();
                forgetColumns();
                pathInput.current?.focus();
              }}
              disabled={!!busy}
            >
              Choose another file
            </button>
          )}
          {!result && (
            <button type="button" className="secondary" onClick={onClose} disabled={busy === "apply"}>
              Cancel
            </button>
          )}
          <button ref={primary} type="submit" disabled={!!busy || noCalendar || (!!preview && !result && toDo === 0)} aria-busy={!!busy}>
            {busy === "apply" ? "Importing…" : busy === "preview" ? "Reading…" : label}
          </button>
        </div>
      </form>
    </dialog>
  );
}
