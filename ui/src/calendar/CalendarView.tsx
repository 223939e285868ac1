import type { DatesSetArg, DateSelectArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import luxonPlugin from "@fullcalendar/luxon3";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { DateTime } from "luxon";
import { useMemo, useRef, useState } from "react";
import type { FreeBusySlot, WindowItem } from "../generated/bindings";
import { ariaKeys, labels, type Action } from "../shortcuts/keys";
import { useShortcuts } from "../shortcuts/useShortcuts";
import type { Range } from "./useWindow";
import { STATUS_WORDS } from "./words";

export type ViewMode = "month" | "week" | "day" | "agenda";

const FC_VIEWS: Record<ViewMode, string> = {
  month: "dayGridMonth",
  week: "timeGridWeek",
  day: "timeGridDay",
  agenda: "listWeek",
};
/** An all-day entry's days are its own zone's: a date, whatever zone the calendar shows. */
function day(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toISODate() ?? iso;
}

const MODES: { mode: ViewMode; label: string; action: Action }[] = [
  { mode: "month", label: "Month", action: "viewMonth" },
  { mode: "week", label: "Week", action: "viewWeek" },
  { mode: "day", label: "Day", action: "viewDay" },
  { mode: "agenda", label: "Agenda", action: "viewAgenda" },
];

interface Props {
  items: WindowItem[];
  busy: FreeBusySlot[];
  colorOf: (calendarId: string) => string;
  timeZone: string;
  mode: ViewMode;
  onMode: (mode: ViewMode) => void;
  onRange: (range: Range) => void;
  onSelect: (start: string, end: string, allDay: boolean) => void;
  onOpen: (item: WindowItem) => void;
  /** The date to open on (an entry asked for from another screen); today when absent. */
  initialDate?: string;
  /** A drag or resize ended; `revert` puts the entry back where it was. */
  onMove: (item: WindowItem, start: string, end: string, allDay: boolean, revert: () => void) => void;
}

/** FullCalendar over the shown calendars: month, week, day and agenda; select to create, drag to move, drag an edge to resize. */
export function CalendarView({ items, busy, colorOf, timeZone, mode, initialDate, onMode, onRange, onSelect, onOpen, onMove }: Props) {
  const ref = useRef<FullCalendar>(null);
  const [title, setTitle] = useState("");
  const api = () => ref.current?.getApi();
  const show = (m: ViewMode) => {
    onMode(m);
    api()?.changeView(FC_VIEWS[m]);
  };
  useShortcuts({
    today: () => api()?.today(),
    previous: () => api()?.prev(),
    next: () => api()?.next(),
    viewMonth: () => show("month"),
    viewWeek: () => show("week"),
    viewDay: () => show("day"),
    viewAgenda: () => show("agenda"),
  });

  const events = useMemo<EventInput[]>(() => {
    const entries: EventInput[] = items.map((item) => ({
      id: `${item.entryId}|${item.instanceDate ?? ""}`,
      title: item.title,
      start: item.isAllDay ? day(item.startsAt, item.timezone) : item.startsAt,
      end: item.isAllDay ? day(item.endsAt, item.timezone) : item.endsAt,
      allDay: item.isAllDay,
      backgroundColor: colorOf(item.calendarId),
      borderColor: colorOf(item.calendarId),
      classNames: [
        item.hasPendingOps ? "is-pending" : "",
        item.status === "cancelled" ? "is-cancelled" : "",
        item.status === "tentative" || item.status === "draft" ? "is-tentative" : "",
      ].filter(Boolean),
      extendedProps: { item },
    }));
    const free: EventInput[] =
      mode === "week" || mode === "day"
        ? busy.map((slot, i) => ({
            id: `busy-${i}`,
            start: slot.isAllDay ? day(slot.startsAt, timeZone) : slot.startsAt,
            end: slot.isAllDay ? day(slot.endsAt, timeZone) : slot.endsAt,
            allDay: slot.isAllDay,
            display: "background",
            classNames: ["busy-slot"],
          }))
        : [];
    return [...free, ...entries];
  }, [items, busy, colorOf, mode, timeZone]);

  function content(arg: EventContentArg) {
    const item = arg.event.extendedProps.item as WindowItem | undefined;
    if (!item) return null;
    const list = arg.view.type.startsWith("list");
    return (
      <div className="fc-entry" data-testid="calendar-entry" title={`${item.title}${item.status !== "confirmed" ? ` (${STATUS_WORDS[item.status] ?? item.status})` : ""}`}>
        {arg.timeText && !list && <span className="fc-entry-time">{arg.timeText}</span>}
        <span className="fc-entry-title">{item.title}</span>
        {item.seriesId && (
          <span className="fc-entry-flag" title={item.overridden ? "Repeats; this occurrence was changed" : "Repeats"}>
            <span aria-hidden="true">{item.overridden ? "↻*" : "↻"}</span>
            <span className="sr-only">{item.overridden ? " (repeats, changed occurrence)" : " (repeats)"}</span>
          </span>
        )}
        {item.status !== "confirmed" && list && <span className="muted small"> · {STATUS_WORDS[item.status] ?? item.status}</span>}
        {item.hasPendingOps &&
          (list ? (
            <span className="pending-marker">Not synced yet</span>
          ) : (
            <span className="pending-dot" title="Not synced yet">
              <span className="sr-only"> Not synced yet</span>
            </span>
          ))}
      </div>
    );
  }

  function moved(arg: EventDropArg | EventResizeDoneArg) {
    const item = arg.event.extendedProps.item as WindowItem | undefined;
    if (!item) return arg.revert();
    onMove(item, arg.event.startStr, arg.event.endStr, arg.event.allDay, arg.revert);
  }

  return (
    <div className="calendar-view">
      <div className="calendar-toolbar" role="toolbar" aria-label="Calendar navigation">
        <div className="row start">
          <button type="button" className="secondary" onClick={() => api()?.prev()} title={`Previous (${labels("previous")})`} aria-keyshortcuts={ariaKeys("previous")}>
            <span aria-hidden="true">‹</span> Previous
          </button>
          <button type="button" className="secondary" onClick={() => api()?.today()} title={`Today (${labels("today")})`} aria-keyshortcuts={ariaKeys("today")}>
            Today
          </button>
          <button type="button" className="secondary" onClick={() => api()?.next()} title={`Next (${labels("next")})`} aria-keyshortcuts={ariaKeys("next")}>
            Next <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 className="calendar-title" aria-live="polite" data-testid="calendar-title">
          {title}
        </h2>
        <div className="segmented-buttons" role="group" aria-label="View">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              className="secondary"
              aria-pressed={mode === m.mode}
              onClick={() => show(m.mode)}
              title={`${m.label} (${labels(m.action)})`}
              aria-keyshortcuts={ariaKeys(m.action)}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <FullCalendar
        ref={ref}
        plugins={[luxonPlugin, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
        initialView={FC_VIEWS[mode]}
        initialDate={initialDate}
        timeZone={timeZone}
        headerToolbar={false}
        height="100%"
        firstDay={1}
        nowIndicator
        selectable
        selectMirror
        editable
        eventInteractive
        dayMaxEvents={4}
        eventDisplay="block"
        scrollTime="07:00:00"
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        events={events}
        eventContent={content}
        datesSet={(arg: DatesSetArg) => {
          setTitle(arg.view.title);
          onRange({ from: arg.start.toISOString(), to: arg.end.toISOString() });
        }}
        select={(arg: DateSelectArg) => {
          onSelect(arg.startStr, arg.endStr, arg.allDay);
          arg.view.calendar.unselect();
        }}
        eventClick={(arg: EventClickArg) => {
          arg.jsEvent.preventDefault();
          const item = arg.event.extendedProps.item as WindowItem | undefined;
          if (item) onOpen(item);
        }}
        eventAllow={(_span, event) => !!event?.extendedProps.item}
        eventDrop={moved}
        eventResize={moved}
      />
    </div>
  );
}
