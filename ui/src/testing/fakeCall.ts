import { vi } from "vitest";
import { CommandError, type Call } from "../api/transport";
import type { CommandName, Commands, ContactSummary, ImportItem, ImportOutcome, SyncStatus, WindowItem } from "../generated/bindings";

export type Handlers = {
  [K in CommandName]?: (args: Commands[K]["args"]) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
};

/** A transport answering from `handlers`; a command without one fails, as an unknown command would. */
export function fakeCall(handlers: Handlers) {
  const fn = vi.fn(async (name: CommandName, args: unknown) => {
    const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
    if (!handler) throw new CommandError({ code: "unknown_command", message: `no fake for ${name}`, details: null });
    return handler(args);
  });
  return { call: fn as unknown as Call, calls: (name: CommandName) => fn.mock.calls.filter((c) => c[0] === name).map((c) => c[1]) };
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
