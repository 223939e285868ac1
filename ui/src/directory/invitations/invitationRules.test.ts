import { describe, expect, it } from "vitest";
import { CommandError } from "../../api/transport";
import type { Invitation, OutboxOp, RecordView } from "../../generated/bindings";
import {
  canResend,
  checkInvitation,
  EMPTY_INVITATION,
  filterInvitations,
  invitationFieldError,
  invitationRows,
  inviteBody,
  waitingResend,
} from "./invitationRules";

const form = (over: Partial<typeof EMPTY_INVITATION>) => ({ ...EMPTY_INVITATION, ...over });

function invitation(localId: string, fields: Invitation, serverId: string | null = `s-${localId}`): RecordView<Invitation> {
  return { entity: "invitation", localId, serverId, fields, baseUpdatedAt: null, hasPendingOps: false };
}

function op(localId: string, kind: "delete" | "action", label: string | null = null): OutboxOp {
  const common = {
    entity: "invitation" as const,
    seq: 1,
    opId: `op-${localId}`,
    localId,
    serverId: `s-${localId}`,
    label,
    base: null,
    baseUpdatedAt: null,
    state: "pending" as const,
    source: "user" as const,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    createdAt: "2026-12-07T10:00:00Z",
    updatedAt: "2026-12-07T10:00:00Z",
  };
  return kind === "delete"
    ? { ...common, kind: "delete", action: null, payload: {} }
    : { ...common, kind: "action", action: "resend", payload: {} };
}

describe("checkInvitation", () => {
  it("names the field the channel needs, and checks the model's rules before anything is sent", () => {
    expect(checkInvitation(form({}))).toEqual({ recipient_email: "An email invitation needs the recipient's email address." });
    expect(checkInvitation(form({ channel: "sms", recipient_email: "ana@example.com" }))).toEqual({
      recipient_phone: "An invitation by SMS needs the recipient's phone number.",
    });
    expect(checkInvitation(form({ recipient_email: "ana@example.com" }))).toEqual({});
    expect(checkInvitation(form({ recipient_email: "anü@example.com" })).recipient_email).toContain("email address such as");
    expect(checkInvitation(form({ channel: "whatsapp", recipient_phone: "0151 123" })).recipient_phone).toContain("+ and 8 to 15 digits");
    expect(checkInvitation(form({ channel: "whatsapp", recipient_phone: "+4915112345678" }))).toEqual({});
    const long = "é".repeat(501);
    expect(checkInvitation(form({ recipient_email: "a@b.example", personal_message: long })).personal_message).toBe(
      "At most 500 characters (this is 501).",
    );
    expect(checkInvitation(form({ recipient_email: "a@b.example", personal_message: "é".repeat(500) }))).toEqual({});
    for (const hours of ["0", "169", "1.5", "x"]) {
      expect(checkInvitation(form({ recipient_email: "a@b.example", expires_in_hours: hours })).expires_in_hours).toBe(
        "A whole number of hours from 1 to 168 (a week).",
      );
    }
    expect(checkInvitation(form({ recipient_email: "a@b.example", language: "e" })).language).toContain("2 to 5 letters");
  });
});

describe("inviteBody", () => {
  it("sends the filled fields, trimmed, hours as a number", () => {
    expect(inviteBody(form({ recipient_email: " ana@example.com ", personal_message: "  Welcome ", expires_in_hours: "48" }))).toEqual({
      recipient_email: "ana@example.com",
      role: "member",
      channel: "email",
      language: "en",
      personal_message: "Welcome",
      expires_in_hours: 48,
    });
    expect(inviteBody(form({ recipient_phone: "+4915112345678", channel: "sms", language: "", expires_in_hours: "" }))).toEqual({
      recipient_phone: "+4915112345678",
      role: "member",
      channel: "sms",
    });
  });
});

describe("invitationFieldError", () => {
  it("places the backend's objection at the field it names", () => {
    const named = new CommandError({
      code: "invalid",
      message: "recipient_email: must be an email address such as anna@example.com",
      details: { field: "recipient_email" },
    });
    expect(invitationFieldError(named)).toEqual({ field: "recipient_email", message: "must be an email address such as anna@example.com" });
    expect(invitationFieldError(new CommandError({ code: "read_only", message: "no", details: null }))).toBeNull();
  });
});

describe("invitation rows", () => {
  const records = [
    invitation("i1", { recipient_email: "ana@acme.example", status: "sent", role: "member" }),
    invitation("i2", { recipient_email: "ben@acme.example", status: "accepted" }),
    invitation("i3", { recipient_phone: "+4915112345678", channel: "sms" }, null),
  ];
  it("keeps a revoke the server has not heard of as a row, and filters by status and words", () => {
    const rows = invitationRows(records, [op("i9", "delete", "old@acme.example"), op("i1", "action")]);
    expect(rows.map((r) => r.key)).toEqual(["i1", "i2", "i3", "i9"]);
    expect(filterInvitations(rows, "open", "").map((r) => r.key)).toEqual(["i1", "i3"]);
    expect(filterInvitations(rows, "revoked", "").map((r) => r.key)).toEqual(["i9"]);
    expect(filterInvitations(rows, "all", "ben").map((r) => r.key)).toEqual(["i2"]);
    expect(filterInvitations(rows, "all", "4915").map((r) => r.key)).toEqual(["i3"]);
    expect(waitingResend([op("i1", "action")], "i1")?.opId).toBe("op-i1");
    expect(waitingResend([op("i1", "action")], "i2")).toBeNull();
    // As the server allows: an open or expired invitation is sent again, nothing else.
    expect((["pending", "sent", "opened", "expired", "accepted", "revoked", "failed"] as const).map((s) => canResend(s))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
