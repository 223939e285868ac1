import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { CalendarSummary, ExportArgs, ExportOutcome, FileFormat, HeldWindow, VCardVersion } from "../generated/bindings";
import { when } from "../sync/words";
import { expandHome, exportFileName, isAbsolute, joinPath, rememberFolderOf, withExtension } from "./files";
import { extensionFilter, type PickRequest } from "./nativePicker";
import { PathPicker } from "./PathPicker";
import { submitOnEnter } from "./submitOnEnter";
import { useFileFolder } from "./useFileFolder";
import { useModal } from "./useModal";
import "./exportDialog.css";
import { dayWords, plural } from "./words";

type What = "contacts" | "calendars";

const CONTACT_FORMATS: { value: FileFormat; label: string }[] = [
  { value: "vcf", label: "vCard (.vcf): address books and phones" },
  { value: "csv", label: "CSV (.csv): spreadsheets" },
];

// What the save dialog lists: files of the format being written.
const SAVE_FILTERS: Record<FileFormat, ReturnType<typeof extensionFilter>> = {
  vcf: extensionFilter("vCard (.vcf)", ["vcf"]),
  csv: extensionFilter("CSV (.csv)", ["csv"]),
  ics: extensionFilter("iCalendar (.ics)", ["ics"]),
};

