import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import type { Conflict, OutboxOp, SyncRun } from "../generated/bindings";
import { fakeCall, status } from "../testing/fakeCall";
import { SyncCenter } from "./SyncCenter";
import { SyncProvider } from "./SyncContext";

/** A contact's op waiting in the outbox: a create, or (with `kind`) an update. */
function op(
  overrides: Partial<Pick<OutboxOp, "opId" | "label" | "state" | "attempts" | "lastError">> & { kind?: "create" | "update" },
): OutboxOp {
  const { kind = "create", ...rest } = overrides;
  const common = {
    entity: "contact" as const,
    seq: 1,
    opId: "op-1",
    localId: "l1",
    serverId: null,
    label: "Ana Lima",
    action: null,
    base: null,
    baseUpdatedAt: null,
    state: "pending" as const,
    source: "user" as const,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    createdAt: "2026-01-01T10:00:00Z",
    updatedAt: "2026-01-01T10:00:00Z",
    ...rest,
  };
  return kind === "create" ? { ...common, kind, payload: { firstName: "Ana", lastName: "Lima" } } : { ...common, kind, payload: { phone: "+351 2" } };
}

const conflict: Conflict = {
  conflictId: "c1",
  entity: "contact",
  localId: "l2",
  opId: "op-3",
  kind: "edit_edit",
  base: { firstName: "Lars", lastName: "Dubois", phone: "+49 1", email: "lars@old.example" },
  local: { firstName: "Lars", lastName: "Dubois", phone: "+49 2", email: "lars@mine.example" },
  remote: { firstName: "Lars", lastName: "Dubois", phone: "+49 3", email: "lars@theirs.example" },
  remoteUpdatedAt: "2026-01-02T00:00:00Z",
  fields: ["phone", "email"],
  createdAt: "2026-01-02T00:00:00Z",
};

const run: SyncRun = {
  runId: "r1",
  trigger: "manual",
  startedAt: "2026-01-02T09:00:00Z",
  finishedAt: "2026-01-02T09:00:02Z",
  outcome: "partial",
  report: { pulled: 40, pushed: 1, skipped: 0, failed: 1, conflicts: 1, error: null, details: null },
};

function renderCenter(call: Call) {
  return render(
    <CallProvider call={call}>
      <SyncProvider>
        <SyncCenter />
      </SyncProvider>
    </CallProvider>,
  );
}

function backend(overrides: Parameters<typeof fakeCall>[0] = {}) {
  return fakeCall({
    sync_status: () =>
      status({
        state: "needs_attention",
        outbox: { pending: 1, inFlight: 0, failed: 1, conflict: 1 },
        lastRun: run,
        lastSuccessAt: run.finishedAt,
      }),
    list_outbox: () => [
      op({}),
      op({ opId: "op-2", kind: "update", label: "Mei Tanaka", state: "failed", attempts: 3, lastError: "phone: is too long" }),
      op({ opId: "op-3", kind: "update", label: "Lars Dubois", state: "conflict" }),
    ],
    list_conflicts: () => [conflict],
    sync_history: () => [run],
    retry_op: () => ({ ok: true }),
    discard_op: () => ({ ok: true }),
    resolve_conflict: () => ({ ok: true }),
    ...overrides,
  });
}

describe("SyncCenter", () => {
  it("says where things stand, in words", async () => {
    renderCenter(backend().call);
    await waitFor(() => expect(screen.getByTestId("sync-state").textContent).toBe("Needs your attention"));
    expect(screen.getByTestId("last-success").textContent).not.toContain("never");
    expect(screen.getByTestId("sync-result").textContent).toContain(
      "Sync partly done. Sent 1 change, fetched 40 records, 1 conflict, 1 change failed.",
    );
    const outbox = await screen.findByRole("list", { name: "Outbox" });
    const items = within(outbox).getAllByRole("listitem");
    // Conflicts are listed with the conflicts, not twice.
    expect(items.map((i) => i.getAttribute("aria-label"))).toEqual([
      "Create contact Ana Lima, waiting",
      "Edit contact Mei Tanaka, failed",
    ]);
    expect(within(items[1] as HTMLElement).getByTestId("op-error").textContent).toBe("The server said: phone: is too long");
    const history = await screen.findByRole("table", { name: "Sync history" });
    expect(within(history).getAllByRole("row")).toHaveLength(2);
  });

  it("retries a failed op, and discards one only after asking", async () => {
    const { call, calls } = backend();
    renderCenter(call);
    const retry = await screen.findByRole("button", { name: "Retry: Edit contact Mei Tanaka" });
    await act(async () => fireEvent.click(retry));
    expect(calls("retry_op")).toEqual([{ opId: "op-2" }]);

    fireEvent.click(screen.getByRole("button", { name: "Discard: Create contact Ana Lima" }));
    expect(calls("discard_op")).toEqual([]);
    const item = screen.getByRole("listitem", { name: "Create contact Ana Lima, waiting" });
    await act(async () => fireEvent.click(within(item).getByRole("button", { name: "Discard" })));
    expect(calls("discard_op")).toEqual([{ opId: "op-1" }]);
  });

  it("shows a conflict side by side and resolves it per field", async () => {
    const { call, calls } = backend();
    renderCenter(call);
    const card = await screen.findByRole("article", { name: "Contact Lars Dubois" });
    const phone = within(card).getByRole("row", { name: /^Phone/ });
    expect(within(phone).getAllByRole("cell").map((c) => c.textContent).slice(0, 3)).toEqual(["+49 1", "+49 2", "+49 3"]);
    fireEvent.click(within(within(card).getByRole("group", { name: "Keep which Email" })).getByLabelText("Theirs"));
    await act(async () => fireEvent.click(within(card).getByRole("button", { name: "Use my choices" })));
    expect(calls("resolve_conflict")).toEqual([
      { conflictId: "c1", resolution: { kind: "per_field", fields: { phone: "mine", email: "theirs" } } },
    ]);
  });

  it("keeps mine or takes theirs for the whole record", async () => {
    const { call, calls } = backend();
    renderCenter(call);
    const card = await screen.findByRole("article", { name: "Contact Lars Dubois" });
    await act(async () => fireEvent.click(within(card).getByRole("button", { name: "Keep mine" })));
    expect(calls("resolve_conflict")).toEqual([{ conflictId: "c1", resolution: { kind: "keep_mine" } }]);
  });

  it("says when the server deleted what was edited here", async () => {
    const gone: Conflict = { ...conflict, kind: "edit_vs_remote_delete", remote: null, fields: [] };
    renderCenter(backend({ list_conflicts: () => [gone] }).call);
    const card = await screen.findByRole("article", { name: "Contact Lars Dubois" });
    expect(card.textContent).toContain("Changed here, deleted on the server");
    expect(card.textContent).toContain("The server no longer has this record.");
    expect(within(card).queryByRole("button", { name: "Use my choices" })).toBeNull();
  });

  it("shows an action's failure where it happened", async () => {
    const { call } = backend({
      retry_op: () => {
        throw { code: "invalid_state", message: "this change is not failed any more", details: null };
      },
    });
    renderCenter(call);
    const retry = await screen.findByRole("button", { name: "Retry: Edit contact Mei Tanaka" });
    await act(async () => fireEvent.click(retry));
    const item = screen.getByRole("listitem", { name: "Edit contact Mei Tanaka, failed" });
    expect(within(item).getByRole("alert").textContent).toBe("this change is not failed any more");
  });
});
