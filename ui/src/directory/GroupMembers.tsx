import { useMemo, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { DirectoryItem, GroupMember, RecordView } from "../generated/bindings";
import { MemberPicker } from "./MemberPicker";
import { SyncBadge } from "./SyncBadge";
import { markOf, type SyncMarks } from "./syncMarks";
import { useDirectoryList } from "./useDirectoryList";
import { READ_ONLY_NOTE_ID } from "./useGroupAdmin";

interface Props {
  /** The group's local id. */
  groupId: string;
  groupName: string;
  members: readonly RecordView<GroupMember>[] | undefined;
  membersError: CommandError | null;
  marks: SyncMarks;
  /** Why the user may not change members; null when they may. */
  readOnlyReason: string | null;
}

/** Who is in a group (named from the tenant's users), adding with a search, removing with undo. */
export function GroupMembers({ groupId, groupName, members, membersError, marks, readOnlyReason }: Props) {
  const call = useCall();
  const users = useDirectoryList("users");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  // The last member removed here, so that Undo can put them back.
  const [removed, setRemoved] = useState<{ userId: string; name: string } | null>(null);
  const byId = useMemo(() => new Map((users ?? []).map((u) => [u.serverId, u])), [users]);
  const memberIds = useMemo(() => new Set((members ?? []).map((m) => m.fields.userId)), [members]);
  const canEdit = readOnlyReason === null;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(toCommandError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const nameOf = (userId: string) => byId.get(userId)?.name ?? userId;

  async function add(user: DirectoryItem) {
    setRemoved(null);
    await run(() => call("add_group_member", { groupId, userId: user.serverId }));
  }

  async function remove(userId: string) {
    const done = await run(() => call("remove_group_member", { groupId, userId }));
    setRemoved(done ? { userId, name: nameOf(userId) } : null);
  }

  async function undo() {
    if (!removed) return;
    const done = await run(() => call("add_group_member", { groupId, userId: removed.userId }));
    if (done) setRemoved(null);
  }

  return (
    <section className="group-members" aria-labelledby="group-members-title">
      <h3 id="group-members-title">Members{members ? ` (${members.length})` : ""}</h3>
      {membersError && (
        <p className="form-error small" role="alert">
          {membersError.message}
        </p>
      )}
      {members && members.length === 0 && <p className="muted small">Nobody is in this group yet.</p>}
      {members && members.length > 0 && (
        <ul className="plain-list member-list" aria-label={`Members of ${groupName}`}>
          {members.map((m) => {
            const user = byId.get(m.fields.userId);
            return (
              <li key={m.localId}>
                <span className="member">
                  <span className="member-name">
                    {user ? user.name : <span title={m.fields.userId}>A user not in this computer's directory yet</span>}
                    <SyncBadge mark={markOf(marks, m)} explain />
                  </span>
                  {user?.email && <span className="muted small truncate">{user.email}</span>}
                </span>
                <button
                  type="button"
                  className="link small danger-text"
                  disabled={busy || !canEdit}
                  title={readOnlyReason ?? undefined}
                  aria-describedby={canEdit ? undefined : READ_ONLY_NOTE_ID}
                  aria-label={`Remove ${user?.name ?? m.fields.userId} from ${groupName}`}
                  onClick={() => void remove(m.fields.userId)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {removed && (
        <p className="undo-note small" role="status">
          Removed {removed.name} from {groupName}.{" "}
          <button type="button" className="link small" onClick={() => void undo()} disabled={busy}>
            Undo
          </button>
        </p>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
      <MemberPicker
        users={users}
        memberIds={memberIds}
        onPick={(u) => void add(u)}
        // Not off while a change is saved: the focus stays in the search for the next one.
        disabled={!canEdit}
        describedBy={canEdit ? undefined : READ_ONLY_NOTE_ID}
      />
    </section>
  );
}