const VCARD_VERSIONS: { value: VCardVersion; label: string }[] = [
  { value: "4.0", label: "4.0: current address books (RFC 6350)" },
  { value: "3.0", label: "3.0: older phones, Outlook and address books that read only 3.0" },
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

/** "This computer holds the server's entries from Sep 8, 2026 to Dec 6, 2027 (synced …)." (days in the reader's locale) */
export function heldWords(held: HeldWindow | null): string {
  if (!held) return "This computer has not synced yet: it holds only the entries made here.";
  // The synced time as the sync screens say times, in the same style as the days.
  return `This computer holds the server's entries from ${dayWords(held.from)} to ${dayWords(held.to)} (synced ${when(held.syncedAt)}), and every series whole.`;
}

/**
 * Which of the chosen days lie outside the days this computer holds, in words, or null when
 * none do. Only days chosen count: an empty end is no limit, which the held sentence covers.
 * Dates are YYYY-MM-DD, so they compare as text; they are said in the reader's locale.
 */
export function outsideHeldWords(from: string, to: string, held: HeldWindow | null): string | null {
  if (!held || (!from && !to)) return null;
  const tail = "only entries made here and recurring series will be exported";
  if ((to && to < held.from) || (from && from > held.to)) {
    return `None of these days are among those this computer holds (${dayWords(held.from)} to ${dayWords(held.to)}): ${tail}.`;
  }
  const before = !!from && from < held.from;
  const after = !!to && to > held.to;
  if (!before && !after) return null;
  const sides = [before ? `before ${dayWords(held.from)}` : null, after ? `after ${dayWords(held.to)}` : null].filter(Boolean).join(" and ");
  return `Entries ${sides} are not on this computer: for those days, ${tail}.`;
}

/** The days this computer holds, as read when the dialog opens (calendar exports). */
type Held = { state: "loading"; slow: boolean } | { state: "read"; held: HeldWindow | null } | { state: "failed"; message: string };

/** Why the dates cannot be used, or null. Dates are YYYY-MM-DD, so they compare as text. */
function windowProblem(from: string, to: string): string | null {
  return from && to && to < from ? "The last day comes before the first." : null;
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
  const [version, setVersion] = useState<VCardVersion>("4.0");
  // The date window; empty ends are open.
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [held, setHeld] = useState<Held>({ state: "loading", slow: false });
  const primary = useRef<HTMLButtonElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  const toInput = useRef<HTMLInputElement>(null);

  const suggested = folder === null ? "" : joinPath(folder || "", exportFileName(what, format));
  const shownPath = path ?? suggested;
  const noneChosen = what === "calendars" && chosen.size === 0;
  const datesProblem = what === "calendars" ? windowProblem(from, to) : null;
  // Once written, by the days the export found held.
  const heldNow = result ? result.replicaHolds : held.state === "read" ? held.held : null;
  const outsideHeld = what === "calendars" ? outsideHeldWords(from, to, heldNow) : null;

  useEffect(() => {
    if (result) primary.current?.focus();
  }, [result]);

  // Which days this computer holds, said before an export so the dates can be chosen knowing it.
  useEffect(() => {
    if (what !== "calendars") return;
    let live = true;
    // Said only when the answer is slow (a sync holding the replica), so a quick one shows no flash.
    const slow = window.setTimeout(() => {
      if (live) setHeld((h) => (h.state === "loading" ? { state: "loading", slow: true } : h));
    }, 500);
    call("replica_holds", {}).then(
      (h) => {
        if (live) setHeld({ state: "read", held: h });
      },
      (e: unknown) => {
        if (live) setHeld({ state: "failed", message: toCommandError(e).message });
      },
    );
    return () => {
      live = false;
      window.clearTimeout(slow);
    };
  }, [call, what]);

  async function write() {
    const full = expandHome(shownPath, home);
    const wrong = !full ? "Type the full path of the file to write." : !isAbsolute(full) ? "Give the full path, from / (or ~/ for your home folder)." : null;
    setProblem(wrong);
    if (wrong) return pathInput.current?.focus();
    if (datesProblem) return toInput.current?.focus();
    const args: ExportArgs =
      what === "contacts"
        ? { what, format, path: full, calendarIds: [], ...(format === "vcf" ? { vcardVersion: version } : {}) }
        : {
            what,
            format: "ics",
            path: full,
            calendarIds: calendars.filter((c) => chosen.has(c.localId)).map((c) => c.localId),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
          };
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

  /** The save dialog starts at the field's path (the suggested folder and file name at first). */
  function pickRequest(): PickRequest {
    const full = expandHome(shownPath, home);
    const at = isAbsolute(full) ? full : folder ? joinPath(folder, exportFileName(what, format)) : undefined;
    return { kind: "save", title: what === "contacts" ? "Export contacts to" : "Export calendars to", filters: [SAVE_FILTERS[format]], defaultPath: at };
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
        {what === "contacts" && format === "vcf" && (
          <fieldset className="choice" disabled={busy || !!result}>
            <legend>vCard version</legend>
            {VCARD_VERSIONS.map((v) => (
              <label key={v.value} className="check">
                <input type="radio" name={`${ids}-version`} value={v.value} checked={version === v.value} onChange={() => setVersion(v.value)} />
                {v.label}
              </label>
            ))}
          </fieldset>
        )}
        {what === "calendars" && (
          <fieldset className="choice" disabled={busy || !!result} data-testid="export-dates">
            <legend>Dates</legend>
            <p className="muted small">
              Only entries on these days, in each calendar&apos;s time zone; a series with a day among them goes whole, with its rule. Leave a day empty
              for no limit on that side.
            </p>
            <div className="field-grid">
              <div className="field">
                <label htmlFor={`${ids}-from`}>From</label>
                <input
                  id={`${ids}-from`}
                  type="date"
                  value={from}
                  max={to || undefined}
                  aria-describedby={outsideHeld ? `${ids}-outside-held` : undefined}
                  onChange={(e) => {
                    setFrom(e.target.value);
                    setProblem(null);
                  }}
                />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-to`}>To</label>
                <input
                  id={`${ids}-to`}
                  ref={toInput}
                  type="date"
                  value={to}
                  min={from || undefined}
                  aria-invalid={!!datesProblem}
                  aria-describedby={datesProblem ? `${ids}-dates-error` : outsideHeld ? `${ids}-outside-held` : undefined}
                  onChange={(e) => {
                    setTo(e.target.value);
                    setProblem(null);
                  }}
                />
              </div>
            </div>
            {datesProblem && (
              <p id={`${ids}-dates-error`} className="form-error small" role="alert">
                {datesProblem}
              </p>
            )}
            {/* Once written, the result says it (as the export found it). */}
            {!result && held.state === "read" && (
              <p className="muted small export-held-before" data-testid="export-held">
                {heldWords(held.held)}
              </p>
            )}
            {!result && held.state === "loading" && held.slow && (
              <p className="muted small export-held-before" role="status" data-testid="export-held-loading">
                Reading which days this computer holds…
              </p>
            )}
            {!result && held.state === "failed" && (
              <p className="muted small export-held-before" data-testid="export-held-error">
                Could not read which days this computer holds ({held.message}). The export still works.
              </p>
            )}
            {!datesProblem && outsideHeld && (
              <p id={`${ids}-outside-held`} className="warning small" data-testid="export-outside-held">
                {outsideHeld}
              </p>
            )}
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
          <PathPicker
            field={pathInput}
            request={pickRequest}
            onPicked={(chosen) => {
              setPath(chosen);
              setProblem(null);
              setError(null);
            }}
            disabled={busy || !!result}
          >
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
          </PathPicker>
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
            {result.outsideWindow > 0 && <p>{plural(result.outsideWindow, "entry", "entries")} outside the dates left out.</p>}
            {what === "calendars" && (
              <p className="muted small" data-testid="export-held">
                {heldWords(result.replicaHolds)}
              </p>
            )}
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
