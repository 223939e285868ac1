import { vi } from "vitest";
import type { BackendEvents, EventHandlers } from "../api/events";
import { CommandError, type Call } from "../api/transport";
import type {
  AppEvent,
  CommandName,
  Commands,
  ContactSummary,
  ImportItem,
  ImportOutcome,
  Dataset,
  SyncStatus,
  WindowItem,
} from "../generated/bindings";

export type Handlers = {
  [K in CommandName]?: (args: Commands[K]["args"]) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
};

/**
 * What each writing command changes, as the backend's replica hooks report it after the commit
 * (crates/app/src/events.rs): the fake backend sends the same `changed` event when one succeeds.
 */
export const WRITES: Partial<Record<CommandName, Dataset[]>> = {
  create_contact: ["contacts", "outbox"],
  update_contact: ["contacts", "outbox"],
  delete_contact: ["contacts", "contactLinks", "outbox"],
  link_contact: ["contactLinks", "outbox"],
  unlink_contact: ["contactLinks", "outbox"],
  set_primary_link: ["contactLinks", "outbox"],
  create_group: ["groups", "outbox"],
  update_group: ["groups", "outbox"],
  delete_group: ["groups", "outbox"],
  add_group_member: ["groups", "outbox"],
  remove_group_member: ["groups", "outbox"],
  invite: ["invitations", "outbox"],
  resend_invitation: ["invitations", "outbox"],
  revoke_invitation: ["invitations", "outbox"],
  approve_request: ["approvals", "outbox"],
  reject_request: ["approvals", "outbox"],
  create_calendar: ["calendars", "outbox"],
  update_calendar: ["calendars", "outbox"],
  delete_calendar: ["calendars", "entries", "reminders", "outbox"],
  create_entry: ["entries", "outbox"],
  update_entry: ["entries", "outbox"],
  delete_entry: ["entries", "reminders", "outbox"],
  set_entry_status: ["entries", "outbox"],
  respond_to_entry: ["entries", "outbox"],
  make_recurring: ["entries", "outbox"],
  update_series: ["entries", "outbox"],
  override_occurrence: ["entries", "outbox"],
  cancel_occurrence: ["entries", "outbox"],
  add_reminder: ["reminders", "outbox"],
  remove_reminder: ["reminders", "outbox"],
  import_apply: ["contacts", "calendars", "entries", "outbox"],
  retry_op: ["outbox"],
  discard_op: ["contacts", "contactLinks", "calendars", "entries", "reminders", "groups", "invitations", "approvals", "outbox", "conflicts"],
  resolve_conflict: ["contacts", "contactLinks", "calendars", "entries", "reminders", "groups", "invitations", "approvals", "outbox", "conflicts"],
  sync_now: [
    "contacts",
    "contactLinks",
    "calendars",
    "entries",
    "reminders",
    "users",
    "groups",
    "invitations",
    "approvals",
    "spaces",
    "resources",
    "outbox",
    "conflicts",
    "syncRuns",
  ],
  set_sync_settings: ["settings"],
  set_watch_settings: ["settings"],
};

/**
 * A backend answering from `handlers` (a command without one fails, as an unknown command
 * would), with its events: a writing command that succeeds sends its `changed` event, as the
 * real one does, and `push` sends any event a test wants (a change made elsewhere, a status).
 * The `call` carries its events, so `<CallProvider call={call}>` is wired to them.
 */
