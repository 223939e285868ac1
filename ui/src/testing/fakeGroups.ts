// A small groups backend for component tests: groups and memberships kept in memory, written
// by the same commands the real one has, with the outbox ops those writes leave (waiting), and
// the refusals the real one makes (a member's edit, a name the model does not allow).

import { CommandError } from "../api/transport";
import type {
  Account,
  Conflict,
  DirectoryItem,
  Group,
  GroupMember,
  OutboxOp,
  RecordView,
  SessionState,
  TenantView,
} from "../generated/bindings";
import { fakeCall, status, type Handlers } from "./fakeCall";

export const USERS: DirectoryItem[] = [
  { serverId: "u-ana", name: "Ana Lima", email: "ana@acme.example", status: "active", raw: {} },
  { serverId: "u-ben", name: "Ben Okafor", email: "ben@acme.example", status: "active", raw: {} },
  { serverId: "u-chloe", name: "Chloé Dubois", email: "chloe@acme.example", status: "active", raw: {} },
  { serverId: "u-dev", name: "Dev Patel", email: "dev@acme.example", status: "active", raw: {} },
];

export function groupRecord(localId: string, fields: Group, overrides: Partial<RecordView<Group>> = {}): RecordView<Group> {
  return { entity: "group", localId, serverId: `s-${localId}`, fields, baseUpdatedAt: "2026-12-01T00:00:00Z", hasPendingOps: false, ...overrides };
}

export function tenant(role: string | null, name = "Acme Field Services"): TenantView {
  return { id: "t1", name, slug: "acme", role, status: "active", isDefault: true, active: true };
}

export function sessionAs(role: string | null): SessionState {
  const account: Account = {
    id: "a1",
    serverUrl: "http://127.0.0.1:8787",
    email: "someone@acme.example",
    userId: "u-self",
    displayName: "Someone",
    activeTenantId: "t1",
    createdAt: "2026-01-01T00:00:00Z",
  };
  const active = tenant(role);
  return {
    accounts: [account],
    activeAccount: account,
    signedIn: true,
    tenants: [active],
    activeTenant: active,
    pendingSecondFactor: null,
    keyring: null,
  };
}

/** A waiting op of a group or membership, as list_outbox lists it. */
function op(seq: number, localId: string, body: { entity: "group"; payload: Group } | { entity: "group_member"; payload: GroupMember }): OutboxOp {
  const common = {
    seq,
    opId: `op-${seq}`,
    localId,
    serverId: null,
    label: null,
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
  return body.entity === "group"
    ? { ...common, entity: "group", kind: "create", action: null, payload: body.payload }
    : { ...common, entity: "group_member", kind: "create", action: null, payload: body.payload };
}

interface Options {
  groups?: RecordView<Group>[];
  /** Memberships by group local id: user server ids. */
  members?: Record<string, string[]>;
  role?: string | null;
  /** Ops already waiting (failed ones, say). */
  outbox?: OutboxOp[];
  conflicts?: Conflict[];
  /** Overrides of any handler. */
  extra?: Handlers;
}

export function fakeGroups(options: Options = {}) {
  const groups = new Map((options.groups ?? []).map((g) => [g.localId, g]));
  const members = new Map<string, RecordView<GroupMember>[]>();
  let next = 0;
  const outbox: OutboxOp[] = [...(options.outbox ?? [])];
  const role = options.role === undefined ? "owner" : options.role;
  for (const [groupId, userIds] of Object.entries(options.members ?? {})) {
    members.set(
      groupId,
      userIds.map((userId) => ({
        entity: "group_member",
        localId: `m-${groupId}-${userId}`,
        serverId: `sm-${groupId}-${userId}`,
        fields: { groupId, userId },
        baseUpdatedAt: "2026-12-01T00:00:00Z",
        hasPendingOps: false,
      })),
    );
  }
  const refuseReadOnly = (what: string) => {
    if (role === "member" || role === "guest") {
      throw new CommandError({
        code: "read_only",
        message: `You are a ${role} in Acme Field Services: only owners and admins can ${what} (ask an administrator)`,
        details: null,
      });
    }
  };
  const find = (id: string) => {
    const g = groups.get(id) ?? [...groups.values()].find((x) => x.serverId === id);
    if (!g) throw new CommandError({ code: "not_found", message: `no group with id ${id} in this tenant`, details: null });
    return g;
  };
  const invalid = (field: string, message: string) =>
    new CommandError({ code: "invalid", message: `${field}: ${message}`, details: { field } });
  const checkName = (name: string | undefined) => {
    if (name !== undefined && (name.length === 0 || [...name].length > 255)) throw invalid("name", "must be 1 to 255 characters");
  };

  const handlers: Handlers = {
    session_state: () => sessionAs(role),
    sync_status: () => status(),
    // A copy, as each answer of the real backend is: the cache sees a new list.
    list_outbox: () => [...outbox],
    list_conflicts: () => options.conflicts ?? [],
    list_directory: ({ kind }) => (kind === "users" ? USERS : []),
    list_groups: () => [...groups.values()],
    get_group: ({ id }) => find(id),
    create_group: ({ fields }) => {
      refuseReadOnly("create groups");
      checkName(fields.name);
      const localId = `new-${++next}`;
      const record: RecordView<Group> = { entity: "group", localId, serverId: null, fields, baseUpdatedAt: null, hasPendingOps: true };
      groups.set(localId, record);
      outbox.push(op(outbox.length + 1, localId, { entity: "group", payload: fields }));
      return record;
    },
    update_group: ({ id, fields }) => {
      refuseReadOnly("change groups");
      checkName(fields.name);
      const before = find(id);
      const record = { ...before, fields: { ...before.fields, ...fields }, hasPendingOps: true };
      groups.set(before.localId, record);
      return record;
    },
    delete_group: ({ id }) => {
      refuseReadOnly("delete groups");
      groups.delete(find(id).localId);
      return { ok: true };
    },
    list_group_members: ({ id }) => members.get(find(id).localId) ?? [],
    add_group_member: ({ groupId, userId }) => {
      refuseReadOnly("add group members");
      const group = find(groupId);
      const list = members.get(group.localId) ?? [];
      if (list.some((m) => m.fields.userId === userId)) throw invalid("userId", "is already a member of this group");
      const record: RecordView<GroupMember> = {
        entity: "group_member",
        localId: `m-new-${++next}`,
        serverId: null,
        fields: { groupId: group.serverId ?? group.localId, userId },
        baseUpdatedAt: null,
        hasPendingOps: true,
      };
      members.set(group.localId, [...list, record]);
      outbox.push(op(outbox.length + 1, record.localId, { entity: "group_member", payload: record.fields }));
      return record;
    },
    remove_group_member: ({ groupId, userId }) => {
      refuseReadOnly("remove group members");
      const group = find(groupId);
      members.set(
        group.localId,
        (members.get(group.localId) ?? []).filter((m) => m.fields.userId !== userId),
      );
      return { ok: true };
    },
    ...options.extra,
  };
  return { ...fakeCall(handlers), groups, members, outbox };
}
