// The sync center's vocabulary: states, ops, conflicts and runs in words for people.

import type {
  ConflictKind,
  RecordType,
  OpState,
  OutboxOp,
  OutboxSummary,
  SyncProgress,
  SyncRun,
  SyncState,
} from "../generated/bindings";

export const STATE_WORDS: Record<SyncState, string> = {
  syncing: "Syncing…",
  never_synced: "Not synced yet",
  up_to_date: "Up to date",
  pending: "Edits waiting to be sent",
  offline: "Offline: edits wait until the server can be reached",
  needs_attention: "Needs your attention",
};

export const ENTITY_WORDS: Record<RecordType, string> = {
  calendar: "calendar",
  entry: "calendar entry",
  recurrence_master: "series",
  recurrence_instance: "occurrence",
  reminder: "reminder",
  contact: "contact",
  contact_link: "contact link",
  group: "group",
  group_member: "group membership",
  invitation: "invitation",
  approval: "approval request",
  user: "user",
  space: "space",
  resource: "resource",
  space_member: "space membership",
  resource_member: "resource membership",
  move_request: "move request",
  tenant: "tenant",
  rate_limit: "rate limit",
  tenant_settings: "tenant settings",
  tenant_domain: "custom domain",
  manager_project: "Manager project",
  manager_tenant: "Manager tenant",
  manager_application: "Manager application",
  manager_endpoint: "Manager endpoint",
  manager_trigger: "Manager trigger",
  manager_backend_settings: "Manager backend settings",
  manager_frontend_settings: "Manager frontend settings",
};

export const OP_STATE_WORDS: Record<OpState, string> = {
  pending: "waiting",
  in_flight: "being sent",
  failed: "failed",
  conflict: "in conflict",
  done: "done",
};

export const CONFLICT_WORDS: Record<ConflictKind, string> = {
  edit_edit: "Changed here and on the server",
  edit_vs_remote_delete: "Changed here, deleted on the server",
  delete_vs_remote_edit: "Deleted here, changed on the server",
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Create contact Ana Lima", "Delete calendar entry Standup", "Send reminder (snooze)". */
export function opWords(op: Pick<OutboxOp, "kind" | "entity" | "label" | "action">): string {
  const verb = { create: "create", update: "edit", delete: "delete", action: op.action ?? "run an action on" }[op.kind];
  const name = op.label?.trim() || "(no name)";
  return `${capitalize(verb)} ${ENTITY_WORDS[op.entity]} ${name}`;
}

/** Local edits that are not on the server yet, conflicts included: the sidebar badge's number. */
export function unsyncedCount(outbox: OutboxSummary): number {
  return outbox.pending + outbox.inFlight + outbox.failed + outbox.conflict;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A run the user stopped: recorded as failed with the code "cancelled", though nothing went wrong. */
export function wasStopped(run: SyncRun): boolean {
  return run.outcome === "failed" && run.report.details?.code === "cancelled";
}

const RECEIVING: Record<Exclude<SyncProgress["phase"], "sending" | "changes">, string> = {
  contacts: "contacts",
  calendars: "calendars",
  directory: "the directory",
};

/** "Sending 3 of 10 edits", "Receiving contacts 2,000 of 40,000", "Receiving calendars…". */
export function progressWords(progress: SyncProgress): string {
  const { phase, done, total } = progress;
  const n = (v: number) => v.toLocaleString();
  if (phase === "changes") return "Asking the server what changed…";
  if (phase === "sending") {
    return total === null ? "Sending edits…" : `Sending ${n(done)} of ${n(total)} ${total === 1 ? "edit" : "edits"}`;
  }
  const what = RECEIVING[phase];
  if (total !== null) return `Receiving ${what} ${n(done)} of ${n(total)}`;
  return done > 0 ? `Receiving ${what}… ${n(done)} so far` : `Receiving ${what}…`;
}

/** How far a phase has come, 0 to 1, when its total is known. */
export function progressFraction(progress: SyncProgress): number | null {
  if (progress.total === null || progress.total <= 0) return null;
  return Math.min(1, progress.done / progress.total);
}

/** "Sync done. Sent 2 changes, fetched 40 records, 1 conflict." */
export function runWords(run: SyncRun): string {
  if (run.outcome === "running") return "Syncing…";
  const r = run.report;
  // `pulled` counts the records read from the server, changed or not.
  const parts = [`sent ${plural(r.pushed, "change")}`, `fetched ${plural(r.pulled, "record")}`];
  if (r.conflicts) parts.push(plural(r.conflicts, "conflict"));
  if (r.failed) parts.push(`${plural(r.failed, "change")} failed`);
  const summary = capitalize(parts.join(", "));
  if (wasStopped(run)) return `Sync stopped. ${summary}; the edits not sent yet wait for the next sync.`;
  if (run.outcome === "failed") {
    const reason = r.error ? `Sync failed: ${r.error}` : "Sync failed";
    const stop = /[.?!]$/.test(reason) ? reason : `${reason}.`;
    const nothing = r.pushed + r.pulled + r.conflicts + r.failed === 0;
    return nothing ? stop : `${stop} ${summary}.`;
  }
  if (run.outcome === "partial") return `Sync partly done. ${summary}.`;
  return `Sync done. ${summary}.`;
}

export const OUTCOME_WORDS: Record<SyncRun["outcome"], string> = {
  running: "running",
  ok: "done",
  partial: "partly done",
  failed: "failed",
};

/** A run's result in a word for the history: a stopped run is "stopped", not "failed". */
export function outcomeWords(run: SyncRun): string {
  return wasStopped(run) ? "stopped" : OUTCOME_WORDS[run.outcome];
}

/** A stored timestamp in the reader's locale, or "never". */
export function when(iso: string | null | undefined): string {
  if (!iso) return "never";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** A stored timestamp's day in the reader's locale ("Jan 15, 2027"), or "never". */
export function day(iso: string | null | undefined): string {
  if (!iso) return "never";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** Any field value as text: objects (an address) as their non-empty parts. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${k.replace(/_/g, " ")}: ${String(v)}`);
    return parts.length ? parts.join(", ") : "(empty)";
  }
  return String(value);
}

const FULL_REASONS: Record<string, string> = {
  first: "first sync",
  verify: "regular check",
  asked: "asked for",
  cursorExpired: "the server forgot where this computer was",
  feedUnavailable: "the server tells no changes to this account",
  noCursor: "changes could not be asked for last time",
  feedFailed: "asking for changes failed",
  tooManyChanges: "too much changed",
};

/**
 * How a run fetched: "Changes only (3)" when it asked the server what changed, "Everything
 * (first sync)" when it listed every record, with what a regular check found had been missed.
 */
export function pullWords(run: SyncRun): string {
  const pull = run.report.details?.pull as { mode?: string; changes?: number; reason?: string; missedByFeed?: number } | undefined;
  if (!pull || typeof pull !== "object") return "";
  if (pull.mode === "feed") return `Changes only (${(pull.changes ?? 0).toLocaleString()})`;
  if (pull.mode !== "full") return "";
  const why = FULL_REASONS[pull.reason ?? ""] ?? "listed";
  const missed = typeof pull.missedByFeed === "number" ? `, ${plural(pull.missedByFeed, "record")} missed` : "";
  return `Everything (${why}${missed})`;
}
