import { DateTime } from "luxon";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { WindowItem } from "../generated/bindings";
import { entryRequestFromHash } from "../nav/routes";
import { ariaKeys, labels } from "../shortcuts/keys";
import { useShortcuts } from "../shortcuts/useShortcuts";
import { SyncNowButton, SyncResult } from "../sync/SyncNowButton";
import { useSync } from "../sync/SyncContext";
import { ExportDialog } from "../transfer/ExportDialog";
import { ImportDialog } from "../transfer/ImportDialog";
import { CalendarEditor } from "./CalendarEditor";
import { CalendarList } from "./CalendarList";
import { CalendarView, type ViewMode } from "./CalendarView";
import { DeleteCalendarDialog } from "./DeleteCalendarDialog";
import { EntryEditor, type EditTarget } from "./EntryEditor";
import { FreeBusyPanel } from "./FreeBusyPanel";
import { applyMove, instantOf, type Move, type Scope } from "./moves";
import { ScopeDialog } from "./ScopeDialog";
import { localZone, utc } from "./time";
import { assignColors, useCalendars, type CalendarInfo } from "./useCalendars";
import { useRequestedEntry } from "./useRequestedEntry";
import { useWindow, type Range } from "./useWindow";

type Drawer =
  | { kind: "none" }
  | { kind: "entry"; target: EditTarget; key: number }
  | { kind: "calendar"; calendar?: CalendarInfo };

type Asking = { item: WindowItem; purpose: "edit" } | { item: WindowItem; purpose: "move"; move: Move; revert: () => void };

