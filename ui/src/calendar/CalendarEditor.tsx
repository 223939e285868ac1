import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { Calendar, CalendarKind, CalendarPatch, Directory } from "../generated/bindings";
import { choice } from "./choice";
import { fieldError } from "./errors";
import { localZone, zoneNames } from "./time";
import type { CalendarInfo } from "./useCalendars";
import { useDirectoryList } from "../directory/useDirectoryList";
import { CALENDAR_KIND_WORDS, CALENDAR_KINDS, CALENDAR_VISIBILITIES, VISIBILITY_WORDS } from "./words";

interface Props {
  /** The calendar to edit; none: a new one. */
  calendar?: CalendarInfo;
  onSaved: (localId: string) => void;
  onClose: () => void;
}

const LABELS: Record<string, string> = {
  name: "Name",
  kind: "Kind",
  visibility: "Visibility",
  timezone: "Time zone",
  description: "Description",
  linkedUserId: "Person",
  linkedResourceId: "Resource",
  linkedSpaceId: "Space",
};

/** The field a linked calendar names its person, resource or space in. */
type LinkField = "linkedUserId" | "linkedResourceId" | "linkedSpaceId";

const LINKS: Partial<Record<CalendarKind, { field: LinkField; directory: Directory; word: string }>> = {
  user_linked: { field: "linkedUserId", directory: "users", word: "people" },
  resource_linked: { field: "linkedResourceId", directory: "resources", word: "resources" },
  space_linked: { field: "linkedSpaceId", directory: "spaces", word: "spaces" },
};

/** Creates or edits a calendar: name, kind (when new), visibility, time zone, description. */
export function CalendarEditor({ calendar, onSaved, onClose }: Props) {
  const call = useCall();
  const [name, setName] = useState(calendar?.name ?? "");
  const [kind, setKind] = useState<CalendarKind>(choice(CALENDAR_KINDS, calendar?.kind, "tenant_shared"));
  const [visibility, setVisibility] = useState(choice(CALENDAR_VISIBILITIES, calendar?.visibility, "shared"));
  const [timezone, setTimezone] = useState(calendar?.timezone ?? localZone());
  const [description, setDescription] = useState(calendar?.description ?? "");
  const [linked, setLinked] = useState("");
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const link = calendar ? undefined : LINKS[kind];
  const linkable = useDirectoryList(link?.directory ?? null);
  const atField = fieldError(error, LABELS);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[name="name"]')?.focus();
  }, []);
  useEffect(() => {
    if (atField) formRef.current?.querySelector<HTMLElement>(`[name="${atField.field}"]`)?.focus();
  }, [atField]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setUnchanged(false);
    let save: () => Promise<{ localId: string }>;
    if (calendar) {
      const patch: CalendarPatch = {};
      if (name.trim() !== calendar.name) patch.name = name.trim();
      // An unset visibility shows as the default; only a choice the user made is sent.
      if (visibility !== (calendar.visibility ?? "shared")) patch.visibility = visibility;
      if (timezone !== calendar.timezone) patch.timezone = timezone;
      if (description !== (calendar.description ?? "")) patch.description = description;
      if (Object.keys(patch).length === 0) return setUnchanged(true);
      save = () => call("update_calendar", { id: calendar.localId, fields: patch });
    } else {
      const fields: Calendar = { name: name.trim(), kind, visibility, timezone };
      if (description.trim()) fields.description = description;
      if (link && linked) fields[link.field] = linked;
      save = () => call("create_calendar", { fields });
    }
    setBusy(true);
    try {
      const saved = await save();
      onSaved(saved.localId);
    } catch (e) {
      setError(toCommandError(e));
      setBusy(false);
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === "Escape" && !busy) {
      event.preventDefault();
      onClose();
    }
  }

  const problem = (field: string) => (atField?.field === field ? atField.message : null);
  const attrs = (id: string, field: string) => ({
    id,
    name: field,
    "aria-invalid": problem(field) ? true : undefined,
    "aria-describedby": problem(field) ? `${id}-error` : undefined,
  });
  const shownError = (id: string, field: string) =>
    problem(field) ? (
      <span className="form-error small" id={`${id}-error`} data-testid={`error-${field}`}>
        {problem(field)}
      </span>
    ) : null;
  const zones = zoneNames().includes(timezone) ? zoneNames() : [timezone, ...zoneNames()];

  return (
    <form ref={formRef} className="entry-editor" aria-labelledby="calendar-editor-title" onSubmit={(e) => void submit(e)} onKeyDown={escape} noValidate>
      <h2 id="calendar-editor-title">{calendar ? `Edit ${calendar.name}` : "New calendar"}</h2>
      <div className="field">
        <label htmlFor="calendar-name">Name</label>
        <input {...attrs("calendar-name", "name")} value={name} onChange={(e) => setName(e.target.value)} />
        {shownError("calendar-name", "name")}
      </div>
      <div className="field-grid two">
        <div className="field">
          <label htmlFor="calendar-kind">Kind</label>
          <select
            {...attrs("calendar-kind", "kind")}
            value={kind}
            disabled={!!calendar}
            title={calendar ? "A calendar's kind is fixed when it is made" : undefined}
            onChange={(e) => setKind(choice(CALENDAR_KINDS, e.target.value, kind))}
          >
            {CALENDAR_KINDS.map((k) => (
              <option key={k} value={k}>
                {CALENDAR_KIND_WORDS[k]}
              </option>
            ))}
          </select>
          {shownError("calendar-kind", "kind")}
        </div>
        <div className="field">
          <label htmlFor="calendar-visibility">Visibility</label>
          <select {...attrs("calendar-visibility", "visibility")} value={visibility} onChange={(e) => setVisibility(choice(CALENDAR_VISIBILITIES, e.target.value, visibility))}>
            {CALENDAR_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_WORDS[v]}
              </option>
            ))}
          </select>
          {shownError("calendar-visibility", "visibility")}
        </div>
        <div className="field field-wide">
          <label htmlFor="calendar-timezone">Time zone</label>
          <select {...attrs("calendar-timezone", "timezone")} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          {shownError("calendar-timezone", "timezone")}
        </div>
      </div>
      {link && (
        <div className="field">
          <label htmlFor="calendar-linked">{LABELS[link.field]}</label>
          <select {...attrs("calendar-linked", link.field)} value={linked} onChange={(e) => setLinked(e.target.value)}>
            <option value="">
              {linkable && linkable.length === 0 ? `No ${link.word} here yet: the directory fills with a sync` : "Choose…"}
            </option>
            {(linkable ?? []).map((d) => (
              <option key={d.serverId} value={d.serverId}>
                {d.name}
              </option>
            ))}
          </select>
          {shownError("calendar-linked", link.field)}
        </div>
      )}
      <div className="field">
        <label htmlFor="calendar-description">Description</label>
        <textarea {...attrs("calendar-description", "description")} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        {shownError("calendar-description", "description")}
      </div>
      {error && !atField && (
        <p className="form-error" role="alert" data-testid="calendar-form-error">
          {error.message}
        </p>
      )}
      {atField && (
        <p className="sr-only" role="alert">
          {LABELS[atField.field]}: {atField.message}
        </p>
      )}
      {unchanged && (
        <p className="muted small" role="status">
          Nothing changed yet.
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onClose} disabled={busy} title="Cancel (Esc)">
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : calendar ? "Save calendar" : "Create calendar"}
        </button>
      </div>
    </form>
  );
}
