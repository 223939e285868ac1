import { describe, expect, it } from "vitest";
import type { SyncRun } from "../generated/bindings";
import { opWords, outcomeWords, progressFraction, progressWords, pullWords, runWords, unsyncedCount, valueWords } from "./words";

function run(outcome: SyncRun["outcome"], report: Partial<SyncRun["report"]> = {}): SyncRun {
  return {
    runId: "r",
    trigger: "manual",
    startedAt: "2026-01-01T10:00:00Z",
    finishedAt: "2026-01-01T10:00:01Z",
    outcome,
    report: { pulled: 0, pushed: 0, skipped: 0, failed: 0, conflicts: 0, error: null, details: null, ...report },
  };
}

describe("sync words", () => {
  it("says what an op does, with the record's name", () => {
    expect(opWords({ kind: "create", entity: "contact", label: "Ana Lima", action: null })).toBe(
      "Create contact Ana Lima",
    );
    expect(opWords({ kind: "update", entity: "entry", label: "Standup", action: null })).toBe(
      "Edit calendar entry Standup",
    );
    expect(opWords({ kind: "delete", entity: "contact", label: null, action: null })).toBe(
      "Delete contact (no name)",
    );
  });

  it("counts every local edit not on the server, conflicts included", () => {
    expect(unsyncedCount({ pending: 2, inFlight: 1, failed: 1, conflict: 3 })).toBe(7);
  });

  it("summarizes runs", () => {
    expect(runWords(run("ok", { pushed: 1, pulled: 2 }))).toBe("Sync done. Sent 1 change, fetched 2 records.");
    expect(runWords(run("partial", { conflicts: 1, failed: 2 }))).toBe(
      "Sync partly done. Sent 0 changes, fetched 0 records, 1 conflict, 2 changes failed.",
    );
    expect(runWords(run("failed", { error: "cannot reach the server" }))).toBe("Sync failed: cannot reach the server.");
    expect(runWords(run("failed", { error: "is the server running?", pushed: 2 }))).toBe(
      "Sync failed: is the server running? Sent 2 changes, fetched 0 records.",
    );
  });

  it("writes addresses as their filled parts", () => {
    expect(valueWords({ street: "Main", city: "Lyon", region: null })).toBe("street: Main, city: Lyon");
    expect(valueWords(null)).toBe("(empty)");
  });

  it("says how far a run has come, with thousands grouped", () => {
    expect(progressWords({ phase: "sending", done: 3, total: 10 })).toBe("Sending 3 of 10 edits");
    expect(progressWords({ phase: "sending", done: 0, total: 1 })).toBe("Sending 0 of 1 edit");
    expect(progressWords({ phase: "sending", done: 0, total: null })).toBe("Sending edits…");
    expect(progressWords({ phase: "contacts", done: 2000, total: 40000 })).toBe("Receiving contacts 2,000 of 40,000");
    expect(progressWords({ phase: "calendars", done: 0, total: null })).toBe("Receiving calendars…");
    expect(progressWords({ phase: "directory", done: 1200, total: null })).toBe("Receiving the directory… 1,200 so far");
    expect(progressWords({ phase: "changes", done: 0, total: null })).toBe("Asking the server what changed…");
    expect(progressFraction({ phase: "contacts", done: 2000, total: 40000 })).toBe(0.05);
    expect(progressFraction({ phase: "calendars", done: 5, total: null })).toBeNull();
    expect(progressFraction({ phase: "sending", done: 0, total: 0 })).toBeNull();
  });

  it("says a run the user stopped was stopped, not failed", () => {
    const stopped = run("failed", { pushed: 2, error: "the sync was stopped", details: { code: "cancelled" } });
    expect(runWords(stopped)).toBe(
      "Sync stopped. Sent 2 changes, fetched 0 records; the edits not sent yet wait for the next sync.",
    );
    expect(outcomeWords(stopped)).toBe("stopped");
    const offline = run("failed", { error: "cannot reach the server", details: { code: "offline" } });
    expect(outcomeWords(offline)).toBe("failed");
    expect(runWords(offline)).toBe("Sync failed: cannot reach the server.");
  });
});

describe("how a run fetched", () => {
  it("says a run asked for changes, or listed everything and why", () => {
    expect(pullWords(run("ok", { details: { pull: { mode: "feed", changes: 1200 } } }))).toBe("Changes only (1,200)");
    expect(pullWords(run("ok", { details: { pull: { mode: "full", reason: "first" } } }))).toBe("Everything (first sync)");
    expect(pullWords(run("ok", { details: { pull: { mode: "full", reason: "verify", missedByFeed: 2 } } }))).toBe(
      "Everything (regular check, 2 records missed)",
    );
    expect(pullWords(run("ok", { details: { pull: { mode: "full", reason: "feedFailed" } } }))).toBe("Everything (asking for changes failed)");
    expect(pullWords(run("failed", { details: { code: "offline" } }))).toBe("");
  });
});
