import { PendingMarker } from "../contacts/PendingMarker";
import type { CalendarInfo } from "./useCalendars";
import { CALENDAR_KIND_WORDS, VISIBILITY_WORDS } from "./words";

interface Props {
  calendars: CalendarInfo[];
  shown: ReadonlySet<string>;
  colorOf: (calendarId: string) => string;
  onShow: (id: string, show: boolean) => void;
  onShowOnly: (id: string) => void;
  onEdit: (calendar: CalendarInfo) => void;
  onDelete: (calendar: CalendarInfo) => void;
}

/** The tenant's calendars: a checkbox to show each, its kind, visibility and zone, Edit and Delete. */
export function CalendarList({ calendars, shown, colorOf, onShow, onShowOnly, onEdit, onDelete }: Props) {
  if (calendars.length === 0) return null;
  return (
    <ul className="calendar-list" aria-label="Calendars">
      {calendars.map((c) => (
        <li key={c.localId} className="calendar-item" style={{ "--cal": colorOf(c.localId) } as React.CSSProperties}>
          <label className="check calendar-check">
            <input
              type="checkbox"
              checked={shown.has(c.localId)}
              onChange={(e) => onShow(c.localId, e.target.checked)}
              aria-label={`Show ${c.name}`}
            />
            <span className="swatch" aria-hidden="true" />
            <span className="calendar-name">{c.name}</span>
          </label>
          <p className="muted small calendar-meta" data-testid="calendar-meta">
            {CALENDAR_KIND_WORDS[c.kind] ?? c.kind}
            {c.visibility ? ` · ${VISIBILITY_WORDS[c.visibility] ?? c.visibility}` : ""} · {c.timezone}
          </p>
          {c.hasPendingOps && <PendingMarker />}
          <div className="calendar-actions">
            <button type="button" className="link small" onClick={() => onShowOnly(c.localId)} aria-label={`Show only ${c.name}`}>
              Only
            </button>
            <button type="button" className="link small" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
              Edit
            </button>
            <button type="button" className="link small danger-text" onClick={() => onDelete(c)} aria-label={`Delete ${c.name}…`}>
              Delete…
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