/** Calendars: the list to show them by, the calendar over the shown ones, and the editors. */
export function CalendarsScreen() {
  const call = useCall();
  const { status } = useSync();
  const { calendars, error: listError } = useCalendars();
  const [shown, setShown] = useState<Set<string>>(new Set());
  const [known, setKnown] = useState<Set<string>>(new Set());
  const [range, setRange] = useState<Range | null>(null);
  const [mode, setMode] = useState<ViewMode>(() => (entryRequestFromHash(window.location.hash) ? "week" : "month"));
  const [zone, setZone] = useState(localZone);
  const [deleting, setDeleting] = useState<CalendarInfo | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [transfer, setTransfer] = useState<"import" | "export" | null>(null);
  const [moveError, setMoveError] = useState<CommandError | null>(null);
  // Where focus was when an editor opened: it goes back there when the editor closes.
  const opener = useRef<HTMLElement | null>(null);
  const [drawer, setDrawerState] = useState<Drawer>({ kind: "none" });
  const setDrawer = useCallback((next: Drawer) => {
    if (next.kind !== "none" && document.activeElement instanceof HTMLElement && !document.activeElement.closest(".drawer")) {
      opener.current = document.activeElement;
    }
    setDrawerState(next);
    if (next.kind === "none") {
      const back = opener.current;
      opener.current = null;
      requestAnimationFrame(() => (back?.isConnected ? back : document.querySelector<HTMLElement>(".calendar-pane button"))?.focus());
    }
  }, []);

  // Every calendar is shown when first seen (a new one too); hiding one is remembered.
  if (calendars && calendars.some((c) => !known.has(c.localId))) {
    const fresh = calendars.filter((c) => !known.has(c.localId)).map((c) => c.localId);
    setKnown(new Set([...known, ...fresh]));
    setShown(new Set([...shown, ...fresh]));
  }
  const shownIds = useMemo(() => (calendars ?? []).filter((c) => shown.has(c.localId)).map((c) => c.localId), [calendars, shown]);
  const { items, busy, error: windowError } = useWindow(range, shownIds);

  const colors = useMemo(() => assignColors((calendars ?? []).map((c) => c.localId)), [calendars]);
  const colorOf = useCallback((id: string) => colors.get(id) ?? "#0f766e", [colors]);
  const zones = useMemo(() => Array.from(new Set([localZone(), ...(calendars ?? []).map((c) => c.timezone)])), [calendars]);

  const calendarForNew = (calendars ?? []).find((c) => shown.has(c.localId)) ?? calendars?.[0];
  const openNew = useCallback(
    (startsAt: string, endsAt: string, allDay: boolean) => {
      if (!calendarForNew) return;
      setDrawer({ kind: "entry", key: Date.now(), target: { mode: "new", calendarId: calendarForNew.localId, startsAt, endsAt, allDay } });
    },
    [calendarForNew, setDrawer],
  );
  const newEntry = useCallback(() => {
    const start = DateTime.now().setZone(zone).startOf("hour").plus({ hours: 1 });
    openNew(utc(start), utc(start.plus({ hours: 1 })), false);
  }, [openNew, zone]);
  useShortcuts({ newEntry });

  useEffect(() => {
    if (!moveError) return;
    const t = setTimeout(() => setMoveError(null), 15_000);
    return () => clearTimeout(t);
  }, [moveError]);

  async function move(m: Move, revert: () => void, scope?: Scope) {
    setMoveError(null);
    try {
      await applyMove(call, m, scope);
    } catch (e) {
      revert();
      setMoveError(toCommandError(e));
    }
  }

  function select(start: string, end: string, allDay: boolean) {
    const calendarZone = calendarForNew?.timezone ?? zone;
    openNew(instantOf(start, allDay, calendarZone), instantOf(end, allDay, calendarZone), allDay);
  }

  function open(item: WindowItem) {
    if (item.seriesId) setAsking({ item, purpose: "edit" });
    else setDrawer({ kind: "entry", key: Date.now(), target: { mode: "entry", entryId: item.entryId, series: false } });
  }
  // An entry the overview linked to opens as if clicked here, on its week.
  const requested = useRequestedEntry(open);

  function chose(scope: Scope) {
    if (!asking) return;
    setAsking(null);
    if (asking.purpose === "move") return void move(asking.move, asking.revert, scope);
    setDrawer({
      kind: "entry",
      key: Date.now(),
      target: scope === "occurrence" ? { mode: "occurrence", item: asking.item } : { mode: "entry", entryId: asking.item.entryId, series: true },
    });
  }

  const close = () => setDrawer({ kind: "none" });
  const count = calendars?.length ?? 0;
  const never = status?.state === "never_synced";

  return (
    <main className="content calendars-screen" aria-labelledby="calendars-title">
      <header className="screen-header">
        <div>
          <h1 id="calendars-title">Calendars</h1>
          <p className="muted small" role="status" data-testid="calendars-count">
            {calendars === null ? "Loading…" : `${count} ${count === 1 ? "calendar" : "calendars"}, ${shownIds.length} shown`}
          </p>
          <SyncResult />
        </div>
        <div className="screen-actions">
          <SyncNowButton />
          <button type="button" className="secondary" onClick={() => setTransfer("import")} disabled={!calendars}>
            Import…
          </button>
          <button type="button" className="secondary" onClick={() => setTransfer("export")} disabled={!calendars}>
            Export…
          </button>
          <button type="button" className="secondary" onClick={() => setDrawer({ kind: "calendar" })}>
            New calendar
          </button>
          <button
            type="button"
            onClick={newEntry}
            disabled={!calendarForNew}
            title={`New entry (${labels("newEntry")}); or select a time range in the calendar`}
            aria-keyshortcuts={ariaKeys("newEntry")}
          >
            New entry
          </button>
        </div>
      </header>
      {(listError || windowError) && (
        <p className="form-error" role="alert">
          {(listError ?? windowError)?.message}
        </p>
      )}
      {requested.problem && (
        <p className="form-error" role="alert" data-testid="requested-entry-problem">
          {requested.problem}
        </p>
      )}
      {moveError && (
        <p className="form-error move-error" role="alert" data-testid="move-error">
          {moveError.message}{" "}
          <button type="button" className="link small" onClick={() => setMoveError(null)}>
            Dismiss
          </button>
        </p>
      )}
      <div className="calendars-split">
        <aside className="calendars-side" aria-label="Calendars to show">
          {calendars && count === 0 && (
            <p className="muted empty">
              {never
                ? "No calendars yet: this tenant was never synced on this computer. Sync now fetches its calendars; New calendar makes one here."
                : "No calendars yet. Create one with New calendar."}
            </p>
          )}
          {calendars && (
            <CalendarList
              calendars={calendars}
              shown={shown}
              colorOf={colorOf}
              onShow={(id, on) => {
                const next = new Set(shown);
                if (on) next.add(id);
                else next.delete(id);
                setShown(next);
              }}
              onShowOnly={(id) => setShown(new Set([id]))}
              onEdit={(calendar) => setDrawer({ kind: "calendar", calendar })}
              onDelete={setDeleting}
            />
          )}
          <label className="zone-select">
            Show times in
            <select value={zone} onChange={(e) => setZone(e.target.value)} aria-label="Show times in">
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z === localZone() ? `${z} (this computer)` : z}
                </option>
              ))}
            </select>
          </label>
          {(mode === "week" || mode === "day") && <FreeBusyPanel slots={busy} zone={zone} />}
        </aside>
        <section className="calendar-pane" aria-label="Calendar">
          <CalendarView
            key={zone}
            items={items}
            busy={busy}
            colorOf={colorOf}
            timeZone={zone}
            mode={mode}
            initialDate={requested.request?.at}
            onMode={setMode}
            onRange={setRange}
            onSelect={select}
            onOpen={open}
            onMove={(item, start, end, allDay, revert) => {
              const m: Move = { item, start, end, allDay };
              if (item.seriesId) setAsking({ item, purpose: "move", move: m, revert });
              else void move(m, revert);
            }}
          />
        </section>
        {drawer.kind !== "none" && calendars && (
          <section className="card drawer" role="dialog" aria-modal="false" aria-labelledby={drawer.kind === "entry" ? "entry-editor-title" : "calendar-editor-title"}>
            {drawer.kind === "entry" ? (
              <EntryEditor
                key={drawer.key}
                target={drawer.target}
                calendars={calendars}
                onSaved={close}
                onClose={close}
              />
            ) : (
              <CalendarEditor
                key={drawer.calendar?.localId ?? "new"}
                calendar={drawer.calendar}
                onSaved={(id) => {
                  close();
                  setShown((s) => new Set([...s, id]));
                }}
                onClose={close}
              />
            )}
          </section>
        )}
      </div>
      {asking && (
        <ScopeDialog
          item={asking.item}
          purpose={asking.purpose}
          onChoose={chose}
          onCancel={() => {
            if (asking.purpose === "move") asking.revert();
            setAsking(null);
          }}
        />
      )}
      {transfer === "import" && calendars && (
        <ImportDialog
          what="calendars"
          calendars={calendars}
          calendarId={calendarForNew?.localId}
          onClose={() => setTransfer(null)}
        />
      )}
      {transfer === "export" && calendars && <ExportDialog what="calendars" calendars={calendars} onClose={() => setTransfer(null)} />}
      {deleting && (
        <DeleteCalendarDialog
          id={deleting.localId}
          name={deleting.name}
          onClose={() => setDeleting(null)}
          onDeleted={() => setDeleting(null)}
        />
      )}
    </main>
  );
}