export function fakeCall(handlers: Handlers) {
  const listeners = new Set<EventHandlers>();
  const push = (event: AppEvent) => {
    for (const l of listeners) l.onEvent(event);
  };
  // Like the backend's status task: after a command, the status goes out when it moved.
  let lastStatus = "";
  const pushStatus = async () => {
    const current = handlers.sync_status;
    if (!current) return;
    try {
      const next = await current({});
      const text = JSON.stringify(next);
      if (text === lastStatus) return;
      lastStatus = text;
      push({ kind: "syncStatus", status: next });
    } catch {
      // No status to tell (as when signed out).
    }
  };
  const fn = vi.fn(async (name: CommandName, args: unknown) => {
    const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
    if (!handler) throw new CommandError({ code: "unknown_command", message: `no fake for ${name}`, details: null });
    const answer = handler(args);
    if (name === "sync_status") return answer;
    // A run under way says so (and how far it is) while it goes on...
    void Promise.resolve().then(pushStatus);
    // The data sets the command writes; a fake names no record ids (`changes: []`), so a screen
    // of one record reads again on any change of its data set.
    const records = WRITES[name];
    try {
      const done = await answer;
      if (records) push({ kind: "changed", records, changes: [] });
      return done;
    } catch (e) {
      // A run that failed or was stopped is still recorded (and may have sent or fetched some).
      if (records && name === "sync_now") push({ kind: "changed", records, changes: [] });
      throw e;
    } finally {
      // ...and where things stand once it ended.
      void pushStatus();
    }
  });
  const events: BackendEvents = (handlers) => {
    listeners.add(handlers);
    handlers.onOpen();
    return () => listeners.delete(handlers);
  };
  const call = Object.assign(fn as unknown as Call, { events });
  return {
    call,
    events,
    push,
    /** How many listen now (a screen that stopped listening leaks nothing). */
    listening: () => listeners.size,
    calls: (name: CommandName) => fn.mock.calls.filter((c) => c[0] === name).map((c) => c[1]),
  };
}

export function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  // Built apart and cast: fields the status gains (progress, while a run goes on) are null here
  // whether or not the bindings at hand have them yet.
  const base = {
    tenantId: "t1",
    state: "up_to_date",
    outbox: { pending: 0, inFlight: 0, failed: 0, conflict: 0 },
    lastRun: null,
    lastSuccessAt: null,
    online: null,
    progress: null,
  };
  return { ...base, ...overrides } as SyncStatus;
}

export function contact(n: number, overrides: Partial<ContactSummary> = {}): ContactSummary {
  return {
    localId: `local-${n}`,
    serverId: `server-${n}`,
    displayName: `Person ${n}`,
    email: `person${n}@example.com`,
    phone: null,
    changedAt: "2026-01-01T00:00:00Z",
    hasPendingOps: false,
    ...overrides,
  };
}

/** jsdom lays nothing out: give scrolling containers a size so virtualized lists render rows. */
export function giveElementsASize(height = 600, width = 800) {
  const h = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  const w = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth");
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => width });
  return () => {
    if (h) Object.defineProperty(HTMLElement.prototype, "clientHeight", h);
    if (w) Object.defineProperty(HTMLElement.prototype, "clientWidth", w);
  };
}

/** A one-off, confirmed, one-hour entry in calendar c1; override what the test is about. */
export function windowItem(overrides: Partial<WindowItem> = {}): WindowItem {
  return {
    entryId: "e",
    calendarId: "c1",
    seriesId: null,
    instanceDate: null,
    title: "Entry",
    kind: "event",
    description: null,
    locationName: null,
    status: "confirmed",
    startsAt: "2026-11-25T09:00:00Z",
    endsAt: "2026-11-25T10:00:00Z",
    timezone: "UTC",
    isAllDay: false,
    overridden: false,
    hasPendingOps: false,
    ...overrides,
  };
}

/**
 * One item of an import report. Cast like `status`: fields the report gains (counts of what
 * came along with an event) are absent here whether or not the bindings at hand have them yet.
 */
export function importItem(overrides: Partial<ImportItem> & Pick<ImportItem, "line" | "action">): ImportItem {
  const base = { label: `Item ${overrides.line}`, reason: null, problems: [], warnings: [] };
  return { ...base, ...overrides } as ImportItem;
}

/** An import report over `items`, its counts taken from them. */
export function importOutcome(items: ImportItem[], overrides: Partial<ImportOutcome> = {}): ImportOutcome {
  const count = (a: ImportItem["action"]) => items.filter((i) => i.action === a).length;
  return {
    format: "vcf",
    applied: false,
    created: count("create"),
    updated: count("update"),
    skipped: count("skip"),
    failed: count("error"),
    items,
    omittedItems: 0,
    fileProblems: [],
    fileWarnings: [],
    ...overrides,
  };
}
