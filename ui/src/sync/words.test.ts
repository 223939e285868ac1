import { describe, expect, it } from "vitest";
import type { SyncRun } from "../generated/bindings";
import { opWords, runWords, unsyncedCount, valueWords } from "./words";

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
});
