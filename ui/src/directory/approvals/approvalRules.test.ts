import { describe, expect, it } from "vitest";
import type { Approval, OutboxOp, RecordView } from "../../generated/bindings";
import { checkDialogInput } from "../ConfirmDialog";
import { filterApprovals, REASON_INPUT, COMMENT_INPUT, waitingDecision, whyUndecidable } from "./approvalRules";

function request(localId: string, fields: Approval): RecordView<Approval> {
  return { entity: "approval", localId, serverId: `s-${localId}`, fields, baseUpdatedAt: null, hasPendingOps: false };
}

function decision(localId: string, body: { action: "approve"; payload: { comment?: string } } | { action: "reject"; payload: { rejection_reason: string } }, state: OutboxOp["state"] = "pending", nextAttemptAt: string | null = null): OutboxOp {
  return {
    entity: "approval",
    seq: 1,
    opId: `op-${localId}`,
    localId,
    serverId: `s-${localId}`,
    label: null,
    base: null,
    baseUpdatedAt: null,
    state,
    source: "user",
    attempts: 0,
    lastError: state === "failed" ? "The request is approved; only a pending one can change" : null,
    nextAttemptAt,
    createdAt: "2026-12-07T10:00:00Z",
    updatedAt: "2026-12-07T10:00:00Z",
    kind: "action",
    ...body,
  };
}

describe("approval decisions", () => {
  const drone = request("a1", { entity_name: "Survey drone", entity_type: "resource", status: "pending" });
  it("finds the decision waiting, and says why a request cannot be decided again", () => {
    const approve = decision("a1", { action: "approve", payload: { comment: "Fine" } });
    expect(waitingDecision([approve], "a1")).toMatchObject({ action: "approve", words: "Fine", refused: false });
    expect(whyUndecidable(drone, waitingDecision([approve], "a1"))).toBe("Your approval waits for the next sync.");
    const refused = decision("a1", { action: "reject", payload: { rejection_reason: "No budget" } }, "failed");
    expect(waitingDecision([refused], "a1")).toMatchObject({ action: "reject", words: "No budget", refused: true });
    expect(whyUndecidable(drone, waitingDecision([refused], "a1"))).toContain("sync center");
    // A failure the engine retries by itself (offline, 5xx) is still waiting.
    const retried = decision("a1", { action: "approve", payload: {} }, "failed", "2026-12-07T10:05:00Z");
    expect(waitingDecision([retried], "a1")?.refused).toBe(false);
    expect(whyUndecidable(request("a2", { status: "approved" }), null)).toBe("It is approved already.");
    expect(whyUndecidable(drone, null)).toBeNull();
  });

  it("filters by status and words", () => {
    const all = [drone, request("a2", { entity_name: "Van", status: "approved" }), request("a3", { entity_name: "Hall B", entity_type: "space", status: "pending" })];
    expect(filterApprovals(all, "pending", "").map((r) => r.localId)).toEqual(["a1", "a3"]);
    expect(filterApprovals(all, "all", "space").map((r) => r.localId)).toEqual(["a3"]);
    expect(filterApprovals(all, "approved", "van").map((r) => r.localId)).toEqual(["a2"]);
  });

  it("needs a reason of 1 to 500 characters to reject; a comment is optional", () => {
    expect(checkDialogInput(REASON_INPUT, "  ")).toBe("Reason is required.");
    expect(checkDialogInput(REASON_INPUT, "x".repeat(501))).toBe("Reason: at most 500 characters (this is 501).");
    expect(checkDialogInput(REASON_INPUT, "Over budget")).toBeNull();
    expect(checkDialogInput(COMMENT_INPUT, "")).toBeNull();
  });
});
