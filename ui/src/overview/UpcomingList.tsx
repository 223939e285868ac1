import type { DateTime } from "luxon";
import type { CommandError } from "../api/transport";
import { PendingMarker } from "../contacts/PendingMarker";
import type { CalendarSummary, WindowItem } from "../generated/bindings";
import { STATUS_WORDS } from "../calendar/words";
import { entryHash } from "../nav/routes";
import { byDay, timeWords, UPCOMING_DAYS } from "./upcoming";

/** More than this many would make the overview a calendar; the rest are counted and a link leads there. */
export const UPCOMING_SHOWN = 40;

interface Props {
  /** null while loading. */
  items: WindowItem[] | null;
  error: CommandError | null;
  now: DateTime;
  zone: string;
  calendars: CalendarSummary[] | null;
  colorOf: (calendarId: string) => string;
  neverSynced: boolean;
}

/** The next days' entries by day: time, title and calendar; each opens in the calendars screen. */
export function UpcomingList({ items, error, now, zone, calendars, colorOf, neverSynced }: Props) {
  const names = new Map((calendars ?? []).map((c) => [c.localId, c.name]));
  const shown = items?.slice(0, UPCOMING_SHOWN) ?? [];
  const days = byDay(shown, zone, now);
  const more = (items?.length ?? 0) - shown.length;

  return (
    <section className="card upcoming" aria-labelledby="upcoming-title">
      <header className="card-header">
        <h2 id="upcoming-title">Next {UPCOMING_DAYS} days</h2>
        <a href="#calendars" className="small">
          Open calendars
        </a>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {items === null && !error && <p className="muted">Loading…</p>}
      {items?.length === 0 && (
        <p className="muted empty" data-testid="upcoming-empty">
          {neverSynced
            ? "Nothing here yet: this tenant was never synced on this computer. Sync now fetches its calendars."
            : calendars?.length === 0
              ? "No calendars yet. Create one in Calendars."
              : `Nothing in the next ${UPCOMING_DAYS} days.`}
        </p>
      )}
      {days.map((day) => (
        <div key={day.date} className="upcoming-day">
          <h3 id={`upcoming-${day.date}`}>{day.label}</h3>
          <ul className="upcoming-items" aria-labelledby={`upcoming-${day.date}`}>
            {day.items.map((item) => (
              <li key={`${item.entryId}|${item.instanceDate ?? ""}`}>
                <a
                  href={entryHash(item)}
                  className={`upcoming-item${item.status === "cancelled" ? " is-cancelled" : ""}`}
                  style={{ "--cal": colorOf(item.calendarId) } as React.CSSProperties}
                  data-testid="upcoming-entry"
                >
                  <span className="upcoming-time">{timeWords(item, zone, now)}</span>
                  <span className="upcoming-title">
                    {item.title}
                    {item.seriesId && (
                      <span className="muted" title="Repeats">
                        {" "}
                        <span aria-hidden="true">↻</span>
                        <span className="sr-only"> (repeats)</span>
                      </span>
                    )}
                    {item.status !== "confirmed" && (
                      <span className="muted small"> · {STATUS_WORDS[item.status] ?? item.status}</span>
                    )}
                  </span>
                  <span className="upcoming-calendar muted small">{names.get(item.calendarId) ?? ""}</span>
                  {item.hasPendingOps && <PendingMarker />}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {more > 0 && (
        <p className="muted small">
          And {more.toLocaleString()} more: <a href="#calendars">see them in Calendars</a>.
        </p>
      )}
    </section>
  );
}
